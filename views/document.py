"""A user's document, analysed: its mentions per province, the strategies and Box 12 items it names, and its
numeric claims, normalised and reconciled where the atlas can test them.

:func:`analyse` is the one code path of ``POST /api/extract`` and of the document view: text in,
:class:`DocumentResult` out (the same extractor and the same records as ``python app.py extract``).
Nothing is kept: the result goes back to the browser, which holds it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from data.extract.language import detect_language
from data.extract.mention import Mention
from data.extract.pipeline import extract_chunk
from data.extract.uploads import MAX_TEXT_CHARS, Deadline, UploadError, check_text
from views import datasets

#: the mentions an answer lists at most (the counts cover all of them)
MAX_MENTIONS = 5000
#: about how many bytes of mention records an answer carries at most (sentences repeat in each record)
MAX_ANSWER_BYTES = 4 * 1024 * 1024
#: claims listed at most
MAX_CLAIMS = 500
CHUNK_CHARS = 128 * 1024
#: relative tolerance of a claim tested against the statistics ("exact" and "about")
TOLERANCE_PCT = 1.0

_PLACE_TYPES = frozenset({"province", "prefecture", "place", "infrastructure"})
_PARAGRAPH = re.compile(r"\n\s*\n")
# extracted claim units -> (statistics column, factor from the column's unit to the claim's)
_STAT_UNITS: dict[tuple[str, str], tuple[str, float]] = {
    ("gdp", "yuan"): ("gdp", 1e8),
    ("population", "persons"): ("population", 1e4),
}


@dataclass(frozen=True)
class DocumentResult:
    """What one document says, as the API answers and the document view shows it."""

    doc: str
    language: str
    characters: int
    mentions: list[Mention]  # all of them (the answer lists up to MAX_MENTIONS)
    provinces: dict[str, int]  # adcode -> mentions rolled up to the province
    strategies: dict[str, int]  # strategy id -> mentions
    infrastructure: dict[str, int]  # Box 12 item id -> mentions
    claims: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, *, with_text: str | None = None) -> dict[str, Any]:
        """The API's answer: ``mentions`` (the CLI's JSONL records), ``language``, ``provinces``, ``claims``,
        plus ``strategies``, ``infrastructure``, counts and ``truncated`` when the list was cut."""
        records: list[dict[str, Any]] = []
        size = 0
        for m in self.mentions:
            if len(records) >= MAX_MENTIONS or size > MAX_ANSWER_BYTES:
                break
            records.append(m.to_record())
            size += 200 + len(m.sentence.encode("utf-8"))
        out: dict[str, Any] = {
            "doc": self.doc,
            "language": self.language,
            "characters": self.characters,
            "mention_count": len(self.mentions),
            "truncated": len(records) < len(self.mentions),
            "mentions": records,
            "provinces": self.provinces,
            "strategies": self.strategies,
            "infrastructure": self.infrastructure,
            "claims": self.claims,  # the first MAX_CLAIMS
            "claim_count": sum(1 for m in self.mentions if m.type == "claim"),
        }
        if with_text is not None:
            out["text"] = with_text
        return out


def analyse(text: str, doc: str = "document", *, deadline: Deadline | None = None) -> DocumentResult:
    """Extract and summarise ``text`` (at most :data:`MAX_TEXT_CHARS` characters).

    Long texts are extracted in chunks ending at paragraph breaks (as the command line streams files),
    with the deadline checked between chunks.

    Raises
    ------
    UploadError
        413 for a text over the limit, 422 for an empty one or one that takes past the deadline.
    """
    deadline = deadline or Deadline.after()
    check_text(text)
    mentions: list[Mention] = []
    sentence_index = 0
    for offset, chunk in _chunks(text):
        found, n = extract_chunk(chunk, doc, offset=offset, first_sentence=sentence_index)
        mentions.extend(found)
        sentence_index += n
        deadline.check()
    language = detect_language(text[:200_000]) or "en"
    provinces: Counter[str] = Counter(m.province for m in mentions if m.province and m.type in _PLACE_TYPES)
    strategies: Counter[str] = Counter(m.id for m in mentions if m.type == "strategy")
    infra: Counter[str] = Counter(m.id for m in mentions if m.type == "infrastructure")
    claims = claim_records(mentions)
    return DocumentResult(doc=doc, language=language, characters=len(text), mentions=mentions,
                          provinces=dict(provinces.most_common()), strategies=dict(strategies.most_common()),
                          infrastructure=dict(infra.most_common()), claims=claims)


def _chunks(text: str) -> list[tuple[int, str]]:
    """``(offset, chunk)`` pieces of about :data:`CHUNK_CHARS`, cut after a paragraph break when there is
    one (else after a line break, else at a space)."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        window = text[start + CHUNK_CHARS // 2 : start + CHUNK_CHARS]
        cut = -1
        for m in _PARAGRAPH.finditer(window):
            cut = m.end()
        if cut < 0:
            cut = max(window.rfind("\n"), window.rfind(" ")) + 1
        cut = start + CHUNK_CHARS // 2 + cut if cut > 0 else start + CHUNK_CHARS
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


