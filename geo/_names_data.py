"""Name tables for :mod:`geo.names`: standard English province names and established exonyms.

Kept apart from the logic so the tables can be read (and reviewed) on their own.
"""

from __future__ import annotations

# adcode -> (standard English name, extra aliases). Chinese full/short names and "X Province" style
# variants are added by geo.names; list here only what cannot be derived.
PROVINCES_EN: dict[str, tuple[str, tuple[str, ...]]] = {
    "110000": ("Beijing", ("Beijing Municipality", "Peking")),
    "120000": ("Tianjin", ("Tianjin Municipality",)),
    "130000": ("Hebei", ()),
    "140000": ("Shanxi", ()),
    "150000": (
        "Inner Mongolia",
        ("Nei Mongol", "Nei Menggu", "Neimenggu", "Inner Mongolia Autonomous Region",
         "Nei Mongol Autonomous Region"),
    ),
    "210000": ("Liaoning", ()),
    "220000": ("Jilin", ()),
    "230000": ("Heilongjiang", ()),
    "310000": ("Shanghai", ("Shanghai Municipality",)),
    "320000": ("Jiangsu", ()),
    "330000": ("Zhejiang", ()),
    "340000": ("Anhui", ()),
    "350000": ("Fujian", ()),
    "360000": ("Jiangxi", ()),
    "370000": ("Shandong", ()),
    "410000": ("Henan", ()),
    "420000": ("Hubei", ()),
    "430000": ("Hunan", ()),
    "440000": ("Guangdong", ()),
    "450000": ("Guangxi", ("Guangxi Zhuang Autonomous Region", "Guangxi Autonomous Region")),
    "460000": ("Hainan", ()),
    "500000": ("Chongqing", ("Chongqing Municipality",)),
    "510000": ("Sichuan", ()),
    "520000": ("Guizhou", ()),
    "530000": ("Yunnan", ()),
    "540000": ("Tibet", ("Xizang", "Tibet Autonomous Region", "Xizang Autonomous Region")),
    "610000": ("Shaanxi", ()),
    "620000": ("Gansu", ()),
    "630000": ("Qinghai", ()),
    "640000": ("Ningxia", ("Ningxia Hui Autonomous Region",)),
    "650000": (
        "Xinjiang",
        ("Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"),
    ),
    "710000": ("Taiwan", ()),
    "810000": (
        "Hong Kong",
        ("Hong Kong SAR", "Hong Kong Special Administrative Region", "HKSAR", "Hongkong"),
    ),
    "820000": (
        "Macao",
        ("Macau", "Macao SAR", "Macau SAR", "Macao Special Administrative Region",
         "Macau Special Administrative Region"),
    ),
}

# Province-level units whose English name takes "Municipality"/"Region" rather than "Province".
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
SPECIAL = frozenset({"150000", "450000", "540000", "640000", "650000", "810000", "820000"})

