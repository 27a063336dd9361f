"""The ambiguous names and region words of issue 4, each as its own test."""

from __future__ import annotations

import pytest

from data.extract import Mention, extract_text


def _of(text: str, types: tuple[str, ...] | None = None) -> list[Mention]:
    return [m for m in extract_text(text, "t") if types is None or m.type in types]


def _places(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.type, m.id) for m in _of(text, ("province", "prefecture", "place", "country"))]


def _regions(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in _of(text, ("macro_region",))]


# --- Jilin: the province vs Jilin City ------------------------------------------------------------

def test_jilin_alone_is_the_province() -> None:
    assert _places("Jilin ranked first among the provinces.") == [("Jilin", "province", "220000")]


def test_jilin_province_is_the_province() -> None:
    assert _places("Jilin province is a national grain base.") == [("Jilin province", "province", "220000")]


def test_jilin_city_is_the_prefecture() -> None:
    assert _places("The rime scenery in Jilin City, Jilin Province.") == [
        ("Jilin City", "prefecture", "220200"), ("Jilin Province", "province", "220000"),
    ]


def test_the_city_of_jilin_is_the_prefecture() -> None:
    assert _places("Floods reached the city of Jilin last week.") == [("Jilin", "prefecture", "220200")]


def test_jilin_hyphenated_with_a_city_is_the_prefecture() -> None:
    found = _places("the Changchun-Jilin-Tumenjiang pilot zone")
    assert ("Jilin", "prefecture", "220200") in found
    assert ("Changchun", "prefecture", "220100") in found


def test_jilin_hyphenated_with_a_province_stays_the_province() -> None:
    assert ("Jilin", "province", "220000") in _places("the Jilin-Heilongjiang border")


def test_jilin_in_chinese() -> None:
    assert _places("吉林市和吉林省") == [("吉林市", "prefecture", "220200"), ("吉林省", "province", "220000")]


# --- "central" as a word vs the central region ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "The CPC Central Committee and the central government met.",
    "Jilin is located in the central part of Northeast China.",
    "Chairman of the Central Military Commission.",
    "It connects China with Central Asia.",
    "the pivotal role of the region as a central corridor",
])
def test_central_as_an_ordinary_word_is_no_region(text: str) -> None:
    assert ("central" not in {r for _, r in _regions(text)})


@pytest.mark.parametrize("text,span", [
    ("Xi called for efforts to energize the central region.", "central region"),
    ("Changsha, Central China's Hunan province", "Central China"),
    ("urban clusters in the central provinces", "central provinces"),
    ("the rise of the Central Region", "Central Region"),
])
def test_central_region_words_are_the_central_region(text: str, span: str) -> None:
    assert (span, "central") in _regions(text)


def test_region_enumeration_gives_each_region() -> None:
    text = "between the eastern, central, western, and northeastern regions"
    assert _regions(text) == [("eastern", "east"), ("central", "central"), ("western", "west"),
                              ("northeastern regions", "northeast")]


# --- Jilong port (Gyirong, Tibet) vs Keelung (Taiwan) -------------------------------------------

def test_jilong_in_the_ports_list_is_the_tibetan_port() -> None:
    ms = _of("Upgrade Jilong, Zhangmu, Mohan and Horgos ports.", ("infrastructure", "place"))
    jilong = next(m for m in ms if m.text == "Jilong")
    if jilong.type == "infrastructure":
        assert jilong.id == "port-jilong" and jilong.province == "540000"
    else:  # without the catalog the name still resolves to Gyirong county in Tibet
        assert (jilong.type, jilong.id) == ("place", "540234")


def test_jilong_with_taiwan_is_keelung() -> None:
    ms = _of("Jilong, a port city in northern Taiwan, handles container traffic.")
    jilong = next(m for m in ms if m.text == "Jilong")
    assert (jilong.type, jilong.id, jilong.name, jilong.province) == ("place", "TW-KEE", "Keelung", "710000")


def test_keelung_is_keelung() -> None:
    assert ("Keelung", "place", "TW-KEE") in _places("Ships left Keelung for Fujian.")


def test_jilong_alone_is_gyirong() -> None:
    assert _places("Jilong lies on the road to Nepal.") == [
        ("Jilong", "place", "540234"), ("Nepal", "country", "NPL"),
    ]


# --- Dongxing in Guangxi vs elsewhere -------------------------------------------------------------

