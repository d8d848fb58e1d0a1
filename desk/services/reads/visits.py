"""Who is due a visit, as of any moment: each household under the household rules (once a quarter by
anyone, once a year by its area's officer, monthly for a difficult family) and each person in a group
under the group's rule or their plan (一人一策), with the last visit, the due date and whether it is
overdue; per officer, grid and group. Today's list reads the latest visit kept on each household; an
earlier moment reads the visit log itself. Also: a household's file, the quarter's joint visits, and
the figures the plans ask for. Residents' names, phones and ID numbers are masked here for every role;
a role that may see them reveals one field at a time (audited, `services.visits.reveal_resident`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Select, String, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from db.models import (AdminUnit, Grid, GroupMember, Household, JointVisitPlan, KeyPersonPlan, Resident, Staff, Visit,
                       VisitGroup)
from desk.domain import visits as rules
from desk.domain.clock import local_today, to_local, to_utc
from desk.domain.masking import mask_name, mask_phone
from desk.domain.permissions import Actor
from desk.domain.visits import DueState

SHOWN = (DueState.OVERDUE, DueState.TODAY, DueState.WEEK)


class DueRow(NamedTuple):
    """A tuple, not a dataclass: a county's list makes some 30,000 of them at a time."""

    kind: str  # household | person
    household_id: int
    resident_id: int | None
    code: str  # the household's code (户号)
    name: str  # the head of household or the person, masked unless the role may see it
    group: str  # group code
    group_name: str
    rule: str  # 每月不少于2次
    grid_id: int | None
    grid: str
    officer_id: int | None
    officer: str
    last_local: datetime | None
    due_local: datetime
    state: DueState


@dataclass(frozen=True)
class Query:
    officer_id: int | None = None
    grid_id: int | None = None
    group: str | None = None  # a group code
    states: tuple[DueState, ...] = SHOWN


def _today_end(as_of: datetime) -> datetime:
    return to_utc(datetime.combine(local_today(as_of) + timedelta(days=1), time(0)))


def _officers(s: Session) -> tuple[dict[int, tuple[int, str]], dict[int, str]]:
    """Each police cell's officer (id, name), and every officer's name."""
    by_cell: dict[int, tuple[int, str]] = {}
    names: dict[int, str] = {}
    for sid, name, cell in s.execute(select(Staff.id, Staff.name, Staff.police_cell_id)
                                     .where(Staff.role == "community_police").order_by(Staff.id)):
        names[sid] = name
        if cell is not None and cell not in by_cell:
            by_cell[cell] = (sid, name)
    return by_cell, names


def _cells_of(s: Session, officer_id: int) -> list[int]:
    return [c for c in s.scalars(select(Staff.police_cell_id).where(Staff.id == officer_id)) if c is not None]


BEIJING = timedelta(hours=8)  # China has kept UTC+8 all year since 1992: the list adds it, fast


def _raw(column: Any) -> Any:
    """A time column read as its stored text, parsed by `_when` (datetime.fromisoformat, in C): some
    30,000 of them per county list, where the generic type processing costs more than the SQL."""
    return type_coerce(column, String)


