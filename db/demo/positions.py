"""Patrol check-ins: each crew member of a patrol shift reports where they are every 20–30 minutes
while the shift runs, walking round the key area. Only what has happened by now is written, and
only for shifts of the last two days (the demo rosters today's)."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.world import World
from db.models import Base, PatrolArea, Shift, ShiftAssignment, StaffPosition
from desk.domain import geometry

DAYS = 2
INTERVAL_MIN = (20, 30)
FIRST_MIN = 5  # the first check-in comes within this many minutes of the start
SPEED_M_PER_H = (2_500, 4_500)  # on foot; the route is walked round and round
INSET_M = 12  # the walked route keeps this far inside the area


def build_positions(session: Session, world: World, rng: random.Random) -> None:
    since = world.now - timedelta(days=DAYS)
    shifts = list(session.execute(select(Shift.id, Shift.patrol_area_id, Shift.starts_at, Shift.ends_at)
                                  .where(Shift.kind == "patrol", Shift.patrol_area_id.is_not(None),
                                         Shift.starts_at >= since, Shift.starts_at <= world.now)
                                  .order_by(Shift.starts_at, Shift.id)))
    crews: dict[int, list[int]] = defaultdict(list)
    for shift_id, staff_id in session.execute(select(ShiftAssignment.shift_id, ShiftAssignment.staff_id)
                                              .order_by(ShiftAssignment.shift_id, ShiftAssignment.staff_id)):
        crews[shift_id].append(staff_id)
    routes = {a.id: _route(geometry.parse(a.geojson)) for a in session.scalars(select(PatrolArea))}
    rows = []
    for shift_id, area_id, start, end in shifts:
        if area_id is None:  # the query asks for patrol shifts with an area; this keeps the types honest
            continue
        route, length_m = routes[area_id]
        for staff_id in crews[shift_id]:
            rows += _walk(rng, staff_id, area_id, route, length_m, start, min(end, world.now))
    if rows:
        session.execute(insert(Base.metadata.tables[StaffPosition.__tablename__]), rows)
    world.counts["staff_position"] += len(rows)


def _route(area: BaseGeometry) -> tuple[LineString, float]:
    """A loop inside the area: along one side of a road and back the other, or round a square."""
    inner = area.buffer(-geo.deg_lat(INSET_M))
    if inner.is_empty:
        inner = area
    polygon = max(getattr(inner, "geoms", [inner]), key=lambda g: g.area)
    ring = LineString(polygon.exterior.coords)
    return ring, geometry.length_km(ring) * 1000


def _walk(rng: random.Random, staff_id: int, area_id: int, route: LineString, length_m: float,
          start: datetime, until: datetime) -> list[dict[str, object]]:
    speed = rng.uniform(*SPEED_M_PER_H)
    offset = rng.random()
    at = start + timedelta(minutes=rng.uniform(0, FIRST_MIN))
    out = []
    while at <= until:
        walked = speed * (at - start).total_seconds() / 3600
        p: Point = route.interpolate((offset + walked / max(length_m, 1.0)) % 1.0, normalized=True)
        out.append({"staff_id": staff_id, "at": at.replace(microsecond=0), "patrol_area_id": area_id,
                    "lon": round(p.x, geo.DECIMALS), "lat": round(p.y, geo.DECIMALS)})
        at += timedelta(minutes=rng.uniform(*INTERVAL_MIN))
    return out
