"""Province × strategy membership matrix: which strategy covers which province, with the quote."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from data.vocab import REGIONS
from figures.chart_style import GRID, new_figure, style_chart, wrap
from figures.common import MUTED, NO_REGION_COLOR, REGION_COLORS, empty_figure, escape

PROVINCE_COLUMNS = ("adcode", "name", "region_id")
STRATEGY_COLUMNS = ("strategy_id", "name", "kind")
MEMBER_COLUMNS = ("strategy_id", "adcode", "coverage", "quote", "source_id")
CELL_PX = 19
LABEL_CHARS = 34  # longer strategy names are clipped on the axis (the hover has them in full)


def membership_matrix_figure(
    members: pd.DataFrame,
    *,
    provinces: pd.DataFrame,
    strategies: pd.DataFrame,
    region_labels: Mapping[str, str] | None = None,
    kind_labels: Mapping[str, str] | None = None,
    coverage_labels: Mapping[str, str] | None = None,
    selected_province: str | None = None,
    selected_strategies: Sequence[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No strategy memberships",
) -> go.Figure:
    """Build a marker grid: provinces as rows (grouped by region), strategies as columns (grouped by kind).

    Parameters
    ----------
    members : pandas.DataFrame
        One row per (strategy, province) with columns ``strategy_id``, ``adcode`` (the province),
        ``coverage`` (``"whole"`` or ``"part"``: the strategy names only some prefectures of it),
        ``quote`` and ``source_id``; an optional ``note`` column is shown on hover.
    provinces : pandas.DataFrame
        Row order, with columns ``adcode``, ``name`` (display) and ``region_id``; rows are grouped by
        region in east, central, west, northeast order, keeping the given order inside a region.
    strategies : pandas.DataFrame
        Column order, with columns ``strategy_id``, ``name`` (display) and ``kind``; grouped by kind in
        order of first appearance. Strategies that cover no province are left out.
    region_labels, kind_labels, coverage_labels : mapping, optional
        Display labels for region ids, strategy kinds and the two coverage values.
    selected_province : str or None
        Adcode whose row is shaded.
    selected_strategies : sequence of str
        Strategy ids whose columns are shaded.
    title, subtitle, source_note : str or None
        See :func:`figures.chart_style.style_chart`.
    empty_message : str
        Shown when no member row matches a known province and strategy.

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per (region, coverage), or an empty figure.
    """
    _require(members, MEMBER_COLUMNS, "members")
    _require(provinces, PROVINCE_COLUMNS, "provinces")
    _require(strategies, STRATEGY_COLUMNS, "strategies")
    rows = _order_rows(provinces)
    cols = _order_columns(strategies, set(members["strategy_id"]))
    cells = members.merge(rows[["adcode", "row", "name", "region_id"]], on="adcode")
    cells = cells.merge(cols[["strategy_id", "col", "name"]], on="strategy_id", suffixes=("", "_strategy"))
    if cells.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    rows = rows[rows["adcode"].isin(set(cells["adcode"])) | (rows["adcode"] == selected_province)]
    rows = rows.reset_index(drop=True).assign(row=lambda f: range(len(f)))
    cells = cells.drop(columns="row").merge(rows[["adcode", "row"]], on="adcode")
    region_labels = dict(region_labels or {})
    kind_labels = dict(kind_labels or {})
    coverage_labels = {"whole": "whole province", "part": "part of the province", **(coverage_labels or {})}

    fig = new_figure()
    # Shapes and annotations are collected and set once: plotly re-validates all of them on every add.
    shapes: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    _shade(shapes, rows, cols, selected_province, selected_strategies)
    for region in [*REGIONS, ""]:
        for coverage in ("whole", "part"):
            part = cells[(cells["region_id"].fillna("") == region) & (cells["coverage"] == coverage)]
            if part.empty:
                continue
            color = REGION_COLORS.get(region, NO_REGION_COLOR)
            fig.add_trace(
                go.Scatter(
                    x=part["col"],
                    y=part["row"],
                    mode="markers",
                    name=region_labels.get(region, region or "—"),
                    legendgroup=region,
                    showlegend=False,
                    marker={
                        "symbol": "square" if coverage == "whole" else "square-open",
                        "size": CELL_PX - 5,
                        "color": color,
                        "line": {"width": 2, "color": color},
                    },
                    customdata=[
                        _hover(r, coverage_labels[coverage], kind_labels)
                        for r in part.to_dict("records")
                    ],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
    _legend(fig, cells, region_labels, coverage_labels)
    _group_guides(shapes, notes, rows, cols, region_labels, kind_labels)
    fig.update_layout(shapes=shapes, annotations=notes)
    # Rotated strategy names below and vertical kind names above need fixed room (no automargin, so
    # that the source line stays clear of them).
    ticks = distinct_labels([str(n) for n in cols["name"]], LABEL_CHARS)
    label_chars = max(len(x) for x in ticks)
    kind_chars = max(len(str(kind_labels.get(k, k))) for k in cols["kind"])
    bottom_extra = 12 + int(5.3 * label_chars)
    top_extra = 14 + int(5.6 * kind_chars)
    plot_h = CELL_PX * len(rows) + 10
    fig.update_layout(
        xaxis={
            "tickmode": "array",
            "tickvals": list(cols["col"]),
            "ticktext": [escape(x) for x in ticks],
            "tickangle": -90,
            "range": [-0.7, len(cols) - 0.3],
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": False,
            "side": "bottom",
            "tickfont": {"size": 10},
            "automargin": False,
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(rows["row"]),
            "ticktext": [escape(n) for n in rows["name"]],
            "range": [len(rows) - 0.5, -0.5],
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": False,
            "automargin": True,
            "tickfont": {"size": 11},
        },
        legend={
            "orientation": "v",
            "x": 1.035,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "top",
            "font": {"size": 11},
        },
        hovermode="closest",
    )
    style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        left_margin=10,
        right_margin=170,
        top_extra=top_extra,
        bottom_extra=bottom_extra,
    )
    margin = fig.layout.margin
    return fig.update_layout(height=plot_h + margin.t + margin.b)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def distinct_labels(names: Sequence[str], limit: int) -> list[str]:
    """Axis labels of at most ``limit`` characters that still tell the names apart.

    A long name is clipped at the end; where that makes two labels identical (names that differ only
    after a long common beginning, "Mid- and high-end industry clusters in …"), those labels keep their
    beginning and their end instead ("Mid- and high-end in… Chengdu-Chongqing").
    """
    labels = [_clip(n, limit) for n in names]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    head = max(4, (limit - 1) // 2)
    tail = limit - 1 - head
    return [_clip(n, limit) if seen[label] == 1 else f"{n[:head].rstrip()}…{n[-tail:].lstrip()}"
            for n, label in zip(names, labels, strict=True)]


def _require(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"membership_matrix_figure: {name} lacks column(s) {missing}; expected {list(columns)}"
        )


def _order_rows(provinces: pd.DataFrame) -> pd.DataFrame:
    rank = {r: i for i, r in enumerate(REGIONS)}
    frame = provinces.loc[:, list(PROVINCE_COLUMNS)].copy()
    frame["region_id"] = frame["region_id"].fillna("").astype(str)
    frame["_order"] = [rank.get(r, len(rank)) for r in frame["region_id"]]
    frame["_pos"] = range(len(frame))
    frame = frame.sort_values(["_order", "_pos"]).drop(columns=["_order", "_pos"]).reset_index(drop=True)
    return frame.assign(row=range(len(frame)))


def _order_columns(strategies: pd.DataFrame, used: set[str]) -> pd.DataFrame:
    frame = strategies.loc[strategies["strategy_id"].isin(used), list(STRATEGY_COLUMNS)].copy()
    frame["kind"] = frame["kind"].fillna("").astype(str)
    first = {k: i for i, k in enumerate(dict.fromkeys(frame["kind"]))}
    frame["_order"] = frame["kind"].map(first)
    frame["_pos"] = range(len(frame))
    frame = frame.sort_values(["_order", "_pos"]).drop(columns=["_order", "_pos"]).reset_index(drop=True)
    frame["name"] = frame["name"].fillna(frame["strategy_id"]).astype(str)
    return frame.assign(col=range(len(frame)))


def _hover(get: Mapping[Hashable, Any], coverage: str, kind_labels: Mapping[str, str]) -> str:
    note = str(get.get("note") or "")
    lines = [f"<b>{escape(get['name'])}</b> · {escape(get['name_strategy'])}", escape(coverage)]
    if note and note != "nan":
        lines.append(wrap(note, 60, max_lines=2))
    quote = str(get.get("quote") or "")
    if quote and quote != "nan":
        lines.append("“" + wrap(quote, 60, max_lines=4) + "”")
    lines.append(f"<span style='color:{MUTED}'>{escape(get['source_id'])}</span>")
    return "<br>".join(lines)


def _shade(
    shapes: list[dict[str, object]],
    rows: pd.DataFrame,
    cols: pd.DataFrame,
    province: str | None,
    strategies: Sequence[str],
) -> None:
    """Light bands behind the selected province's row and the selected strategies' columns."""
    for r in rows.loc[rows["adcode"] == province, "row"]:
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": r - 0.5,
                "y1": r + 0.5,
                "layer": "below",
                "fillcolor": "#FFF3C4",
                "line": {"width": 0},
            }
        )
    for c in cols.loc[cols["strategy_id"].isin(list(strategies)), "col"]:
        shapes.append(
            {
                "type": "rect",
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "x0": c - 0.5,
                "x1": c + 0.5,
                "layer": "below",
                "fillcolor": "#E8F1FA",
                "line": {"width": 0},
            }
        )


def _legend(
    fig: go.Figure, cells: pd.DataFrame, region_labels: Mapping[str, str], coverage_labels: Mapping[str, str]
) -> None:
    """Legend entries: one swatch per region present, then the two coverage symbols in grey."""
    present = set(cells["region_id"].fillna(""))
    for region in [r for r in [*REGIONS, ""] if r in present]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=region_labels.get(region, region or "—"),
                legendgroup=region,
                marker={"symbol": "square", "size": 12, "color": REGION_COLORS.get(region, NO_REGION_COLOR)},
            )
        )
    for coverage, symbol in (("whole", "square"), ("part", "square-open")):
        if (cells["coverage"] == coverage).any():
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=coverage_labels[coverage],
                    marker={"symbol": symbol, "size": 12, "color": "#555555", "line": {"width": 2}},
                )
            )


def _group_guides(
    shapes: list[dict[str, object]],
    notes: list[dict[str, object]],
    rows: pd.DataFrame,
    cols: pd.DataFrame,
    region_labels: Mapping[str, str],
    kind_labels: Mapping[str, str],
) -> None:
    """Lines between region groups and kind groups, with the group names along the right and the top.

    The cell guides are the axes' grid lines (at the tick positions, i.e. through the cells).
    """
    rule = {"color": "#777777", "width": 1.2}
    for region, block in rows.groupby("region_id", sort=False):
        top, bottom = block["row"].min(), block["row"].max()
        if top > 0:
            shapes.append(
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": top - 0.5,
                    "y1": top - 0.5,
                    "line": rule,
                }
            )
        if not region:
            continue  # Hong Kong, Macao: the legend names the grey; a rotated label would not fit two rows
        notes.append(
            {
                "x": 1.005,
                "xref": "paper",
                "xanchor": "left",
                "y": (top + bottom) / 2,
                "textangle": 90,
                "showarrow": False,
                "text": f"<b>{escape(region_labels.get(str(region), str(region)))}</b>",
                "font": {"size": 11, "color": REGION_COLORS.get(str(region), NO_REGION_COLOR)},
            }
        )
    for kind, block in cols.groupby("kind", sort=False):
        left = block["col"].min()
        if left > 0:
            shapes.append(
                {
                    "type": "line",
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "x0": left - 0.5,
                    "x1": left - 0.5,
                    "line": rule,
                }
            )
        notes.append(
            {
                "x": left,
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "yshift": 4,
                "textangle": -90,
                "showarrow": False,
                "text": escape(kind_labels.get(str(kind), str(kind))),
                "font": {"size": 10, "color": MUTED},
            }
        )
