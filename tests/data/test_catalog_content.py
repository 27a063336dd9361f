"""The real catalog: quotes verbatim, adcodes real, macro-regions complete, events placed and dated."""

from __future__ import annotations

import pandas as pd
import pytest

from config import CATALOG_DIR
from data.catalog import load_catalog, macro_region_of, strategies_for
from data.schema import validate_catalog
from data.sources import quote_in_source
from geo.names import province_units, units_by_adcode

NOT_MAINLAND = {"710000", "810000", "820000"}
EASTERN_INNER_MONGOLIA = {"150700", "152200", "150500", "150400", "152500"}
CATALOG_FILES = sorted(p.name for p in CATALOG_DIR.glob("*.csv"))


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(CATALOG_DIR / name, dtype=str, keep_default_na=False)


def test_catalog_is_valid_and_loads() -> None:
    issues = validate_catalog()
    assert issues == [], "\n".join(map(str, issues))
    cat = load_catalog()
    assert load_catalog() is cat  # cached


@pytest.mark.parametrize("name", CATALOG_FILES)
def test_every_quote_is_in_its_document(name: str) -> None:
    frame = _read(name)
    if "quote" not in frame.columns:
        pytest.fail(f"{name} has no quote column")
    missing = [
        (i + 2, row["source_id"], row["quote"][:60])
        for i, row in frame.iterrows()
        if not quote_in_source(row["source_id"], row["quote"])
    ]
    assert missing == []


@pytest.mark.parametrize("name", CATALOG_FILES)
def test_every_adcode_exists(name: str) -> None:
    units = units_by_adcode()
    frame = _read(name)
    columns = [c for c in frame.columns if c == "adcode" or c.endswith("_adcode")]
    unknown = [(i + 2, c, v) for c in columns for i, v in enumerate(frame[c]) if v and v not in units]
    assert unknown == []


def test_macro_regions_cover_the_31_mainland_provinces_once() -> None:
    regions = _read("macro_regions.csv")
    provinces = regions.loc[regions["level"] == "province"]
    mainland = {u.adcode for u in province_units()} - NOT_MAINLAND
    assert len(mainland) == 31
    assert sorted(provinces["adcode"]) == sorted(mainland)  # each exactly once, none of TW/HK/MO
    sizes = provinces.groupby("region_id").size().to_dict()
    assert sizes == {"east": 10, "central": 6, "west": 12, "northeast": 3}


def test_northeast_counts_eastern_inner_mongolia_at_prefecture_level() -> None:
    regions = _read("macro_regions.csv")
    prefectures = regions.loc[regions["level"] == "prefecture"]
    assert set(prefectures["adcode"]) == EASTERN_INNER_MONGOLIA
    assert set(prefectures["region_id"]) == {"northeast"}
    assert macro_region_of("150000") == "west"        # Inner Mongolia as a whole
    assert macro_region_of("150700") == "northeast"   # Hulunbuir
    assert macro_region_of("150200") == "west"        # Baotou: western Inner Mongolia
    assert macro_region_of("440300") == "east"        # Shenzhen, through Guangdong
    assert macro_region_of("810000") is None          # Hong Kong
    with pytest.raises(ValueError, match="999999"):
        macro_region_of("999999")


def test_central_and_west_memberships_are_named_in_their_quotes() -> None:
    regions = _read("macro_regions.csv")
    units = units_by_adcode()
    for _, row in regions.loc[regions["region_id"].isin(["central", "west", "northeast"])].iterrows():
        if row["level"] != "province":
            continue
        names = {units[row["adcode"]].name_en, *units[row["adcode"]].aliases}
        assert any(n in row["quote"] for n in names), (row["adcode"], row["quote"][:50])


