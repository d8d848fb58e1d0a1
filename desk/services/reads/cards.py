"""Cards of the open incidents, computed at read time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Incident
from desk.domain.cards import Card, Deadline, assess
from desk.domain.lifecycle import OPEN_STATUSES

OPEN = [s.value for s in OPEN_STATUSES]


@dataclass(frozen=True)
class OpenCard:
    id: int
    deadline: Deadline


def open_cards(s: Session, now: datetime) -> list[OpenCard]:
    rows = s.execute(select(Incident.id, Incident.matter, Incident.status, Incident.registered_at,
                            Incident.dispatched_at).where(Incident.status.in_(OPEN))).all()
    return [OpenCard(r.id, assess(r.matter, r.status, r.registered_at, r.dispatched_at, now)) for r in rows]


def card_counts(s: Session, now: datetime) -> dict[Card, int]:
    counts = {Card.NONE: 0, Card.YELLOW: 0, Card.RED: 0}
    for oc in open_cards(s, now):
        counts[oc.deadline.card] += 1
    return counts
