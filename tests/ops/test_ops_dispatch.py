"""Hand-made POSTs to /_dash-update-component get a 4xx, never a 5xx, and never a traceback.

Against the real thing: ``python app.py serve`` (gunicorn, 2 workers) on a loopback port. The valid bodies
are the ones the page itself sends (taken from the app's ``/_dash-dependencies``), so each test changes
one thing about a request Dash would accept.
"""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.security import MAX_BODY_BYTES, BadCallbackRequest, dispatch_problem

JSON_HEADERS = {"Content-Type": "application/json"}
INTERNALS = ("Traceback", 'File "', "site-packages", "/work/", "werkzeug", "Error:")


def post(base: str, body: Any, *, raw: bytes | None = None, headers: dict[str, str] | None = None
         ) -> requests.Response:
    data = raw if raw is not None else json.dumps(body).encode()
    return requests.post(base + "/_dash-update-component", data=data, headers=headers or JSON_HEADERS,
                         timeout=30)


def assert_clean_4xx(response: requests.Response, status: int | None = None) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    if status is not None:
        assert response.status_code == status, response.text[:300]
    for marker in INTERNALS:
        assert marker not in response.text, response.text[:500]
    assert response.headers["Content-Type"].startswith("application/json")
    doc = response.json()
    assert doc["status"] == response.status_code and doc["error"]


@pytest.fixture(scope="module")
def deps(atlas_gunicorn: str) -> list[dict[str, Any]]:
    return requests.get(atlas_gunicorn + "/_dash-dependencies", timeout=30).json()


def _dep(deps: list[dict[str, Any]], startswith: str) -> dict[str, Any]:
    return next(d for d in deps if d["output"].startswith(startswith) and not d.get("clientside_function"))


@pytest.fixture(scope="module")
def layout_ids(atlas_gunicorn: str) -> list[dict[str, Any]]:
    """Every dict (pattern-matching) id in the page's layout."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            cid = node.get("props", {}).get("id") if isinstance(node.get("props"), dict) else None
            if isinstance(cid, dict):
                found.append(cid)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(requests.get(atlas_gunicorn + "/_dash-layout", timeout=30).json())
    return found


def _expand(cid: str, prop: str, ids: list[dict[str, Any]]) -> Any:
    """What the renderer sends for one declared dependency: one entry, or a list for an ALL pattern."""
    if not cid.startswith("{"):
        return {"id": cid, "property": prop}
    pattern = json.loads(cid)
    matching = [i for i in ids if set(i) == set(pattern)
                and all(isinstance(v, list) or i[k] == v for k, v in pattern.items())]
    return [{"id": i, "property": prop, **({"value": i} if prop == "id" else {})} for i in matching]


def _outputs(output: str, ids: list[dict[str, Any]] | None = None) -> Any:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    out = [_expand(*part.rsplit(".", 1), ids or []) for part in parts]
    return out if output.startswith("..") else out[0]


def body_for(deps: list[dict[str, Any]], ids: list[dict[str, Any]], output_prefix: str,
             changed: str) -> dict[str, Any]:
    """A complete, valid body for the server-side callback whose outputs start with ``output_prefix``."""
    dep = _dep(deps, output_prefix)
    return {"output": dep["output"], "outputs": _outputs(dep["output"], ids),
            "inputs": [_expand(i["id"], i["property"], ids) for i in dep["inputs"]],
            "changedPropIds": [changed],
            "state": [_expand(i["id"], i["property"], ids) for i in dep["state"]]}


def sync_body(deps: list[dict[str, Any]], ids: list[dict[str, Any]], search: str = "?indicator=area"
              ) -> dict[str, Any]:
    """The URL-sync callback's body, as the page sends it on load."""
    body = body_for(deps, ids, "..url.search", "url.search")
    body["inputs"][0]["value"] = search
    return body


def map_body(deps: list[dict[str, Any]], ids: list[dict[str, Any]]) -> dict[str, Any]:
    body = body_for(deps, ids, "..national-map.figure", "view-state.data")
    body["inputs"][0]["value"] = "?indicator=area"
    return body


def test_the_page_s_own_requests_work(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                      layout_ids: list[dict[str, Any]]) -> None:
    r = post(atlas_gunicorn, sync_body(deps, layout_ids))
    assert r.status_code == 200, r.text[:300]
    assert "?indicator=area" in r.text
    r = post(atlas_gunicorn, map_body(deps, layout_ids))
    assert r.status_code in (200, 204), r.text[:300]


