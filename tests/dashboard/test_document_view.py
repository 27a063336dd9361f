"""The document view: one analysis for the API and the page, the map of mentions, the lists, the limits of
what the browser sends back, and nothing of a document in the URL."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from data.extract import extract_text
from data.extract.uploads import MAX_TEXT_CHARS, UploadError, html_text, read_upload, safe_name
from views.document import MAX_CLAIMS, analyse, clean_summary
from views.state import VIEWS, ValidValues, ViewState, parse_query, to_query

TEXT = ("The Xinjiang Uygur Autonomous Region borders Kazakhstan; Kashgar is in Xinjiang.\n\n"
        "Jilin province's GDP reached 1.35 trillion yuan in 2023.\n\n"
        "The Western Development strategy covers Gansu and Qinghai.\n")


def test_analyse_is_the_extractor_plus_counts_and_claims() -> None:
    result = analyse(TEXT, "mine.txt")
    assert result.mentions == extract_text(TEXT, "mine.txt")
    assert result.language == "en" and result.characters == len(TEXT)
    assert result.provinces["650000"] >= 3  # Xinjiang twice and Kashgar rolled up
    assert {"620000", "630000", "220000"} <= set(result.provinces)
    claim = next(c for c in result.claims if c["unit"] == "yuan")
    assert claim["value"] == 1.35e12 and claim["provinces"] == ["220000"] and claim["period"] == "2023"
    assert claim["reconciliation"]["verdict"] in ("agree", "disagree")
    answer = result.to_json()
    assert answer["mention_count"] == len(answer["mentions"]) and not answer["truncated"]
    claims = sum(m["type"] == "claim" for m in answer["mentions"])
    assert answer["claim_count"] == claims == len(answer["claims"])
    long = analyse(TEXT * (MAX_CLAIMS + 20), "long.txt").to_json()  # more claims than the answer lists
    assert long["claim_count"] > len(long["claims"]) == MAX_CLAIMS


def test_chinese_and_long_texts() -> None:
    zh = analyse("新疆维吾尔自治区与哈萨克斯坦接壤。吉林省2023年地区生产总值达到1.35万亿元。", "zh.txt")
    assert zh.language == "zh" and {"650000", "220000"} <= set(zh.provinces)
    long = "Gansu and Tibet.\n\n" * 20_000  # 360,000 characters: several chunks, offsets still exact
    result = analyse(long)
    assert result.provinces == {"620000": 20_000, "540000": 20_000}
    assert all(long[m.start:m.end] == m.text for m in result.mentions)
    with pytest.raises(UploadError) as exc:
        analyse("x" * (MAX_TEXT_CHARS + 1))
    assert exc.value.status == 413


def test_readers_and_their_refusals() -> None:
    assert html_text("<p>Gansu</p><script>alert(1)</script><p>Tibet &amp; Qinghai</p>") == \
        "Gansu\n\nTibet & Qinghai"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Gansu</w:t></w:r></w:p></w:body>'
                   "</w:document>")
    assert read_upload(buf.getvalue(), "a.docx") == "Gansu"
    for data, name, status in ((b"abc", "a.exe", 415), (b"\xff\xfe", "a.txt", 422), (b"", "a.md", 422),
                               (b"PK\x03\x04junk", "a.docx", 422), (b"%PDF-1.4 x", "a.pdf", 422),
                               (b"%PDF-1.4 x", "a.txt", 415)):
        with pytest.raises(UploadError) as exc:
            read_upload(data, name)
        assert exc.value.status == status, (name, str(exc.value))
    assert safe_name("../../etc/passwd") == "passwd" and safe_name("C:\\x\\report.docx") == "report.docx"


def test_what_the_browser_sends_back_is_checked() -> None:
    assert clean_summary("nonsense") == {}
    summary = clean_summary({"provinces": {"650000": 3, "x": "many", "y": True}, "claims": ["bad", {"a": 1}],
                             "mention_count": "9", "truncated": "yes", "doc": "d" * 1000})
    assert summary["provinces"] == {"650000": 3} and summary["claims"] == [{"a": 1}]
    assert summary["mention_count"] == 0 and summary["truncated"] is False and len(summary["doc"]) == 200


def _summary() -> dict[str, Any]:
    answer = analyse(TEXT, "mine.txt").to_json()
    return {k: answer[k] for k in ("doc", "language", "characters", "mention_count", "truncated", "provinces",
                                   "strategies", "infrastructure", "claims")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_outputs_map_lists_and_status(atlas_app: Any, lang: str) -> None:
    from callbacks.document import document_outputs
    from views import words

    figure, lists, status, hidden, *labels = document_outputs(_summary(), None, ViewState(view="document",
                                                                                            lang=lang))
    assert hidden is False and len(labels) == 4
    assert figure.data[0].type == "choropleth"
    assert words.t("document.map_label", lang) in str(figure.to_plotly_json())
    text = repr(lists)
    assert "strategy=" in text  # strategies link to the map filtered on them
    assert ("mentions" in str(status)) if lang == "en" else ("提及" in str(status))
    refused = document_outputs(None, {"status": 413, "detail": "too big"}, ViewState(view="document"))
    assert refused[3] is True and "too big" in refused[2]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_document_says_how_many_claims_the_page_lists(atlas_app: Any, lang: str) -> None:
    from callbacks.document import document_outputs
    from views import words

    summary = _summary()
    shown = len(summary["claims"])
    assert shown >= 1
    _, lists, *_ = document_outputs({**summary, "claim_count": shown + 40}, None,
                                    ViewState(view="document", lang=lang))
    note = words.t("document.claims_shown", lang, shown=f"{shown:,}", n=f"{shown + 40:,}")
    assert note in repr(lists)
    state = ViewState(view="document", lang=lang)
    _, lists, *_ = document_outputs({**summary, "claim_count": shown}, None, state)
    all_listed = words.t("document.claims_shown", lang, shown=f"{shown:,}", n=f"{shown:,}")
    assert all_listed not in repr(lists)  # every claim listed: no note


def test_the_view_is_a_tab_and_the_document_never_in_the_url(atlas_app: Any) -> None:
    from layouts.ids import Document

    assert "document" in VIEWS
    assert to_query(ViewState(view="document")).lstrip("?") == "view=document"
    assert parse_query("view=document&text=secret", valid=ValidValues())[0] == ViewState(view="document")
    layout = repr(atlas_app.layout)
    for cid in (Document.TAB, Document.PAGE, Document.UPLOAD, Document.RESULT, Document.MAP):
        assert f"'{cid}'" in layout, cid
    from dash._callback import GLOBAL_CALLBACK_MAP

    spec = {k: v for k, v in {**GLOBAL_CALLBACK_MAP, **atlas_app.callback_map}.items() if "document-map" in k}
    assert spec, "the map of mentions is drawn by a server-side callback"
    for v in spec.values():  # only the small summary goes to the server, never the upload or the answer
        sent = {d["id"] for d in v["inputs"] + v.get("state", [])}
        assert Document.UPLOAD not in sent and Document.RESULT not in sent and Document.TEXT not in sent


@pytest.mark.browser
def test_paste_upload_highlight_and_download_in_the_browser(atlas_page: Any) -> None:
    page = atlas_page
    page.goto("/?view=document")
    page.wait_for_selector("#document-text", state="visible")
    page.fill("#document-text", TEXT + "\n<script>window.pwned = 1</script>")
    page.click("#document-analyse")
    page.wait_for_selector("#document-body:not([hidden]) #document-map .choroplethlocation", state="attached")
    marks = page.locator("#document-highlighted mark")
    assert marks.count() >= 6 and "Xinjiang" in marks.first.inner_text()
    assert "<script>" in page.inner_text("#document-highlighted")  # text stays text
    assert page.evaluate("() => window.pwned === undefined")
    assert "Large-scale development of the western region" in page.inner_text("#document-lists")
    assert page.url.endswith("?view=document")  # nothing of the document in the URL
    with page.expect_download() as download:
        page.click("#document-json")
    assert download.value.suggested_filename.endswith("_mentions.json")
    page.set_input_files("#document-upload input[type=file]",
                         files=[{"name": "x.html", "mimeType": "text/html",
                                 "buffer": b"<p>Tibet, Qinghai</p>"}])
    page.wait_for_function("() => document.querySelector('#document-status').innerText.includes('x.html')")
    assert page.locator("#document-highlighted mark").count() == 2
    page.set_input_files("#document-upload input[type=file]",
                         files=[{"name": "x.pdf", "mimeType": "application/pdf",
                                 "buffer": b"%PDF-1.4 broken"}])
    page.wait_for_function("() => document.querySelector('#document-status').innerText.includes('malformed')")
    page.set_input_files("#document-upload input[type=file]",
                         files=[{"name": "big.txt", "mimeType": "text/plain",
                                 "buffer": b"Gansu " * 1_000_000}])
    page.wait_for_function("() => document.querySelector('#document-status').innerText.includes('5 MB')")
    # the only console error is the browser's own line for the refused upload's 422
    assert all("422" in e for e in page.console_errors), page.console_errors
    assert all(u.startswith(page.url.split("/?")[0]) for u in page.requests)
