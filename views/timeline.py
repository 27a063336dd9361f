"""The events timeline's data: the dated events of the catalog with their display labels."""

from __future__ import annotations

from functools import cache

import pandas as pd

from views import datasets, words


@cache  # the data behind it does not change while the process runs; callers do not mutate
def events_data(lang: str) -> pd.DataFrame:
    """Events with display columns for :func:`figures.timeline.events_timeline_figure`."""
    events = datasets.catalog_table("events")
    if events.empty:
        return pd.DataFrame(columns=["event_id", "date", "end_date", "kind", "title", "place", "label",
                                     "adcode", "quote", "source_id"])
    places = datasets.places()
    labels = []
    for adcode, place in zip(events["adcode"], events["place_name"], strict=True):
        name = words.name(vars(places[str(adcode)]), lang) if lang == "zh" and str(adcode) in places else ""
        labels.append(name or str(place).split(",")[0].strip())
    return pd.DataFrame({
        "event_id": events["event_id"], "date": events["date"], "end_date": events["end_date"].fillna(""),
        "kind": events["kind"], "title": events["title"], "place": events["place_name"], "label": labels,
        "adcode": events["adcode"], "quote": events["quote"], "source_id": events["source_id"],
    })
