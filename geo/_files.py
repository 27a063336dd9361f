"""Names of the build artifacts (shared by the build and the loaders without heavy imports)."""

PROVINCES = "provinces.geojson"
PREFECTURES = "prefectures.geojson"
PREFECTURES_NATIONAL = "prefectures_national.geojson"
PREFECTURE_DIR = "prefectures"
BORDER = "border.geojson"
META = "geo_meta.json"
#: ``counties/<province adcode>.geojson``: one province's county-level units.
COUNTY_DIR = "counties"
#: Counts of county-level units and of land-border counties, by province.
COUNTY_META = "county_meta.json"
#: The files that must all exist for a build to be complete (``geo_meta.json`` is written last).
ARTIFACTS = (PROVINCES, PREFECTURES, PREFECTURES_NATIONAL, BORDER, COUNTY_META, META)
