"""Workstation staff boards: rosters by role, who is on duty, today's patrols, volunteer teams."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from db.models import (AdminUnit, PatrolArea, PatrolAreaHazard, Shift, ShiftAssignment, Staff, VolunteerTeam,
                       Workstation)
from desk.domain.clock import local_today, to_local, to_utc
from desk.domain.masking import mask_phone
from desk.domain.permissions import Actor, Perm
from desk.domain.roster import ROLES, Member, TeamComposition, station_gaps, team_composition
from desk.domain.warnings import current_level, patrols_stopped_in_hazard_areas
from desk.services.database import Database
from desk.services.reads.status import active_levels

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class StaffEntry:
    id: int
    name: str
    role: str
    duty_functions: tuple[str, ...]
    phone: str
    on_duty: bool
    party_member: bool
    gender: str
    age: int
    stars: int | None
    position: str


@dataclass
class StationBoard:
    id: int
    name: str
    theme: str
    unit: str
    rooms: list[str]
    roster: dict[str, list[StaffEntry]] = field(default_factory=dict)
    gaps: dict[str, int] = field(default_factory=dict)

    @property
    def on_duty(self) -> list[StaffEntry]:
        return [p for people in self.roster.values() for p in people if p.on_duty]


@dataclass(frozen=True)
class PatrolShift:
    starts_local: datetime
    ends_local: datetime
    crew: tuple[str, ...]
    active: bool
    done: bool


@dataclass(frozen=True)
class PatrolBoard:
    id: int
    name: str
    kind: str
    shifts: tuple[PatrolShift, ...]
    # Crossing a hazard point while a yellow or higher warning is in force: its patrols are stopped
    # (“强制中止巡逻任务”) until the warning is lifted.
    suspended: bool = False


@dataclass(frozen=True)
class TeamBoard:
    id: int
    name: str
    unit: str
    captain: str
    composition: TeamComposition


@dataclass(frozen=True)
class BoardsSnapshot:
    stations: list[StationBoard]
    patrols: list[PatrolBoard]
    teams: list[TeamBoard]
    on_duty_total: int
    corps: TeamComposition


_STAFF = (Staff.id, Staff.name, Staff.role, Staff.duty_functions, Staff.phone, Staff.party_member, Staff.gender,
          Staff.birth_year, Staff.stars, Staff.team_position, Staff.workstation_id, Staff.team_id)


def boards_snapshot(db: Database, actor: Actor, now: datetime) -> BoardsSnapshot:
    reveal = actor.can(Perm.VIEW_STAFF_CONTACT)
    today = local_today(now)
    day_start = to_utc(datetime.combine(today, datetime.min.time()))
    with db.session() as s:
        units = dict(s.execute(select(AdminUnit.id, AdminUnit.name)).all())
        on_duty_ids = set(s.scalars(select(ShiftAssignment.staff_id).join(Shift, Shift.id == ShiftAssignment.shift_id)
                                    .where(Shift.starts_at <= now, Shift.ends_at > now)))
        # Columns, not ORM objects, grouped once: a county has a thousand staff and volunteers.
        staff = s.execute(select(*_STAFF).where(Staff.active.is_(True)).order_by(Staff.id)).all()
        workstations = s.execute(select(Workstation.id, Workstation.name, Workstation.theme, Workstation.unit_id,
                                        Workstation.rooms).order_by(Workstation.id)).all()
        areas = s.execute(select(PatrolArea.id, PatrolArea.name, PatrolArea.kind).order_by(PatrolArea.id)).all()
        today_shifts = s.execute(select(Shift.id, Shift.patrol_area_id, Shift.starts_at, Shift.ends_at)
                                 .where(Shift.patrol_area_id.is_not(None), Shift.ends_at > day_start,
                                        Shift.starts_at < day_start + _DAY)
                                 .order_by(Shift.starts_at, Shift.id)).all()
        crews: dict[int, list[int]] = {}
        if today_shifts:
            for shift_id, staff_id in s.execute(select(ShiftAssignment.shift_id, ShiftAssignment.staff_id)
                                                .where(ShiftAssignment.shift_id.in_([sh.id for sh in today_shifts]))
                                                .order_by(ShiftAssignment.shift_id, ShiftAssignment.staff_id)):
                crews.setdefault(shift_id, []).append(staff_id)
        teams_rows = s.execute(select(VolunteerTeam.id, VolunteerTeam.name, VolunteerTeam.unit_id)
                               .order_by(VolunteerTeam.id)).all()
        stopped: set[int] = set()
        if patrols_stopped_in_hazard_areas(current_level(active_levels(s, now))):
            stopped = set(s.scalars(select(PatrolAreaHazard.patrol_area_id)))

    def entry(p) -> StaffEntry:
        return StaffEntry(p.id, p.name, p.role, tuple(json.loads(p.duty_functions or "[]")),
                          p.phone if reveal else mask_phone(p.phone), p.id in on_duty_ids, p.party_member,
                          p.gender, today.year - p.birth_year, p.stars, p.team_position)

    by_station: dict[int, list] = {}
    by_team: dict[int, list] = {}
    for p in staff:
        if p.workstation_id is not None:
            by_station.setdefault(p.workstation_id, []).append(p)
        if p.team_id is not None:
            by_team.setdefault(p.team_id, []).append(p)

    stations = []
    for w in workstations:
        board = StationBoard(w.id, w.name, w.theme, units.get(w.unit_id, ""), json.loads(w.rooms or "[]"))
        members = by_station.get(w.id, [])
        for role in ROLES:
            people = [entry(p) for p in members if p.role == role]
            if people:
                board.roster[role] = people
        board.gaps = station_gaps({r: len(v) for r, v in board.roster.items()})
        stations.append(board)

    names = {p.id: p.name for p in staff}
    shifts_by_area: dict[int, list] = {}
    for sh in today_shifts:
        shifts_by_area.setdefault(sh.patrol_area_id, []).append(sh)
    patrols = [PatrolBoard(a.id, a.name, a.kind, tuple(
        PatrolShift(to_local(sh.starts_at), to_local(sh.ends_at),
                    tuple(names.get(i, "?") for i in crews.get(sh.id, [])),
                    sh.starts_at <= now < sh.ends_at, sh.ends_at <= now) for sh in shifts_by_area.get(a.id, [])),
        a.id in stopped)
        for a in areas]

    teams = []
    corps_members: list[Member] = []
    for t in teams_rows:
        members = by_team.get(t.id, [])
        ms = [Member(p.gender, p.birth_year, p.party_member, p.team_position or "member") for p in members]
        corps_members.extend(ms)
        captain = next((p.name for p in members if p.team_position == "captain"), "")
        teams.append(TeamBoard(t.id, t.name, units.get(t.unit_id, ""), captain, team_composition(ms, today)))
    return BoardsSnapshot(stations, patrols, teams, len(on_duty_ids), team_composition(corps_members, today))
