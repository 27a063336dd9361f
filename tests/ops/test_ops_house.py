"""The house rules of the server code: no import loops, modules of at most 400 lines, the environment read
only through ``config``, artifact names from the build's own constants, one way to forget cached loads, and
a broken import that is never mistaken for missing data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import config
from config import ROOT

SERVER = ROOT / "server"
MAX_LINES = 400


def _server_modules() -> dict[str, Path]:
    return {f"server.{p.stem}": p for p in sorted(SERVER.glob("*.py")) if p.stem != "__init__"}


def _imports(path: Path) -> set[str]:
    """Every ``server.*`` module ``path`` imports, at module level or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("server.")}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "server":
                out |= {f"server.{a.name}" for a in node.names}
            elif node.module.startswith("server."):
                out.add(node.module)
    return out


def test_server_modules_import_each_other_without_a_loop() -> None:
    modules = _server_modules()
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}
    assert "server.startup" not in graph["server.cache"] and "server.cache" not in graph["server.artifacts"]

    def visit(name: str, trail: tuple[str, ...]) -> None:
        for target in sorted(graph[name]):
            assert target not in trail, " -> ".join((*trail, target))
            visit(target, (*trail, target))

    for name in graph:
        visit(name, (name,))


def test_server_modules_app_and_config_stay_short() -> None:
    paths = [*_server_modules().values(), ROOT / "app.py", ROOT / "config.py"]
    long = {p.name: n for p in paths if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_only_config_reads_the_environment() -> None:
    readers = []
    for path in [*_server_modules().values(), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "os" and node.attr in ("environ", "getenv")):
                readers.append(f"{path.name}:{node.lineno}")
    assert readers == []


def test_config_reads_the_environment_when_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (config.ENV_BUILD_DIR, config.ENV_CACHE, config.ENV_CACHE_MAX_MB, config.ENV_CACHE_TTL,
                 config.ENV_BROWSER):
        monkeypatch.delenv(name, raising=False)
    assert config.build_dir() == config.DATA_DIR / "build"
    assert (config.cache_url(), config.cache_max_mb(), config.cache_ttl_s()) == ("", 64, 3600)
    monkeypatch.setenv(config.ENV_BUILD_DIR, str(tmp_path))
    monkeypatch.setenv(config.ENV_CACHE, " off ")
    monkeypatch.setenv(config.ENV_CACHE_MAX_MB, "8")
    monkeypatch.setenv(config.ENV_BROWSER, "/opt/chromium/chrome")
    assert config.build_dir() == tmp_path
    assert (config.cache_url(), config.cache_max_mb()) == ("off", 8)
    assert config.browser_path() == "/opt/chromium/chrome"
    monkeypatch.setenv(config.ENV_CACHE_TTL, "soon")
    with pytest.raises(ValueError, match="ATLAS_CACHE_TTL='soon': expected a number"):
        config.cache_ttl_s()


def test_artifact_names_are_the_builds_own() -> None:
    from data.extract.corpus import MENTIONS_FILE
    from geo import _files
    from server.artifacts import ARTIFACTS

    names = {a.name for a in ARTIFACTS}
    assert names <= {*_files.ARTIFACTS, _files.PREFECTURE_DIR, MENTIONS_FILE}
    assert {_files.PROVINCES, _files.PREFECTURES, _files.PREFECTURES_NATIONAL, _files.PREFECTURE_DIR,
            _files.BORDER, _files.META, MENTIONS_FILE} <= names
    assert ARTIFACTS[0].name == _files.PROVINCES  # the drill-down folder is checked against it


def test_clearing_forgets_every_project_cache_views_included() -> None:
    import functools

    from server.artifacts import clear_project_caches
    from views import datasets

    datasets.province_table()
    assert datasets.province_table.cache_info().currsize == 1

    @functools.cache
    def not_ours() -> int:  # a cache outside the project's modules stays
        return 1

    not_ours()
    assert clear_project_caches() >= 1
    assert datasets.province_table.cache_info().currsize == 0
    assert not_ours.cache_info().currsize == 1


def test_a_broken_import_is_not_an_empty_map() -> None:
    from views import datasets

    def broken() -> object:
        import geo.no_such_module  # noqa: F401

    with pytest.raises(ImportError):
        datasets.upstream(broken, None, "province geometry")


def test_a_missing_artifact_gives_the_default(caplog: pytest.LogCaptureFixture) -> None:
    from views import datasets

    def missing() -> object:
        raise FileNotFoundError(config.build_dir() / "provinces.geojson")

    default = object()
    with caplog.at_level("WARNING", logger="views.datasets"):
        assert datasets.upstream(missing, default, "province geometry") is default
    assert "province geometry unavailable" in caplog.text
