"""The house, checked from the code's own imports: each folder imports only from the folders below it, no
module imports itself back through a loop, modules stay under 400 lines, and data and geo import nothing
screen-side."""

from __future__ import annotations

import ast
from pathlib import Path

from config import ROOT

# Top to bottom: a module may import from its own folder and from the folders after it, never before.
LAYERS: tuple[str, ...] = (
    "app", "callbacks", "server", "layouts", "views", "figures", "data", "geo", "config",
)
SCREEN_PACKAGES = ("dash", "flask", "plotly", "werkzeug", "gunicorn", "kaleido")
MAX_LINES = 400
GENERATED = {"geo/_names_data.py", "data/extract/_gazetteer_data.py", "data/extract/_zh_data.py",
             "views/word_table.py"}  # tables of data, not code


def _modules() -> dict[str, Path]:
    out = {"app": ROOT / "app.py", "config": ROOT / "config.py"}
    for folder in LAYERS[1:-1]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _imports(path: Path, known: set[str]) -> set[str]:
    """The project modules ``path`` imports, at module level or inside a function (``from a import b``
    counts ``a.b`` when that is a module, else ``a``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
    return {name for name in found if name in known}


def _third_party(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


MODULES = _modules()
GRAPH = {name: _imports(path, set(MODULES)) - {name} for name, path in MODULES.items()}


def test_the_scan_sees_the_house() -> None:
    assert len(MODULES) > 100
    assert "views.datasets" in GRAPH["views.indicators"] and "figures.map" in GRAPH["views.indicators"]
    assert "callbacks" in GRAPH["app"]


def test_every_folder_imports_only_from_the_folders_below_it() -> None:
    upward = sorted(f"{a} -> {b}" for a, targets in GRAPH.items() for b in targets if _layer(b) < _layer(a))
    assert upward == [], f"imports that run back up ({' > '.join(LAYERS)}): {upward}"


def test_no_module_imports_itself_back_through_a_loop() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    loops: list[str] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                loops.append(" -> ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    # a package's __init__ re-exporting its modules is not a loop of code
    loops = [loop for loop in loops if not all(part.startswith("callbacks") for part in loop.split(" -> "))]
    assert loops == []


def test_data_and_geo_import_nothing_screen_side() -> None:
    offenders = {name: sorted(_third_party(path) & set(SCREEN_PACKAGES))
                 for name, path in MODULES.items() if name.split(".")[0] in ("data", "geo")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_modules_stay_under_400_lines() -> None:
    long = {}
    for path in MODULES.values():
        rel = path.relative_to(ROOT).as_posix()
        if rel not in GENERATED and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES:
            long[rel] = n
    assert long == {}


def test_component_trees_read_no_files() -> None:
    """layouts/ builds components from what the views give it: no open(), no Path reads, no data or geo
    (the closed vocabularies of ``data.vocab``, constants only, are the exception)."""
    for name, path in MODULES.items():
        if not name.startswith("layouts"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                 for node in ast.walk(tree) if isinstance(node, ast.Call)}
        assert not calls & {"open", "read_text", "read_bytes", "read_csv"}, name
        below = {t for t in GRAPH[name] if t.split(".")[0] in ("data", "geo", "config")}
        assert below <= {"data.vocab"}, name
