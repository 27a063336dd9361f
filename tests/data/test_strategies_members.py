"""Membership of the strategies against their official definitions (see membership_basis)."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pandas as pd
import pytest

from config import CATALOG_DIR
from geo.names import units_by_adcode

REQUIRED = [
    "beijing-tianjin-hebei",
    "xiongan",
    "yangtze-river-economic-belt",
    "greater-bay-area",
    "hetao-pivot",
    "hengqin-pivot",
    "guangzhou-shenzhen-hong-kong-corridor",
    "guangzhou-zhuhai-macao-corridor",
    "yangtze-river-delta",
    "g60-corridor",
    "shanghai-nanjing-innovation-belt",
    "yellow-river-basin",
    "sanjiangyuan",
    "gannan",
    "zoige",
    "loess-plateau",
    "yellow-river-delta-wetlands",
    "chengdu-chongqing",
    "guanzhong-plains-city-cluster",
    "middle-yangtze-city-cluster",
    "wuhan-metropolitan-area",
    "changsha-zhuzhou-xiangtan",
    "huai-river-eco-economic-belt",
    "han-river-eco-economic-belt",
    "liaoning-coastal-zone",
    "changchun-jilin-tumenjiang",
    "harbin-russia-cooperation",
    "shenzhen-pilot-demonstration",
    "pudong-leading-area",
    "zhejiang-common-prosperity",
    "shandong-new-growth-drivers",
    "old-revolutionary-base-areas",
    "central-soviet-area",
    "shaanxi-gansu-ningxia-border-region",
    "dabie-mountains",
    "zuo-you-rivers",
    "sichuan-shaanxi-base-area",
    "yimeng-mountains",
    "bijie-pilot-area",
    "border-areas",
    "xinjiang-energy-bases",
    "xinjiang-energy-corridor",
    "tibet-south-asia-channel",
    "west-of-400mm-line",
    "western-land-sea-corridor",
    "china-europe-railway-express",
    "new-eurasian-land-bridge",
    "western-development",
    "northeast-revitalization",
    "rise-of-central-region",
    "eastern-modernization",
    "beijing-guangzhou-railway-industrial-clusters",
    "lanzhou-lianyungang-railway-industrial-clusters",
    "beijing-kowloon-railway-industrial-clusters",
    "winter-tourist-belt",
    "northern-border-ecological-barriers",
    "chongqing-pilot-free-trade-zone",
    "chongqing-international-logistics-hub-park",
    "pilot-free-trade-zones",
    "belt-and-road",
]

YREB = set(
    [
        "310000",
        "320000",
        "330000",
        "340000",
        "360000",
        "420000",
        "430000",
        "500000",
        "510000",
        "520000",
        "530000",
    ]
)
YELLOW_RIVER = {"630000", "510000", "620000", "640000", "150000", "140000", "610000", "410000", "370000"}
LAND_BORDER = {"210000", "220000", "230000", "150000", "620000", "650000", "540000", "530000", "450000"}
WEST = {
    "500000",
    "510000",
    "520000",
    "530000",
    "540000",
    "610000",
    "620000",
    "630000",
    "640000",
    "650000",
    "150000",
    "450000",
}
CENTRAL = {"140000", "340000", "360000", "410000", "420000", "430000"}


@cache
def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    read = lambda n: pd.read_csv(CATALOG_DIR / n, dtype=str, keep_default_na=False)  # noqa: E731
    return read("strategies.csv"), read("strategy_members.csv")


def codes(strategy_id: str) -> set[str]:
    frame = _frames()[1]
    return set(frame.loc[frame["strategy_id"] == strategy_id, "adcode"])


def parents(strategy_id: str) -> Counter[str]:
    units = units_by_adcode()
    return Counter(units[c].parent_adcode or c for c in codes(strategy_id))


def parent_of(strategy_id: str) -> str:
    frame = _frames()[0]
    return frame.loc[frame["strategy_id"] == strategy_id, "parent_id"].item()


@pytest.mark.parametrize("strategy_id", REQUIRED)
def test_required_strategy_present(strategy_id: str) -> None:
    assert strategy_id in set(_frames()[0]["strategy_id"])


def test_greater_bay_area_is_nine_guangdong_cities_hong_kong_and_macao() -> None:
    units = units_by_adcode()
    members = codes("greater-bay-area")
    guangdong = {c for c in members if units[c].parent_adcode == "440000"}
    assert len(guangdong) == 9
    assert members - guangdong == {"810000", "820000"}


def test_yangtze_river_economic_belt_is_eleven_provinces() -> None:
    assert codes("yangtze-river-economic-belt") == YREB


def test_yellow_river_basin_is_nine_provinces() -> None:
    assert codes("yellow-river-basin") == YELLOW_RIVER


def test_yangtze_river_delta_is_four_provinces() -> None:
    assert codes("yangtze-river-delta") == {"310000", "320000", "330000", "340000"}


def test_beijing_tianjin_hebei() -> None:
    assert codes("beijing-tianjin-hebei") == {"110000", "120000", "130000"}


def test_point_like_strategies_map_to_their_containing_units() -> None:
    assert codes("xiongan") == {"130600"}  # Baoding
    assert codes("hetao-pivot") == {"440300", "810000"}
    assert codes("hengqin-pivot") == {"440400", "820000"}
    assert codes("pudong-leading-area") == {"310000"}
    assert codes("shenzhen-pilot-demonstration") == {"440300"}
    assert codes("bijie-pilot-area") == {"520500"}
    assert codes("harbin-russia-cooperation") == {"230100"}


def test_children_lie_within_their_parent_strategy() -> None:
    # A child's provinces must be provinces of its parent (where both have members).
    units = units_by_adcode()
    province = lambda c: units[c].parent_adcode or c  # noqa: E731
    for child in (
        "xiongan",
        "hetao-pivot",
        "hengqin-pivot",
        "guangzhou-shenzhen-hong-kong-corridor",
        "guangzhou-zhuhai-macao-corridor",
        "g60-corridor",
        "shanghai-nanjing-innovation-belt",
        "sanjiangyuan",
        "gannan",
        "zoige",
        "loess-plateau",
        "yellow-river-delta-wetlands",
        "wuhan-metropolitan-area",
        "changsha-zhuzhou-xiangtan",
    ):
        parent = parent_of(child)
        parent_codes = codes(parent)
        parent_provinces = {province(c) for c in parent_codes}
        for code in codes(child):
            inside = code in parent_codes or province(code) in parent_provinces
            assert inside, f"{child}: {code} outside {parent}"


def test_metropolitan_areas_lie_in_the_middle_yangtze_cluster() -> None:
    cluster = codes("middle-yangtze-city-cluster")
    assert codes("wuhan-metropolitan-area") <= cluster
    assert codes("changsha-zhuzhou-xiangtan") <= cluster


def test_middle_yangtze_city_cluster_counts() -> None:
    assert parents("middle-yangtze-city-cluster") == Counter({"420000": 13, "430000": 8, "360000": 10})


def test_chengdu_chongqing_is_chongqing_and_fifteen_sichuan_cities() -> None:
    assert parents("chengdu-chongqing") == Counter({"510000": 15, "500000": 1})


def test_liaoning_coastal_zone_is_six_liaoning_cities() -> None:
    assert parents("liaoning-coastal-zone") == Counter({"210000": 6})


def test_changchun_jilin_tumen_is_in_jilin() -> None:
    assert codes("changchun-jilin-tumenjiang") == {"220100", "220200", "222400"}


def test_huai_river_belt_counts() -> None:
    # 25 whole prefecture-level cities plus prefectures contributing single counties.
    assert parents("huai-river-eco-economic-belt") == Counter(
        {"320000": 7, "370000": 4, "340000": 8, "410000": 7, "420000": 2}
    )


def test_guanzhong_plains_cluster_spans_three_provinces() -> None:
    assert set(parents("guanzhong-plains-city-cluster")) == {"610000", "140000", "620000"}


def test_g60_corridor_nine_cities() -> None:
    assert len(codes("g60-corridor")) == 9


def test_border_areas_are_the_nine_land_border_provinces() -> None:
    assert codes("border-areas") == LAND_BORDER


def test_macro_regions() -> None:
    assert codes("western-development") == WEST
    assert codes("rise-of-central-region") == CENTRAL
    assert len(codes("eastern-modernization")) == 10
    northeast = codes("northeast-revitalization")
    assert {"210000", "220000", "230000"} <= northeast
    assert northeast - {"210000", "220000", "230000"} == {"150700", "152200", "150500", "150400", "152500"}
    # The four macro-regions do not overlap at province level (eastern Inner Mongolia is in the northeast
    # as prefectures, the province belongs to the west).
    eastern = codes("eastern-modernization")
    assert not (WEST & CENTRAL or WEST & eastern or CENTRAL & eastern or eastern & northeast)


def test_central_soviet_area_provinces() -> None:
    assert codes("central-soviet-area") == {"360000", "350000", "440000"}


def test_old_revolutionary_base_areas_have_named_children() -> None:
    frame = _frames()[0]
    children = set(frame.loc[frame["parent_id"] == "old-revolutionary-base-areas", "strategy_id"])
    assert children == {
        "central-soviet-area",
        "shaanxi-gansu-ningxia-border-region",
        "dabie-mountains",
        "zuo-you-rivers",
        "sichuan-shaanxi-base-area",
        "yimeng-mountains",
    }
    assert all(codes(c) for c in children)
