"""The next joint meeting and its agenda, drawn from the data."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.models import ActionItem, AdminUnit, Department, Grid, HazardPoint, Incident, Meeting
from desk.domain.agenda import (CROSS_DEPT_TIERS, RISK_RULE, ActionState, Agenda, CardedIncident, PeriodStats, RiskNote,
                                build_agenda)
from desk.domain.cards import Card
from desk.domain.lifecycle import is_open
from desk.domain.milestones import card_at
from desk.domain.clock import local_today, to_local
from desk.domain.warnings import GaugeState
from desk.services.database import Database
from desk.services.reads.cards import OPEN
from desk.services.reads.emergency import gauge_states
from desk.services.reads.status import active_warnings


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    kind: str
    title: str
    scheduled_local: datetime
    location: str
    status: str


@dataclass(frozen=True)
class AgendaSnapshot:
    meeting: MeetingInfo | None
    previous: MeetingInfo | None
    period_start_local: datetime
    agenda: Agenda


def _info(m: Meeting | None) -> MeetingInfo | None:
    if m is None:
        return None
    return MeetingInfo(m.id, m.kind, m.title, to_local(m.scheduled_at), m.location, m.status)


def agenda_snapshot(db: Database, now: datetime, kind: str = "joint_monthly") -> AgendaSnapshot:
    with db.session() as s:
        upcoming = s.scalars(select(Meeting).where(Meeting.kind == kind, Meeting.status == "planned")
                             .order_by(Meeting.scheduled_at)).first()
        previous = s.scalars(select(Meeting).where(Meeting.kind == kind, Meeting.status == "held")
                             .order_by(Meeting.scheduled_at.desc())).first()
        since = previous.scheduled_at if previous else now - timedelta(days=30)

        # Period counts are answered from indexes: (registered_at, closed_at) and
        # (evaluated_at, satisfaction) cover these three queries at county scale.
        registered = s.scalar(select(func.count()).select_from(Incident).where(Incident.registered_at >= since)) or 0
        # The closed rate is over the period's own incidents, so it can never pass 100 %.
        closed = s.scalar(select(func.count()).select_from(Incident).where(
            Incident.registered_at >= since, Incident.closed_at.is_not(None))) or 0
        satisfaction = s.scalar(select(func.avg(Incident.satisfaction)).where(Incident.evaluated_at >= since))

        # Open incidents once, only the columns the agenda shows, names joined in SQL.
        open_rows = s.execute(
            select(Incident.id, Incident.code, Incident.title, Incident.tier, Incident.matter, Incident.status,
                   Incident.registered_at, Incident.yellow_at, Incident.red_at, Incident.grid_id,
                   Department.name.label("department"), AdminUnit.name.label("unit"))
            .outerjoin(Department, Department.id == Incident.department_id)
            .outerjoin(AdminUnit, AdminUnit.id == Incident.unit_id)
            .where(Incident.status.in_(OPEN))).all()

        risks: list[RiskNote] = [RiskNote("warning", w.hazard, w.level) for w in active_warnings(s, now)]
        for g in gauge_states(s, now):
            if g.assessment.state is not GaugeState.NORMAL:
                risks.append(RiskNote("gauge", g.name, f"{g.assessment.value:g} {g.unit}"))
        for name, persons, grade in s.execute(select(HazardPoint.name, HazardPoint.persons, HazardPoint.risk)
                                              .order_by(HazardPoint.persons.desc())):
            if RISK_RULE.hazard_counts(grade):
                risks.append(RiskNote("hazard", name, str(persons)))
        hot = RISK_RULE.hot_grids(Counter(r.grid_id for r in open_rows if r.grid_id is not None))
        grid_names = {gid: name for gid, name in
                      s.execute(select(Grid.id, Grid.name).where(Grid.id.in_([gid for gid, _ in hot])))}
        risks.extend(RiskNote("hotspot", grid_names.get(gid, ""), str(n)) for gid, n in hot)

        actions = []
        if previous is not None:
            for a, dept in s.execute(select(ActionItem, Department.name)
                                     .outerjoin(Department, Department.id == ActionItem.department_id)
                                     .where(ActionItem.meeting_id == previous.id).order_by(ActionItem.id)):
                actions.append(ActionState(a.id, a.title, dept or "", a.due_date, a.status == "done"))
        upcoming_info, previous_info = _info(upcoming), _info(previous)

    with_cards: list[CardedIncident] = []
    cross: list[CardedIncident] = []
    for r in open_rows:
        card = Card(card_at(is_open(r.status), r.yellow_at, r.red_at, now))
        carded = card is not Card.NONE
        if carded or r.tier in CROSS_DEPT_TIERS:
            item = CardedIncident(r.id, r.code, r.title, card.value, (now - r.registered_at).total_seconds() / 86400,
                                  r.department or "", r.unit or "")
            if carded:
                with_cards.append(item)
            if r.tier in CROSS_DEPT_TIERS:
                cross.append(item)
    stats = PeriodStats(registered, closed, len(open_rows), len(with_cards),
                        float(satisfaction) if satisfaction is not None else None)
    agenda = build_agenda(stats, with_cards, cross, risks, actions, local_today(now))
    return AgendaSnapshot(upcoming_info, previous_info, to_local(since), agenda)
