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
    # anchors that labels and the skip link point at
    MAIN = "main"
    MAP_HEADING = "map-heading"
    PANEL_TITLE = "panel-title"
    YEAR_LABEL = "year-bar-label"
    YEAR_SINCE_LABEL = "year-since-label"
    # map
    MAP = "national-map"  # dcc.Graph of the national choropleth
    MAP_CAPTION = "map-caption"
    MAP_AREA = "map-area"  # the map section: the skip link's target (issue 13, item 11)
    SIDEBAR = "filters-sidebar"  # the filters' aside: collapsible on a phone (issue 13, item 14)
    FILTER_TOGGLE = "filters-toggle"  # its "Filters" button (shown on narrow screens only)
    FOCUS_SINK = "panel-focus-sink"  # dummy output of the clientside callback that shows an opened profile
    # year bar under the map (issue 14)
    YEAR_BAR = "year-bar"  # hidden for indicators without years
    YEAR = "year-slider"  # dcc.Slider: the year shown (the end year of a change)
    YEAR_SINCE = "year-since"  # dcc.Dropdown: the first year of a change (empty: one year)
    YEAR_PLAY = "year-play"  # play/pause button
    YEAR_TICK = "year-tick"  # dcc.Interval stepping the slider while playing
    YEAR_WORDS = "year-words"  # dcc.Store: play/pause/slider words in the page's language
    YEAR_SINK = "year-sink"  # dummy output of the clientside callback that labels the slider handle
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
    PREFECTURE_MAP = "prefecture-map"  # pattern id {"type": PREFECTURE_MAP, "province": adcode}: in the panel
    PREFECTURE_PICK = "prefecture-pick"  # pattern id like PREFECTURE_MAP: the dropdown of its prefectures
    LANG_SINK = "lang-sink"  # dummy output of the clientside callback that sets <html lang>


class Charts(StrEnum):
    """The charts tab, the sources view and the export controls."""

    PANEL = "charts-panel"
    BODY = "charts-body"  # re-rendered when the state changes (the export bar lives in the shell)
    RANKING = "chart-ranking"
    MATRIX = "chart-matrix"
    REGIONS = "chart-regions"
    TIMELINE = "chart-timeline"
    CONVERGENCE = "chart-convergence"  # issue 14: charts over the years
    SHARES = "chart-shares"
    COMPARE = "chart-compare"  # shown when the URL compares provinces
    BUMP = "chart-bump"
    COMPARE_PICK = "compare-pick"  # dcc.Dropdown (multi): the provinces compared, a URL control
    CLAIMS_TABLE = "claims-table"
    # export controls: one bar in the shell, above the map and charts pages
    EXPORT_BAR = "export-bar"  # hidden on the sources page
    EXPORT_HEADING = "export-heading"  # the "Chart" label
    EXPORT_CHART = "export-chart"  # which chart "Download PNG" renders
    EXPORT_PNG = "export-png"
    EXPORT_CSV = "export-csv"
    EXPORT_GEOJSON = "export-geojson"
    EXPORT_GPKG = "export-gpkg"  # GeoPackage of the view (provinces; an open province's prefectures)
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


class Picked(StrEnum):
    """The place a search or a click on the map picked out (issue 13): a port, town, airport or
    prefecture, marked in the open profile."""

    STORE = "picked-place"  # dcc.Store: {"id", "label", "prefecture"} of the picked place, or None
    SINK = "picked-sink"  # dummy output of the clientside callbacks that mark it and open the search
    NOTE = "picked-note"  # the line in the profile that names the picked place


class Document(StrEnum):
    """The document view: paste or upload a text, see its mentions (``view=document``)."""

    TAB = "tab-document"
    PAGE = "page-document"
    TEXT = "document-text"  # the paste area
    ANALYSE = "document-analyse"
    UPLOAD = "document-upload"  # dcc.Upload: its content goes to /api/extract, never to a callback
    STATUS = "document-status"
    RESULT = "document-result"  # a key to the API's answer, which assets/document.js holds (browser only)
    SUMMARY = "document-summary"  # its counts and claims: what the server-side callback renders
    ERROR = "document-error"  # the API's refusal ({status, detail})
    BODY = "document-body"
    MAP = "document-map"
    LISTS = "document-lists"
    HIGHLIGHTED = "document-highlighted"  # filled by assets/document.js as DOM text, not by Dash
    HIGHLIGHT_KEY = "document-highlight-key"  # the key of the answer the highlighted text shows
    CSV = "document-csv"
    JSON = "document-json"
    DOWNLOAD = "document-download"