def _rows(conn: Any, stmt: Select) -> list[tuple]:
    """The driver's own rows: every column here is an integer or text already (times come as text), so
    SQLAlchemy's per-row Row objects would only cost time."""
    result = conn.execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _when(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def due_list(s: Session, actor: Actor, as_of: datetime, query: Query = Query(), current: bool = True,
             wall: bool = False) -> list[DueRow]:
    """Everything due or overdue as of `as_of` (naive UTC), soonest due first. `current`: as_of is now,
    so the latest visit kept on each household stands for the log. Built for a county's 100k households:
    the database picks the candidates (an index range on the latest visit), rows come back as Core
    rows (no ORM loading), and each state is worked out inline."""
    groups = {g.code: g for g in s.scalars(select(VisitGroup).where(VisitGroup.active.is_(True)))}
    grids: dict[int | None, str] = dict(s.execute(select(Grid.id, Grid.name)).all())
    by_cell, officer_names = _officers(s)
    today_end = _today_end(as_of)
    week_end = today_end + timedelta(days=7)
    cells = _cells_of(s, query.officer_id) if query.officer_id is not None else None
    wanted = set(query.states)
    out: list[DueRow] = []
    append = out.append
    conn = s.connection()  # Core rows: the ORM's per-row loading costs more than the SQL here

    def state_of(due_at: datetime) -> DueState:
        if due_at < as_of:
            return DueState.OVERDUE
        if due_at <= today_end:
            return DueState.TODAY
        return DueState.WEEK if due_at <= week_end else DueState.LATER

    def where_house(stmt: Select) -> Select:
        if query.grid_id is not None:
            stmt = stmt.where(Household.grid_id == query.grid_id)
        if cells is not None:
            stmt = stmt.where(Household.police_cell_id.in_(cells))
        return stmt

    # Every household: the quarterly visit and the officer's yearly one.
    for code in rules.EVERY_HOUSEHOLD:
        group = groups.get(code)
        if group is None or (query.group is not None and query.group != code):
            continue
        rule = rules.Rule(group.count, rules.Period(group.period))
        interval, text = rule.interval, rule.describe()
        cutoff = week_end - interval  # a latest visit before this is due within the week, or overdue
        last_col: Any
        if current:
            last_col = Household.last_officer_visit_at if group.officer_only else Household.last_visit_at
            pick = or_(last_col < cutoff, and_(last_col.is_(None), func.coalesce(Household.created_at, as_of) < cutoff))
        else:
            sub = select(func.max(Visit.at)).where(Visit.household_id == Household.id, Visit.at <= as_of)
            if group.officer_only:
                sub = sub.where(Visit.officer_id.is_not(None))
            last_col = sub.scalar_subquery()
            pick = func.coalesce(last_col, Household.created_at, as_of) < cutoff
        stmt = select(Household.id, Household.code, Household.head_name, Household.grid_id, Household.police_cell_id,
                      _raw(Household.created_at), _raw(last_col)).where(
            pick, or_(Household.created_at.is_(None), Household.created_at <= as_of))
        for hid, hcode, head, grid_id, cell, created_text, last_text in _rows(conn, where_house(stmt)):
            created, last = _when(created_text), _when(last_text)
            start = last if last is not None and (created is None or last >= created) else (created or as_of)
            due_at = start + interval
            state = state_of(due_at)
            if state not in wanted:
                continue
            officer = by_cell.get(cell) if cell is not None else None
            append(DueRow("household", hid, None, hcode, mask_name(head), code, group.name, text, grid_id,
                          grids.get(grid_id, ""), officer[0] if officer else None, officer[1] if officer else "",
                          last + BEIJING if last else None, due_at + BEIJING, state))

    # Group members, households and persons, in one read with their households and plans.
    person_groups = {g.id: g for g in groups.values() if g.code not in rules.EVERY_HOUSEHOLD
                     and (query.group is None or g.code == query.group)}
    if not person_groups:
        return _sorted(out)
    # The person's latest visit: one index probe each (ix_visit_resident_at), no pass over the log.
    last_person: Any = Resident.last_visit_at if current else select(func.max(Visit.at)).where(
        Visit.resident_id == GroupMember.resident_id, Visit.at <= as_of).scalar_subquery()
    home_id = func.coalesce(GroupMember.household_id, Resident.household_id)
    house_last: Any = Household.last_visit_at if current else select(func.max(Visit.at)).where(
        Visit.household_id == Household.id, Visit.at <= as_of).scalar_subquery()
    stmt = (select(GroupMember.group_id, GroupMember.resident_id, _raw(GroupMember.since), Resident.name, Household.id,
                   Household.code, Household.head_name, Household.grid_id, Household.police_cell_id, _raw(house_last),
                   _raw(last_person), KeyPersonPlan.officer_id, KeyPersonPlan.count, KeyPersonPlan.period)
            .outerjoin(Resident, Resident.id == GroupMember.resident_id)
            .join(Household, Household.id == home_id)
            .outerjoin(KeyPersonPlan, KeyPersonPlan.resident_id == GroupMember.resident_id)
            .where(GroupMember.group_id.in_(list(person_groups)), GroupMember.since <= as_of,
                   or_(GroupMember.until.is_(None), GroupMember.until > as_of)))
    if query.grid_id is not None:
        stmt = stmt.where(Household.grid_id == query.grid_id)
    # Only members whose group's interval has run out by the week's end come back (a plan may shorten the
    # interval, so members with a plan of their own always do): a few hundred rows, not every member.
    last_any = case((GroupMember.resident_id.is_not(None), last_person), else_=house_last)
    ripe = [and_(GroupMember.group_id == gid,
                 GroupMember.since < week_end - rules.Rule(g.count, rules.Period(g.period)).interval,
                 or_(last_any.is_(None), last_any < week_end - rules.Rule(g.count, rules.Period(g.period)).interval))
            for gid, g in person_groups.items()]
    stmt = stmt.where(or_(KeyPersonPlan.count.is_not(None), *ripe))
    if cells is None:
        found = _rows(conn, stmt)
    else:  # the officer's: by plan, or by the household's cell when the plan names nobody (two indexed reads)
        found = _rows(conn, stmt.where(KeyPersonPlan.officer_id == query.officer_id)) + _rows(
            conn, stmt.where(KeyPersonPlan.officer_id.is_(None), Household.police_cell_id.in_(cells), or_(
                GroupMember.resident_id.in_(select(Resident.id).join(Household, Household.id == Resident.household_id)
                                            .where(Household.police_cell_id.in_(cells))),
                GroupMember.household_id.in_(select(Household.id).where(Household.police_cell_id.in_(cells))))))
    rules_of: dict[tuple[int, str], tuple[timedelta, str]] = {}
    for gid, rid, since_text, name, hid, hcode, head, grid_id, cell, h_last, p_last, plan_officer, count, period \
            in found:
        group = person_groups[gid]
        key = (count, period) if count and period else (group.count, group.period)
        if key not in rules_of:
            rule = rules.Rule(key[0], rules.Period(key[1]))
            rules_of[key] = (rule.interval, rule.describe())
        interval, text = rules_of[key]
        since = _when(since_text) or as_of
        last = _when(p_last if rid is not None else h_last)
        start = max(last, since) if last is not None else since
        due_at = start + interval
        state = state_of(due_at)
        if state not in wanted:
            continue
        officer_id = plan_officer or (by_cell.get(cell, (None, ""))[0] if cell is not None else None)
        append(DueRow("person" if rid is not None else "household", hid, rid, hcode,
                      mask_name(name if rid is not None else head), group.code, group.name, text, grid_id,
                      grids.get(grid_id, ""), officer_id, officer_names.get(officer_id, "") if officer_id else "",
                      last + BEIJING if last else None, due_at + BEIJING, state))
    return _sorted(out)


def _sorted(rows: list[DueRow]) -> list[DueRow]:
    """Soonest due first, then by household code (a stable sort keeps a household before its members)."""
    return sorted(rows, key=_DUE_ORDER)


_DUE_ORDER = itemgetter(13, 3)  # due_local, code


def counts_by_grid(s: Session, as_of: datetime, current: bool = True) -> dict[int, tuple[int, int]]:
    """Per grid: visits overdue and due within the week (counts only: the map and the wall)."""
    out: dict[int, list[int]] = {}
    for r in due_list(s, Actor(0, "wall", "wall"), as_of, current=current, wall=True):
        if r.grid_id is None:
            continue
        slot = out.setdefault(r.grid_id, [0, 0])
        slot[0 if r.state is DueState.OVERDUE else 1] += 1
    return {g: (v[0], v[1]) for g, v in out.items()}


# --- files --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonFile:
    id: int
    name: str
    gender: str
    birth_date: date | None
    id_number: str
    phone: str
    relation: str
    groups: tuple[str, ...]  # group names
    plan: str  # 一人一策 in a line, "" without one
    confirmed_local: datetime | None
    group_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class VisitLine:
    id: int
    at_local: datetime
    who: str  # 民警 张三 · 网格员 李四 · 志愿者 王五
    resident: str
    mode: str
    findings: str
    risk: str
    follow_up: str
    incident_id: int | None
    similar_to_id: int | None
    similarity: float | None


@dataclass(frozen=True)
class HouseholdFile:
    id: int
    code: str
    unit: str
    grid: str
    address: str
    head: str
    phone: str
    housing: str
    housing_confirmed_local: datetime | None
    contact_confirmed_local: datetime | None
    stale: bool  # a core item not confirmed within 30 days: flagged for update
    members: tuple[PersonFile, ...]
    visits: tuple[VisitLine, ...]
    lon: float | None = None
    lat: float | None = None


def household_file(s: Session, actor: Actor, household_id: int, as_of: datetime) -> HouseholdFile | None:
    reveal = False  # masked by default, whoever reads; `reveal_resident` shows one field, audited
    h = s.get(Household, household_id)
    if h is None:
        return None
    staff: dict[int | None, str] = dict(s.execute(select(Staff.id, Staff.name)).all())
    people = list(s.scalars(select(Resident).where(Resident.household_id == h.id, Resident.active.is_(True))
                            .order_by(Resident.id)))
    names = {p.id: p.name if reveal else mask_name(p.name) for p in people}
    member_groups: dict[int, list[str]] = {}
    member_codes: dict[int, list[str]] = {}
    for rid, gname, gcode in s.execute(select(GroupMember.resident_id, VisitGroup.name, VisitGroup.code)
                                .join(VisitGroup, VisitGroup.id == GroupMember.group_id)
                                .where(GroupMember.resident_id.in_(list(names)), GroupMember.until.is_(None))):
        member_groups.setdefault(rid or 0, []).append(gname)
        member_codes.setdefault(rid or 0, []).append(gcode)
    plans = {p.resident_id: p for p in s.scalars(select(KeyPersonPlan).where(
        KeyPersonPlan.resident_id.in_(list(names))))}
    members = []
    for p in people:
        plan = plans.get(p.id)
        line = ""
        if plan is not None:
            line = " · ".join(x for x in (f"民警 {staff.get(plan.officer_id, '')}" if plan.officer_id else "",
                                          f"网格员 {staff.get(plan.grid_worker_id, '')}" if plan.grid_worker_id else "",
                                          f"志愿者 {staff.get(plan.volunteer_id, '')}" if plan.volunteer_id else "",
                                          plan.notes) if x)
        members.append(PersonFile(p.id, names[p.id], p.gender, p.birth_date if reveal else None,
                                  p.id_number if reveal else mask_id(p.id_number),
                                  p.phone if reveal else mask_phone(p.phone), p.relation,
                                  tuple(member_groups.get(p.id, ())), line,
                                  to_local(p.confirmed_at) if p.confirmed_at else None,
                                  tuple(member_codes.get(p.id, ()))))
    visits = []
    for v in s.scalars(select(Visit).where(Visit.household_id == h.id, Visit.at <= as_of).order_by(Visit.at.desc())):
        who = " · ".join(x for x in (f"民警 {staff.get(v.officer_id, '')}" if v.officer_id else "",
                                     f"网格员 {staff.get(v.grid_worker_id, '')}" if v.grid_worker_id else "",
                                     f"志愿者 {staff.get(v.volunteer_id, '')}" if v.volunteer_id else "") if x)
        visits.append(VisitLine(v.id, to_local(v.at), who, names.get(v.resident_id or -1, ""), v.mode, v.findings,
                                v.risk, v.follow_up, v.incident_id, v.similar_to_id, v.similarity))
    confirmed = [h.housing_confirmed_at, h.contact_confirmed_at] + [p.confirmed_at for p in people]
    unit = s.scalar(select(AdminUnit.name).where(AdminUnit.id == h.unit_id)) or ""
    grid = s.scalar(select(Grid.name).where(Grid.id == h.grid_id)) or "" if h.grid_id else ""
    return HouseholdFile(h.id, h.code, unit, grid, h.address, h.head_name if reveal else mask_name(h.head_name),
                         h.phone if reveal else mask_phone(h.phone), h.housing,
                         to_local(h.housing_confirmed_at) if h.housing_confirmed_at else None,
                         to_local(h.contact_confirmed_at) if h.contact_confirmed_at else None,
                         not rules.confirmed_within(confirmed, as_of), tuple(members), tuple(visits), h.lon, h.lat)


def mask_id(value: str) -> str:
    from desk.domain.masking import mask_id_number

    return mask_id_number(value) if value else ""


# --- joint visits and figures ---------------------------------------------------------------------

@dataclass(frozen=True)
class JointRow:
    grid_id: int
    grid: str
    quarter: str
    planned_on: date | None
    done_local: datetime | None  # the first joint visit (officer + grid worker + volunteer) in the quarter
    state: str  # done | planned | late | unplanned


def joint_visits(s: Session, as_of: datetime, quarter: str | None = None) -> list[JointRow]:
    quarter = quarter or rules.quarter_of(local_today(as_of))
    first, nxt = rules.quarter_bounds(quarter)
    start, end = to_utc(datetime.combine(first, time(0))), to_utc(datetime.combine(nxt, time(0)))
    plans = {p.grid_id: p for p in s.scalars(select(JointVisitPlan).where(JointVisitPlan.quarter == quarter))}
    done: dict[int | None, datetime] = dict(s.execute(
        select(Household.grid_id, func.min(Visit.at)).join(Household, Household.id == Visit.household_id)
        .where(Visit.at >= start, Visit.at < min(end, as_of + timedelta(seconds=1)), Visit.officer_id.is_not(None),
               Visit.grid_worker_id.is_not(None), Visit.volunteer_id.is_not(None))
        .group_by(Household.grid_id)).all())
    today = local_today(as_of)
    out = []
    for gid, name in s.execute(select(Grid.id, Grid.name).where(Grid.households > 0).order_by(Grid.code)):
        plan = plans.get(gid)
        when = done.get(gid)
        state = "done" if when else ("unplanned" if plan is None else "late" if plan.planned_on < today else "planned")
        out.append(JointRow(gid, name, quarter, plan.planned_on if plan else None,
                            to_local(when) if when else None, state))
    return out


@dataclass(frozen=True)
class Figures:
    scope: str  # a grid's or an officer's name; "" for the whole township
    households: int
    covered_this_year: float | None  # % of households visited since 1 January
    key_persons: int
    key_as_planned: float | None  # 动态掌握率: % of key persons not overdue under their plan
    confirmed_30d: float | None  # % of households with every core item confirmed in 30 days
    on_time: dict[str, float | None]  # per group: % not overdue


def figures(s: Session, as_of: datetime, by: str = "grid", current: bool = True) -> list[Figures]:
    """The plans' figures for the township and per grid (or per officer)."""
    year_start = to_utc(datetime.combine(date(local_today(as_of).year, 1, 1), time(0)))
    since = as_of - timedelta(days=rules.CONFIRM_DAYS)
    by_cell, officer_names = _officers(s)
    grids: dict[int | None, str] = dict(s.execute(select(Grid.id, Grid.name)).all())
    last_col: Any = Household.last_visit_at if current else select(func.max(Visit.at)).where(
        Visit.household_id == Household.id, Visit.at <= as_of).scalar_subquery()
    stale_people = set(s.scalars(select(Resident.household_id).where(
        Resident.active.is_(True), or_(Resident.confirmed_at.is_(None), Resident.confirmed_at < since)).distinct()))
    scope_of: dict[int, str] = {}
    totals: dict[str, list[int]] = {}
    for hid, grid_id, cell, last, housing, contact in s.execute(select(
            Household.id, Household.grid_id, Household.police_cell_id, last_col, Household.housing_confirmed_at,
            Household.contact_confirmed_at)):
        if by == "officer":
            scope = by_cell.get(cell, (None, ""))[1] if cell is not None else ""
        else:
            scope = grids.get(grid_id, "")
        scope_of[hid] = scope
        for key in ("", scope):
            t = totals.setdefault(key, [0, 0, 0])
            t[0] += 1
            t[1] += 1 if last is not None and last >= year_start else 0
            t[2] += 1 if (hid not in stale_people and housing is not None and housing >= since and contact is not None
                          and contact >= since) else 0
    due = due_list(s, Actor(0, "wall", "wall"), as_of, Query(states=(DueState.OVERDUE,)), current=current, wall=True)
    overdue: dict[tuple[str, str], int] = {}
    overdue_key: dict[str, int] = {}
    groups = {g.code: g for g in s.scalars(select(VisitGroup))}
    for r in due:
        scope = scope_of.get(r.household_id, "") if by != "officer" else officer_names.get(r.officer_id or -1, "")
        for key in ("", scope):
            overdue[(key, r.group)] = overdue.get((key, r.group), 0) + 1
            if r.kind == "person" and groups.get(r.group) is not None and groups[r.group].kind == rules.KEY:
                overdue_key[key] = overdue_key.get(key, 0) + 1
    members: dict[tuple[str, str], int] = {}
    key_total: dict[str, int] = {}
    group_by_id = {g.id: g for g in groups.values()}
    for gid, hid, home_of_person in s.execute(
            select(GroupMember.group_id, GroupMember.household_id, Resident.household_id)
            .outerjoin(Resident, Resident.id == GroupMember.resident_id)
            .where(GroupMember.since <= as_of, or_(GroupMember.until.is_(None), GroupMember.until > as_of))):
        group = group_by_id.get(gid)
        if group is None:
            continue
        scope = scope_of.get(hid if hid is not None else (home_of_person or -1), "")
        for key in ("", scope):
            members[(key, group.code)] = members.get((key, group.code), 0) + 1
            if group.kind == rules.KEY:
                key_total[key] = key_total.get(key, 0) + 1
    out = []
    for key, (n, covered, confirmed) in sorted(totals.items()):
        on_time: dict[str, float | None] = {}
        for code in groups:
            whole = n if code in rules.EVERY_HOUSEHOLD else members.get((key, code), 0)
            on_time[code] = rules.share(whole - overdue.get((key, code), 0), whole)
        kp = key_total.get(key, 0)
        out.append(Figures(key, n, rules.share(covered, n), kp, rules.share(kp - overdue_key.get(key, 0), kp),
                           rules.share(confirmed, n), on_time))
    return out



@dataclass(frozen=True)
class VisitChoices:
    """Who can be put on a visit to a household, with the usual ones first: its area's officer, its grid's
    worker, its village's volunteers."""

    officers: list[tuple[int, str]]
    grid_workers: list[tuple[int, str]]
    volunteers: list[tuple[int, str]]
    officer_id: int | None
    grid_worker_id: int | None


def visit_choices(s: Session, household_id: int) -> VisitChoices:
    h = s.get(Household, household_id)
    if h is None:
        return VisitChoices([], [], [], None, None)
    officers = list(s.execute(select(Staff.id, Staff.name, Staff.police_cell_id).where(
        Staff.role == "community_police", Staff.active.is_(True)).order_by(Staff.id)))
    mine = next((o.id for o in officers if o.police_cell_id == h.police_cell_id), None)
    workers = list(s.execute(select(Staff.id, Staff.name, Staff.grid_id).where(
        Staff.role == "grid_worker", Staff.active.is_(True)).order_by(Staff.id)))
    worker = next((w.id for w in workers if w.grid_id == h.grid_id), None)
    from db.models import VolunteerTeam

    vols = list(s.execute(select(Staff.id, Staff.name).join(VolunteerTeam, VolunteerTeam.id == Staff.team_id).where(
        Staff.role == "volunteer", Staff.active.is_(True), VolunteerTeam.unit_id == h.unit_id).order_by(Staff.id)))
    first = lambda rows, ident: sorted(((r.id, r.name) for r in rows), key=lambda r: r[0] != ident)  # noqa: E731
    return VisitChoices(first(officers, mine), first(workers, worker), [(v.id, v.name) for v in vols], mine, worker)


@dataclass(frozen=True)
class FilterChoices:
    officers: list[tuple[int, str]]
    grids: list[tuple[int, str]]
    groups: list[tuple[str, str]]


def filter_choices(s: Session) -> FilterChoices:
    return FilterChoices(
        [(i, n) for i, n in s.execute(select(Staff.id, Staff.name).where(Staff.role == "community_police")
                                      .order_by(Staff.id))],
        [(i, n) for i, n in s.execute(select(Grid.id, Grid.name).where(Grid.households > 0).order_by(Grid.code))],
        [(c, n) for c, n in s.execute(select(VisitGroup.code, VisitGroup.name).where(VisitGroup.active.is_(True))
                                      .order_by(VisitGroup.id))])


@dataclass(frozen=True)
class RepeatedNote:
    """A visit whose note repeats an earlier one almost word for word (内容雷同), for the reviewer."""

    id: int
    at_local: datetime
    household: str  # the household's code
    who: str
    similarity: float
    findings: str
    earlier_local: datetime | None
    earlier_household: str


def repeated_notes(s: Session, as_of: datetime, days: int = 30) -> list[RepeatedNote]:
    staff: dict[int | None, str] = dict(s.execute(select(Staff.id, Staff.name)).all())
    rows = s.execute(select(Visit.id, Visit.at, Household.code, Visit.officer_id, Visit.grid_worker_id,
                            Visit.similarity, Visit.findings, Visit.similar_to_id)
                     .join(Household, Household.id == Visit.household_id)
                     .where(Visit.similar_to_id.is_not(None), Visit.at > as_of - timedelta(days=days),
                            Visit.at <= as_of).order_by(Visit.at.desc())).all()
    earlier = {i: (at, code) for i, at, code in s.execute(
        select(Visit.id, Visit.at, Household.code).join(Household, Household.id == Visit.household_id)
        .where(Visit.id.in_([r.similar_to_id for r in rows])))} if rows else {}
    out = []
    for r in rows:
        who = " · ".join(x for x in (staff.get(r.officer_id, ""), staff.get(r.grid_worker_id, "")) if x)
        at, code = earlier.get(r.similar_to_id, (None, ""))
        out.append(RepeatedNote(r.id, to_local(r.at), r.code, who, r.similarity or 0.0, r.findings,
                                to_local(at) if at else None, code))
    return out
