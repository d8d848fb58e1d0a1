"""The township's places: outline, villages and community, grids, police cells and workstations."""
from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.names import COMMUNITIES, SCENIC_SPOTS, short, village_names
from db.demo.world import CellInfo, GridInfo, StationInfo, UnitInfo, World
from db.models import AdminUnit, Grid, GridCellOverlap, PoliceCell, Township, Workstation
from desk.domain import geometry

ROOMS = ("指挥调度室", "调解室", "民警办公室", "接待区", "来访区", "网格服务区", "警务咨询区")
OTHER_THEMES = ("mediation", "women_children", "services")
MIN_GRIDS_PER_UNIT = 3
PROFILE_WEIGHT = {"market": 3.0, "scenic": 1.1, "remote": 0.55}
SPECIAL_POPULATION = {"market": (120, 200), "school": (30, 60), "scenic": (80, 150)}
ENCLAVE_SIDE_M = {"market": 420, "school": 360}


@dataclass
class UnitDraft:
    geom: BaseGeometry
    kind: str = "village"
    profile: str = "agricultural"
    name: str = ""
    population: int = 0
    school: bool = False


@dataclass
class GridDraft:
    geom: BaseGeometry
    kind: str = "basic"
    special_type: str = ""
    name: str = ""
    population: int = 0
    households: int = 0
    has_enclave: bool = False
    halves: tuple[BaseGeometry, BaseGeometry] | None = None  # the two police cells of a split grid


