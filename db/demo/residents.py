"""Every grid's households and their people (一户一档), the persons in the visit groups with their plans
(一人一策), and a year of visits: households about once a quarter, key persons twice a month, care
groups twice a quarter, the officer once a year; some lag (overdue), and one grid worker copies his
notes (内容雷同). Bulk inserts, a random stream of its own."""
from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

import shapely
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.demo.households import HOUSING, family
from db.demo.bulk import insert_rows
from db.demo.names import PersonFactory
from db.demo.township import apportion
from db.demo.world import GridInfo, World
from db.models import (Grid, GroupMember, HazardHousehold, Household, JointVisitPlan, KeyPersonPlan, Resident, Visit,
                       VisitGroup)
from desk.domain.visits import DEFAULT_GROUPS, Rule, quarter_bounds, quarter_of

BATCH = 20_000
YEAR = timedelta(days=365)
# Share of persons put in each person group, and who qualifies (by age).
PERSON_GROUPS = {
    "community_correction": (0.0015, (20, 60)), "released_prisoner": (0.002, (25, 65)),
    "drug_rehab": (0.001, (20, 55)), "severe_mental": (0.0015, (18, 80)), "petitioner": (0.001, (35, 75)),
    "cult": (0.0003, (30, 80)), "left_behind_elderly": (0.012, (65, 99)), "children_difficulty": (0.003, (3, 16)),
    "mental_disorder": (0.002, (18, 80)), "living_alone": (0.006, (55, 99)), "disabled": (0.008, (10, 90)),
    "elderly_alone": (0.004, (70, 99)), "dispute_party": (0.003, (25, 70)),
}
KEY_GROUPS = {g.code for g in DEFAULT_GROUPS if g.kind == "key"}  # each key person has a plan (一人一策)
DIFFICULT_FAMILY = 0.012
LAST_VISITS = (
    "UPDATE household SET "
    "last_visit_at = (SELECT max(v.at) FROM visit v WHERE v.household_id = household.id), "
    "last_officer_visit_at = (SELECT max(v.at) FROM visit v WHERE v.household_id = household.id "
    "AND v.officer_id IS NOT NULL)")
LAST_PERSON_VISITS = ("UPDATE resident SET last_visit_at = (SELECT max(v.at) FROM visit v WHERE v.resident_id = resident.id) "
                      "WHERE id IN (SELECT resident_id FROM visit WHERE resident_id IS NOT NULL)")  # share of households on the difficult-family list
NOTES = (
    "入户核实家庭人员情况，家中{who}在家，生活正常，无矛盾纠纷。",
    "了解近期生产生活情况，{who}反映{issue}，已记录并告知处理渠道。",
    "宣传反诈防骗和防汛安全知识，发放明白卡一份，{who}表示知晓。",
    "检查用电用气安全，发现{hazard}，已提醒整改。",
    "与{who}谈心谈话，情绪稳定，按时报到，近期无异常。",
    "电话回访{who}，身体状况良好，子女每周联系，暂无困难。",
)
ISSUES = ("村道路灯损坏", "邻居建房遮挡采光", "医保报销进度慢", "灌溉水渠堵塞", "宅基地边界有争议")
HAZARDS = ("电线老化", "燃气软管过期", "电动车楼道充电", "灶台旁堆放柴草")
COPIED = "入户走访，家中一切正常，人员稳定，无矛盾纠纷，无安全隐患，已宣传反诈知识。"


