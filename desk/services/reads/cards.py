"""Cards of the open incidents, computed at read time from the rule in desk.domain.cards."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import Incident
from desk.domain.cards import Card, Deadline, assess, cutoffs
from desk.domain.lifecycle import OPEN_STATUSES
from desk.domain.rates import SATISFIED_FROM, Rate, rates

OPEN = [s.value for s in OPEN_STATUSES]


@dataclass(frozen=True)
class OpenCard:
    id: int
    deadline: Deadline


def open_cards(s: Session, now: datetime) -> list[OpenCard]:
    rows = s.execute(select(Incident.id, Incident.matter, Incident.status, Incident.registered_at,
                            Incident.answered_at, Incident.answer_due_at).where(Incident.status.in_(OPEN))).all()
    return [OpenCard(r.id, assess(r.matter, r.status, r.registered_at, r.answered_at, now, r.answer_due_at))
            for r in rows]


def card_expression(now: datetime) -> ColumnElement[str]:
    """`assess(...).card` of an open incident as SQL, from the domain's cut-offs at `now`."""
    cut = cutoffs(now)
    police_red = and_(Incident.matter == "police", or_(
        and_(Incident.answered_at.is_(None), Incident.answer_due_at <= cut.police_due),
        Incident.answered_at > Incident.answer_due_at))
    grid = Incident.matter != "police"
    return case(
        (police_red, Card.RED.value),
        (and_(grid, Incident.registered_at <= cut.grid_red), Card.RED.value),
        (and_(grid, Incident.registered_at <= cut.grid_yellow), Card.YELLOW.value),
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
    """`assess(...).card` at `at` for an incident open then, seeing only the answers given by then.
    With `at` later than now it is what the open items will show then if nobody acts."""
    cut = cutoffs(at)
    answered = and_(Incident.answered_at.is_not(None), Incident.answered_at <= at)
    police_red = and_(Incident.matter == "police", or_(
        and_(~answered, Incident.answer_due_at <= cut.police_due),
        and_(answered, Incident.answered_at > Incident.answer_due_at)))
    grid = Incident.matter != "police"
    return case(
        (police_red, Card.RED.value),
        (and_(grid, Incident.registered_at <= cut.grid_red), Card.RED.value),
        (and_(grid, Incident.registered_at <= cut.grid_yellow), Card.YELLOW.value),
        else_=Card.NONE.value,
    )


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
    On time: a police matter answered by its answer deadline, a grid matter closed by its close date."""
    since = now - timedelta(days=RATE_DAYS)
    closed_in = and_(Incident.closed_at.is_not(None), Incident.closed_at >= since, Incident.closed_at <= now)
    on_time = or_(
        and_(Incident.matter == "police", Incident.answered_at.is_not(None),
             Incident.answered_at <= Incident.answer_due_at),
        and_(Incident.matter != "police", Incident.close_due_at.is_not(None),
             Incident.closed_at <= Incident.close_due_at))
    closed, in_time = s.execute(select(func.count(), func.sum(case((on_time, 1), else_=0))).where(closed_in)).one()
    evaluated, satisfied = s.execute(
        select(func.count(), func.sum(case((Incident.satisfaction >= SATISFIED_FROM, 1), else_=0)))
        .where(Incident.evaluated_at.is_not(None), Incident.evaluated_at >= since, Incident.evaluated_at <= now,
               Incident.satisfaction.is_not(None))).one()
    cards = card_counts(s, now)
    open_total = sum(cards.values())
    return rates(int(in_time or 0), int(closed or 0), cards[Card.RED], open_total, int(satisfied or 0),
                 int(evaluated or 0))
