"""Why a strategy is listed in a province's profile when its quote does not name the province
(issue 13, item 8): e.g. under Xinjiang, a China–Europe Railway Express quote about a Chongqing park.
The answer is the catalog's membership row (``strategy_members.csv``: its basis, ``note``)."""

from __future__ import annotations

from functools import cache

from views import datasets


@cache
def _names(adcode: str) -> tuple[str, ...]:
    """The forms a quote may name ``adcode`` by: English and Chinese names and the aliases."""
    forms: list[str] = []
    for table in (datasets.province_table(), datasets.prefecture_table()):
        if table.empty:
            continue
        rows = table[table["adcode"] == adcode]
        for row in rows.to_dict("records"):
            forms += [str(row.get("name_en") or ""), str(row.get("name_zh") or "")]
            forms += str(row.get("aliases") or "").split(";")
    return tuple(f.strip().lower() for f in forms if f and f.strip())


def names_place(quote: str, adcodes: list[str]) -> bool:
    """Whether ``quote`` names one of ``adcodes`` (any of its names or aliases)."""
    text = quote.lower()
    return any(form in text for a in adcodes for form in _names(a))


def membership_basis(strategy_id: str, adcodes: list[str]) -> str:
    """The catalog's membership basis of ``strategy_id`` for ``adcodes`` (their ``note``s, once each)."""
    members = datasets.catalog_table("strategy_members")
    if members.empty:
        return ""
    rows = members[(members["strategy_id"] == strategy_id) & members["adcode"].isin(adcodes)]
    notes = [str(n) for n in rows.get("note", []) if isinstance(n, str) and n]
    return "; ".join(dict.fromkeys(notes))


def why_listed(strategy_id: str, quote: str, province: str, via: str, member_adcodes: str) -> str | None:
    """The membership basis to show under a strategy whose quote names neither the province nor its
    member prefectures; None when the quote names it (or no basis is recorded)."""
    adcodes = [c for c in member_adcodes.split(";") if c] if via == "prefecture" else [province]
    if names_place(quote, [province, *adcodes]):
        return None
    return membership_basis(strategy_id, adcodes) or None
