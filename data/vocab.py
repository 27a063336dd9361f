"""The atlas's closed vocabularies, each listed once: macro-regions and the kinds of catalog rows.

The catalog schema validates against these ``Literal`` types, and the screen side reads the tuples
for its order (legends, filter groups, chart columns) and its word keys (``region.<id>``,
``strategy_kind.<kind>``, ``box12_kind.<kind>``, ``event.<kind>``). Nothing here imports anything.
"""

from __future__ import annotations

from typing import Literal, get_args

RegionId = Literal["east", "central", "west", "northeast"]
StrategyKind = Literal[  # in display order
    "macro_region_strategy", "regional_strategy", "city_cluster", "metropolitan_area", "pilot_zone",
    "zone", "corridor", "eco_economic_belt", "special_region", "old_revolutionary_base_area",
]
InfraKind = Literal["town", "village_programme", "highway", "airport", "general_airports_programme", "port"]
EventKind = Literal["symposium", "meeting", "study_session", "inspection"]

#: The four macro-regions (NBS division), in the order every legend and chart uses.
REGIONS: tuple[str, ...] = get_args(RegionId)
STRATEGY_KINDS: tuple[str, ...] = get_args(StrategyKind)
INFRA_KINDS: tuple[str, ...] = get_args(InfraKind)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
