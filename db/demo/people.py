"""Who works here: linkage departments, station staff, grid workers, volunteer teams and accounts."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.demo.names import Person
from db.demo.world import StationInfo, UnitInfo, World
from db.models import Department, Staff, UserAccount, VolunteerTeam
from desk.domain import roster

# (code, kind, name pattern): {s} is the short place name, {seat} the township or county seat.
DEPARTMENTS = (
    ("PCS", "police_station", "{s}派出所"),
    ("SFS", "justice", "{s}司法所"),
    ("ZZB", "governance", "{seat}综治办"),
    ("YJB", "emergency", "{seat}应急管理办"),
    ("MZB", "civil_affairs", "{seat}民政办"),
    ("ZRZYS", "natural_resources", "{s}自然资源所"),
    ("WSY", "health", "{seat}卫生院"),
    ("XFJY", "fire", "{s}消防救援站"),
    ("CWH", "village_committee", "村（居）民委员会"),
)
# Departments whose own staff handle matters; the police use their officers, village committees their grid workers.
STAFFED_DEPARTMENTS = ("justice", "governance", "emergency", "civil_affairs", "natural_resources", "health", "fire")

CODE_PREFIX = {
    "community_police": "MJ", "auxiliary_police": "FJ", "police_assistant": "ZL", "antidrug_worker": "JD",
    "trainee_assistant": "JX", "grid_worker": "WG", "volunteer": "YJ", "hazard_monitor": "QC",
    "department_staff": "BM",
}


@dataclass(frozen=True)
class Profile:
    """How a role is usually filled: ages, share of women and of party members, duty functions."""
    ages: tuple[int, int]
    women: float
    party: float
    functions: tuple[str, ...]  # the first is always held; one or two more are drawn from the rest


PROFILES = {
    # The officer is the grid's security instructor (治安指导员).
    "community_police": Profile((28, 54), 0.12, 0.9, ("safety_guard", "intelligence", "emergency", "mediation")),
    "auxiliary_police": Profile((22, 45), 0.2, 0.35, ("safety_guard", "hazard_check", "emergency")),
    "police_assistant": Profile((23, 45), 0.5, 0.45, ("mediation", "public_service", "intelligence")),
    "antidrug_worker": Profile((25, 50), 0.4, 0.6, ("policy_outreach", "social_governance")),
    "trainee_assistant": Profile((21, 27), 0.5, 0.3, ("public_service", "policy_outreach", "social_governance")),
    "grid_worker": Profile((25, 55), 0.55, 0.6,
                           ("intelligence", "hazard_check", "public_service", "social_governance")),
    "hazard_monitor": Profile((40, 66), 0.15, 0.5, ("hazard_check", "emergency")),
    "department_staff": Profile((26, 55), 0.45, 0.7, ("mediation", "public_service", "social_governance")),
    "volunteer": Profile((20, 53), 0.3, 0.45, ("safety_guard", "mediation", "policy_outreach", "emergency")),
}
STAR_WEIGHTS = {1: 10, 2: 25, 3: 35, 4: 20, 5: 10}


def build_people(session: Session, world: World) -> None:
    _write_departments(session, world)
    for station in world.stations:
        _staff_station(session, world, station)
    _staff_departments(session, world)
    for unit in world.units:
        _volunteer_team(session, world, unit)
    _write_accounts(session, world)


def new_staff(world: World, role: str, person: Person | None = None, **fields) -> Staff:
    """A Staff row of `role`, with a plausible person and duty functions; ids come at flush."""
    profile = PROFILES[role]
    rng = world.rng
    person = person or world.people.person(profile.ages, profile.women)
    world.counts[f"staff:{role}"] += 1
    first, *rest = profile.functions
    extra = rng.sample(rest, min(len(rest), rng.randint(1, 2)))
    functions = [f for f in roster.DUTY_FUNCTIONS if f == first or f in extra]
    fields.setdefault("party_member", rng.random() < profile.party)
    return Staff(code=f"{CODE_PREFIX[role]}{world.counts[f'staff:{role}']:05d}", name=person.name, role=role,
                 duty_functions=json.dumps(functions), gender=person.gender, birth_year=person.birth_year,
                 phone=person.phone, id_number=person.id_number, **fields)


def _write_departments(session: Session, world: World) -> None:
    scale = world.scale
    rows = [Department(code=code, kind=kind, name=pattern.format(s=scale.short_name, seat=scale.seat),
                       phone=f"0570-{world.rng.randint(8_100_000, 8_899_999)}")
            for code, kind, pattern in DEPARTMENTS]
    session.add_all(rows)
    session.flush()
    for row in rows:
        world.departments[row.kind] = row.id
        world.department_names[row.id] = row.name
    world.counts["department"] += len(rows)


def _staff_station(session: Session, world: World, station: StationInfo) -> None:
    police = world.departments["police_station"]
    cells = [c for c in world.cells.values() if c.workstation_id == station.id]
    # Every cell has its own officer from the police station; the station formula seats one of them at
    # the workstation as its security instructor (治安指导员), the others work from the police station.
    officers = [new_staff(world, "community_police", workstation_id=station.id if i == 0 else None,
                          department_id=police, police_cell_id=c.id) for i, c in enumerate(cells)]
    team: list[Staff] = list(officers)
    for role, need in roster.STATION_FORMULA.items():
        if role == "community_police":
            continue
        on_police_payroll = role in ("auxiliary_police", "antidrug_worker")
        team += [new_staff(world, role, workstation_id=station.id, department_id=police if on_police_payroll else None)
                 for _ in range(need)]
    grid_ids = [g for uid in station.unit_ids for g in world.unit(uid).grid_ids]
    workers = [new_staff(world, "grid_worker", workstation_id=station.id, grid_id=g) for g in grid_ids]
    session.add_all(team + workers)
    session.flush()
    for s in team + workers:
        station.staff.setdefault(s.role, []).append(s.id)
    for officer, cell in zip(officers, cells):
        world.officers_by_cell.setdefault(cell.id, []).append(officer.id)
    for worker, grid_id in zip(workers, grid_ids):
        world.grid_worker_by_grid[grid_id] = worker.id


def _staff_departments(session: Session, world: World) -> None:
    departments = [world.departments[kind] for kind in STAFFED_DEPARTMENTS for _ in range(2)]
    rows = [new_staff(world, "department_staff", department_id=d) for d in departments]
    session.add_all(rows)
    session.flush()
    for row, department in zip(rows, departments):
        world.department_staff.setdefault(department, []).append(row.id)


def _volunteer_team(session: Session, world: World, unit: UnitInfo) -> None:
    """10–12 members; each team alone meets the corps targets, so the whole corps does too."""
    rng = world.rng
    team = VolunteerTeam(unit_id=unit.id, name=f"{unit.name}义警队")
    session.add(team)
    session.flush()
    unit.team_id = team.id
    size = rng.choices((10, 11, 12), (1, 2, 2))[0]
    party = set(rng.sample(range(size), math.ceil(size * rng.uniform(0.42, 0.6))))
    women = set(rng.sample(range(size), max(math.ceil(size * 0.21), round(size * rng.uniform(0.22, 0.38)))))
    young = set(rng.sample(range(size), math.ceil(size * rng.uniform(0.72, 0.9))))
    captain = min(party)  # captains are party members
    vice = next(i for i in range(size) if i != captain)
    ages = PROFILES["volunteer"].ages
    station_id = world.station_of_unit(unit.id).id
    members = []
    for i in range(size):
        gender = "F" if i in women else "M"
        person = world.people.person(ages if i in young else (57, 66), gender=gender)
        position = "captain" if i == captain else "vice_captain" if i == vice else "member"
        stars = rng.choices(tuple(STAR_WEIGHTS), tuple(STAR_WEIGHTS.values()))[0]
        members.append(new_staff(world, "volunteer", person, party_member=i in party, team_id=team.id,
                                 team_position=position, stars=max(stars, 4) if position == "captain" else stars,
                                 workstation_id=station_id))
    session.add_all(members)
    session.flush()
    world.volunteers_by_unit[unit.id] = [m.id for m in members]
    world.counts["volunteer_team"] += 1


def _write_accounts(session: Session, world: World) -> None:
    rows = [
        UserAccount(login="duty", display_name="值班员", role="operator"),
        UserAccount(login="leader", display_name="带班领导", role="leader"),
        UserAccount(login="audit", display_name="监督员", role="auditor"),
        UserAccount(login="admin", display_name="系统管理员", role="admin"),
        UserAccount(login="wall", display_name="指挥大屏", role="wall"),
    ]
    workers = sorted(world.grid_worker_by_grid.items())
    names = dict(session.execute(select(Staff.id, Staff.name).where(Staff.role == "grid_worker")).all())
    rows += [UserAccount(login=f"grid{n:02d}", display_name=names[staff_id], role="grid_worker", staff_id=staff_id)
             for n, (_, staff_id) in enumerate(workers, start=1)]
    session.add_all(rows)
    session.flush()
    for row in rows:
        world.accounts[row.login] = row.id
        if row.staff_id is not None:
            world.account_by_staff[row.staff_id] = row.id
    world.counts["user_account"] += len(rows)
