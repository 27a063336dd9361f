"""The strategy matrix's data: which strategies cover which provinces, wholly or in part."""

from __future__ import annotations

from functools import cache

import pandas as pd

from views import datasets, words
from views.ranking import provinces


@cache  # the data behind it does not change while the process runs; callers do not mutate
def matrix_data(lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Members, provinces and strategies frames for the membership matrix.

    A strategy with a province-level member covers that province ``whole``; one whose members there are
    prefectures covers ``part`` of it (the note names them).
    """
    prov = provinces(lang)
    strategies = datasets.catalog_table("strategies")
    members = datasets.catalog_table("strategy_members")
    if strategies.empty or members.empty or prov.empty:
        empty = pd.DataFrame(columns=["strategy_id", "adcode", "coverage", "quote", "source_id", "note"])
        return empty, prov, pd.DataFrame(columns=["strategy_id", "name", "kind"])
    strat = pd.DataFrame({
        "strategy_id": strategies["strategy_id"],
        "name": [words.name(r, lang) for r in strategies.to_dict("records")],
        "kind": strategies["kind"].fillna(""),
    })
    places = datasets.places()
    rows = []
    for (sid, province), group in members.assign(province=members["adcode"].astype(str).str[:2] + "0000") \
            .groupby(["strategy_id", "province"], sort=True):
        whole = group[group["level"] == "province"]
        first = whole.iloc[0] if not whole.empty else group.iloc[0]
        parts = group[group["level"] != "province"]
        note = ""
        if whole.empty:
            names = [words.name(vars(places[str(a)]), lang) if str(a) in places else str(a)
                     for a in parts["adcode"]]
            note = ", ".join(names)
        rows.append({"strategy_id": sid, "adcode": province,
                     "coverage": "whole" if not whole.empty else "part",
                     "quote": first["quote"], "source_id": first["source_id"], "note": note})
    return pd.DataFrame(rows), prov, strat
