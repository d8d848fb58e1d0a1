"""Today's duty: key patrol areas with their patrol shifts, and round-the-clock station shifts."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import shapely
from shapely import ops
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.names import SCENIC_SPOTS, short
from db.demo.world import GridInfo, StationInfo, UnitInfo, World
from db.models import PatrolArea, Shift, ShiftAssignment
from desk.domain import clock, roster

# Each area patrols two of the three standard windows; cycling the pairs uses every window.
WINDOW_PAIRS = ((0, 2), (1, 2), (0, 1))
ROAD_LENGTH_M = 2_500
ROAD_NAMES = ("省道S2{n:02d}{s}段", "县道X3{n:02d}{s}段")


@dataclass
class AreaDraft:
    name: str
    kind: str  # street | scenic | school | road
    geom: BaseGeometry


@dataclass
class Bookings:
    """Keeps anyone from being on two shifts at once."""
    busy: dict[int, list[tuple[datetime, datetime]]] = field(default_factory=dict)

    def free(self, staff_id: int, start: datetime, end: datetime) -> bool:
        return all(end <= s or start >= e for s, e in self.busy.get(staff_id, ()))

    def take(self, candidates: Iterable[int], count: int, start: datetime, end: datetime) -> list[int]:
        chosen = [c for c in candidates if self.free(c, start, end)][:count]
        for c in chosen:
            self.busy.setdefault(c, []).append((start, end))
        return chosen


def build_duty(session: Session, world: World) -> None:
    bookings = Bookings()
    _station_shifts(session, world, bookings)
    areas = _write_areas(session, world)
    _patrol_shifts(session, world, bookings, areas)


# --- key patrol areas -----------------------------------------------------------------------

def _write_areas(session: Session, world: World) -> list[tuple[PatrolArea, UnitInfo]]:
    areas = []
    for n, d in enumerate(_area_drafts(world), start=1):
        geom = geo.canonical(d.geom.intersection(world.boundary))
        unit = _unit_at(world, geom.representative_point())
        areas.append((PatrolArea(code=f"ZD{n:02d}", name=d.name, kind=d.kind, unit_id=unit.id,
                                 **geo.shape_columns(geom)), unit))
    session.add_all(a for a, _ in areas)
    session.flush()
    world.counts["patrol_area"] += len(areas)
    return areas


def _area_drafts(world: World) -> list[AreaDraft]:
    """Main streets and markets, scenic entrances and school gates first; trunk roads fill the rest."""
    drafts: list[AreaDraft] = []
    towns = world.units_with("market")
    for town in towns:
        market = _special(world, town, "market")
        drafts.append(AreaDraft(f"{short(town.name)}集镇主街", "street", _main_street(world, market.geom)))
        drafts.append(AreaDraft(f"{short(town.name)}农贸市场周边", "street", geo.buffer_m(market.geom, 80)))
    for village in world.units_with("scenic"):
        scenic = _special(world, village, "scenic")
        gate = ops.nearest_points(scenic.geom, world.boundary.centroid)[0]
        drafts.append(AreaDraft(f"{SCENIC_SPOTS.get(village.name, short(village.name))}景区入口", "scenic",
                                geo.buffer_m(gate, 180).intersection(geo.buffer_m(scenic.geom, 60))))
    for school in (g for g in world.grids.values() if g.special_type == "school"):
        name = f"{school.name.removesuffix('专属网格')}周边"
        drafts.append(AreaDraft(name, "school", geo.buffer_m(school.geom, 100)))
    drafts = drafts[: world.scale.patrol_areas]
    centre = towns[0].geom.centroid
    targets = sorted((u for u in world.units if u.kind == "village"),
                     key=lambda u: (u.profile not in ("scenic", "remote"), -u.geom.centroid.distance(centre)))
    n = 0
    while len(drafts) < world.scale.patrol_areas:
        town = towns[n % len(towns)]
        target = targets[n % len(targets)]
        road = _road(world, town, geo.inner_centre(target.geom))
        passes = _unit_at(world, road.interpolate(0.5, normalized=True))
        name = ROAD_NAMES[n % 2].format(n=11 + 7 * n, s=short(passes.name))
        drafts.append(AreaDraft(name, "road", geo.buffer_m(road, 30)))
        n += 1
    return drafts


def _special(world: World, unit: UnitInfo, special_type: str) -> GridInfo:
    return next(g for g in world.grids_of(unit) if g.special_type == special_type)


def _main_street(world: World, market: BaseGeometry) -> BaseGeometry:
    """About 1.2 km of street through the market, at a random bearing."""
    c = market.centroid
    dx, dy = geo.deg_lon(600), geo.deg_lat(600)
    tilt = world.rng.uniform(-0.6, 0.6)
    start, end = Point(c.x - dx, c.y - dy * tilt), Point(c.x + dx, c.y + dy * tilt)
    street = geo.path(world.rng, start, end, bends=2, wiggle_m=40)
    return geo.buffer_m(street, 35)


def _road(world: World, town: UnitInfo, end: Point) -> BaseGeometry:
    """The stretch of the road from the edge of town out into the villages."""
    start = geo.inner_centre(town.geom)
    line = geo.path(world.rng, start, end, bends=4, wiggle_m=300)
    exits = sorted(line.project(p) for p in shapely.get_parts(line.intersection(town.geom.boundary)))
    begin = exits[0] if exits else 0.0
    per_metre = line.length / (geo.distance_m(start, end) or 1.0)
    return ops.substring(line, begin, min(line.length, begin + ROAD_LENGTH_M * per_metre))


def _unit_at(world: World, p: Point) -> UnitInfo:
    return min(world.units, key=lambda u: u.geom.distance(p))


# --- shifts ---------------------------------------------------------------------------------

def _station_shifts(session: Session, world: World, bookings: Bookings) -> None:
    """Last night's, today's day and tonight's shift, so someone is on duty at any hour of today."""
    today = world.today
    windows = (
        clock.local_window(today - timedelta(days=1), time(20), time(8)),
        clock.local_window(today, time(8), time(20)),
        clock.local_window(today, time(20), time(8)),
    )
    for station in world.stations:
        crews = _station_crews(station)
        for (start, end), crew in zip(windows, crews):
            _write_shift(session, world, Shift(kind="station", workstation_id=station.id, starts_at=start, ends_at=end),
                         bookings.take(crew, len(crew), start, end))