def test_dongxing_alone_is_the_guangxi_border_city() -> None:
    assert _places("Trade through Dongxing grew.") == [("Dongxing", "place", "450681")]


def test_dongxing_with_guangxi_is_the_border_city() -> None:
    assert ("Dongxing", "place", "450681") in _places("Dongxing in Guangxi faces Vietnam.")


def test_dongxing_with_sichuan_is_the_neijiang_district() -> None:
    found = _places("Dongxing, a district of Neijiang in Sichuan, opened a park.")
    assert ("Dongxing", "place", "511011") in found


def test_dongxing_district_is_the_neijiang_district() -> None:
    assert ("Dongxing District", "place", "511011") in _places("Dongxing District of Neijiang")


def test_dongxing_in_the_border_towns_list_is_the_box12_town() -> None:
    text = "- Improve the functions of border cities and towns;\n- Focus on Manzhouli, Dongxing, and Tacheng."
    ms = {m.text: m for m in _of(text, ("infrastructure", "place", "prefecture"))}
    d = ms["Dongxing"]
    # with the catalog it is the Box 12 town; the province is Guangxi either way
    assert d.province == "450000"
    assert (d.type, d.id) in {("infrastructure", "town-dongxing"), ("place", "450681")}


# --- Hainan ---------------------------------------------------------------------------------------

def test_hainan_alone_is_the_province() -> None:
    assert _places("Hainan is building a free trade port.") == [("Hainan", "province", "460000")]


def test_hainan_with_qinghai_mentioned_elsewhere_stays_the_province() -> None:
    found = _places("Hainan and Qinghai signed an agreement.")
    assert ("Hainan", "province", "460000") in found


def test_hainan_prefecture_of_qinghai() -> None:
    assert ("Hainan", "prefecture", "632500") in _places("Herders in Hainan, Qinghai, moved their flocks.")
    assert ("Hainan Prefecture", "prefecture", "632500") in _places("Gonghe county in Hainan Prefecture")


def test_qinghais_hainan() -> None:
    assert ("Hainan", "prefecture", "632500") in _places("Qinghai's Hainan saw record solar installations.")


# --- region words ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,region", [
    ("development in the western region", "western region", "west"),
    ("China's western regions are sprawling", "western regions", "west"),
    ("the full revitalization of northeast China", "northeast China", "northeast"),
    ("Northeast China is an important gateway", "Northeast China", "northeast"),
    ("revitalize the northeast, and spur", "the northeast", "northeast"),
    ("the revitalization of the country's northeast region", "northeast region", "northeast"),
    ("ties with the eastern coastal areas", "eastern coastal areas", "east"),
    ("coastal areas in east China", "east China", "east"),
    ("the three northeastern provinces", "northeastern provinces", "northeast"),
    ("西部大开发和东北地区", "东北地区", "northeast"),
])
def test_region_words(text: str, span: str, region: str) -> None:
    assert (span, region) in _regions(text)


@pytest.mark.parametrize("text", [
    "the northeast tiger and northeast leopard",
    "regional cooperation in northeast Asia",
    "western Liaoning pear and southern Liaoning apple",
    "cooperation between the northwestern and southwestern regions",
])
def test_not_region_words(text: str) -> None:
    assert _regions(text) == []


def test_region_word_as_locator_names_no_strategy() -> None:
    ms = _of("a scenic spot in Jilin City, Northeast China's Jilin Province")
    assert ("Northeast China", "northeast") in [(m.text, m.id) for m in ms if m.type == "macro_region"]
    assert not [m for m in ms if m.type == "strategy"]


# --- compound names give the strategy and its places ------------------------------------------

@pytest.mark.parametrize("text,places", [
    ("Beijing-Tianjin-Hebei region", ["110000", "120000", "130000"]),
    ("the Chengdu-Chongqing Economic Belt", ["510100", "500000"]),
    ("the metropolitan areas of Changsha-Zhuzhou-Xiangtan", ["430100", "430200", "430300"]),
    ("Guangdong-Hong Kong-Macao Greater Bay Area", ["440000", "810000", "820000"]),
])
def test_compound_names_give_their_places(text: str, places: list[str]) -> None:
    assert [id_ for _, _, id_ in _places(text)] == places


def test_places_inside_a_facility_name_are_not_mentions() -> None:
    ms = _of("- Construct Ji'an-Huanren, Hunchun-Quanhe, and other highways.")
    infra = [m.id for m in ms if m.type == "infrastructure"]
    assert infra, "the catalog's Box 12 highways were not found"  # two highways and no separate places
    assert infra == ["hwy-jian-huanren", "hwy-hunchun-quanhe"]
    assert not [m for m in ms if m.type in ("province", "prefecture", "place")]


