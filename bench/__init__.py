"""Benchmarks of the atlas: ``bench/run.py`` (side by side with the naive app) and ``bench/load.py``."""