def apportion(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split an integer total by weights (largest remainder), each share at least `minimum`."""
    rest = total - minimum * len(weights)
    shares = [rest * w / sum(weights) for w in weights]
    floors = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: floors[i] - shares[i])
    for i in by_remainder[: rest - sum(floors)]:
        floors[i] += 1
    return [minimum + f for f in floors]


def build_places(session: Session, world: World) -> None:
    scale = world.scale
    world.boundary = geo.township_boundary(world.rng)
    drafts = _plan_units(world, world.boundary)
    basic_counts = apportion(scale.grids - _enclave_count(drafts), [d.population ** 0.75 for d in drafts],
                             MIN_GRIDS_PER_UNIT)
    grid_drafts = [_plan_grids(world, d, n) for d, n in zip(drafts, basic_counts)]
    _snap(world, drafts, grid_drafts)
    township = Township(code=scale.code, name=scale.place_name, county=scale.county,
                        **geo.shape_columns(world.boundary))
    session.add(township)
    session.flush()
    world.township_id = township.id
    world.counts["township"] += 1
    halves: dict[int, tuple[BaseGeometry, BaseGeometry]] = {}
    for index, (draft, grids) in enumerate(zip(drafts, grid_drafts), start=1):
        unit = _write_unit(session, world, draft, index, grids)
        for grid_id, g in zip(_write_grids(session, world, unit, grids), grids):
            if g.halves:
                halves[grid_id] = g.halves
    _write_stations(session, world)
    _write_cells(session, world, halves)


def _snap(world: World, drafts: list[UnitDraft], grid_drafts: list[list[GridDraft]]) -> None:
    """Rebuild every grid, unit and the outline from one set of faces, so shared borders match exactly."""
    flat = [g for grids in grid_drafts for g in grids]
    # The market and the scenic area are each watched by two officers: their grids are cut in two.
    cuts = {i: geo.cut_line(g.geom) for i, g in enumerate(flat) if g.special_type in ("market", "scenic")}
    partition = geo.Partition([g.geom for g in flat], [line for line, _ in cuts.values()])
    for i, g in enumerate(flat):
        faces = partition.faces_of(i)
        g.geom = geo.canonical(partition.union(faces))
        if i in cuts:
            mid = cuts[i][1]
            west = [f for f in faces if f.representative_point().x < mid]
            east = [f for f in faces if f.representative_point().x >= mid]
            g.halves = (geo.canonical(partition.union(west)), geo.canonical(partition.union(east)))
    for d, grids in zip(drafts, grid_drafts):
        d.geom = geo.canonical(partition.union([g.geom for g in grids]))
    world.boundary = geo.canonical(partition.union([d.geom for d in drafts]))


def _enclave_count(drafts: list[UnitDraft]) -> int:
    return sum((d.kind == "community") * 2 + d.school for d in drafts)


# --- villages and communities -------------------------------------------------------------

def _plan_units(world: World, boundary: BaseGeometry) -> list[UnitDraft]:
    scale, rng = world.scale, world.rng
    spacing = math.sqrt(boundary.area / scale.units) * 0.6
    seeds = geo.scatter(rng, boundary, scale.units, spacing)
    drafts = [UnitDraft(t) for t in geo.tile(boundary, seeds, relax=3)]
    _assign_profiles(drafts, boundary, scale.communities, scale.scenic_villages, scale.remote_villages)
    centre = boundary.centroid
    # Communities first, then villages clockwise from the north, as a register would list them.
    drafts.sort(key=lambda d: (d.kind != "community", _bearing(centre, d.geom.centroid)))
    _name_units(world, drafts)
    weights = [_population_weight(rng, d, first=i == 0) for i, d in enumerate(drafts)]
    for d, pop in zip(drafts, apportion(scale.population, weights)):
        d.population = pop
    farming = sorted((d for d in drafts if d.profile == "agricultural"), key=lambda d: -d.population)
    for d in farming[: scale.village_schools]:
        d.school = True
    return drafts


def _population_weight(rng: random.Random, draft: UnitDraft, first: bool) -> float:
    """The market town holds about a quarter of the people; other communities less, remote villages half."""
    if draft.kind == "community":
        return PROFILE_WEIGHT["market"] if first else 2.0
    return PROFILE_WEIGHT.get(draft.profile) or rng.uniform(0.8, 1.2)


def _bearing(origin: Point, p: Point) -> float:
    return math.atan2(p.x - origin.x, p.y - origin.y) % (2 * math.pi)


def _assign_profiles(drafts: list[UnitDraft], boundary: BaseGeometry, communities: int, scenic: int,
                     remote: int) -> None:
    centre = boundary.centroid
    depth = {id(d): boundary.exterior.distance(d.geom.centroid) for d in drafts}
    inland = sorted(depth.values())[len(drafts) // 2]
    chosen = [min(drafts, key=lambda d: d.geom.centroid.distance(centre))]
    while len(chosen) < communities:
        pool = [d for d in drafts if d not in chosen and depth[id(d)] >= inland]
        chosen.append(max(pool, key=lambda d: _nearest(d, chosen)))
    for d in chosen:
        d.kind, d.profile = "community", "market"
    rim = [d for d in drafts if d.kind == "village" and d.geom.distance(boundary.exterior) < 1e-5]
    scenic_units: list[UnitDraft] = []
    for _ in range(scenic):
        pick = max((d for d in rim if d not in scenic_units), key=lambda d: _nearest(d, chosen + scenic_units))
        scenic_units.append(pick)
        pick.profile = "scenic"
    far = sorted((d for d in rim if d.profile == "agricultural"), key=lambda d: -_nearest(d, chosen))
    for d in far[:remote]:
        d.profile = "remote"


def _nearest(d: UnitDraft, others: list[UnitDraft]) -> float:
    return min(d.geom.centroid.distance(o.geom.centroid) for o in others)


def _name_units(world: World, drafts: list[UnitDraft]) -> None:
    villages = [d for d in drafts if d.kind == "village"]
    ordinary, scenic = village_names(world.rng, len(villages), sum(d.profile == "scenic" for d in villages))
    ordinary_iter, scenic_iter = iter(ordinary), iter(scenic)
    communities = iter(COMMUNITIES)
    for d in drafts:
        if d.kind == "community":
            d.name = next(communities)
        else:
            d.name = next(scenic_iter) if d.profile == "scenic" else next(ordinary_iter)


def _write_unit(session: Session, world: World, draft: UnitDraft, index: int, grids: list[GridDraft]) -> UnitInfo:
    villages_before = sum(u.kind == "village" for u in world.units)
    # Register-style codes: communities 0xx, villages 2xx.
    suffix = f"{index:03d}" if draft.kind == "community" else f"{201 + villages_before:03d}"
    population = sum(g.population for g in grids)
    row = AdminUnit(township_id=world.township_id, code=world.scale.code + suffix, name=draft.name,
                    kind=draft.kind, profile=draft.profile, households=sum(g.households for g in grids),
                    population=population, remote=draft.profile == "remote", **geo.shape_columns(draft.geom))
    session.add(row)
    session.flush()
    info = UnitInfo(row.id, row.code, row.name, row.kind, row.profile, population, draft.geom)
    world.units.append(info)
    world.counts["admin_unit"] += 1
    return info


# --- grids ----------------------------------------------------------------------------------

def _plan_grids(world: World, unit: UnitDraft, n_basic: int) -> list[GridDraft]:
    rng = world.rng
    spacing = math.sqrt(unit.geom.area / n_basic) * 0.55
    tiles = geo.tile(unit.geom, geo.scatter(rng, unit.geom, n_basic, spacing), relax=2)
    centre = geo.inner_centre(unit.geom)
    tiles.sort(key=lambda t: _bearing(centre, t.centroid))
    grids = [GridDraft(t) for t in tiles]
    unit_short = short(unit.name)
    if unit.profile == "scenic":
        far = max(grids, key=lambda g: g.geom.centroid.distance(world.boundary.centroid))
        far.kind, far.special_type = "special", "scenic"
        far.name = f"{SCENIC_SPOTS.get(unit.name, unit_short)}景区专属网格"
    enclaves: list[tuple[str, str]] = []
    if unit.kind == "community":
        enclaves += [("market", f"{unit_short}农贸市场专属网格"), ("school", f"{unit_short}中心小学专属网格")]
    elif unit.school:
        enclaves.append(("school", f"{unit_short}小学专属网格"))
    for kind, name in enclaves:
        grids.append(_carve(rng, grids, kind, name, centre))
    for n, g in enumerate((g for g in grids if g.kind == "basic"), start=1):
        g.name = f"{unit.name}第{n}网格"
    _share_population(world, unit.population, grids)
    return grids


def _carve(rng: random.Random, grids: list[GridDraft], kind: str, name: str, centre: Point) -> GridDraft:
    """Markets sit at the centre of town; a school in the nearest grid that holds no other enclave."""
    basics = sorted((g for g in grids if g.kind == "basic"), key=lambda g: g.geom.distance(centre))
    host = next((g for g in basics if not g.has_enclave), basics[0])
    host.has_enclave = True
    anchor = centre if kind == "market" else None
    host.geom, square = geo.carve_enclave(host.geom, ENCLAVE_SIDE_M[kind] * rng.uniform(0.85, 1.15), anchor)
    return GridDraft(square, "special", kind, name)


def _share_population(world: World, total: int, grids: list[GridDraft]) -> None:
    rng = world.rng
    for g in grids:
        if g.special_type:
            g.population = rng.randint(*SPECIAL_POPULATION[g.special_type])
    basics = [g for g in grids if not g.special_type]
    rest = max(total - sum(g.population for g in grids), len(basics))
    for g, pop in zip(basics, apportion(rest, [rng.uniform(0.7, 1.3) for _ in basics])):
        g.population = pop
    for g in grids:
        g.households = max(1, round(g.population / rng.uniform(2.5, 3.1)))


def _write_grids(session: Session, world: World, unit: UnitInfo, drafts: list[GridDraft]) -> list[int]:
    rows = [Grid(unit_id=unit.id, code=f"{unit.code}{n:02d}", name=d.name, kind=d.kind,
                 special_type=d.special_type, households=d.households, population=d.population,
                 **geo.shape_columns(d.geom))
            for n, d in enumerate(drafts, start=1)]
    session.add_all(rows)
    session.flush()
    for row, d in zip(rows, drafts):
        world.grids[row.id] = GridInfo(row.id, unit.id, row.code, row.name, row.kind, row.special_type,
                                       row.population, d.geom)
        unit.grid_ids.append(row.id)
    world.counts["grid"] += len(rows)
    return [row.id for row in rows]


# --- workstations ---------------------------------------------------------------------------

def _write_stations(session: Session, world: World) -> None:
    anchors = _station_anchors(world.units, world.scale.workstations)
    members: dict[int, list[UnitInfo]] = {a.id: [] for a in anchors}
    for u in world.units:
        home = min(anchors, key=lambda a: a.geom.centroid.distance(u.geom.centroid))
        members[home.id].append(u)
    others = iter(OTHER_THEMES * len(anchors))
    for n, anchor in enumerate(anchors, start=1):
        theme = {"market": "economy", "scenic": "tourism_safety"}.get(anchor.profile) or next(others)
        lon, lat = geo.point_near(world.rng, anchor.geom, geo.inner_centre(anchor.geom), 150)
        row = Workstation(unit_id=anchor.id, code=f"GZZ{n:02d}", name=f"{anchor.name}警网融合工作站",
                          theme=theme, rooms=json.dumps(ROOMS, ensure_ascii=False),
                          phone=f"0570-{world.rng.randint(8_100_000, 8_899_999)}", lon=lon, lat=lat)
        session.add(row)
        session.flush()
        station = StationInfo(row.id, anchor.id, row.name, [u.id for u in members[anchor.id]])
        world.stations.append(station)
        for u in members[anchor.id]:
            u.station_id = row.id
    world.counts["workstation"] += len(anchors)


def _station_anchors(units: list[UnitInfo], count: int) -> list[UnitInfo]:
    """Every community and scenic village hosts one; the rest are spread as far apart as possible."""
    anchors = [u for u in units if u.profile == "market"] + [u for u in units if u.profile == "scenic"]
    anchors = anchors[:count]
    while len(anchors) < count:
        pool = [u for u in units if u not in anchors]
        anchors.append(max(pool, key=lambda u: min(u.geom.centroid.distance(a.geom.centroid) for a in anchors)))
    return anchors


# --- police cells ---------------------------------------------------------------------------

def _write_cells(session: Session, world: World, halves: dict[int, tuple[BaseGeometry, BaseGeometry]]) -> None:
    """一格一警 in the market town, 一格多警 for its market and the scenic area, 一警多格 in the villages."""
    shapes: list[tuple[UnitInfo, str, BaseGeometry]] = []
    for unit in world.units:
        grids = world.grids_of(unit)
        if unit.profile == "market":
            for g in grids:
                shapes += _halves(unit, g, halves[g.id]) if g.id in halves else [(unit, f"{g.name}警格", g.geom)]
        elif unit.profile == "scenic":
            rest = [g.geom for g in grids if g.id not in halves]
            shapes.append((unit, f"{unit.name}警格", geo.canonical(geo.Partition.union(rest))))
            shapes += [c for g in grids if g.id in halves for c in _halves(unit, g, halves[g.id])]
        else:
            shapes.append((unit, f"{unit.name}警格", unit.geom))
    for n, (unit, name, geom) in enumerate(shapes, start=1):
        row = PoliceCell(code=f"JG{n:03d}", name=name.replace("网格警格", "警格"), workstation_id=unit.station_id,
                         **geo.shape_columns(geom))
        session.add(row)
        session.flush()
        world.cells[row.id] = CellInfo(row.id, row.code, unit.id, unit.station_id or 0, geom)
    world.counts["police_cell"] += len(shapes)


def _halves(unit: UnitInfo, grid: GridInfo,
            parts: tuple[BaseGeometry, BaseGeometry]) -> list[tuple[UnitInfo, str, BaseGeometry]]:
    base = grid.name.removesuffix("专属网格")
    return [(unit, f"{base}西片警格", parts[0]), (unit, f"{base}东片警格", parts[1])]


def write_overlaps(session: Session, world: World) -> None:
    """Derived from the shapes; officer counts need the officers, so this runs after staffing."""
    found = geometry.overlaps({g.id: g.geom for g in world.grids.values()},
                              {c.id: c.geom for c in world.cells.values()})
    session.add_all(GridCellOverlap(grid_id=o.grid_id, cell_id=o.cell_id, grid_share=o.grid_share,
                                    cell_share=o.cell_share, area_km2=o.area_km2,
                                    officer_count=len(world.officers_by_cell.get(o.cell_id, ())))
                    for o in found)
    world.counts["grid_cell_overlap"] += len(found)
