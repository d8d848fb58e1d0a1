"""The demo's address gazetteer (地名地址): every village's groups (X村N组) and, in the towns, house
numbers along the named streets (青岚社区文昌路156号). Incidents take their address from it: the
entry nearest to where they happened, in their own village or community."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import shapely
from shapely import STRtree
from shapely.geometry import LineString, Point
from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.world import UnitInfo, World
from db.models import Address, Base
from desk.domain.address_text import search_key

HOUSE_NUMBERS = 188  # per street: odd numbers on the left, even on the right
HOUSE_SETBACK_M = 12  # from the street's centre line to the door
GROUP_PEOPLE = 110  # residents per villagers' group (村民小组), roughly
GROUPS = (4, 15)  # fewest and most groups a village has


@dataclass(frozen=True)
class Entry:
    text: str
    unit_id: int
    unit_name: str
    lon: float
    lat: float


class Gazetteer:
    """The entries of each unit, with the nearest one to a point found quickly (a million incidents
    at county scale each ask once)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        by_unit: dict[int, list[Entry]] = {}
        for e in entries:
            by_unit.setdefault(e.unit_id, []).append(e)
        self._units = {uid: (items, STRtree(shapely.points([(e.lon, e.lat) for e in items])))
                       for uid, items in by_unit.items()}

    def nearest(self, unit_id: int, lon: float, lat: float) -> Entry | None:
        found = self._units.get(unit_id)
        if found is None:
            return None
        items, tree = found
        return items[int(tree.nearest(Point(lon, lat)))]


def build_gazetteer(session: Session, world: World, rng: random.Random,
                    streets: dict[int, list[tuple[str, LineString]]]) -> Gazetteer:
    entries: list[Entry] = []
    for unit in world.units:
        if streets.get(unit.id):
            entries += _house_numbers(unit, streets[unit.id])
        else:
            entries += _groups(rng, unit)
    rows = [{"text": e.text, "search_key": search_key(e.text), "unit_id": e.unit_id, "unit_name": e.unit_name,
             "lon": e.lon, "lat": e.lat} for e in entries]
    session.execute(insert(Base.metadata.tables[Address.__tablename__]), rows)
    world.counts["address"] += len(rows)
    return Gazetteer(entries)


def _house_numbers(unit: UnitInfo, streets: list[tuple[str, LineString]]) -> list[Entry]:
    """Numbers 1..188 spread along each street, odd on its left side and even on its right."""
    out = []
    setback = (geo.deg_lon(HOUSE_SETBACK_M) + geo.deg_lat(HOUSE_SETBACK_M)) / 2
    pairs = HOUSE_NUMBERS // 2
    for name, line in streets:
        for k in range(pairs):
            at = line.length * (k + 0.5) / pairs
            p = line.interpolate(at)
            ahead = line.interpolate(min(line.length, at + setback))
            behind = line.interpolate(max(0.0, at - setback))
            dx, dy = ahead.x - behind.x, ahead.y - behind.y
            norm = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / norm * setback, dx / norm * setback
            for number, (x, y) in ((2 * k + 1, (p.x + nx, p.y + ny)), (2 * k + 2, (p.x - nx, p.y - ny))):
                x, y = round(x, geo.DECIMALS), round(y, geo.DECIMALS)
                if not shapely.contains_xy(unit.geom, x, y):  # a street end at the border: its door is across
                    x, y = round(p.x, geo.DECIMALS), round(p.y, geo.DECIMALS)
                out.append(Entry(f"{unit.name}{name}{number}号", unit.id, unit.name, x, y))
    return out


def _groups(rng: random.Random, unit: UnitInfo) -> list[Entry]:
    """The village's groups, each at its hamlet; numbered clockwise from the north, as a register would."""
    count = max(GROUPS[0], min(GROUPS[1], round(unit.population / GROUP_PEOPLE)))
    inner = unit.geom.buffer(-geo.deg_lat(100))
    region = unit.geom if inner.is_empty else inner
    spacing = math.sqrt(region.area / count) * 0.6
    hamlets = geo.scatter(rng, region, count, spacing)
    centre = geo.inner_centre(unit.geom)
    hamlets.sort(key=lambda p: math.atan2(p.x - centre.x, p.y - centre.y) % (2 * math.pi))
    out = []
    for n, p in enumerate(hamlets, start=1):
        x, y = round(p.x, geo.DECIMALS), round(p.y, geo.DECIMALS)
        out.append(Entry(f"{unit.name}{n}组", unit.id, unit.name, x, y))
    return out
