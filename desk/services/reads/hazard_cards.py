"""What a hazard point's two cards print (防灾工作明白卡 for those who watch it, 避险明白卡 for the
households it threatens): the point, its signs, who watches it and how to reach them, the warning
signal, the route and the shelter."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.models import AdminUnit, EvacuationRoute, HazardPoint, Shelter, Staff
from desk.services.database import Database


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


def hazard_cards(db: Database, codes: list[str] | None = None) -> list[HazardCard]:
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
            out.append(HazardCard(h.code, h.name, h.kind, units.get(h.unit_id, ""), h.lon, h.lat, h.risk,
                                  h.households, h.persons, h.signs, monitor.name if monitor else "",
                                  monitor.phone if monitor else "", route.name if route else "",
                                  route.length_km if route else 0.0, shelter.name if shelter else "",
                                  shelter.capacity if shelter else 0))
    return out
