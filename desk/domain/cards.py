"""Deadlines and yellow/red cards (3日黄牌、6日红牌; police matters answered within 24 h).

Computed from timestamps on every read, so a card is never stale.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from desk.domain.lifecycle import is_open

POLICE_ANSWER = timedelta(hours=24)
GRID_CLOSE = timedelta(days=3)
YELLOW_AT = timedelta(days=3)
RED_AT = timedelta(days=6)


class Card(str, Enum):
    NONE = "none"
    YELLOW = "yellow"
    RED = "red"

    @property
    def rank(self) -> int:
        return {"none": 0, "yellow": 1, "red": 2}[self.value]


@dataclass(frozen=True)
class Deadline:
    card: Card
    due: datetime | None  # the deadline that matters now (answer for police, close for grid)
    remaining: timedelta | None  # negative once overdue
    milestone: str  # "answer" | "close" | ""

    @property
    def overdue(self) -> bool:
        return self.remaining is not None and self.remaining < timedelta(0)


def assess(matter: str, status: str, registered_at: datetime, answered_at: datetime | None,
           now: datetime) -> Deadline:
    """The card and the time left for one incident at `now` (all naive UTC)."""
    if not is_open(status):
        return Deadline(Card.NONE, None, None, "")
    if matter == "police":
        due = registered_at + POLICE_ANSWER
        if answered_at is None:
            card = Card.RED if now >= due else Card.NONE
            return Deadline(card, due, due - now, "answer")
        # Answered: the card stays red if the answer itself came late.
        card = Card.RED if answered_at > due else Card.NONE
        return Deadline(card, None, None, "")
    age = now - registered_at
    if age >= RED_AT:
        card = Card.RED
    elif age >= YELLOW_AT:
        card = Card.YELLOW
    else:
        card = Card.NONE
    due = registered_at + GRID_CLOSE
    return Deadline(card, due, due - now, "close")


def urgency_key(deadline: Deadline, registered_at: datetime) -> tuple:
    """Most urgent first: red, then yellow, then least time left, then oldest."""
    remaining = deadline.remaining.total_seconds() if deadline.remaining is not None else float("inf")
    return (-deadline.card.rank, remaining, registered_at)