def test_natural_features_are_not_units() -> None:
    assert _places("The Greater and Lesser Hinggan Mountains are its major forest area.") == []
    assert _places("the Tumen River estuary") == []


# --- forms documents use --------------------------------------------------------------------------

@pytest.mark.parametrize("text,id_", [
    ("Xizang", "540000"), ("Tibet", "540000"), ("Tibet Autonomous Region", "540000"), ("西藏", "540000"),
    ("Inner Mongolia Autonomous Region", "150000"), ("Nei Mongol", "150000"),
    ("Guangxi Zhuang Autonomous Region", "450000"), ("Xinjiang Uygur Autonomous Region", "650000"),
    ("Ningxia Hui Autonomous Region", "640000"), ("Macau", "820000"), ("Hong Kong SAR", "810000"),
    ("Hulun Buir", "150700"), ("Hinggan League", "152200"), ("Qiqihaer", "230200"), ("Urumqi", "650100"),
    ("Ili Kazak Autonomous Prefecture", "654000"), ("Yining county", "654021"), ("Cocodala", "659008"),
])
def test_name_forms(text: str, id_: str) -> None:
    found = _places(f"They visited {text} last year.")
    assert [(t, i) for t, _, i in found] == [(text, id_)]


@pytest.mark.parametrize("form", ["Xiong'an New Area", "Xiongan New Area", "Xiong’an New Area", "Xiong’an"])
def test_xiongan_forms(form: str) -> None:
    ms = _of(f"Projects moved to {form} in 2023.", ("strategy",))
    assert ms, f"{form!r}: the catalog's strategy was not found"
    assert [(m.text, m.id) for m in ms] == [(form, "xiongan")]


@pytest.mark.parametrize("form,sid", [
    ("Yangtze Economic Belt", "yangtze-river-economic-belt"),
    ("Yangtze River Economic Belt", "yangtze-river-economic-belt"),
    ("Greater Bay Area", "greater-bay-area"),
    ("Yellow River basin", "yellow-river-basin"),
    ("Yellow River Basin", "yellow-river-basin"),
])
def test_strategy_forms(form: str, sid: str) -> None:
    ms = _of(f"Investment in the {form} rose.", ("strategy",))
    assert ms, f"{form!r}: the catalog's strategy was not found"
    assert [(m.text, m.id) for m in ms] == [(form, sid)]


def test_countries() -> None:
    found = _places("It borders Russia, the DPRK, the Democratic People's Republic of Korea and Mongolia.")
    assert [i for _, _, i in found] == ["RUS", "PRK", "PRK", "MNG"]
    assert _places("the U.S. State Department and Austria") == [
        ("U.S.", "country", "USA"), ("Austria", "country", "AUT"),
    ]
    assert _places("Inner Mongolia and Mongolia") == [("Inner Mongolia", "province", "150000"),
                                                       ("Mongolia", "country", "MNG")]


def test_words_inside_words_are_not_names() -> None:
    assert _places("Tibetan culture, Chinese modernization and an Indiana farm") == []


def test_homophone_prefectures_need_context() -> None:
    assert _places("Taizhou announced a plan.") == []  # Taizhou (Jiangsu) or Taizhou (Zhejiang)?
    assert ("Taizhou", "prefecture", "331000") in _places("Taizhou in Zhejiang announced a plan.")
    assert ("Taizhou", "prefecture", "321200") in _places("Taizhou, Jiangsu province, announced a plan.")


def test_homophones_take_the_nearest_named_province() -> None:
    found = _places("Xi visited Fuzhou, Fujian Province, and Yichun in Jiangxi.")
    assert ("Fuzhou", "prefecture", "350100") in found and ("Yichun", "prefecture", "360900") in found
    found = _places("Yichun in Heilongjiang and Fuzhou in Jiangxi.")
    assert ("Yichun", "prefecture", "230700") in found and ("Fuzhou", "prefecture", "361000") in found


def test_hetao_alone_is_not_the_shenzhen_hong_kong_zone() -> None:
    ms = _of("The Hetao Irrigation District in Bayannur draws water from the Yellow River.", ("strategy",))
    assert not [m for m in ms if m.id == "hetao-pivot"]