def build_residents(session: Session, world: World, rng: random.Random) -> None:
    people = PersonFactory(rng, world.today)
    now = world.now
    threatened = _threatened_per_grid(session)
    on_file = dict(session.execute(select(Grid.id, Grid.households)).all())
    cells = list(world.cells.values())
    cell_tree = shapely.STRtree([c.geom for c in cells])
    houses: list[dict] = []
    families: list[list[dict]] = []
    for grid in world.grids.values():
        unit = world.unit(grid.unit_id)
        count = max(0, (on_file.get(grid.id) or 0) - threatened.get(grid.id, 0))
        if count == 0:
            continue
        sizes = apportion(max(count, grid.population - 3 * threatened.get(grid.id, 0)),
                          [rng.uniform(0.5, 1.5) for _ in range(count)], minimum=1)
        points = [_point(rng, grid) for _ in range(count)]
        found = cell_tree.query(shapely.points(points), predicate="intersects")
        cell_of = dict(zip(found[0].tolist(), found[1].tolist()))
        for i, (size, (lon, lat)) in enumerate(zip(sizes, points)):
            confirmed = now - timedelta(days=rng.choice((2, 6, 11, 19, 24, 28, 33, 47, 80)))
            members = family(people, rng, world.today, min(size, 8))
            for m in members:
                m["confirmed_at"] = confirmed
            houses.append({"code": f"{grid.code}-{i + 1:04d}", "unit_id": unit.id, "grid_id": grid.id,
                           "police_cell_id": cells[cell_of[i]].id if i in cell_of else None,
                           "address": f"{unit.name}{rng.randint(1, 12)}组{rng.randint(1, 120)}号",
                           "head_name": members[0]["name"], "phone": members[0]["phone"] or people.phone(),
                           "housing": rng.choice(HOUSING), "lon": lon, "lat": lat,
                           "housing_confirmed_at": confirmed, "contact_confirmed_at": confirmed,
                           "created_at": now - timedelta(days=rng.randint(400, 2000)), "notes": ""})
            families.append(members)
    insert_rows(session, Household.__table__, houses)
    ids = dict(session.execute(select(Household.code, Household.id)).all())
    rows = [dict(m, household_id=ids[h["code"]]) for h, fam in zip(houses, families) for m in fam]
    insert_rows(session, Resident.__table__, rows)
    world.counts["household"] += len(houses)
    world.counts["resident"] += len(rows)
    _groups_and_visits(session, world, rng)


def _threatened_per_grid(session: Session) -> dict[int, int]:
    out: dict[int, int] = {}
    for grid_id in session.scalars(select(Household.grid_id).join(
            HazardHousehold, HazardHousehold.household_id == Household.id)):
        if grid_id is not None:
            out[grid_id] = out.get(grid_id, 0) + 1
    return out


def _point(rng: random.Random, grid: GridInfo) -> tuple[float, float]:
    minx, miny, maxx, maxy = grid.geom.bounds
    for _ in range(50):
        x, y = round(rng.uniform(minx, maxx), 6), round(rng.uniform(miny, maxy), 6)
        if shapely.contains_xy(grid.geom, x, y):
            return x, y
    p = grid.geom.representative_point()
    return round(p.x, 6), round(p.y, 6)


# --- groups, plans and a year of visits ----------------------------------------------------------

def _groups_and_visits(session: Session, world: World, rng: random.Random) -> None:
    now = world.now
    groups = dict(session.execute(select(VisitGroup.code, VisitGroup.id)).all())
    rules = {g.code: g.rule for g in DEFAULT_GROUPS}
    homes = session.execute(select(Household.id, Household.grid_id, Household.police_cell_id, Household.unit_id,
                                   Household.created_at)).all()
    home_of = {h.id: h for h in homes}
    today = world.today
    members: list[dict] = []
    plans: list[dict] = []
    subjects: list[tuple[int, int | None, Rule, datetime]] = []  # (household, resident or None, rule, since)
    total = sum(share for share, _ in PERSON_GROUPS.values()) * 0.6  # a few in no group they qualify for
    for rid, hid, born in session.execute(select(Resident.id, Resident.household_id, Resident.birth_date)):
        if rng.random() >= total:  # one draw a person; only the few in a group draw again
            continue
        age = today.year - born.year if born else 40
        eligible = [(code, share) for code, (share, (low, high)) in PERSON_GROUPS.items() if low <= age <= high]
        if not eligible:
            continue
        code = rng.choices([c for c, _ in eligible], [w for _, w in eligible])[0]
        since = now - timedelta(days=rng.randint(20, 900))
        members.append({"group_id": groups[code], "resident_id": rid, "household_id": None, "since": since,
                        "until": None})
        subjects.append((hid, rid, rules[code], since))
        if code in KEY_GROUPS:
            h = home_of[hid]
            plans.append(_plan(world, rng, rid, h.grid_id, h.police_cell_id, h.unit_id, now))
    for h in homes:
        if rng.random() < DIFFICULT_FAMILY:
            since = now - timedelta(days=rng.randint(30, 700))
            members.append({"group_id": groups["difficult_family"], "resident_id": None, "household_id": h.id,
                            "since": since, "until": None})
            subjects.append((h.id, None, rules["difficult_family"], since))
    insert_rows(session, GroupMember.__table__, members)
    if plans:
        insert_rows(session, KeyPersonPlan.__table__, plans)
    world.counts["key_person"] += len({m["resident_id"] for m in members if m["resident_id"]})
    visits = _household_visits(world, rng, homes) + _subject_visits(world, rng, subjects, home_of)
    visits.sort(key=lambda v: v["at"])
    insert_rows(session, Visit.__table__, visits)
    world.counts["visit"] += len(visits)
    session.execute(text(LAST_VISITS))
    session.execute(text(LAST_PERSON_VISITS))
    _joint_plans(session, world, rng)