def claim_records(mentions: list[Mention]) -> list[dict[str, Any]]:
    """The first :data:`MAX_CLAIMS` claims of ``mentions``, normalised, with their reconciliation.

    The provinces per sentence and the catalog's quotes are gathered once: per claim they cost a pass
    over every mention and over the reconciliation table (about 1.4 s for a 1 MB text's 1,000 claims).
    """
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.province and m.type == "province":
            by_sentence.setdefault(m.sentence_index, set()).add(m.province)
    rows = _catalog_rows()
    # only the listed claims are reconciled (the rest were computed and dropped)
    return [_claim_record(m, by_sentence.get(m.sentence_index, set()), rows)
            for m in [m for m in mentions if m.type == "claim"][:MAX_CLAIMS]]


def _claim_record(claim: Mention, provinces: set[str], catalog: list[tuple[str, dict[str, Any]]]
                  ) -> dict[str, Any]:
    """A claim, normalised, with the provinces its sentence names and its reconciliation against
    ``catalog`` (:func:`_catalog_rows`)."""
    record: dict[str, Any] = {
        "text": claim.text, "start": claim.start, "end": claim.end, "value": claim.value, "unit": claim.unit,
        "qualifier": claim.qualifier or "exact", "indicator": claim.indicator, "period": claim.period,
        "sentence": claim.sentence, "provinces": sorted(provinces),
    }
    record["reconciliation"] = _reconcile(record, catalog)
    return record


