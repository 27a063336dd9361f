"""Names of the build artifacts (shared by the build and the loaders without heavy imports)."""

PROVINCES = "provinces.geojson"
PREFECTURES = "prefectures.geojson"
PREFECTURES_NATIONAL = "prefectures_national.geojson"
PREFECTURE_DIR = "prefectures"
BORDER = "border.geojson"
META = "geo_meta.json"
ARTIFACTS = (PROVINCES, PREFECTURES, PREFECTURES_NATIONAL, BORDER, META)
