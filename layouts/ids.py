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


class Charts(StrEnum):
    """The charts tab, the sources view and the export controls."""

    PANEL = "charts-panel"
    BODY = "charts-body"  # re-rendered when the state changes (the export bar lives in the shell)
    KEY = "charts-key"  # dcc.Store: the state the body was last drawn for
    SOURCES_KEY = "sources-key"
    RANKING = "chart-ranking"
    MATRIX = "chart-matrix"
    REGIONS = "chart-regions"
    TIMELINE = "chart-timeline"
    CLAIMS_TABLE = "claims-table"
    # export controls: one bar in the shell, above the map and charts pages
    EXPORT_BAR = "export-bar"  # hidden on the sources page
    EXPORT_KEY = "export-key"  # dcc.Store: view|province|lang the bar was last set for
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
