"""Component ids, as ``StrEnum`` constants, for every Dash component of the atlas.

One class per feature area. Ids are plain strings at run time (``StrEnum``), so they can be used
directly in layouts, callbacks, CSS and browser tests. Other areas append their own class at the end.
"""

from __future__ import annotations

from enum import StrEnum


class Core(StrEnum):
    """The page shell, URL state, map, filters and drill-down panel."""

    # shell and state
    URL = "url"  # dcc.Location (refresh="callback-nav")
    STATE = "view-state"  # dcc.Store: the ViewState as a dict, the single source of truth in the page
    NOTICES = "notices"  # dismissable alert listing bad URL values
    NOTICES_DISMISS = "notices-dismiss"
    NOTICES_TEXT = "notices-text"
    HEADER = "header"
    TITLE = "title"
    SUBTITLE = "subtitle"
    FOOTER = "footer"
    LANG_TOGGLE = "lang-toggle"
    TABS = "view-tabs"
    TAB_MAP = "tab-map"
    TAB_CHARTS = "tab-charts"
    TAB_SOURCES = "tab-sources"
    PAGE_MAP = "page-map"
    PAGE_CHARTS = "page-charts"
    PAGE_SOURCES = "page-sources"
    # map
    MAP = "national-map"  # dcc.Graph of the national choropleth
    MAP_CAPTION = "map-caption"
    # filters
    SEARCH = "search"
    SEARCH_OPTIONS = "search-options"
    INDICATOR = "filter-indicator"
    CLASSIFY = "filter-classify"
    STRATEGIES = "filter-strategies"
    MODE = "filter-mode"
    REGION = "filter-region"
    LAYERS = "filter-layers"
    RESET = "filter-reset"
    # drill-down panel
    PANEL = "province-panel"
    PANEL_BODY = "province-panel-body"
    PANEL_BACK = "province-panel-back"
    PREFECTURE_MAP = "prefecture-map"
    LANG_SINK = "lang-sink"  # dummy output of the clientside callback that sets <html lang>


class Charts(StrEnum):
    """The charts tab, the sources view and the export controls."""

    PANEL = "charts-panel"
    BODY = "charts-body"  # re-rendered when the state changes (the export bar lives in the shell)
    RANKING = "chart-ranking"
    MATRIX = "chart-matrix"
    REGIONS = "chart-regions"
    TIMELINE = "chart-timeline"
    CLAIMS_TABLE = "claims-table"
    # export controls: one bar in the shell, above the map and charts pages
    EXPORT_BAR = "export-bar"  # hidden on the sources page
    EXPORT_HEADING = "export-heading"  # the "Chart" label
    EXPORT_CHART = "export-chart"  # which chart "Download PNG" renders
    EXPORT_PNG = "export-png"
    EXPORT_CSV = "export-csv"
    EXPORT_GEOJSON = "export-geojson"
    EXPORT_DOWNLOAD = "export-download"  # dcc.Download
    EXPORT_STATUS = "export-status"
    # sources view
    SOURCES_PANEL = "sources-panel"
    SOURCE_PICK = "source-pick"
    SOURCE_META = "source-meta"
    SOURCE_TEXT = "source-text"
    SOURCE_LEGEND = "source-legend"
    QUOTE_TARGET = "quote-target"  # the highlighted quote, scrolled into view
    SCROLL_SINK = "source-scroll-sink"  # dummy output of the clientside scroll callback


class Drawn(StrEnum):
    """The stores that hold what each part of the page was last drawn for (``views.drawn.PARTS``)."""

    MAP = "map-drawn"  # the national map: its view, layers and language (patches send only changes)
    PANEL = "panel-key"  # the drill-down panel (empty when closed)
    CHARTS = "charts-key"
    SOURCES = "sources-key"
    EXPORT = "export-key"  # the export bar: view, whether a province is open, language
    WORDS = "ui-lang"  # the interface strings' language
