"""What a hazard point's two cards print (防灾工作明白卡 for those who watch it, 避险明白卡 for the
households it threatens): the point, its signs, who watches it and how to reach them, the warning
signal, the route and the shelter; one 避险明白卡 per household on file, its head's name printed only
for a role that may see residents' names in the clear (otherwise a line to write it in by hand)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.models import AdminUnit, EvacuationRoute, HazardHousehold, HazardPoint, Household, Resident, Shelter, Staff
from desk.services.database import Database


@dataclass(frozen=True)
class HouseholdCard:
    head: str  # "" when the name may not be printed
    address: str
    persons: int
    needs: tuple[str, ...]  # who needs help leaving, e.g. 户主母亲（卧床，需担架）


@dataclass(frozen=True)
class HazardCard:
    code: str
    name: str
    kind: str
    village: str
    lon: float
    lat: float
    risk: str
    households: int
    persons: int
    signs: str
    monitor: str
    monitor_phone: str  # a staff member's work phone: it is printed so the households can call
    route: str
    route_km: float
    shelter: str
    shelter_capacity: int
    households_on_file: tuple[HouseholdCard, ...] = ()


NEEDS_WHO = {"head": "户主", "spouse": "配偶", "child": "子女", "parent": "父母", "grandchild": "孙辈"}


def hazard_cards(db: Database, codes: list[str] | None = None, names: bool = False) -> list[HazardCard]:
    with db.session() as s:
        units: dict[int | None, str] = dict(s.execute(select(AdminUnit.id, AdminUnit.name)).all())
        shelters = {sh.id: sh for sh in s.scalars(select(Shelter))}
        routes = {r.id: r for r in s.scalars(select(EvacuationRoute))}
        stmt = select(HazardPoint).order_by(HazardPoint.code)
        if codes:
            stmt = stmt.where(HazardPoint.code.in_(codes))
        out = []
        for h in s.scalars(stmt):
            monitor = s.get(Staff, h.monitor_id) if h.monitor_id else None
            shelter = shelters.get(h.shelter_id) if h.shelter_id else None
            route = routes.get(h.route_id) if h.route_id else None
            homes = _households(s, h.id, names)
            out.append(HazardCard(h.code, h.name, h.kind, units.get(h.unit_id, ""), h.lon, h.lat, h.risk,
                                  len(homes) or h.households, sum(c.persons for c in homes) or h.persons, h.signs,
                                  monitor.name if monitor else "", monitor.phone if monitor else "",
                                  route.name if route else "", route.length_km if route else 0.0,
                                  shelter.name if shelter else "", shelter.capacity if shelter else 0, tuple(homes)))
    return out


def _households(s, hazard_point_id: int, names: bool) -> list[HouseholdCard]:
    homes = list(s.scalars(select(Household).join(HazardHousehold, HazardHousehold.household_id == Household.id)
                           .where(HazardHousehold.hazard_point_id == hazard_point_id).order_by(Household.code)))
    members: dict[int, list[Resident]] = {}
    for r in s.scalars(select(Resident).where(Resident.household_id.in_([h.id for h in homes]),
                                              Resident.active.is_(True)).order_by(Resident.id)):
        members.setdefault(r.household_id, []).append(r)
    return [HouseholdCard(h.head_name if names else "", h.address, len(members.get(h.id, [])),
                          tuple(f"{NEEDS_WHO.get(r.relation, '家庭成员')}（{r.needs}）"
                                for r in members.get(h.id, []) if r.needs))
            for h in homes]