@pytest.mark.parametrize(
    ("name", "raw", "content_type"),
    [
        ("invalid JSON", b'{"output": ', "application/json"),
        ("not UTF-8", b"\xff\xfe{}", "application/json"),
        ("form post", b"output=x", "application/x-www-form-urlencoded"),
        ("text/plain (a CSRF-style simple request)", b'{"output": "x"}', "text/plain"),
        ("empty body", b"", "application/json"),
        ("a JSON list", b"[1, 2, 3]", "application/json"),
        ("a JSON string", b'"hello"', "application/json"),
        ("null", b"null", "application/json"),
        ("deep nesting", b"[" * 50_000 + b"]" * 50_000, "application/json"),
        ("huge integer", b'{"output": ' + b"9" * 5000 + b"}", "application/json"),
        ("NaN", b'{"output": NaN}', "application/json"),
    ],
)
def test_malformed_bodies_get_400(atlas_gunicorn: str, name: str, raw: bytes, content_type: str) -> None:
    r = post(atlas_gunicorn, None, raw=raw, headers={"Content-Type": content_type})
    assert_clean_4xx(r, 400)


def test_huge_payload_gets_413(atlas_gunicorn: str, deps: list[dict[str, Any]],
                               layout_ids: list[dict[str, Any]]) -> None:
    body = sync_body(deps, layout_ids, search="?" + "x" * (MAX_BODY_BYTES + 10))
    assert_clean_4xx(post(atlas_gunicorn, body), 413)


def test_other_methods_get_405(atlas_gunicorn: str) -> None:
    # (a GET falls through to Dash's catch-all page route: 200 with the index page)
    assert requests.get(atlas_gunicorn + "/_dash-update-component", timeout=10).status_code == 200
    for method in ("PUT", "DELETE", "PATCH"):
        r = requests.request(method, atlas_gunicorn + "/_dash-update-component", data=b"{}", timeout=10)
        assert_clean_4xx(r, 405)


