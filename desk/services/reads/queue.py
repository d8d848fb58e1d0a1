"""The incident queue: open incidents, most urgent first, and one incident's full record."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (AdminUnit, Department, Grid, Incident, IncidentEvent, PoliceCell, Setting, Staff,
                       UserAccount)
from desk.domain.cards import Card, assess, urgency_key
from desk.domain.clock import to_local
from desk.domain.lifecycle import Action, allowed_actions, is_open
from desk.domain.masking import mask_name, mask_phone
from desk.domain.permissions import Actor, SeparationPolicy, StaffRef, may_handle, permission_for
from desk.services.database import Database
from desk.services.incidents import SEPARATION_KEY
from desk.services.reads.cards import OPEN


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
    unit_id: int | None = None
    registered_at: datetime | None = None  # UTC, as stored (filters compare it with the desk's clock)
    due_at: datetime | None = None  # UTC: the deadline `remaining` counts down to (the queue ticks it)


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


# Only what the queue shows and sorts by, names joined in SQL: no ORM object per row, no name tables
# loaded per call (the queue at county scale is thousands of rows, read after every burst of writes).
_QUEUE = (
    select(Incident.id, Incident.code, Incident.title, Incident.category, Incident.matter, Incident.tier,
           Incident.status, Incident.source, AdminUnit.name, Grid.name, PoliceCell.name, Department.name, Staff.name,
           Incident.registered_at, Incident.answered_at, Incident.answer_due_at, Incident.lon, Incident.lat,
           Incident.unit_id)
    .outerjoin(AdminUnit, AdminUnit.id == Incident.unit_id)
    .outerjoin(Grid, Grid.id == Incident.grid_id)
    .outerjoin(PoliceCell, PoliceCell.id == Incident.cell_id)
    .outerjoin(Department, Department.id == Incident.department_id)
    .outerjoin(Staff, Staff.id == Incident.handler_id)
)


def _row(r, now: datetime) -> QueueRow:
    (id_, code, title, category, matter, tier, status, source, unit, grid, cell, dept, handler, registered_at,
     answered_at, answer_due_at, lon, lat, unit_id) = r
    d = assess(matter, status, registered_at, answered_at, now, answer_due_at)
    return QueueRow(id_, code, title, category, matter, tier, status, source, unit or "", grid or "", cell or "",
                    dept or "", handler or "", to_local(registered_at), d.card, d.remaining, d.milestone, lon, lat,
                    is_open(status), urgency_key(d, registered_at), unit_id, registered_at, d.due)


def open_queue(db: Database, now: datetime) -> list[QueueRow]:
    with db.session() as s:
        result = s.execute(_QUEUE.where(Incident.status.in_(OPEN))).all()
    rows = [_row(r, now) for r in result]
    rows.sort(key=lambda r: r.sort_key)
    return rows


def queue_rows(db: Database, now: datetime, ids: Iterable[int]) -> list[QueueRow]:
    """Fresh rows for a few incidents, open or not, for a partial refresh."""
    ids = list(ids)
    if not ids:
        return []
    with db.session() as s:
        result = s.execute(_QUEUE.where(Incident.id.in_(ids))).all()
    return [_row(r, now) for r in result]


def incident_detail(db: Database, actor: Actor, incident_id: int, now: datetime) -> IncidentDetail | None:
    """The reporter's name and phone come masked for every role: seeing them in the clear is a reveal
    (DeskServices.reveal_personal), which the audit records."""
    with db.session() as s:
        head = s.execute(_QUEUE.where(Incident.id == incident_id)).first()
        if head is None:
            return None
        inc = s.execute(select(Incident.description, Incident.item_type, Incident.address, Incident.reporter_name,
                               Incident.reporter_phone, Incident.feedback, Incident.satisfaction,
                               Incident.rework_count, Incident.registered_by, Incident.handler_id)
                        .where(Incident.id == incident_id)).one()
        actions = _actions_for(s, actor, head.status, inc.registered_by, inc.handler_id)
        events = s.execute(select(IncidentEvent.at, UserAccount.display_name, IncidentEvent.action,
                                  IncidentEvent.from_status, IncidentEvent.to_status, IncidentEvent.note)
                           .outerjoin(UserAccount, UserAccount.id == IncidentEvent.actor_id)
                           .where(IncidentEvent.incident_id == incident_id)
                           .order_by(IncidentEvent.at, IncidentEvent.id)).all()
    row = _row(head, now)
    return IncidentDetail(
        row=row, description=inc.description, item_type=inc.item_type, address=inc.address,
        reporter_name=mask_name(inc.reporter_name), reporter_phone=mask_phone(inc.reporter_phone),
        feedback=inc.feedback, satisfaction=inc.satisfaction, rework_count=inc.rework_count,
        events=[EventRow(to_local(at), who or "", action, from_status, to_status, note)
                for at, who, action, from_status, to_status, note in events],
        actions=actions,
    )


def _actions_for(s: Session, actor: Actor, status: str, registered_by: int | None,
                 handler_id: int | None) -> list[Action]:
    """The steps this actor may take now: the lifecycle allows them, the role has the permission,
    separation of duties and the handler rule do not forbid them. The UI offers only these; the
    services refuse the rest anyway."""
    steps = [a for a in allowed_actions(status) if actor.can(permission_for(f"incident.{a.value}"))]
    if not steps:
        return steps
    setting = s.get(Setting, SEPARATION_KEY)
    policy = SeparationPolicy(registrar_may_review=setting is not None and setting.value == "1")
    steps = [a for a in steps if policy.allows(f"incident.{a.value}", actor, registered_by)]
    if any(a in (Action.ACCEPT, Action.FEEDBACK) for a in steps):
        def ref(staff_id: int | None) -> StaffRef | None:
            if staff_id is None:
                return None
            row = s.execute(select(Staff.id, Staff.workstation_id).where(Staff.id == staff_id)).first()
            return StaffRef(row.id, row.workstation_id) if row is not None else None

        own = s.scalar(select(UserAccount.staff_id).where(UserAccount.id == actor.user_id)) \
            if actor.user_id is not None else None
        if not may_handle(actor.role, ref(own), ref(handler_id)):
            steps = [a for a in steps if a not in (Action.ACCEPT, Action.FEEDBACK)]
    return steps


def dispatch_choices(db: Database) -> tuple[list[Choice], list[Choice]]:
    """Departments, and staff who can handle (police, assistants, grid workers), grouped by station."""
    with db.session() as s:
        depts = [Choice(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]
        handler_roles = ("community_police", "auxiliary_police", "police_assistant", "grid_worker")
        staff = s.scalars(select(Staff).where(Staff.role.in_(handler_roles), Staff.active.is_(True))
                          .order_by(Staff.workstation_id, Staff.role, Staff.id)).all()
        handlers = [Choice(p.id, p.name, p.role) for p in staff]
    return depts, handlers
