"""Fixtures shared by every test folder: headless Debian Chromium driven by Playwright.

Plain helpers shared by the folders (the Dash component-tree walker) live in ``tests/helpers.py``:
``from tests.helpers import walk`` (conftest modules cannot be imported under ``--import-mode=importlib``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


# Module scope, not session: one Playwright (sync API) runs per thread at a time, and some tests start
# their own; a session-wide instance would still hold the event loop when they do.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), "
                    "or run `make sysdeps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