# adcode -> (English name, extra aliases): established exonyms and pypinyin polyphone fixes.
PREFECTURE_EN: dict[str, tuple[str, tuple[str, ...]]] = {
    # pypinyin polyphone fixes
    "140400": ("Changzhi", ()),
    "211300": ("Chaoyang", ()),
    "411100": ("Luohe", ()),
    "341500": ("Lu'an", ("Luan", "Liu'an")),
    "530800": ("Pu'er", ("Puer", "Pu-erh")),
    # Inner Mongolia
    "150100": ("Hohhot", ("Huhehaote", "Huhhot")),
    "150200": ("Baotou", ()),
    "150600": ("Ordos", ("Eerduosi", "Erdos")),
    "150700": ("Hulunbuir", ("Hulunbeier", "Hulun Buir")),
    "150800": ("Bayannur", ("Bayannaoer", "Bayan Nur")),
    "150900": ("Ulanqab", ("Wulanchabu", "Ulan Qab")),
    "152200": ("Hinggan", ("Xing'an", "Xingan", "Hinggan League", "Xing'an League")),
    "152500": ("Xilingol", ("Xilinguole", "Xilin Gol", "Xilingol League", "Xilin Gol League")),
    "152900": ("Alxa", ("Alashan", "Alxa League", "Alashan League")),
    # Heilongjiang
    "230100": ("Harbin", ("Haerbin",)),
    "230200": ("Qiqihar", ("Qiqihaer",)),
    "232700": ("Da Hinggan Ling", ("Daxing'anling", "Daxinganling", "Greater Khingan", "Greater Hinggan")),
    # Jilin: avoid a bare "Jilin" that would collide with the province
    "220200": ("Jilin City", ()),
    # Qinghai: avoid a bare "Hainan" that would collide with the province
    "632500": ("Hainan Tibetan Autonomous Prefecture", ("Hainan Prefecture", "Hainan Zangzu Zizhizhou")),
    "632600": ("Golog", ("Guoluo",)),
    "632700": ("Yushu", ("Gyêgu",)),
    "632800": ("Haixi", ()),
    # Tibet
    "540100": ("Lhasa", ("Lasa",)),
    "540200": ("Shigatse", ("Xigaze", "Rikaze")),
    "540300": ("Qamdo", ("Chamdo", "Changdu")),
    "540400": ("Nyingchi", ("Linzhi",)),
    "540500": ("Shannan", ("Lhoka", "Lhokha")),
    "540600": ("Nagqu", ("Naqu", "Nagchu")),
    "542500": ("Ngari", ("Ali",)),
    # Sichuan
    "513200": ("Ngawa", ("Aba",)),
    "513300": ("Garzê", ("Garze", "Ganzi")),
    "513400": ("Liangshan", ()),
    "511800": ("Ya'an", ("Yaan",)),
    # Yunnan
    "532300": ("Chuxiong", ()),
    "532500": ("Honghe", ()),
    "532600": ("Wenshan", ()),
    "532800": ("Xishuangbanna", ("Sipsongpanna",)),
    "532900": ("Dali", ()),
    "533100": ("Dehong", ()),
    "533300": ("Nujiang", ()),
    "533400": ("Diqing", ("Dêqên", "Deqen")),
    # Shaanxi
    "610100": ("Xi'an", ("Xian", "Sian")),
    "610600": ("Yan'an", ("Yanan",)),
    # Xinjiang
    "650100": ("Ürümqi", ("Urumqi", "Urumchi", "Wulumuqi")),
    "650200": ("Karamay", ("Kelamayi",)),
    "650400": ("Turpan", ("Tulufan", "Turfan")),
    "650500": ("Hami", ("Kumul",)),
    "652300": ("Changji", ()),
    "652700": ("Bortala", ("Boertala",)),
    "652800": ("Bayingolin", ("Bayinguoleng", "Bayin'gholin")),
    "652900": ("Aksu", ("Akesu",)),
    "653000": ("Kizilsu", ("Kezilesu", "Kizilsu Kirghiz Autonomous Prefecture")),
    "653100": ("Kashgar", ("Kashi",)),
    "653200": ("Hotan", ("Hetian", "Khotan")),
    "654000": ("Ili", ("Yili", "Ili Kazakh Autonomous Prefecture")),
    "654200": ("Tacheng", ("Qoqek", "Chuguchak")),
    "654300": ("Altay", ("Aletai", "Altai")),
    "659002": ("Aral", ("Alaer",)),
    "659003": ("Tumxuk", ("Tumushuke",)),
    "659008": ("Kokdala", ("Kekedala", "Cocodala")),
    # Apostrophe forms (pinyin syllable starting with a vowel) that readers know
    "320800": ("Huai'an", ("Huaian",)),
    "360800": ("Ji'an", ("Jian",)),
    "370900": ("Tai'an", ("Taian",)),
}

# Ethnic-group names inside autonomous prefecture/county names -> English adjective.
ETHNIC_EN: dict[str, str] = {
    "朝鲜族": "Korean",
    "藏族": "Tibetan",
    "羌族": "Qiang",
    "彝族": "Yi",
    "布依族": "Bouyei",
    "苗族": "Miao",
    "侗族": "Dong",
    "土家族": "Tujia",
    "哈尼族": "Hani",
    "壮族": "Zhuang",
    "傣族": "Dai",
    "白族": "Bai",
    "景颇族": "Jingpo",
    "傈僳族": "Lisu",
    "回族": "Hui",
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "哈萨克": "Kazakh",
    "柯尔克孜": "Kirgiz",
    "黎族": "Li",
}

