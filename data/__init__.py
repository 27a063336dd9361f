"""Sources, curated catalog, reference statistics, extraction and validation.

Nothing in this package imports Dash. Public entry points:

- :mod:`config` — where everything lives (``ATLAS_BUILD_DIR`` overrides the build dir).
- :mod:`data.sources` — the source registry and document texts.
- :mod:`data.catalog` — the curated, validated catalog tables.
- :mod:`data.reference` — official provincial statistics and derived indicators.
- :mod:`data.reconcile` — document claims checked against statistics and geometry.
- :mod:`data.extract` — gazetteer-based extraction of places, strategies and claims.
"""
