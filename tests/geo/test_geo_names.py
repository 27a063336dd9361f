"""geo.names: units, standard English names, exonyms and aliases from the index."""

from __future__ import annotations

from collections import Counter

import pytest

from geo.names import (
    admin_units,
    plain,
    prefecture_units,
    province_units,
    romanise,
    split_prefecture_name,
    units_by_adcode,
)

STANDARD_PROVINCES = {
    "110000": "Beijing", "120000": "Tianjin", "130000": "Hebei", "140000": "Shanxi",
    "150000": "Inner Mongolia", "210000": "Liaoning", "220000": "Jilin", "230000": "Heilongjiang",
    "310000": "Shanghai", "320000": "Jiangsu", "330000": "Zhejiang", "340000": "Anhui",
    "350000": "Fujian", "360000": "Jiangxi", "370000": "Shandong", "410000": "Henan",
    "420000": "Hubei", "430000": "Hunan", "440000": "Guangdong", "450000": "Guangxi",
    "460000": "Hainan", "500000": "Chongqing", "510000": "Sichuan", "520000": "Guizhou",
    "530000": "Yunnan", "540000": "Tibet", "610000": "Shaanxi", "620000": "Gansu",
    "630000": "Qinghai", "640000": "Ningxia", "650000": "Xinjiang", "710000": "Taiwan",
    "810000": "Hong Kong", "820000": "Macao",
}


def test_province_english_names_are_standard() -> None:
    got = {u.adcode: u.name_en for u in province_units()}
    assert got == STANDARD_PROVINCES
    assert all(u.parent_adcode is None and u.level == "province" for u in province_units())


@pytest.mark.parametrize(
    ("adcode", "alias"),
    [
        ("540000", "Xizang"), ("540000", "Tibet Autonomous Region"), ("540000", "西藏"),
        ("150000", "Nei Mongol"), ("150000", "Inner Mongolia Autonomous Region"), ("150000", "内蒙古自治区"),
        ("450000", "Guangxi Zhuang Autonomous Region"), ("640000", "Ningxia Hui Autonomous Region"),
        ("650000", "Xinjiang Uygur Autonomous Region"), ("650000", "Xinjiang Uyghur Autonomous Region"),
        ("810000", "Hong Kong SAR"), ("820000", "Macau"), ("620000", "Gansu Province"),
        ("610000", "陕西省"), ("610000", "陕西"),
    ],
)
def test_province_aliases(adcode: str, alias: str) -> None:
    assert alias in units_by_adcode()[adcode].aliases


@pytest.mark.parametrize(
    ("adcode", "name_en", "alias"),
    [
        ("150700", "Hulunbuir", "呼伦贝尔"), ("650100", "Ürümqi", "Urumqi"), ("653100", "Kashgar", "Kashi"),
        ("540100", "Lhasa", "拉萨市"), ("540200", "Shigatse", "Xigaze"), ("540400", "Nyingchi", "Linzhi"),
        ("152200", "Hinggan", "Hinggan League"), ("152500", "Xilingol", "锡林郭勒盟"),
        ("150600", "Ordos", "鄂尔多斯"), ("152900", "Alxa", "Alashan"), ("654000", "Ili", "Yili"),
        ("540500", "Shannan", "Lhoka"), ("513300", "Garzê", "Garze"), ("513200", "Ngawa", "Aba"),
        ("222400", "Yanbian", "Yanbian Korean Autonomous Prefecture"), ("610100", "Xi'an", "Xian"),
        ("610600", "Yan'an", "Yanan"), ("341500", "Lu'an", "Luan"), ("511800", "Ya'an", "Yaan"),
        ("320800", "Huai'an", "Huaian"), ("360800", "Ji'an", "Jian"), ("370900", "Tai'an", "Taian"),
        ("230100", "Harbin", "哈尔滨"), ("230200", "Qiqihar", "Qiqihaer"), ("150100", "Hohhot", "呼和浩特市"),
        ("140400", "Changzhi", "长治"), ("411100", "Luohe", "漯河市"),
        ("532800", "Xishuangbanna", "西双版纳"),
        ("440300", "Shenzhen", "深圳市"), ("141100", "Lüliang", "Luliang"),
    ],
)
def test_prefecture_names_and_exonyms(adcode: str, name_en: str, alias: str) -> None:
    unit = units_by_adcode()[adcode]
    assert unit.level == "prefecture"
    assert unit.name_en == name_en
    assert alias in unit.aliases


def test_prefectures_belong_to_provinces() -> None:
    provinces = {u.adcode for u in province_units()}
    prefs = prefecture_units()
    assert len(provinces) == 34
    # 370 prefecture rows in the index; Chongqing, Taiwan, Hong Kong, Macao point at the province file
    assert len(prefs) == 366
    assert all(u.parent_adcode in provinces for u in prefs)
    assert all(u.adcode[:2] == u.parent_adcode[:2] for u in prefs)
    assert len({u.adcode for u in admin_units()}) == len(admin_units())
    assert [u.adcode for u in prefecture_units("650000")][:2] == ["650100", "650200"]


def test_no_prefecture_answers_to_a_province_name() -> None:
    province_forms = {f.casefold() for u in province_units() for f in (u.name_en, *u.aliases)}
    clashes = [
        (u.adcode, f) for u in prefecture_units() if u.parent_adcode not in {"110000", "120000", "310000"}
        for f in (u.name_en, *u.aliases) if f.casefold() in province_forms
    ]
    assert clashes == []
    assert units_by_adcode()["220200"].name_en == "Jilin City"
    assert "Hainan" not in units_by_adcode()["632500"].aliases


def test_aliases_are_unique_except_known_homophones() -> None:
    counts = Counter(f.casefold() for u in admin_units() for f in (u.name_en, *u.aliases))
    repeated = {f for f, n in counts.items() if n > 1}
    # the municipalities' prefecture rows repeat the municipality; the rest are real homophones
    assert repeated <= {
        "beijing", "tianjin", "shanghai", "yichun", "yichun city", "suzhou", "suzhou city",
        "taizhou", "taizhou city", "fuzhou", "fuzhou city", "yulin", "yulin city",
    }


def test_name_en_is_never_repeated_as_alias() -> None:
    assert all(u.name_en not in u.aliases and "" not in u.aliases for u in admin_units())


def test_romanise_and_split() -> None:
    assert romanise("西安") == "Xi'an"
    assert romanise("吕梁") == "Lüliang"
    assert plain("Ürümqi") == "Urumqi"
    ap = "Autonomous Prefecture"
    assert split_prefecture_name("延边朝鲜族自治州") == ("延边", ("Korean",), ap)
    assert split_prefecture_name("黔西南布依族苗族自治州") == ("黔西南", ("Bouyei", "Miao"), ap)
    assert split_prefecture_name("克孜勒苏柯尔克孜自治州") == ("克孜勒苏", ("Kirgiz",), ap)
    assert split_prefecture_name("阿里地区") == ("阿里", (), "Prefecture")
    assert split_prefecture_name("兴安盟") == ("兴安", (), "League")


def test_admin_units_returns_a_fresh_list_of_frozen_units() -> None:
    first = admin_units()
    first.clear()
    assert len(admin_units()) == 400
    with pytest.raises(AttributeError):
        admin_units()[0].name_en = "x"  # type: ignore[misc]