# Administrative suffix -> English type word, longest first (matching order matters).
SUFFIX_EN: tuple[tuple[str, str], ...] = (
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("地区", "Prefecture"),
    ("林区", "Forestry District"),
    ("盟", "League"),
    ("市", "City"),
    ("县", "County"),
)

# County-level suffixes, longest first (geo.names.split_county_name); 市辖区-style rows do not occur.
COUNTY_SUFFIX_EN: tuple[tuple[str, str], ...] = (
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("新区", "New Area"),
    ("县", "County"),
    ("旗", "Banner"),
    ("市", "City"),
    ("区", "District"),
)

# County-level units whose established English name is not their pinyin: border towns and ports
# of Box 12, Tibetan, Uyghur and Mongolian names as used in English texts, and the districts of
# Hong Kong and the parishes of Macao. adcode -> English name.
COUNTY_EN: dict[str, str] = {
    "150726": "New Barag Left Banner", "150727": "New Barag Right Banner", "150784": "Ergun",
    "152501": "Erenhot", "152522": "Abag Banner", "152523": "Sonid Left Banner",
    "152524": "Sonid Right Banner", "150823": "Urad Front Banner", "150824": "Urad Middle Banner",
    "150825": "Urad Rear Banner", "150929": "Siziwang Banner", "152921": "Alxa Left Banner",
    "152922": "Alxa Right Banner", "152923": "Ejin Banner",
    "540202": "Samzhubzê", "540223": "Tingri", "540233": "Yadong", "540234": "Gyirong",
    "540235": "Nyalam", "540422": "Mainling", "540423": "Mêdog", "540425": "Zayü", "540529": "Lhünzê",
    "540530": "Cona", "542521": "Burang", "542522": "Zanda", "542524": "Rutog",
    "650121": "Ürümqi County", "652701": "Bole", "652702": "Alashankou", "652901": "Aksu",
    "653001": "Artux", "653024": "Ulugqat", "653101": "Kashgar", "653131": "Taxkorgan",
    "653201": "Hotan", "653221": "Hotan County", "654002": "Yining", "654004": "Khorgas",
    "654022": "Qapqal", "654201": "Tacheng", "654301": "Altay", "654326": "Jeminay",
    "222404": "Hunchun", "659008": "Kokdala", "150722": "Morin Dawa", "150723": "Oroqen", "150724": "Evenki",
    "622926": "Dongxiang", "632825": "Haixi (directly administered)",
    # Hong Kong's 18 districts
    "810001": "Central and Western", "810002": "Wan Chai", "810003": "Eastern", "810004": "Southern",
    "810005": "Yau Tsim Mong", "810006": "Sham Shui Po", "810007": "Kowloon City",
    "810008": "Wong Tai Sin", "810009": "Kwun Tong", "810010": "Tsuen Wan", "810011": "Tuen Mun",
    "810012": "Yuen Long", "810013": "North", "810014": "Tai Po", "810015": "Sai Kung",
    "810016": "Sha Tin", "810017": "Kwai Tsing", "810018": "Islands",
    # Macao's parishes and zones
    "820001": "Nossa Senhora de Fátima", "820002": "Santo António", "820003": "São Lázaro",
    "820004": "Sé", "820005": "São Lourenço", "820006": "Nossa Senhora do Carmo",
    "820007": "Cotai", "820008": "São Francisco Xavier",
}

# Ethnic groups named in autonomous county names but in no prefecture name (counties only, so the
# prefecture names and aliases the gazetteer uses do not change).
COUNTY_ETHNIC_EN: dict[str, str] = {
    "满族": "Manchu", "瑶族": "Yao", "畲族": "She", "土族": "Tu", "撒拉族": "Salar", "东乡族": "Dongxiang",
    "保安族": "Bonan", "裕固族": "Yugur", "锡伯": "Xibe", "塔吉克": "Tajik", "仡佬族": "Gelao", "水族": "Sui",
    "毛南族": "Maonan", "仫佬族": "Mulao", "拉祜族": "Lahu", "佤族": "Va", "布朗族": "Blang",
    "纳西族": "Naxi", "普米族": "Pumi", "独龙族": "Derung", "怒族": "Nu",
    "鄂温克族": "Evenki", "鄂伦春": "Oroqen", "达斡尔族": "Daur",
    "哈萨克族": "Kazakh", "各族": "", "蒙古族藏族": "Mongol and Tibetan",
}
