"""Finding a place or a strategy by name: the search box's options, its ranking of matches, and what a
picked option opens.

Provinces, prefectures, border ports and strategies are findable by English, Chinese, aliases and
pinyin. The page asks for matches as the user types (:func:`search_matches`), so the ~500 options never
travel with the page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from views import datasets, url, words


@lru_cache(maxsize=2)
def _search_options(lang: str) -> tuple[dict[str, Any], ...]:
    options: list[dict[str, Any]] = []
    tables = (("province", datasets.province_table()), ("prefecture", datasets.prefecture_table()))
    for level, table in tables:
        for _, row in table.iterrows():
            options.append({"label": _search_label(row, level, lang), "value": f"{level}:{row['adcode']}",
                            "search": search_terms(row)})
    infra = datasets.catalog_table("infrastructure")
    if not infra.empty:
        for _, row in infra[infra["kind"] == "port"].iterrows():
            if isinstance(row.get("province_adcode"), str):
                options.append({"label": _search_label(row, "port", lang), "value": f"port:{row['id']}",
                                "search": search_terms(row)})
    strategies = datasets.catalog_table("strategies")
    for _, row in strategies.iterrows():
        options.append({"label": _search_label(row, "strategy", lang),
                        "value": f"strategy:{row['strategy_id']}", "search": search_terms(row)})
    return tuple(options)


def search_options(lang: str) -> list[dict[str, Any]]:
    """All findable things: provinces, prefectures, border ports and strategies (by English, pinyin or
    Chinese name, aliases included)."""
    return list(_search_options(lang))


def search_matches(query: object, lang: str, limit: int = 12) -> list[dict[str, Any]]:
    """The best ``limit`` search options for ``query``: exact names first, then prefixes, then substrings;
    provinces before prefectures, strategies and ports. The page asks for these as the user types, so
    the ~500 options never travel with the page."""
    if not isinstance(query, str):
        return []
    needle = " ".join(query.lower().split())[:60]
    if not needle:
        return []
    squeezed = needle.replace(" ", "")
    kinds = {"province": 0, "prefecture": 1, "strategy": 2, "port": 3}
    scored = []
    for option in _search_options(lang):
        terms = option["search"].split(" | ")
        if needle in terms or squeezed in terms:
            rank = 0
        elif any(t.startswith(needle) or t.startswith(squeezed) for t in terms):
            rank = 1
        elif needle in option["search"] or squeezed in option["search"]:
            rank = 2
        else:
            continue
        scored.append((rank, kinds.get(option["value"].split(":")[0], 9), len(option["label"]), option))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]


def resolve_search(value: object) -> tuple[str, str] | None:
    """Turn a search option value into ``("province", adcode)`` or ``("strategy", id)``; None if unknown.

    Prefectures and ports open their province.
    """
    if not isinstance(value, str) or ":" not in value:
        return None
    kind, _, key = value.partition(":")
    valid = url.valid_values()
    if kind in ("province", "prefecture"):
        province = datasets.province_of(key)
        return ("province", province) if province in valid.provinces else None
    if kind == "port":
        infra = datasets.catalog_table("infrastructure")
        rows = infra[infra["id"] == key] if not infra.empty else infra
        if rows.empty or not isinstance(rows.iloc[0].get("province_adcode"), str):
            return None
        return "province", rows.iloc[0]["province_adcode"]
    if kind == "strategy" and key in valid.strategies:
        return "strategy", key
    return None


def picked_place(value: object, lang: str) -> dict[str, str] | None:
    """The place a search option (``prefecture:<adcode>``, ``port:<id>``) or a click on a map point
    (``place:<Box 12 id>``) picks out: ``{"id", "label", "prefecture", "province"}`` for the profile to
    name and mark (its Box 12 item, its prefecture on the prefecture map); None for anything else."""
    if not isinstance(value, str) or ":" not in value:
        return None
    kind, _, key = value.partition(":")
    if kind == "prefecture":
        places = datasets.places()
        place = places.get(key)
        if place is None or place.level != "prefecture":
            return None
        name = words.bilingual(vars(place), lang)
        return {"id": key, "label": f"{name} · {words.t('search_kind.prefecture', lang)}",
                "prefecture": key, "province": datasets.province_of(key)}
    if kind not in ("port", "place"):
        return None
    infra = datasets.catalog_table("infrastructure")
    rows = infra[infra["id"] == key] if not infra.empty and "id" in infra.columns else infra.iloc[0:0]
    if rows.empty:
        return None
    row = rows.iloc[0]
    province = row.get("province_adcode")
    if not isinstance(province, str) or not province:
        return None
    prefecture = row.get("prefecture_adcode")
    kind_word = f"box12_kind.{row.get('kind')}"
    label = words.bilingual(row, lang) + (f" · {words.t(kind_word, lang)}" if words.has(kind_word) else "")
    return {"id": key, "label": label, "province": province,
            "prefecture": prefecture if isinstance(prefecture, str) else ""}


def _search_label(row: Any, kind: str, lang: str) -> str:
    return f"{words.bilingual(row, lang)} · {words.t(f'search_kind.{kind}', lang)}"


def search_terms(row: Any, extra: tuple[str, ...] = ()) -> str:
    """English, Chinese, aliases and pinyin (with and without spaces), lower-case, for the dropdown."""
    from pypinyin import lazy_pinyin

    terms = [words.name(row, "en"), words.name(row, "zh"), *extra]
    aliases = row.get("aliases")
    if isinstance(aliases, str):
        terms += [a for a in aliases.split(";") if a]
    zh = row.get("name_zh")
    if isinstance(zh, str) and zh:
        terms += _pinyin_terms(lazy_pinyin(zh))
    return " | ".join(dict.fromkeys(t.strip().lower() for t in terms if t and t.strip()))


def _pinyin_terms(syllables: list[str]) -> list[str]:
    """Pinyin a reader may type: syllable by syllable, the first four run together ("wulumuqi",
    "bayinguoleng") and, for longer names, syllable pairs ("jiakuai", "tuijin").

    The dropdown indexes every substring of every space-separated token, so the whole of a long name run
    together (60 letters: 1,830 substrings) made indexing the strategy options most of a long task at
    page load; these shorter tokens still match whatever a reader types from a word boundary.
    """
    terms = [" ".join(syllables), "".join(syllables[:4])]
    if len(syllables) > 4:
        terms.append(" ".join("".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)))
        terms.append(" ".join("".join(syllables[i:i + 2]) for i in range(1, len(syllables) - 1, 2)))
    return terms