def _plan(world: World, rng: random.Random, rid: int, grid_id: int | None, cell_id: int | None, unit_id: int,
          now: datetime) -> dict:
    officers = world.officers_by_cell.get(cell_id or -1) or [o for ids in world.officers_by_cell.values() for o in ids][:1]
    vols = world.volunteers_by_unit.get(unit_id) or []
    return {"resident_id": rid, "officer_id": officers[0] if officers else None,
            "grid_worker_id": world.grid_worker_by_grid.get(grid_id or -1),
            "volunteer_id": rng.choice(vols) if vols else None,
            "count": None, "period": None, "notes": rng.choice(("按期报到，表现稳定", "家属配合帮教", "需关注就业安置",
                                                                 "情绪波动时及时报告")),
            "updated_at": now - timedelta(days=rng.randint(5, 200)), "updated_by": None}


def _who(world: World, rng: random.Random, grid_id: int | None, cell_id: int | None, unit_id: int,
         officer: bool) -> dict:
    officers = world.officers_by_cell.get(cell_id or -1, [])
    vols = world.volunteers_by_unit.get(unit_id, [])
    joint = officer and rng.random() < 0.4
    return {"officer_id": officers[0] if officer and officers else None,
            "grid_worker_id": world.grid_worker_by_grid.get(grid_id or -1),
            "volunteer_id": rng.choice(vols) if joint and vols else None}


def _note(rng: random.Random, copier: bool) -> str:
    if copier:
        return COPIED
    return rng.choice(NOTES).format(who=rng.choice(("户主", "老人", "家属", "本人")), issue=rng.choice(ISSUES),
                                    hazard=rng.choice(HAZARDS))


def _visit(at: datetime, household_id: int, resident_id: int | None, who: dict, note: str, rng: random.Random) -> dict:
    risk = rng.choices(("", "blue", "yellow", "red"), (40, 4, 2, 1))[0] if "争议" in note or "反映" in note else ""
    return {"at": at, "household_id": household_id, "resident_id": resident_id, **who,
            "mode": rng.choices(("in_person", "phone", "video"), (85, 12, 3))[0], "findings": note, "risk": risk,
            "follow_up": "下次走访回访落实情况" if risk else "", "incident_id": None, "recorded_by": None,
            "recorded_at": at, "similar_to_id": None, "similarity": None}


def _household_visits(world: World, rng: random.Random, homes: Sequence) -> list[dict]:
    """About once a quarter each, mostly by the grid worker; the officer once a year; some households lag."""
    now = world.now
    copier_grids = {g for g in list(world.grid_worker_by_grid)[:2]}
    out = []
    for h in homes:
        lagging = rng.random() < 0.04
        at = now - YEAR + timedelta(days=rng.uniform(0, 60))
        officer_done = False
        while at < now:
            officer = not officer_done and rng.random() < 0.5
            officer_done = officer_done or officer
            who = _who(world, rng, h.grid_id, h.police_cell_id, h.unit_id, officer)
            out.append(_visit(at, h.id, None, who, _note(rng, h.grid_id in copier_grids), rng))
            at += timedelta(days=rng.uniform(150, 200) if lagging else rng.uniform(60, 95))
    return out


def _subject_visits(world: World, rng: random.Random, subjects: Sequence[tuple[int, int | None, Rule, datetime]],
                    home_of: dict) -> list[dict]:
    """Each group member at its rule's interval with some slack; one in ten falls behind."""
    now = world.now
    out = []
    for hid, rid, rule, since in subjects:
        h = home_of[hid]
        step = rule.interval.total_seconds() / 86400
        lagging = rng.random() < 0.1
        at = max(since, now - YEAR) + timedelta(days=rng.uniform(0, step))
        while at < now:
            who = _who(world, rng, h.grid_id, h.police_cell_id, h.unit_id, rng.random() < 0.6)
            out.append(_visit(at, hid, rid, who, _note(rng, False), rng))
            at += timedelta(days=rng.uniform(step * (1.2 if lagging else 0.55), step * (1.8 if lagging else 0.95)))
    return out


def _joint_plans(session: Session, world: World, rng: random.Random) -> None:
    quarter = quarter_of(world.today)
    first, nxt = quarter_bounds(quarter)
    span = (nxt - first).days
    rows = [{"grid_id": g, "quarter": quarter, "planned_on": first + timedelta(days=rng.randint(0, span - 1)),
             "note": "民警+网格员+志愿者联合走访", "created_by": None}
            for g in world.grids if rng.random() < 0.8]
    insert_rows(session, JointVisitPlan.__table__, rows)

