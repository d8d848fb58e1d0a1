"""The incident queue: open incidents, most urgent first, and one incident's full record."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from datetime import datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.orm import Session

from db.models import (AdminUnit, Department, Grid, Incident, IncidentEvent, IncidentNotice, ItemTypeRow, PoliceCell,
                       Household, Setting, Staff, UserAccount, Visit)
from desk.domain.cards import Card, from_schedule, urgency_key
from desk.domain.clock import to_local, to_utc
from desk.domain.incident_filter import QueueQuery
from desk.domain.lifecycle import Action, Status, allowed_actions, is_open
from desk.domain.masking import mask_name, mask_phone
from desk.domain.permissions import Actor, Perm, SeparationPolicy, StaffRef, may_handle, permission_for
from desk.services.database import Database
from desk.services.clocks import Clocks
from desk.services.incidents import ARRIVAL_STATUSES, LEADER_TIERS, SEPARATION_KEY
from desk.services.reads.cards import OPEN, open_as_of


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
    yellow_at: datetime | None = None  # UTC: when it turns yellow, red if nobody acts (the card at paint time)
    red_at: datetime | None = None


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
    owner: str = ""  # 首接负责人: who first received it, accountable until it is closed
    milestones: list[MilestoneLine] = field(default_factory=list)
    notices: list[NoticeLine] = field(default_factory=list)
    may_arrive: tuple[str, ...] = ()  # "arrived", "professional": the on-site reports this actor may make
    external_id: str = ""
    visit: str = ""  # found on a home visit: when, at which household (the visit links back by its incident)


@dataclass(frozen=True)
class MilestoneLine:
    """One clock of the incident: its code (the UI names it), limit, due, when met, missed or not."""

    code: str
    limit: float
    unit: str
    calendar: str
    card: str
    due_local: datetime | None
    met_local: datetime | None
    late: bool  # missed (or overdue now)


@dataclass(frozen=True)
class NoticeLine:
    kind: str  # leader_review | county_report
    at_local: datetime
    done_local: datetime | None
    text: str


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
           Incident.registered_at, Incident.yellow_at, Incident.red_at, Incident.due_at, Incident.due_milestone,
           Incident.lon, Incident.lat, Incident.unit_id)
    .outerjoin(AdminUnit, AdminUnit.id == Incident.unit_id)
    .outerjoin(Grid, Grid.id == Incident.grid_id)
    .outerjoin(PoliceCell, PoliceCell.id == Incident.cell_id)
    .outerjoin(Department, Department.id == Incident.department_id)
    .outerjoin(Staff, Staff.id == Incident.handler_id)
)


def _row(r, now: datetime) -> QueueRow:
    (id_, code, title, category, matter, tier, status, source, unit, grid, cell, dept, handler, registered_at,
     yellow_at, red_at, due_at, due_code, lon, lat, unit_id) = r
    d = from_schedule(status, yellow_at, red_at, due_at, due_code, now)
    return QueueRow(id_, code, title, category, matter, tier, status, source, unit or "", grid or "", cell or "",
                    dept or "", handler or "", to_local(registered_at), d.card, d.remaining, d.milestone, lon, lat,
                    is_open(status), urgency_key(d, registered_at), unit_id, registered_at, d.due, yellow_at, red_at)


def open_queue(db: Database, now: datetime) -> list[QueueRow]:
    with db.session() as s:
        result = s.execute(_QUEUE.where(Incident.status.in_(OPEN))).all()
    rows = [_row(r, now) for r in result]
    rows.sort(key=lambda r: r.sort_key)
    return rows


def _open_at(now: datetime, as_of: bool) -> ColumnElement[bool]:
    return open_as_of(now) if as_of else Incident.status.in_(OPEN)


def _card_rank(now: datetime, as_of: bool = False) -> ColumnElement[int]:
    """2 red, 1 yellow, 0 none: `from_schedule(...).card.rank` as SQL (closed items carry no card)."""
    open_ = _open_at(now, as_of)
    return case((and_(open_, Incident.red_at <= now), 2), (and_(open_, Incident.yellow_at <= now), 1), else_=0)


def _card_is(cards: frozenset[str], now: datetime, as_of: bool) -> ColumnElement[bool]:
    rank = _card_rank(now, as_of)
    return rank.in_(sorted({"none": 0, "yellow": 1, "red": 2}[c] for c in cards))


def _scope(scope: str, now: datetime, as_of: bool) -> list[ColumnElement[bool]]:
    if scope == "open":
        return [_open_at(now, as_of)]
    if scope == "awaiting_evaluation":
        return [Incident.status == Status.CLOSED.value]
    if scope == "closed":
        return [Incident.status.in_((Status.CLOSED.value, Status.EVALUATED.value))]
    return []


def _text_match(text: str) -> ColumnElement[bool]:
    """Free text: the code, the county's own number, title and address, or a village, grid, department or
    handler by name (matched in their small tables first, then by id on the incidents' indexes)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"

    def named(model, column):
        return select(model.id).where(column.like(like, escape="\\"))

    return or_(Incident.code.like(like, escape="\\"), Incident.external_id.like(like, escape="\\"),
               Incident.title.like(like, escape="\\"), Incident.address.like(like, escape="\\"),
               Incident.unit_id.in_(named(AdminUnit, AdminUnit.name)), Incident.grid_id.in_(named(Grid, Grid.name)),
               Incident.department_id.in_(named(Department, Department.name)),
               Incident.handler_id.in_(named(Staff, Staff.name)))


def query_where(q: QueueQuery, now: datetime, *, with_cards: bool = True) -> list[ColumnElement[bool]]:
    """The query's criteria as SQL, all on indexed columns of the incident table (names through
    subqueries on their own small tables). Without `with_cards` the card criterion is left out: the
    chips count every card under the rest of the filter."""
    f = q.base
    as_of = q.as_of is not None
    now = q.as_of or now
    where = _scope(q.scope, now, as_of)
    if f.statuses:
        where.append(Incident.status.in_(sorted(f.statuses)))
    if f.natures:
        where.append(Incident.matter.in_(sorted(f.natures)))
    if f.classes:
        where.append(Incident.category.in_(sorted(f.classes)))
    if f.unit_ids:
        where.append(Incident.unit_id.in_(sorted(f.unit_ids)))
    since = f.registered_since(now)
    if since is not None:
        where.append(Incident.registered_at >= since)
    if with_cards and f.cards:
        where.append(_card_is(f.cards, now, as_of))
    for column, values in ((Incident.item_type, q.item_types), (Incident.grid_id, q.grid_ids),
                           (Incident.department_id, q.department_ids), (Incident.source, q.sources)):
        if values:
            where.append(column.in_(sorted(values)))
    if q.date_from is not None:
        where.append(Incident.registered_at >= to_utc(datetime.combine(q.date_from, time())))
    if q.date_to is not None:
        where.append(Incident.registered_at < to_utc(datetime.combine(q.date_to + timedelta(days=1), time())))
    text = " ".join(q.text.split())
    if text:
        where.append(_text_match(text))
    return where


_SORT_COLUMNS = {"code": Incident.code, "title": Incident.title, "category": Incident.category,
                 "matter": Incident.matter, "status": Incident.status, "registered": Incident.registered_at,
                 "department": Department.name, "place": Grid.name}


def query_ids(db: Database, q: QueueQuery, now: datetime) -> list[int]:
    """Every incident the query lists, in its order: ids only (the rows come a page at a time)."""
    if q.sort == "urgency" and q.scope != "open" and q.as_of is None:
        # Closed items carry no card and no deadline: urgency puts the open ones first, as in the open
        # view, and the rest newest first, which the registration index gives without sorting 100k rows.
        opened = query_ids(db, q.with_values(scope="open"), now) if q.scope == "all" else []
        closed = select(Incident.id).where(*query_where(q, now), Incident.status.not_in(OPEN))
        newest = Incident.registered_at.asc() if q.descending else Incident.registered_at.desc()
        with db.session() as s:
            rest = list(s.scalars(closed.order_by(newest, Incident.id.desc())))
        return rest + opened if q.descending else opened + rest
    stmt = select(Incident.id).where(*query_where(q, now))
    as_of = q.as_of is not None
    now = q.as_of or now
    if q.sort == "urgency":
        # Most urgent first; among the rest (closed ones) the newest first.
        registered = Incident.registered_at.asc() if q.scope == "open" else Incident.registered_at.desc()
        order: list[Any] = [_card_rank(now, as_of).desc(), Incident.due_at.is_(None), Incident.due_at, registered]
        if q.descending:
            order = [_card_rank(now, as_of).asc(), Incident.due_at.is_(None).desc(), Incident.due_at.desc(),
                     Incident.registered_at.desc() if q.scope == "open" else Incident.registered_at.asc()]
    elif q.sort == "remaining":
        order = [Incident.due_at.is_(None), Incident.due_at.desc() if q.descending else Incident.due_at]
    else:
        column = _SORT_COLUMNS[q.sort]
        if q.sort == "department":
            stmt = stmt.outerjoin(Department, Department.id == Incident.department_id)
        elif q.sort == "place":
            stmt = stmt.outerjoin(Grid, Grid.id == Incident.grid_id)
        order = [column.desc() if q.descending else column.asc()]
    stmt = stmt.order_by(*order, Incident.id.desc() if q.descending else Incident.id)
    with db.session() as s:
        return list(s.scalars(stmt))


def query_counts(db: Database, q: QueueQuery, now: datetime) -> dict[str, int]:
    """How many the query lists per card, its card criterion left out (the chips' live counts)."""
    if q.scope != "open" and q.as_of is None:
        # Closed items carry no card: count them plainly, and the open ones (for "all") as the open view does.
        counts = query_counts(db, q.with_values(scope="open"), now) if q.scope == "all" else {
            "none": 0, "yellow": 0, "red": 0}
        with db.session() as s:
            counts["none"] += s.scalar(select(func.count()).select_from(Incident).where(
                *query_where(q, now, with_cards=False), Incident.status.not_in(OPEN))) or 0
        return counts
    rank = _card_rank(q.as_of or now, q.as_of is not None).label("rank")
    with db.session() as s:
        rows = s.execute(select(rank, func.count()).where(*query_where(q, now, with_cards=False))
                         .group_by(rank)).all()
    names = {0: "none", 1: "yellow", 2: "red"}
    counts = {"none": 0, "yellow": 0, "red": 0}
    for value, n in rows:
        counts[names[int(value)]] += n
    return counts


def red_ids(db: Database, now: datetime) -> set[int]:
    """Open incidents red now (the queue blinks the ones that were not red at its last read)."""
    with db.session() as s:
        return set(s.scalars(select(Incident.id).where(Incident.status.in_(OPEN), Incident.red_at <= now)))


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
        actions = _actions_for(s, actor, head.status, inc.registered_by, inc.handler_id, head.tier)
        events = s.execute(select(IncidentEvent.at, UserAccount.display_name, IncidentEvent.action,
                                  IncidentEvent.from_status, IncidentEvent.to_status, IncidentEvent.note)
                           .outerjoin(UserAccount, UserAccount.id == IncidentEvent.actor_id)
                           .where(IncidentEvent.incident_id == incident_id)
                           .order_by(IncidentEvent.at, IncidentEvent.id)).all()
        full = s.get(Incident, incident_id)
        assert full is not None
        plan = Clocks(s).schedule_of(full)
        lines = [MilestoneLine(m.rule.code, m.rule.limit, m.rule.unit, m.rule.calendar, m.rule.card,
                               to_local(m.due) if m.due else None, to_local(m.met) if m.met else None, m.late(now))
                 for m in plan.milestones if m.started is not None]
        notices = [NoticeLine(n.kind, to_local(n.at), to_local(n.done_at) if n.done_at else None, n.text)
                   for n in s.scalars(select(IncidentNotice).where(IncidentNotice.incident_id == incident_id)
                                      .order_by(IncidentNotice.id))]
        owner = s.scalar(select(UserAccount.display_name).where(UserAccount.id == inc.registered_by)) \
            if inc.registered_by is not None else None
        may_arrive: tuple[str, ...] = ()
        if full.status in ARRIVAL_STATUSES and actor.can(Perm.HANDLE) and _may_handle_here(s, actor,
                                                                                          inc.handler_id):
            may_arrive = tuple(k for k, at in (("arrived", full.arrived_at), ("professional", full.professional_at))
                               if at is None)
        external_id = full.external_id or ""
        found = s.execute(select(Visit.at, Household.code).join(Household, Household.id == Visit.household_id)
                          .where(Visit.incident_id == incident_id)).first()
        visit = f"{to_local(found[0]):%Y-%m-%d %H:%M} {found[1]}" if found else ""
    row = _row(head, now)
    return IncidentDetail(
        row=row, description=inc.description, item_type=inc.item_type, address=inc.address,
        reporter_name=mask_name(inc.reporter_name), reporter_phone=mask_phone(inc.reporter_phone),
        feedback=inc.feedback, satisfaction=inc.satisfaction, rework_count=inc.rework_count,
        events=[EventRow(to_local(at), who or "", action, from_status, to_status, note)
                for at, who, action, from_status, to_status, note in events],
        actions=actions, owner=owner or "", milestones=lines, notices=notices, may_arrive=may_arrive,
        external_id=external_id, visit=visit,
    )


def _may_handle_here(s: Session, actor: Actor, handler_id: int | None) -> bool:
    own = s.scalar(select(UserAccount.staff_id).where(UserAccount.id == actor.user_id)) \
        if actor.user_id is not None else None

    def ref(staff_id: int | None) -> StaffRef | None:
        if staff_id is None:
            return None
        row = s.execute(select(Staff.id, Staff.workstation_id).where(Staff.id == staff_id)).first()
        return StaffRef(row.id, row.workstation_id) if row is not None else None

    return may_handle(actor.role, ref(own), ref(handler_id))


def _actions_for(s: Session, actor: Actor, status: str, registered_by: int | None,
                 handler_id: int | None, tier: str = "second") -> list[Action]:
    """The steps this actor may take now: the lifecycle allows them, the role has the permission,
    separation of duties and the handler rule do not forbid them. The UI offers only these; the
    services refuse the rest anyway."""
    steps = [a for a in allowed_actions(status) if actor.can(permission_for(f"incident.{a.value}"))]
    if not steps:
        return steps
    setting = s.get(Setting, SEPARATION_KEY)
    policy = SeparationPolicy(registrar_may_review=setting is not None and setting.value == "1")
    steps = [a for a in steps if policy.allows(f"incident.{a.value}", actor, registered_by)]
    if tier in LEADER_TIERS and actor.role != "leader":
        steps = [a for a in steps if a not in (Action.CLOSE, Action.RETURN)]
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


@dataclass(frozen=True)
class QueueChoices:
    item_types: list[Choice]  # code as label key; group = class
    grids: list[Choice]  # group = village
    departments: list[Choice]


def queue_choices(db: Database) -> QueueChoices:
    with db.session() as s:
        types = [Choice(n, code, cls) for n, (code, cls) in enumerate(s.execute(
            select(ItemTypeRow.code, ItemTypeRow.item_class).where(ItemTypeRow.active.is_(True))
            .order_by(ItemTypeRow.item_class, ItemTypeRow.name)))]
        grids = [Choice(i, name, unit or "") for i, name, unit in s.execute(
            select(Grid.id, Grid.name, AdminUnit.name).outerjoin(AdminUnit, AdminUnit.id == Grid.unit_id)
            .order_by(AdminUnit.code, Grid.code))]
        depts = [Choice(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]
    return QueueChoices(types, grids, depts)


def dispatch_choices(db: Database) -> tuple[list[Choice], list[Choice]]:
    """Departments, and staff who can handle (police, assistants, grid workers), grouped by station."""
    with db.session() as s:
        depts = [Choice(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]
        handler_roles = ("community_police", "auxiliary_police", "police_assistant", "grid_worker")
        staff = s.scalars(select(Staff).where(Staff.role.in_(handler_roles), Staff.active.is_(True))
                          .order_by(Staff.workstation_id, Staff.role, Staff.id)).all()
        handlers = [Choice(p.id, p.name, p.role) for p in staff]
    return depts, handlers
