"""Which incidents an operator is looking at: one filter that the map and the queue both apply.

An empty set means "any". Cards are not stored (they follow from the clock), so every test runs on
values a read already has: the card assessed at `now`, the stored nature, class, village, status and
registration time. The desk's map and queue share one filter; the wall keeps its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
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



# Which part of the history the queue lists: the open items (the default), those closed and awaiting the
# resident's evaluation, everything closed, or all of it.
SCOPES = ("open", "awaiting_evaluation", "closed", "all")
# What the queue can be sorted on; "urgency" is red, then yellow, then the nearest deadline, then oldest.
SORTS = ("urgency", "remaining", "code", "title", "category", "matter", "status", "place", "department",
         "registered")


@dataclass(frozen=True)
class QueueQuery:
    """The queue's view of the whole history: the filter shared with the map, plus what only the queue
    offers (scope, item type, grid, department, source, a date range, free text) and the sort."""

    base: IncidentFilter = NO_FILTER
    scope: str = "open"
    item_types: frozenset[str] = field(default_factory=frozenset)
    grid_ids: frozenset[int] = field(default_factory=frozenset)
    department_ids: frozenset[int] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    date_from: date | None = None  # registered on or after this local day
    date_to: date | None = None  # registered on or before this local day
    text: str = ""
    sort: str = "urgency"
    descending: bool = False
    # "As of" a Beijing moment, stored as UTC: the items open then, with the cards they had (or, later than
    # now, will have if nobody acts). None: now.
    as_of: datetime | None = None

    def with_values(self, **changes: Any) -> QueueQuery:
        fixed: dict[str, Any] = {k: (frozenset(v) if isinstance(v, (set, list, tuple)) else v)
                                 for k, v in changes.items()}
        return replace(self, **fixed)

    @property
    def narrowed(self) -> bool:
        """Whether anything beyond the scope narrows the list (the summary then says how many are shown)."""
        return bool(not self.base.is_empty or self.item_types or self.grid_ids or self.department_ids
                    or self.sources or self.date_from or self.date_to or self.text.strip())


OPEN_QUEUE = QueueQuery()
