"""Cards of the open incidents, from the instants each incident stores (desk.domain.milestones)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import Incident
from desk.domain.cards import Card, Deadline, from_schedule
from desk.domain.lifecycle import OPEN_STATUSES
from desk.domain.rates import SATISFIED_FROM, Rate, rates

OPEN = [s.value for s in OPEN_STATUSES]


@dataclass(frozen=True)
class OpenCard:
    id: int
    deadline: Deadline


def open_cards(s: Session, now: datetime) -> list[OpenCard]:
    rows = s.execute(select(Incident.id, Incident.status, Incident.yellow_at, Incident.red_at, Incident.due_at,
                            Incident.due_milestone).where(Incident.status.in_(OPEN))).all()
    return [OpenCard(r.id, from_schedule(r.status, r.yellow_at, r.red_at, r.due_at, r.due_milestone, now))
            for r in rows]


def card_expression(now: datetime) -> ColumnElement[str]:
    """`from_schedule(...).card` of an open incident as SQL: the stored instants against `now`. With a
    past or future `now` it is the card the incident had, or will have if nobody acts."""
    return case(
        (Incident.red_at <= now, Card.RED.value),
        (Incident.yellow_at <= now, Card.YELLOW.value),
        else_=Card.NONE.value,
    )


def card_counts(s: Session, now: datetime, *where: ColumnElement[bool]) -> dict[Card, int]:
    """Open incidents by card in one aggregate query (no rows loaded)."""
    card = card_expression(now).label("card")
    rows = s.execute(select(card, func.count()).where(Incident.status.in_(OPEN), *where).group_by(card)).all()
    counts = {Card.NONE: 0, Card.YELLOW: 0, Card.RED: 0}
    for value, n in rows:
        counts[Card(value)] += n
    return counts


def open_as_of(at: datetime) -> ColumnElement[bool]:
    """Open at `at`: registered by then and not closed by then (closed later, or not yet at all)."""
    return and_(Incident.registered_at <= at, or_(Incident.closed_at.is_(None), Incident.closed_at > at))


def card_expression_as_of(at: datetime) -> ColumnElement[str]:
    """The card at `at` of an incident open then. The stored instants already account for answers
    given later (a late answer leaves the red from its deadline on; one in time leaves none), so this is
    the same comparison as now's."""
    return card_expression(at)


def card_counts_as_of(s: Session, at: datetime) -> dict[Card, int]:
    """Incidents open at `at`, by the card they had (or will have) then, in one aggregate query."""
    card = card_expression_as_of(at).label("card")
    rows = s.execute(select(card, func.count()).where(open_as_of(at)).group_by(card)).all()
    counts = {Card.NONE: 0, Card.YELLOW: 0, Card.RED: 0}
    for value, n in rows:
        counts[Card(value)] += n
    return counts


RATE_DAYS = 30


def loop_rates(s: Session, now: datetime) -> list[Rate]:
    """The plan's rates over the last 30 days (closures and evaluations) and the open items now.
    On time: closed before any milestone that gives a card was missed (a police matter answered within
    24 h, a grid matter closed within 3 days, the minute clocks of urgent items kept)."""
    since = now - timedelta(days=RATE_DAYS)
    closed_in = and_(Incident.closed_at.is_not(None), Incident.closed_at >= since, Incident.closed_at <= now)
    on_time = and_(or_(Incident.yellow_at.is_(None), Incident.yellow_at > Incident.closed_at),
                   or_(Incident.red_at.is_(None), Incident.red_at > Incident.closed_at))
    closed, in_time = s.execute(select(func.count(), func.sum(case((on_time, 1), else_=0))).where(closed_in)).one()
    evaluated, satisfied = s.execute(
        select(func.count(), func.sum(case((Incident.satisfaction >= SATISFIED_FROM, 1), else_=0)))
        .where(Incident.evaluated_at.is_not(None), Incident.evaluated_at >= since, Incident.evaluated_at <= now,
               Incident.satisfaction.is_not(None))).one()
    cards = card_counts(s, now)
    open_total = sum(cards.values())
    return rates(int(in_time or 0), int(closed or 0), cards[Card.RED], open_total, int(satisfied or 0),
                 int(evaluated or 0))
