"""Deadlines and yellow/red cards (3日黄牌、6日红牌; police matters answered within 24 h).

The clocks themselves are milestones from the rule table (desk.domain.milestones); at each step the
incident stores when it turns yellow and red if nobody acts, and every read turns those instants into
a card with `from_schedule` (or the same comparison in SQL), so a card is never stale. `assess` is the
plans' two basic clocks written out by hand; tests hold the default rule table to it.

A police matter (警务事项) must be answered and handled by the handling unit within 24 h
(24小时内答复处置): the command room's own dispatch does not stop the clock, only the handling unit's
first answer (accepting it or giving feedback) does.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from desk.domain.lifecycle import is_open
from desk.domain.milestones import card_at

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


def answer_due(matter: str, registered_at: datetime, answer_hours: float | None = None) -> datetime | None:
    """When the handling unit's answer is due; None for grid matters."""
    if matter != "police":
        return None
    return registered_at + (timedelta(hours=answer_hours) if answer_hours else POLICE_ANSWER)


def close_due(matter: str, registered_at: datetime, close_days: float | None = None) -> datetime | None:
    """When a grid matter should be closed; None for police matters (their clock is the answer)."""
    if matter != "grid":
        return None
    return registered_at + (timedelta(days=close_days) if close_days else GRID_CLOSE)


@dataclass(frozen=True)
class Cutoffs:
    """`assess` as boundaries in time at `now`, for counting cards in SQL without loading rows.

    Police red: not answered and its answer due at or before `police_due`, or answered after its
    answer deadline. Grid yellow/red: registered at or before the yellow/red boundary."""

    police_due: datetime
    grid_yellow: datetime
    grid_red: datetime


def cutoffs(now: datetime) -> Cutoffs:
    return Cutoffs(now, now - YELLOW_AT, now - RED_AT)


def assess(matter: str, status: str, registered_at: datetime, answered_at: datetime | None,
           now: datetime, answer_due_at: datetime | None = None) -> Deadline:
    """The card and the time left for one incident at `now` (all naive UTC).

    `answered_at` is the handling unit's first answer (accept or feedback), not the dispatch;
    `answer_due_at` is the incident's own answer deadline (its item type may set one), else 24 h."""
    if not is_open(status):
        return Deadline(Card.NONE, None, None, "")
    if matter == "police":
        due = answer_due_at or registered_at + POLICE_ANSWER
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


def from_schedule(status: str, yellow_at: datetime | None, red_at: datetime | None, due_at: datetime | None,
                  due_code: str, now: datetime) -> Deadline:
    """The card and time left at `now` from the instants stored at the incident's last step
    (desk.domain.milestones.schedule): what every read uses, so the rule table is the one rule."""
    if not is_open(status):
        return Deadline(Card.NONE, None, None, "")
    card = Card(card_at(True, yellow_at, red_at, now))
    return Deadline(card, due_at, due_at - now if due_at is not None else None, due_code)


def urgency_key(deadline: Deadline, registered_at: datetime) -> tuple:
    """Most urgent first: red, then yellow, then the earliest deadline, then oldest.

    Sorting on the deadline itself (not on the time left) keeps rows read at different moments in
    the same order."""
    due = deadline.due.timestamp() if deadline.due is not None else float("inf")
    return (-deadline.card.rank, due, registered_at)
