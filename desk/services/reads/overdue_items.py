"""The overdue items the paperwork is about (周清单、提示单、盯办单、台账): open incidents with a yellow or red
card or past a deadline, reddest and oldest first, with what each sheet prints. Residents' names and
phones never appear: paperwork leaves the room."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from db.models import AdminUnit, Department, Grid, Incident, IncidentEvent, ItemTypeRow, Staff, Township
from desk.domain.clock import to_local, to_utc
from desk.domain.milestones import card_at
from desk.services.database import Database
from desk.services.reads.cards import OPEN


@dataclass(frozen=True)
class OverdueItem:
    id: int
    code: str
    title: str
    item_type: str  # its catalogue name
    category: str
    matter: str
    tier: str
    status: str
    village: str
    grid: str
    department: str
    handler: str
    registered_local: datetime
    days_open: float
    card: str  # red | yellow | none (past a deadline without a card)
    milestone: str  # the next (or missed) deadline's milestone
    due_local: datetime | None
    overdue_hours: float  # how long past that deadline (0 if not yet)
    rework_count: int
    last_step: str
    last_step_local: datetime | None


@dataclass(frozen=True)
class WeeklyList:
    township: str
    week: str  # ISO week, e.g. 2026-W48
    start_local: datetime
    end_local: datetime
    items: list[OverdueItem]
    new: int  # registered this week
    closed: int  # closed this week
    still_overdue: int


def overdue_items(db: Database, now: datetime) -> list[OverdueItem]:
    handler = aliased(Staff)
    last = (select(IncidentEvent.incident_id, func.max(IncidentEvent.id).label("event_id"))
            .group_by(IncidentEvent.incident_id).subquery())
    with db.session() as s:
        rows = s.execute(
            select(Incident.id, Incident.code, Incident.title, ItemTypeRow.name, Incident.category, Incident.matter,
                   Incident.tier, Incident.status, AdminUnit.name, Grid.name, Department.name, handler.name,
                   Incident.registered_at, Incident.yellow_at, Incident.red_at, Incident.due_at,
                   Incident.due_milestone, Incident.rework_count, IncidentEvent.action, IncidentEvent.at)
            .outerjoin(ItemTypeRow, ItemTypeRow.code == Incident.item_type)
            .outerjoin(AdminUnit, AdminUnit.id == Incident.unit_id)
            .outerjoin(Grid, Grid.id == Incident.grid_id)
            .outerjoin(Department, Department.id == Incident.department_id)
            .outerjoin(handler, handler.id == Incident.handler_id)
            .outerjoin(last, last.c.incident_id == Incident.id)
            .outerjoin(IncidentEvent, IncidentEvent.id == last.c.event_id)
            .where(Incident.status.in_(OPEN),
                   or_(Incident.yellow_at <= now, Incident.red_at <= now, Incident.due_at <= now))).all()
    items = []
    for (id_, code, title, type_name, category, matter, tier, status, village, grid, dept, who, registered,
         yellow_at, red_at, due_at, milestone, rework, action, step_at) in rows:
        items.append(OverdueItem(
            id_, code, title, type_name or "", category, matter, tier, status, village or "", grid or "", dept or "",
            who or "", to_local(registered), (now - registered).total_seconds() / 86400,
            card_at(True, yellow_at, red_at, now), milestone or "", to_local(due_at) if due_at else None,
            max(0.0, (now - due_at).total_seconds() / 3600) if due_at else 0.0, rework or 0, action or "",
            to_local(step_at) if step_at else None))
    rank = {"red": 0, "yellow": 1, "none": 2}
    items.sort(key=lambda i: (rank[i.card], i.registered_local))
    return items


def weekly_list(db: Database, now: datetime) -> WeeklyList:
    """The week's list (周清单): the ISO week of `now` in Beijing time, Monday to Sunday."""
    local = to_local(now)
    monday = datetime.combine(local.date() - timedelta(days=local.weekday()), time())
    start, end = to_utc(monday), to_utc(monday + timedelta(days=7))
    items = overdue_items(db, now)
    with db.session() as s:
        new = s.scalar(select(func.count()).select_from(Incident).where(Incident.registered_at >= start,
                                                                       Incident.registered_at < end)) or 0
        closed = s.scalar(select(func.count()).select_from(Incident).where(
            and_(Incident.closed_at >= start, Incident.closed_at < end))) or 0
        township = s.scalar(select(Township.name).limit(1)) or ""
    year, week, _ = local.isocalendar()
    return WeeklyList(township, f"{year}-W{week:02d}", monday, monday + timedelta(days=7), items, new, closed,
                      len(items))


def township_name(db: Database) -> str:
    with db.session() as s:
        return s.scalar(select(Township.name).limit(1)) or ""
