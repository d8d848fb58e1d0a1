"""The next joint meeting and its agenda, drawn from the data."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.models import ActionItem, HazardPoint, Incident, Meeting
from desk.domain.agenda import (CROSS_DEPT_TIERS, ActionState, Agenda, CardedIncident, PeriodStats, RiskNote,
                                build_agenda)
from desk.domain.cards import Card
from desk.domain.clock import local_today, to_local
from desk.domain.warnings import GaugeState
from desk.services.database import Database
from desk.services.reads.cards import OPEN, open_cards
from desk.services.reads.emergency import gauge_states
from desk.services.reads.names import Names
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
        names = Names.load(s)
        upcoming = s.scalars(select(Meeting).where(Meeting.kind == kind, Meeting.status == "planned")
                             .order_by(Meeting.scheduled_at)).first()
        previous = s.scalars(select(Meeting).where(Meeting.kind == kind, Meeting.status == "held")
                             .order_by(Meeting.scheduled_at.desc())).first()
        since = previous.scheduled_at if previous else now - timedelta(days=30)

        registered = s.scalar(select(func.count()).select_from(Incident).where(Incident.registered_at >= since)) or 0
        # The closed rate is over the period's own incidents, so it can never pass 100 %.
        closed = s.scalar(select(func.count()).select_from(Incident).where(
            Incident.registered_at >= since, Incident.closed_at.is_not(None))) or 0
        satisfaction = s.scalar(select(func.avg(Incident.satisfaction)).where(Incident.evaluated_at >= since))
        cards = {oc.id: oc.deadline for oc in open_cards(s, now)}
        overdue = sum(1 for d in cards.values() if d.card is not Card.NONE)
        stats = PeriodStats(registered, closed, len(cards), overdue,
                            float(satisfaction) if satisfaction is not None else None)

        open_incidents = s.scalars(select(Incident).where(Incident.status.in_(OPEN))).all()

        def carded(inc: Incident, card: Card) -> CardedIncident:
            return CardedIncident(inc.id, inc.code, inc.title, card.value,
                                  (now - inc.registered_at).total_seconds() / 86400,
                                  names.get(names.departments, inc.department_id), names.get(names.units, inc.unit_id))

        with_cards = [carded(i, cards[i.id].card) for i in open_incidents if cards[i.id].card is not Card.NONE]
        cross = [carded(i, cards[i.id].card) for i in open_incidents if i.tier in CROSS_DEPT_TIERS]

        risks: list[RiskNote] = [RiskNote("warning", w.hazard, w.level) for w in active_warnings(s, now)]
        for g in gauge_states(s, now):
            if g.assessment.state is not GaugeState.NORMAL:
                risks.append(RiskNote("gauge", g.name, f"{g.assessment.value:g} {g.unit}"))
        for h in s.scalars(select(HazardPoint).where(HazardPoint.risk == "high").order_by(HazardPoint.persons.desc())):
            risks.append(RiskNote("hazard", h.name, str(h.persons)))
        hot = Counter(i.grid_id for i in open_incidents if i.grid_id is not None).most_common(3)
        risks.extend(RiskNote("hotspot", names.get(names.grids, gid), str(n)) for gid, n in hot if n >= 3)

        actions = []
        if previous is not None:
            for a in s.scalars(select(ActionItem).where(ActionItem.meeting_id == previous.id).order_by(ActionItem.id)):
                actions.append(ActionState(a.id, a.title, names.get(names.departments, a.department_id),
                                           a.due_date, a.status == "done"))
        agenda = build_agenda(stats, with_cards, cross, risks, actions, local_today(now))
        return AgendaSnapshot(_info(upcoming), _info(previous), to_local(since), agenda)

