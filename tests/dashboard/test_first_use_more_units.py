"""Issue 13, remaining items, without a browser: the CSV with a province open is its prefectures, file
names say the view, the map's caption and strategy classes, and why a strategy is in a profile."""

from __future__ import annotations

import io

import pandas as pd
from dash import no_update

from callbacks.export import export_payload
from callbacks.shell import map_caption
from layouts.ids import Charts
from views.export_province import PREFECTURE_COLUMNS, prefecture_view_table, view_file_stem
from views.map import map_patch_props, national_figure
from views.panel_why import why_listed
from views.state import ViewState, to_query


def test_csv_with_a_province_open_is_its_prefectures() -> None:
    state = ViewState(province="650000", region="west", strategies=("western-development",))
    sent, status = export_payload(Charts.EXPORT_CSV, to_query(state), "prefecture")
    assert status == "" and sent is not no_update
    table = pd.read_csv(io.StringIO(sent["content"]), dtype={"adcode": str, "province_adcode": str})
    assert list(table.columns) == list(PREFECTURE_COLUMNS)
    assert len(table) == 24 and set(table["province_adcode"]) == {"650000"}  # not the 34 provinces
    urumqi = table.set_index("adcode").loc["650100"]
    assert urumqi["name_en"] == "Ürümqi"
    assert "china-europe-railway-express" in urumqi["strategies"].split(";")
    assert "western-symposium-2024" in urumqi["strategy_source_ids"].split(";")
    assert urumqi["population_census_2020"] == 4054369 and "Seventh National Population Census" in \
        urumqi["population_census_2020_source"]
    assert bool(urumqi["in_selected_strategies"]) is True
    # the file name says the view: prefectures, indicator, year, region, strategies, province
    assert sent["filename"].startswith("china-atlas_prefectures_gdp_")
    assert "_west_" in sent["filename"] and "western-development" in sent["filename"]
    assert sent["filename"].endswith("_650000.csv")


def test_national_csv_and_file_names_without_a_province() -> None:
    state = ViewState(region="east")
    sent, _ = export_payload(Charts.EXPORT_CSV, to_query(state), "map")
    assert len(pd.read_csv(io.StringIO(sent["content"]))) == 34
    assert sent["filename"].startswith("china-atlas_map_gdp_") and "_east" in sent["filename"]
    assert view_file_stem("map", ViewState(lang="zh")).endswith("_zh")
    assert prefecture_view_table(ViewState()).empty


def test_caption_follows_profile_strategies_and_membership() -> None:
    assert map_caption(ViewState()) == "Click a province to open its profile."
    opened = map_caption(ViewState(province="650000"))
    assert "Click a province to open" not in opened and "Xinjiang" in opened
    assert "新疆" in map_caption(ViewState(province="650000", lang="zh"))
    assert map_caption(ViewState(strategies=("western-development",))).startswith("12 of 34 provinces")
    assert "none is chosen yet" in map_caption(ViewState(indicator="membership"))


def test_provinces_outside_the_strategies_are_a_grey_legend_class() -> None:
    props = map_patch_props(ViewState(strategies=("western-development",)))
    assert props["colorbar"]["ticktext"][-1] == "In none of the chosen strategies"
    assert props["selectedpoints"] is None  # nothing faded: grey instead
    k = len(props["colorbar"]["ticktext"])
    assert props["colorscale"][-1][1] == "#F1F1F1" and props["zmax"] == k - 0.5
    assert sum(1 for z in props["z"] if z == k - 1) == 34 - 12
    plain = map_patch_props(ViewState())
    assert "In none of the chosen strategies" not in plain["colorbar"]["ticktext"]
    fig = national_figure(ViewState(strategies=("western-development",), region="west"))
    assert fig.data[0].colorbar.ticktext[-1] == "In none of the chosen strategies"
    assert len(fig.data[0].selectedpoints) == 12  # the region still fades the others


def test_why_a_strategy_whose_quote_does_not_name_the_province_is_listed() -> None:
    from views.panel import province_strategies

    rows = province_strategies("650000").set_index("strategy_id")
    railway = rows.loc["china-europe-railway-express"]
    why = why_listed("china-europe-railway-express", str(railway["quote"]), "650000", str(railway["via"]),
                     str(railway["member_adcodes"]))
    assert why and "NDRC" in why
    energy = rows.loc["xinjiang-energy-bases"]
    assert why_listed("xinjiang-energy-bases", str(energy["quote"]), "650000", str(energy["via"]),
                      str(energy["member_adcodes"])) is None
