"""Households on file: for now those the hazard points threaten (their heads, members, who needs help
to leave), and each village's cadres for the emergency call list. A random stream of its own, so the
rest of the demo stays as it was."""
from __future__ import annotations

import random
from datetime import date, timedelta

import shapely
from shapely.geometry import Point
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.bulk import insert_rows
from db.demo.names import PersonFactory
from db.demo.township import apportion
from db.demo.world import World
from db.models import HazardHousehold, HazardPoint, Household, Resident, VillageCadre

HOUSING = ("砖混二层", "砖混三层", "砖木结构", "土木结构", "框架结构")
NEEDS = ("行动不便", "卧床，需担架", "视力障碍", "独居老人", "婴幼儿")
CADRE_POSTS = ("secretary", "director", "security", "women")


def build_households(session: Session, world: World, rng: random.Random) -> None:
    people = PersonFactory(rng, world.today)
    units = {u.id: u for u in world.units}
    houses: list[dict] = []
    members: list[list[dict]] = []
    links: list[tuple[int, int]] = []  # (hazard point, index into houses)
    for point in session.scalars(select(HazardPoint).order_by(HazardPoint.id)):
        unit = units[point.unit_id] if point.unit_id in units else None
        if unit is None or point.households < 1:
            continue
        grid = min(world.grids_of(unit), key=lambda g: g.geom.distance(Point(point.lon, point.lat)))
        sizes = apportion(max(point.persons, point.households), [rng.uniform(0.5, 1.5) for _ in range(point.households)],
                          minimum=1)
        for size in sizes:
            n = len(houses) + 1
            kin = family(people, rng, world.today, size)
            near = grid.geom.intersection(Point(point.lon, point.lat).buffer(0.004))  # within some 400 m
            lon, lat = geo.random_point(rng, near if near.area > 0 else grid.geom)
            confirmed = world.now - timedelta(days=rng.choice((3, 9, 17, 26, 41, 75)))
            houses.append({"code": f"{unit.code}-H{n:05d}", "unit_id": unit.id, "grid_id": grid.id,
                           "address": f"{unit.name}{rng.randint(1, 9)}组{rng.randint(1, 80)}号",
                           "head_name": kin[0]["name"], "phone": kin[0]["phone"] or people.phone(),
                           "housing": rng.choice(HOUSING), "lon": lon, "lat": lat,
                           "police_cell_id": _cell_at(world, lon, lat), "housing_confirmed_at": confirmed,
                           "contact_confirmed_at": confirmed, "created_at": world.now - timedelta(days=900),
                           "notes": ""})
            for m in kin:
                m["confirmed_at"] = confirmed
            members.append(kin)
            links.append((point.id, len(houses) - 1))
    if houses:
        insert_rows(session, Household.__table__, houses)
        ids = dict(session.execute(select(Household.code, Household.id)).all())
        household_ids = [ids[h["code"]] for h in houses]
        insert_rows(session, Resident.__table__, [dict(m, household_id=household_ids[i])
                                           for i, kin in enumerate(members) for m in kin])
        insert_rows(session, HazardHousehold.__table__, [{"hazard_point_id": p, "household_id": household_ids[i]}
                                                  for p, i in links])
    cadres = []
    for unit in world.units:
        for post in CADRE_POSTS:
            person = people.person((32, 60), women=1.0 if post == "women" else 0.15)
            cadres.append({"unit_id": unit.id, "name": person.name, "post": post, "phone": person.phone})
    insert_rows(session, VillageCadre.__table__, cadres)
    world.counts["household"] += len(houses)
    world.counts["resident"] += sum(len(f) for f in members)
    world.counts["village_cadre"] += len(cadres)


def _cell_at(world: World, lon: float, lat: float) -> int | None:
    return next((c.id for c in world.cells.values() if shapely.contains_xy(c.geom, lon, lat)), None)


def family(people: PersonFactory, rng: random.Random, today: date, size: int) -> list[dict]:
    """A head of household and the others: a spouse, then children or grandchildren and old parents; a
    few need help to leave (the very old, the bedridden, infants)."""
    head_age = rng.randint(34, 78)
    out = [_member(people, rng, today, "head", head_age, "M" if rng.random() < 0.8 else "F")]
    if size > 1:
        out.append(_member(people, rng, today, "spouse", max(20, head_age + rng.randint(-5, 3)),
                           "F" if out[0]["gender"] == "M" else "M"))
    for _ in range(size - len(out)):
        if head_age < 55 and rng.random() < 0.3:
            out.append(_member(people, rng, today, "parent", head_age + rng.randint(22, 30)))
        elif head_age >= 58:
            out.append(_member(people, rng, today, "grandchild", rng.randint(1, 14)))
        else:
            out.append(_member(people, rng, today, "child", max(1, head_age - rng.randint(22, 32))))
    return out


def _member(people: PersonFactory, rng: random.Random, today: date, relation: str, age: int,
            gender: str | None = None) -> dict:
    p = people.person((age, age), gender=gender)
    needs = ""
    if age >= 80 or (age >= 70 and rng.random() < 0.3):
        needs = NEEDS[1] if rng.random() < 0.25 else NEEDS[0]
    elif age <= 2:
        needs = NEEDS[4]
    born = date(int(p.id_number[6:10]), int(p.id_number[10:12]), int(p.id_number[12:14]))  # as the ID number says
    return {"name": p.name, "gender": p.gender, "birth_date": born, "id_number": p.id_number,
            "phone": p.phone if 16 <= age <= 75 else "", "relation": relation, "needs": needs, "active": True}
