"""Which incidents an operator is looking at: one filter that the map and the queue both apply.

An empty set means "any". Cards are not stored (they follow from the clock), so every test runs on
values a read already has: the card assessed at `now`, the stored nature, class, village, status and
registration time. The desk's map and queue share one filter; the wall keeps its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

# How old an item may be, in days, as offered to operators: today, three days, a week, a month.
AGE_CHOICES: tuple[int, ...] = (1, 3, 7, 30)


@dataclass(frozen=True)
class IncidentFilter:
    cards: frozenset[str] = field(default_factory=frozenset)  # none | yellow | red
    natures: frozenset[str] = field(default_factory=frozenset)  # police | grid (Incident.matter)
    classes: frozenset[str] = field(default_factory=frozenset)  # dispute | security | public_service
    unit_ids: frozenset[int] = field(default_factory=frozenset)  # villages / communities
    statuses: frozenset[str] = field(default_factory=frozenset)  # open statuses
    max_age_days: int | None = None  # registered within this many days

    @property
    def is_empty(self) -> bool:
        return not (self.cards or self.natures or self.classes or self.unit_ids or self.statuses
                    or self.max_age_days)

    @property
    def active_count(self) -> int:
        """How many of the six criteria narrow the view (shown on the filter button)."""
        return sum(bool(x) for x in (self.cards, self.natures, self.classes, self.unit_ids, self.statuses,
                                     self.max_age_days))

    def with_values(self, **changes: Any) -> IncidentFilter:
        """A copy with some criteria replaced; iterables become frozensets."""
        fixed: dict[str, Any] = {k: (frozenset(v) if isinstance(v, (set, list, tuple, frozenset)) else v)
                                 for k, v in changes.items()}
        return replace(self, **fixed)

    def toggled(self, criterion: str, value: object) -> IncidentFilter:
        """The filter with one value added to or removed from a set criterion."""
        current: frozenset[Any] = getattr(self, criterion)
        fixed: dict[str, Any] = {criterion: current ^ {value}}
        return replace(self, **fixed)

    def registered_since(self, now: datetime) -> datetime | None:
        return None if not self.max_age_days else now - timedelta(days=self.max_age_days)

    def matches(self, *, card: str, nature: str, item_class: str, unit_id: int | None, status: str,
                registered_at: datetime, now: datetime) -> bool:
        if self.cards and card not in self.cards:
            return False
        if self.natures and nature not in self.natures:
            return False
        if self.classes and item_class not in self.classes:
            return False
        if self.unit_ids and unit_id not in self.unit_ids:
            return False
        if self.statuses and status not in self.statuses:
            return False
        since = self.registered_since(now)
        return since is None or registered_at >= since


NO_FILTER = IncidentFilter()