def test_strategies_for_rolls_prefecture_members_up_to_the_province() -> None:
    cat = load_catalog()
    members = cat.strategy_members
    units = units_by_adcode()
    prefecture_rows = members.loc[members["level"] == "prefecture"]
    assert not prefecture_rows.empty
    sample = prefecture_rows.iloc[0]
    province = units[sample["adcode"]].parent_adcode
    table = strategies_for(province)
    row = table.loc[table["strategy_id"] == sample["strategy_id"]].iloc[0]
    assert sample["adcode"] in row["member_adcodes"].split(";")
    direct = members.loc[(members["adcode"] == province) & (members["strategy_id"] == sample["strategy_id"])]
    assert row["via"] == ("province" if len(direct) else "prefecture")
    for _, direct_row in members.loc[members["adcode"] == province].iterrows():
        assert direct_row["strategy_id"] in set(table["strategy_id"])


def test_at_least_five_events_with_sensible_dates() -> None:
    events = load_catalog().events
    assert len(events) >= 5
    assert set(events["kind"]) >= {"symposium", "meeting", "study_session", "inspection"}
    assert events["date"].between("2018-01-01", "2025-12-31").all()
    multi_day = events.dropna(subset=["end_date"])
    assert (multi_day["end_date"] >= multi_day["date"]).all()


def test_events_named_in_the_brief_are_present() -> None:
    events = load_catalog().events.set_index("event_id")
    expected = {
        "central-region-symposium-2024": ("2024-03-20", "430100"),
        "western-region-symposium-2024": ("2024-04-23", "500000"),
        "politburo-border-areas-study-session-2024": ("2024-12-09", "110000"),
        "northeast-revitalization-meeting-2023": ("2023-09-07", "230100"),
        "northeast-revitalization-symposium-2018": ("2018-09-28", "210100"),
    }
    for event_id, (date, adcode) in expected.items():
        assert events.loc[event_id, "date"] == pd.Timestamp(date)
        assert events.loc[event_id, "adcode"] == adcode


def test_claim_ids_unique_and_key_figures_recorded() -> None:
    claims = load_catalog().claims.set_index("claim_id")
    assert claims.index.is_unique
    assert len(claims) >= 60
    for claim_id, value, unit in [
        ("west-population", 382, "million persons"), ("west-area", 6.87, "million km2"),
        ("west-population-share", 27, "percent"), ("jilin-area", 187400, "km2"),
        ("jilin-population", 23476900, "persons"), ("liaoning-gdp-2023", 3, "trillion yuan"),
        ("northeast-grain-output-2023", 18495.9, "million tons"),
    ]:
        assert (claims.loc[claim_id, "value"], claims.loc[claim_id, "unit"]) == (value, unit)


def test_every_event_point_lies_in_its_province_and_prefecture() -> None:
    from geo.spatial import prefecture_at, province_at

    units = units_by_adcode()
    events = load_catalog().events
    located = events.dropna(subset=["lon", "lat"])
    assert len(located) == len(events)  # every event is placed on the map
    wrong = {}
    for row in located.itertuples():
        unit = units[row.adcode]
        province = row.adcode if unit.level == "province" else unit.parent_adcode
        found = province_at(row.lon, row.lat)
        if found != province:
            wrong[row.event_id] = (province, found)
        if unit.level == "prefecture" and prefecture_at(row.lon, row.lat) != row.adcode:
            wrong[row.event_id] = (row.adcode, prefecture_at(row.lon, row.lat))
        if unit.level == "province" and not row.coord_note:
            wrong[row.event_id] = "a province-wide event needs a coord_note saying where its point is"
    assert wrong == {}


@pytest.mark.parametrize("name", CATALOG_FILES)
def test_every_adcode_is_in_the_built_geometry(name: str) -> None:
    from geo.artifacts import prefecture_table, province_table

    built = set(province_table()["adcode"]) | set(prefecture_table()["adcode"])
    frame = _read(name)
    columns = [c for c in frame.columns if c == "adcode" or c.endswith("_adcode")]
    missing = [(i + 2, c, v) for c in columns for i, v in enumerate(frame[c]) if v and v not in built]
    assert missing == []
