"""Where the atlas's inputs and build artifacts live: the one place for paths.

``data`` and ``geo`` both read it (neither imports the other for a path); nothing here imports
anything of the project.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
CATALOG_DIR = DATA_DIR / "catalog"
REFERENCE_DIR = DATA_DIR / "reference"
ASSETS_DIR = ROOT / "assets"


def build_dir() -> Path:
    """Return the directory holding build artifacts.

    ``ATLAS_BUILD_DIR`` overrides the default ``data/build`` (tests use it to build
    into a temporary directory without touching the real artifacts).
    """
    override = os.environ.get("ATLAS_BUILD_DIR")
    return Path(override) if override else DATA_DIR / "build"