def _mutations(deps: list[dict[str, Any]], ids: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    good = sync_body(deps, ids)
    where = {e["id"] + "." + e["property"]: n for n, e in enumerate(good["inputs"]) if isinstance(e, dict)}
    click, indicator = where["national-map.clickData"], where["filter-indicator.value"]
    clientside = next(d for d in deps if d.get("clientside_function"))
    cases: dict[str, dict[str, Any]] = {}

    def case(name: str, change: Any) -> None:
        body = copy.deepcopy(good)
        change(body)
        cases[name] = body

    case("missing output", lambda b: b.pop("output"))
    case("output not a string", lambda b: b.update(output=["url.search"]))
    case("unknown output", lambda b: b.update(output="nope.children"))
    case("clientside output", lambda b: b.update(output=clientside["output"]))
    case("missing inputs", lambda b: b.pop("inputs"))
    case("inputs not a list", lambda b: b.update(inputs={"id": "url"}))
    case("one input too few", lambda b: b["inputs"].pop())
    case("one input too many", lambda b: b["inputs"].append(dict(b["inputs"][0])))
    case("unknown input id", lambda b: b["inputs"][0].update(id="url2"))
    case("input id as a dict", lambda b: b["inputs"][0].update(id={"type": "x"}))
    case("wrong input property", lambda b: b["inputs"][0].update(property="pathname"))
    case("input entry not a dict", lambda b: b["inputs"].__setitem__(0, "url.search"))
    case("search is a number", lambda b: b["inputs"][0].update(value=123))
    case("search is a list", lambda b: b["inputs"][0].update(value=["?a", "?b"]))
    case("search is an object", lambda b: b["inputs"][0].update(value={"province": "650000"}))
    case("clickData is a list", lambda b: b["inputs"][click].update(value=[1, 2]))
    case("value holds objects", lambda b: b["inputs"][indicator].update(value=[{"a": 1}]))
    case("missing outputs", lambda b: b.pop("outputs"))
    case("outputs of another callback", lambda b: b.update(outputs=map_body(deps, ids)["outputs"]))
    case("one output too few", lambda b: b["outputs"].pop())
    case("state missing", lambda b: b.pop("state"))
    case("state with an unknown id", lambda b: b["state"][0].update(id="elsewhere"))
    case("changedPropIds not a list", lambda b: b.update(changedPropIds="url.search"))
    case("changedPropIds names no input", lambda b: b.update(changedPropIds=["view-state.data"]))
    case("changedPropIds with broken JSON id", lambda b: b.update(changedPropIds=['{"type":.value']))
    case("changedPropIds holds an object", lambda b: b.update(changedPropIds=[{"id": "url"}]))
    return cases


def test_each_wrong_part_gets_a_400_that_names_it(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                                  layout_ids: list[dict[str, Any]]) -> None:
    failures = []
    for name, body in _mutations(deps, layout_ids).items():
        r = post(atlas_gunicorn, body)
        if r.status_code != 400:
            failures.append(f"{name}: {r.status_code} {r.text[:200]}")
            continue
        assert_clean_4xx(r, 400)
        assert r.json().get("detail"), name
    assert not failures, "\n".join(failures)


def test_wildcard_outputs_and_state_are_checked(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                                layout_ids: list[dict[str, Any]]) -> None:
    body = body_for(deps, layout_ids, '..{"key":["ALL"],"type":"i18n"}.children', "view-state.data")
    body["inputs"][0]["value"] = "?lang=zh"
    wild = next(n for n, s in enumerate(body["state"]) if isinstance(s, list) and s)
    assert post(atlas_gunicorn, body).status_code == 200
    bad = copy.deepcopy(body)
    bad["state"][wild][0]["id"] = {"key": "x", "type": "other"}  # does not match the ALL pattern
    assert_clean_4xx(post(atlas_gunicorn, bad), 400)
    bad = copy.deepcopy(body)
    bad["state"][wild] = bad["state"][wild][0]  # one dict where an ALL pattern gives a list
    assert_clean_4xx(post(atlas_gunicorn, bad), 400)
    bad = copy.deepcopy(body)
    bad["outputs"][0] = [{"id": {"key": ["x"], "type": "i18n"}, "property": "children"}]
    assert_clean_4xx(post(atlas_gunicorn, bad), 400)


def test_non_json_errors_are_json_without_internals(atlas_gunicorn: str) -> None:
    r = requests.get(atlas_gunicorn + "/_dash-component-suites/dash/<script>alert(1)</script>.js", timeout=10)
    assert_clean_4xx(r, 404)
    assert "<script>" not in r.text
    r = requests.get(atlas_gunicorn + "/_dash-component-suites/nope/x.js", timeout=10)
    assert_clean_4xx(r, 404)
    r = requests.get(atlas_gunicorn + "/assets/../../etc/passwd", timeout=10)
    assert r.status_code in (200, 404) and "root:" not in r.text  # the catch-all page or a 404


# --- fuzzing: random JSON in random places of a valid body -----------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _replace(body: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    body = copy.deepcopy(body)
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_bodies_never_get_a_5xx(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                       layout_ids: list[dict[str, Any]], data: st.DataObject) -> None:
    bodies = [sync_body(deps, layout_ids), map_body(deps, layout_ids)]
    body = data.draw(st.sampled_from(bodies))
    path = data.draw(st.sampled_from(_paths(body)))
    value = data.draw(JSON_VALUES)
    mutated = _replace(body, path, value)
    r = post(atlas_gunicorn, mutated)
    assert r.status_code < 500, (path, value, r.status_code, r.text[:300])
    for marker in INTERNALS[:3]:
        assert marker not in r.text


# --- the checker itself, without a server ----------------------------------------------------------

FAKE_MAP = {
    "..st.data...out.children..": {"callback": object(), "inputs": [{"id": "url", "property": "search"}],
                                   "state": [{"id": "st", "property": "data"}]},
    '{"key":["ALL"],"type":"i18n"}.children': {
        "callback": object(), "inputs": [{"id": "st", "property": "data"}],
        "state": [{"id": '{"key":["ALL"],"type":"i18n"}', "property": "id"}]},
    "out.title": {"inputs": [{"id": "b", "property": "n_clicks"}], "state": []},  # clientside: no callback
    "out.children@abc": {"callback": object(), "inputs": [{"id": "c", "property": "n_clicks"}], "state": []},
}


def test_checker_accepts_what_dash_4_sends() -> None:
    # bodies recorded from Dash 4.4.1's renderer in Chromium
    dispatch_problem({"output": "..st.data...out.children..", "outputs": [{"id": "st", "property": "data"},
                      {"id": "out", "property": "children"}],
                      "inputs": [{"id": "url", "property": "search", "value": "?x=1"}],
                      "changedPropIds": ["url.search"], "parsedChangedPropsIds": ["url.search"],
                      "state": [{"id": "st", "property": "data"}]}, FAKE_MAP)
    dispatch_problem({"output": '{"key":["ALL"],"type":"i18n"}.children',
                      "outputs": [{"id": {"key": "x.y", "type": "i18n"}, "property": "children"}],
                      "inputs": [{"id": "st", "property": "data", "value": "?x=1"}],
                      "changedPropIds": ["st.data"],
                      "state": [[{"id": {"key": "x.y", "type": "i18n"}, "property": "id",
                                  "value": {"type": "i18n", "key": "x.y"}}]]}, FAKE_MAP)
    dispatch_problem({"output": "out.children@abc", "outputs": {"id": "out", "property": "children@abc"},
                      "inputs": [{"id": "c", "property": "n_clicks", "value": 1}],
                      "changedPropIds": ["c.n_clicks"]}, FAKE_MAP)


def test_checker_rejects_clientside_and_bools_for_counts() -> None:
    with pytest.raises(BadCallbackRequest, match="no server-side callback"):
        dispatch_problem({"output": "out.title", "outputs": {"id": "out", "property": "title"},
                          "inputs": [{"id": "b", "property": "n_clicks", "value": 1}]}, FAKE_MAP)
    with pytest.raises(BadCallbackRequest, match="n_clicks must be int or null"):
        dispatch_problem({"output": "out.children@abc", "outputs": {"id": "out", "property": "children@abc"},
                          "inputs": [{"id": "c", "property": "n_clicks", "value": True}]}, FAKE_MAP)


@settings(max_examples=400)
@given(JSON_VALUES)
def test_checker_raises_only_its_own_error(body: Any) -> None:
    for candidate in (body, {"output": "..st.data...out.children..", "inputs": body, "outputs": body,
                             "state": body, "changedPropIds": body}):
        with contextlib.suppress(BadCallbackRequest):
            dispatch_problem(candidate, FAKE_MAP)


def test_a_url_with_hundreds_of_parameters_is_not_a_5xx(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                                        layout_ids: list[dict[str, Any]]) -> None:
    """A page URL one could paste: 250 parameters (the parser caps fields; it must fall back, not raise)."""
    search = "?" + "&".join(f"k{i}=1" for i in range(250))
    r = post(atlas_gunicorn, sync_body(deps, layout_ids, search=search))
    assert r.status_code < 500, r.text[:300]


def _add_to_pattern(body: dict[str, Any], kind: str, new_id: dict[str, Any], *, outputs: bool = True
                    ) -> int:
    """Append a component with ``new_id`` to every list of the ``type=kind`` pattern; return how many."""
    lists = [x for x in body["inputs"] + body["state"] if isinstance(x, list) and x]
    if outputs:
        lists += [x for x in body["outputs"] if isinstance(x, list) and x]
    count = 0
    for entries in lists:
        if entries[0]["id"].get("type") == kind:
            prop = entries[0]["property"]
            entries.append({"id": new_id, "property": prop, **({"value": new_id} if prop == "id" else {})})
            count += 1
    return count


def test_one_pattern_must_list_the_same_components_everywhere(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                                              layout_ids: list[dict[str, Any]]) -> None:
    body = body_for(deps, layout_ids, "..page-map.hidden", "view-state.data")
    extra = {"type": "option", "field": "indicator", "value": "area2"}
    assert _add_to_pattern(body, "option", extra, outputs=False) == 1  # in the state, not the outputs
    assert_clean_4xx(post(atlas_gunicorn, body), 400)


@pytest.mark.parametrize("forged", [{"type": "option", "field": "", "value": "x"},
                                    {"type": "option", "field": 7, "value": "x"},
                                    {"type": "option", "field": "indicator", "value": "no-such-indicator"}])
def test_forged_wildcard_ids_are_not_a_5xx(atlas_gunicorn: str, deps: list[dict[str, Any]],
                                           layout_ids: list[dict[str, Any]], forged: dict[str, Any]) -> None:
    """An id that matches a declared pattern but names no component of the page, listed consistently."""
    for prefix in ("..page-map.hidden", '..{"key":["ALL"],"type":"i18n"}.children'):
        body = body_for(deps, layout_ids, prefix, "view-state.data")
        body["inputs"][0]["value"] = "?lang=zh"
        assert _add_to_pattern(body, "option", forged) >= 2, prefix
        r = post(atlas_gunicorn, body)
        assert r.status_code < 500, (prefix, r.text[:300])