def _reconcile(claim: dict[str, Any], catalog: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """How the atlas tests a claim: the catalog claim it is (its verdict), or the province statistics.

    Returns ``{"verdict": agree|disagree|untestable, "basis": ..., "computed": float|None, ...}``.
    """
    match = _catalog_match(str(claim["sentence"]), str(claim["text"]), catalog)
    if match is not None:
        return match
    value = claim.get("value")
    key = (str(claim.get("indicator") or ""), str(claim.get("unit") or ""))
    if key not in _STAT_UNITS or not isinstance(value, float) or len(claim["provinces"]) != 1:
        return {"verdict": "untestable", "basis": "", "computed": None}
    column, factor = _STAT_UNITS[key]
    years = datasets.stat_years(column)
    period = str(claim.get("period") or "")
    year = int(period[:4]) if period[:4].isdigit() else (max(years) if years else None)
    if year is None or year not in years:
        return {"verdict": "untestable", "basis": f"no {column} statistics for {period}", "computed": None}
    stats = datasets.statistics(year)
    row = stats[stats["adcode"] == claim["provinces"][0]]
    computed = float(row[column].iloc[0]) * factor if not row.empty else math.nan
    if math.isnan(computed):
        return {"verdict": "untestable", "basis": f"no {column} statistics for {year}", "computed": None}
    verdict = _verdict(value, str(claim["qualifier"]), computed)
    return {"verdict": verdict, "basis": f"{column} {year}, provincial statistics", "computed": computed,
            "difference_pct": round((computed - value) / value * 100, 2) if value else None}


def _verdict(claimed: float, qualifier: str, computed: float) -> str:
    if qualifier in ("over", "more_than"):
        return "agree" if computed > claimed else "disagree"
    if qualifier == "at_least":
        return "agree" if computed >= claimed else "disagree"
    if qualifier in ("less_than", "up_to"):
        return "agree" if computed <= claimed else "disagree"
    tol = TOLERANCE_PCT * (3 if qualifier in ("about", "nearly") else 1)
    return "agree" if abs(computed - claimed) <= abs(claimed) * tol / 100 else "disagree"


def _catalog_rows() -> list[tuple[str, dict[str, Any]]]:
    """``(squashed quote, row)`` of the reconciliation table's rows, in order ([] without a table)."""
    table = datasets.reconciliation()
    if table.empty or "quote" not in table.columns:
        return []
    rows: list[dict[str, Any]] = table.to_dict("records")  # type: ignore[assignment]  # str column names
    return [(_squash(str(row.get("quote") or "")), row) for row in rows]


def _catalog_match(sentence: str, text: str, catalog: list[tuple[str, dict[str, Any]]]
                   ) -> dict[str, Any] | None:
    """The reconciliation row of a catalog claim quoted in ``sentence`` whose number is in ``text``."""
    squashed = _squash(sentence)
    if len(squashed) < 20:
        return None
    digits = re.sub(r"[^\d.]", "", text)
    for quote, row in catalog:
        if not quote or not (quote in squashed or squashed in quote):
            continue
        claimed = row.get("claimed_value")
        if isinstance(claimed, float) and f"{claimed:g}".replace(",", "") not in digits:
            continue
        computed = row.get("computed_value")
        return {"verdict": str(row.get("verdict") or "untestable"), "basis": str(row.get("basis") or ""),
                "computed": computed if isinstance(computed, float) and not math.isnan(computed) else None,
                "catalog_claim": str(row.get("claim_id") or ""), "note": str(row.get("note") or "")}
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def catalog_links(result: dict[str, Any], lang: str) -> dict[str, list[dict[str, str]]]:
    """Names and catalog entries of the strategies and Box 12 items a (JSON) result names.

    ``{"strategies": [{"id", "name", "count"}], "infrastructure": [{"id", "name", "count", "province",
    "source_id", "quote"}]}``; ids the catalog does not know are left out.
    """
    out: dict[str, list[dict[str, str]]] = {"strategies": [], "infrastructure": []}
    name_col = "name_zh" if lang == "zh" else "name_en"
    strategies = datasets.catalog_table("strategies")
    if not strategies.empty:
        by_id = strategies.drop_duplicates("strategy_id").set_index("strategy_id")
        for sid, count in (result.get("strategies") or {}).items():
            if sid in by_id.index:
                row = by_id.loc[sid]
                out["strategies"].append({"id": str(sid), "name": str(row[name_col] or row["name_en"]),
                                          "count": str(count)})
    infra = datasets.catalog_table("infrastructure")
    if not infra.empty:
        by_id = infra.drop_duplicates("id").set_index("id")
        for iid, count in (result.get("infrastructure") or {}).items():
            if iid in by_id.index:
                row = by_id.loc[iid]
                out["infrastructure"].append({
                    "id": str(iid), "name": str(row[name_col] or row["name_en"]), "count": str(count),
                    "province": str(row.get("province_adcode") or ""), "source_id": str(row["source_id"]),
                    "quote": str(row["quote"]),
                })
    return out


def analyse_upload(data: bytes, filename: str | None, *, deadline: Deadline | None = None) -> tuple[
        DocumentResult, str]:
    """Read an uploaded file (:func:`data.extract.uploads.read_upload`) and analyse it: ``(result, text)``."""
    from data.extract.uploads import read_upload, safe_name

    deadline = deadline or Deadline.after()
    text = read_upload(data, filename, deadline=deadline)
    return analyse(text, safe_name(filename), deadline=deadline), text


def mentions_figure(provinces: dict[str, int], lang: str) -> Any:
    """The national map coloured by the document's mentions per province (no overlays, no data version)."""
    import pandas as pd

    from figures.map import IndicatorMeta, national_map
    from views import words

    table = datasets.province_table()
    frame = (table[["adcode", "name_en", "name_zh"]].copy() if not table.empty
             else pd.DataFrame(columns=["adcode", "name_en", "name_zh"]))
    frame["note"] = ""
    frame["value"] = [float(provinces.get(str(a), 0)) for a in frame["adcode"]]
    meta = IndicatorMeta(key="mentions", label=words.t("document.map_label", lang),
                         unit=words.t("document.map_unit", lang), source=words.t("document.map_source", lang))
    return national_map(datasets.provinces_geojson(), frame, meta=meta,
                        no_data_label=words.t("map.nodata", lang), inset_label=words.t("map.inset", lang))


def clean_summary(data: object) -> dict[str, Any]:
    """The browser's summary of an answer, checked: counts as ints by known ids, claims as dicts (a callback
    body is the client's word: anything else is dropped)."""
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    for key in ("provinces", "strategies", "infrastructure"):
        counts = data.get(key)
        out[key] = ({str(k)[:64]: int(v) for k, v in list(counts.items())[:500]
                     if isinstance(v, int) and not isinstance(v, bool)} if isinstance(counts, dict) else {})
    claims = data.get("claims")
    claims = claims if isinstance(claims, list) else []
    out["claims"] = [c for c in claims[:MAX_CLAIMS] if isinstance(c, dict)]
    for key in ("doc", "language"):
        out[key] = str(data.get(key) or "")[:200]
    for key in ("mention_count", "characters", "shown", "claim_count"):
        value = data.get(key)
        out[key] = value if isinstance(value, int) and not isinstance(value, bool) else 0
    out["truncated"] = data.get("truncated") is True
    return out


__all__ = ["MAX_TEXT_CHARS", "DocumentResult", "UploadError", "analyse", "analyse_upload", "catalog_links",
           "clean_summary", "mentions_figure"]
