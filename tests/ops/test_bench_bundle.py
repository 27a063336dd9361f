"""The partial plotly.js bundle in assets/vendor: right version, every trace the dashboard draws, working.

Dash includes every script under assets/, and dcc.Graph then uses that ``window.Plotly`` instead of
downloading plotly.min.js, so a trace type missing from the bundle would silently break a chart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "assets" / "vendor" / "plotly-atlas.min.js"
ENTRY = ROOT / "bench" / "plotly_bundle" / "entry.js"
FULL = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"

_TYPE_KEY = r"""["']type["']\s*:\s*["'](choropleth\w*|scatter\w*|bar|heatmap|table|pie)["']"""
# plotly.express functions -> the trace type they make (only those a map/chart dashboard might use)
PX_TRACES = {
    "choropleth": "choropleth", "scatter_geo": "scattergeo", "line_geo": "scattergeo", "bar": "bar",
    "scatter": "scatter", "line": "scatter", "imshow": "heatmap", "density_heatmap": "histogram2d",
    "histogram": "histogram", "pie": "pie", "treemap": "treemap", "sunburst": "sunburst", "box": "box",
    "choropleth_map": "choroplethmap", "scatter_map": "scattermap", "timeline": "bar",
}


def bundled_traces() -> set[str]:
    """Trace modules entry.js registers, plus scatter, which plotly.js's core always holds."""
    text = ENTRY.read_text(encoding="utf-8")
    block = text.split("@traces-begin", 1)[1].split("@traces-end", 1)[0]
    return {"scatter", *re.findall(r"require\('plotly\.js/lib/([a-z0-9]+)'\)", block)}


def used_traces() -> dict[str, list[str]]:
    """Trace types the dashboard code creates: go.<Trace>(, px.<fn>(, and {"type": "<trace>"} dicts."""
    used: dict[str, list[str]] = {}
    folders = ("figures", "views", "layouts", "callbacks")
    for path in sorted(p for d in folders for p in ROOT.glob(f"{d}/**/*.py")):
        text = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(ROOT))
        names = [m.lower() for m in re.findall(r"\bgo\.([A-Z][A-Za-z0-9]*)\(", text)
                 if m not in ("Figure", "Layout", "FigureWidget")]
        names += [PX_TRACES.get(fn, f"px.{fn}") for fn in re.findall(r"\bpx\.([a-z_]+)\(", text)]
        names += re.findall(_TYPE_KEY, text)
        names += re.findall(r"\badd_(choropleth|scattergeo|bar|heatmap|table|pie|scatter)\(", text)
        for name in names:
            used.setdefault(name, []).append(rel)
    return used


def test_bundle_registers_every_trace_the_dashboard_uses() -> None:
    used = used_traces()
    assert used, "found no trace constructor in the screen-side folders: the scan itself is broken"
    missing = {t: files for t, files in used.items() if t not in bundled_traces()}
    assert not missing, (
        f"traces used but not in assets/vendor/plotly-atlas.min.js: {missing}. Add a require() for each to "
        f"{ENTRY.relative_to(ROOT)} and rebuild: cd bench/plotly_bundle && npm ci && node build.mjs"
    )


def test_bundle_matches_the_python_plotly_version_and_entry() -> None:
    head = BUNDLE.read_text(encoding="utf-8")[:400]
    match = re.match(r"/\* plotly\.js v(\S+) partial bundle .*?: core \+ ([a-z0-9,]+)\.", head)
    assert match, f"{BUNDLE}: missing the banner written by bench/plotly_bundle/build.mjs"
    assert match.group(1) == get_plotlyjs_version(), (
        f"bundle is plotly.js {match.group(1)}, Python plotly ships {get_plotlyjs_version()}: bump "
        "plotly.js in bench/plotly_bundle/package.json and rebuild")
    assert set(match.group(2).split(",")) == bundled_traces(), "bundle is stale: rebuild it from entry.js"


def test_bundle_is_much_smaller_than_the_full_plotly() -> None:
    assert BUNDLE.stat().st_size < 0.5 * FULL.stat().st_size


@pytest.mark.browser
def test_bundle_draws_each_registered_trace_in_chromium() -> None:
    from playwright.sync_api import sync_playwright

    traces = {
        "scatter": {"type": "scatter", "x": [1, 2], "y": [2, 1]},
        "bar": {"type": "bar", "x": ["a", "b"], "y": [1, 2]},
        "heatmap": {"type": "heatmap", "z": [[1, 2], [3, 4]]},
        "choropleth": {"type": "choropleth", "locationmode": "geojson-id", "locations": ["a"], "z": [1],
                       "geojson": {"type": "FeatureCollection", "features": [{
                           "type": "Feature", "id": "a", "properties": {}, "geometry": {
                               "type": "Polygon",
                               "coordinates": [[[100, 30], [100, 40], [110, 40], [110, 30], [100, 30]]]}}]}},
        "scattergeo": {"type": "scattergeo", "lon": [105], "lat": [35]},
    }
    assert set(traces) >= bundled_traces(), "add a sample trace here for each trace in the bundle"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_content("<div id='g' style='width:600px;height:400px'></div>")
        page.add_script_tag(path=str(BUNDLE))
        drawn = page.evaluate(
            """async (traces) => {
                 const out = {};
                 const topo = {type: 'Topology', arcs: [], objects: Object.fromEntries(
                   ['coastlines','land','ocean','lakes','rivers','countries','subunits']
                     .map(k => [k, {type: 'GeometryCollection', geometries: []}]))};
                 window.PlotlyGeoAssets = {topojson: {world_110m: topo}};  // no network
                 for (const [name, trace] of Object.entries(traces)) {
                   const gd = document.getElementById('g');
                   await Plotly.newPlot(gd, [trace], {geo: {visible: false}});
                   out[name] = gd._fullData[0].type;
                   Plotly.purge(gd);
                 }
                 return {version: Plotly.version, out};
               }""",
            {k: v for k, v in traces.items() if k in bundled_traces()},
        )
        browser.close()
    assert drawn["version"] == get_plotlyjs_version()
    # plotly.js draws an unregistered trace type as a scatter, so a missing module shows up here
    assert drawn["out"] == {k: k for k in bundled_traces()}
    assert not errors, errors
