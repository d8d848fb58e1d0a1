"""The incident queue: open incidents, most urgent first, and one incident's full record."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from db.models import Department, Incident, IncidentEvent, Staff
from desk.domain.cards import Card, assess, urgency_key
from desk.domain.clock import to_local
from desk.domain.lifecycle import Action, allowed_actions, is_open
from desk.domain.masking import mask_name, mask_phone
from desk.domain.permissions import Actor, Perm
from desk.services.database import Database
from desk.services.reads.cards import OPEN
from desk.services.reads.names import Names


@dataclass(frozen=True)
class QueueRow:
    id: int
    code: str
    title: str
    category: str
    matter: str
    tier: str
    status: str
    source: str
    unit: str
    grid: str
    cell: str
    department: str
    handler: str
    registered_local: datetime
    card: Card
    remaining: timedelta | None
    milestone: str
    lon: float
    lat: float
    is_open: bool
    sort_key: tuple


@dataclass(frozen=True)
class EventRow:
    at_local: datetime
    actor: str
    action: str
    from_status: str
    to_status: str
    note: str


@dataclass(frozen=True)
class IncidentDetail:
    row: QueueRow
    description: str
    item_type: str
    address: str
    reporter_name: str
    reporter_phone: str
    feedback: str
    satisfaction: int | None
    rework_count: int
    events: list[EventRow]
    actions: list[Action]


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    group: str = ""


def _row(inc: Incident, names: Names, now: datetime) -> QueueRow:
    d = assess(inc.matter, inc.status, inc.registered_at, inc.dispatched_at, now)
    return QueueRow(
        inc.id, inc.code, inc.title, inc.category, inc.matter, inc.tier, inc.status, inc.source,
        names.get(names.units, inc.unit_id), names.get(names.grids, inc.grid_id),
        names.get(names.cells, inc.cell_id), names.get(names.departments, inc.department_id),
        names.get(names.staff, inc.handler_id), to_local(inc.registered_at), d.card, d.remaining, d.milestone,
        inc.lon, inc.lat, is_open(inc.status), urgency_key(d, inc.registered_at),
    )


def open_queue(db: Database, now: datetime) -> list[QueueRow]:
    with db.session() as s:
        names = Names.load(s)
        incidents = s.scalars(select(Incident).where(Incident.status.in_(OPEN))).all()
        rows = [_row(i, names, now) for i in incidents]
    rows.sort(key=lambda r: r.sort_key)
    return rows


def queue_rows(db: Database, now: datetime, ids: Iterable[int]) -> list[QueueRow]:
    """Fresh rows for a few incidents, open or not, for a partial refresh."""
    ids = list(ids)
    if not ids:
        return []
    with db.session() as s:
        names = Names.load(s)
        return [_row(i, names, now) for i in s.scalars(select(Incident).where(Incident.id.in_(ids))).all()]


def incident_detail(db: Database, actor: Actor, incident_id: int, now: datetime) -> IncidentDetail | None:
    reveal = actor.can(Perm.VIEW_PERSONAL)
    with db.session() as s:
        inc = s.get(Incident, incident_id)
        if inc is None:
            return None
        names = Names.load(s)
        events = s.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                           .order_by(IncidentEvent.at, IncidentEvent.id)).all()
        return IncidentDetail(
            row=_row(inc, names, now), description=inc.description, item_type=inc.item_type,
            address=inc.address,
            reporter_name=inc.reporter_name if reveal else mask_name(inc.reporter_name),
            reporter_phone=inc.reporter_phone if reveal else mask_phone(inc.reporter_phone),
            feedback=inc.feedback, satisfaction=inc.satisfaction, rework_count=inc.rework_count,
            events=[EventRow(to_local(e.at), names.get(names.users, e.actor_id), e.action, e.from_status,
                             e.to_status, e.note) for e in events],
            actions=allowed_actions(inc.status),
        )


def dispatch_choices(db: Database) -> tuple[list[Choice], list[Choice]]:
    """Departments, and staff who can handle (police, assistants, grid workers), grouped by station."""
    with db.session() as s:
        depts = [Choice(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]
        handler_roles = ("community_police", "auxiliary_police", "police_assistant", "grid_worker")
        staff = s.scalars(select(Staff).where(Staff.role.in_(handler_roles), Staff.active.is_(True))
                          .order_by(Staff.workstation_id, Staff.role, Staff.id)).all()
        handlers = [Choice(p.id, p.name, p.role) for p in staff]
    return depts, handlers