def _station_crews(station: StationInfo) -> list[list[int]]:
    s = station.staff
    return [
        [s["auxiliary_police"][1], s["trainee_assistant"][0]],
        [s["community_police"][0], s["auxiliary_police"][0], s["police_assistant"][0]],
        [s["police_assistant"][1], s["trainee_assistant"][1], s["antidrug_worker"][0]],
    ]


def _patrol_shifts(session: Session, world: World, bookings: Bookings,
                   areas: list[tuple[PatrolArea, UnitInfo]]) -> None:
    """Three per shift: an auxiliary or assistant when one is free, otherwise volunteers of the village."""
    rng = world.rng
    for n, (area, unit) in enumerate(areas):
        station = world.station_of_unit(unit.id)
        patrollers = station.staff["auxiliary_police"] + station.staff["police_assistant"]
        home = world.volunteers_by_unit[unit.id]
        neighbours = [v for uid in station.unit_ids if uid != unit.id for v in world.volunteers_by_unit[uid]]
        others = [v for u in world.units if u.id not in station.unit_ids for v in world.volunteers_by_unit[u.id]]
        for w in WINDOW_PAIRS[n % len(WINDOW_PAIRS)]:
            # The village's own team first, then the station's other teams, then anyone free; in a fresh
            # order each shift so the duty rotates.
            volunteers = rng.sample(home, len(home)) + rng.sample(neighbours, len(neighbours)) + others
            (sh, sm), (eh, em) = roster.PATROL_WINDOWS[w]
            start, end = clock.local_window(world.today, time(sh, sm), time(eh, em))
            crew = bookings.take(patrollers, 1, start, end)
            crew += bookings.take(volunteers, roster.PATROL_CREW - len(crew), start, end)
            shift = Shift(kind="patrol", patrol_area_id=area.id, starts_at=start, ends_at=end)
            _write_shift(session, world, shift, crew)


def _write_shift(session: Session, world: World, shift: Shift, crew: list[int]) -> None:
    session.add(shift)
    session.flush()
    session.add_all(ShiftAssignment(shift_id=shift.id, staff_id=s) for s in crew)
    world.counts["shift"] += 1
    world.counts["shift_assignment"] += len(crew)
