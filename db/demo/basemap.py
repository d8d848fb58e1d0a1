"""The demo's vector base map, so the map reads as a place: roads, rivers, water, contours and relief.

Everything is derived from what the township already holds: roads run along the key patrol areas
on trunk roads and link every village centre; the river passes the river gauges and the flood
hazard points; the town's streets follow its main-street patrol area. The land is a smooth
synthetic elevation: valleys along the rivers, hills where the landslide villages are. A few
hundred features at most, at county scale too (each contour level is one feature).
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely import ops
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.names import STREETS, short
from db.demo.world import UnitInfo, World
from db.models import Base, BaseFeature, Gauge, HazardPoint, PatrolArea
from desk.domain import geometry

MARGIN = 0.02  # degrees of land drawn beyond the township outline
CELL = 0.0012  # elevation grid step, degrees (about 120 m)
CONTOUR_STEP_M = 25
RELIEF_BANDS_M = (150, 250, 350, 450, 550)  # relief rank 1..5: land at least this high
STREAM_NAMES = ("桃花溪", "石门坑", "白水坑", "龙门溪", "竹溪", "梅溪", "黄泥坑", "清水溪", "杨柳溪", "乌石坑",
                "大坑", "芦溪")
MAIN_RIVER = "青溪"
ROAD_NUMBER = re.compile(r"^((?:省道|县道)[A-Z]\d+)")
# Road, river ranks: 1 major, 2 secondary, 3 minor (desk-map.js draws them heavier the lower).
MAJOR, SECONDARY, MINOR = 1, 2, 3
STREET_OFFSET_M = 250  # between the main street and its parallels
CROSS_STREET_M = 900


@dataclass
class Feature:
    kind: str
    name: str
    rank: int
    geom: BaseGeometry


@dataclass
class BaseMapPlan:
    """What the gazetteer builds on: each community's named streets."""
    streets: dict[int, list[tuple[str, LineString]]] = field(default_factory=dict)  # unit id → (name, line)
    features: list[Feature] = field(default_factory=list)


def build_basemap(session: Session, world: World, rng: random.Random) -> BaseMapPlan:
    plan = BaseMapPlan()
    extent = box(*world.boundary.buffer(MARGIN).bounds)
    rivers = _rivers(session, world, rng, extent)
    plan.features += rivers
    plan.features += _water(world, rng, rivers)
    roads, streets = _roads(session, world, rng, extent)
    plan.features += roads
    plan.streets = streets
    terrain = Terrain(world, rng, extent, [f for f in rivers if f.kind == "river"])
    plan.features += terrain.contours()
    plan.features += terrain.relief()
    # Stored exactly as read back, so the bounding box columns match the GeoJSON.
    shapes = [(f, geo.canonical(f.geom)) for f in plan.features if not f.geom.is_empty]
    rows = [{"kind": f.kind, "name": f.name, "rank": f.rank, **geo.shape_columns(shape)}
            for f, shape in shapes if not shape.is_empty]
    session.execute(insert(Base.metadata.tables[BaseFeature.__tablename__]), rows)
    world.counts["base_feature"] += len(rows)
    return plan


# --- lines --------------------------------------------------------------------------------------

def _smooth(points: list[tuple[float, float]], rounds: int = 3) -> list[tuple[float, float]]:
    """Chaikin corner cutting with both ends kept: a hand-drawn look for rivers and roads."""
    for _ in range(rounds):
        out = [points[0]]
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            out += [(0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1), (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1)]
        out.append(points[-1])
        points = out
    return points


def _course(rng: random.Random, stops: list[Point], bends: int, wiggle_m: float) -> LineString:
    """A smooth line through every stop in order (each stop lies exactly on it)."""
    coords: list[tuple[float, float]] = []
    for a, b in zip(stops, stops[1:]):
        leg = list(geo.path(rng, a, b, bends=bends, wiggle_m=wiggle_m).coords)
        leg = _smooth(leg)
        coords += leg if not coords else leg[1:]
    return LineString(coords)


def _edge_point(extent: Polygon, origin: Point, toward: tuple[float, float]) -> Point:
    """Where a ray from origin in direction `toward` leaves the extent."""
    dx, dy = toward
    norm = math.hypot(dx, dy) or 1.0
    far = Point(origin.x + dx / norm, origin.y + dy / norm)  # one degree: beyond any demo extent
    hit = LineString([origin, far]).intersection(extent.exterior)
    points = [p for p in shapely.get_parts(hit) if isinstance(p, Point)] or [far]
    return min(points, key=origin.distance)


def _away(a: Point, b: Point) -> tuple[float, float]:
    return b.x - a.x, b.y - a.y


def _turn(vector: tuple[float, float], rng: random.Random, spread: float) -> tuple[float, float]:
    angle = math.atan2(vector[1], vector[0]) + rng.uniform(-spread, spread)
    return math.cos(angle), math.sin(angle)


# --- rivers and water ---------------------------------------------------------------------------

def _rivers(session: Session, world: World, rng: random.Random, extent: Polygon) -> list[Feature]:
    """The main river flows west to east past the first river gauge; every other river gauge and every
    flood hazard point sits on a tributary that joins it."""
    gauges = list(session.scalars(select(Gauge).where(Gauge.kind == "river").order_by(Gauge.id)))
    floods = list(session.scalars(select(HazardPoint).where(HazardPoint.kind == "flood").order_by(HazardPoint.id)))
    town = geo.inner_centre(world.units_with("market")[0].geom)
    anchor = Point(gauges[0].lon, gauges[0].lat) if gauges else town
    west = _edge_point(extent, anchor, _turn((-1.0, 0.0), rng, 0.35))
    east = _edge_point(extent, anchor, _turn((1.0, 0.0), rng, 0.35))
    main = _course(rng, [west, anchor, east], bends=4, wiggle_m=700)
    features = [Feature("river", MAIN_RIVER, MAJOR, main)]
    names = iter(STREAM_NAMES * 4)
    tributaries = [(Point(g.lon, g.lat), f"{_gauge_river(g.name)}") for g in gauges[1:]]
    tributaries += [(Point(h.lon, h.lat), next(names)) for h in floods]
    for through, name in tributaries:
        join = ops.nearest_points(main, through)[0]
        source = _upstream(extent, through, _turn(_away(join, through), rng, 0.4), rng.uniform(2_500, 4_000))
        line = _course(rng, [source, through, join], bends=2, wiggle_m=200)
        features.append(Feature("river", name, SECONDARY, line))
    # Hill streams from the remote villages, so the hills have water too.
    for unit in world.units_with("remote"):
        start = geo.inner_centre(unit.geom)
        join = ops.nearest_points(ops.unary_union([f.geom for f in features]), start)[0]
        if geo.distance_m(start, join) > 600:
            features.append(Feature("river", next(names), MINOR, _course(rng, [start, join], bends=3, wiggle_m=150)))
    return [Feature(f.kind, f.name, f.rank, f.geom.intersection(extent)) for f in features]


def _upstream(extent: Polygon, origin: Point, toward: tuple[float, float], metres: float) -> Point:
    """A point about `metres` from origin in direction `toward`, kept inside the extent."""
    edge = _edge_point(extent, origin, toward)
    reach = geo.distance_m(origin, edge)
    share = min(0.9, metres / reach) if reach else 0.0
    return Point(origin.x + (edge.x - origin.x) * share, origin.y + (edge.y - origin.y) * share)


def _gauge_river(gauge_name: str) -> str:
    """青岚溪水位站 → 青岚溪."""
    return gauge_name.removesuffix("水位站") or gauge_name


def _blob(rng: random.Random, centre: Point, rx_m: float, ry_m: float) -> Polygon:
    """An irregular, smooth water body about rx × ry metres across."""
    turn = rng.uniform(0, math.pi)
    harmonics = [(k, rng.uniform(0.03, 0.12), rng.uniform(0, 2 * math.pi)) for k in (2, 3, 5)]
    pts = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        r = 1 + sum(a * math.cos(k * t + p) for k, a, p in harmonics)
        x, y = rx_m * r * math.cos(t), ry_m * r * math.sin(t)
        x, y = x * math.cos(turn) - y * math.sin(turn), x * math.sin(turn) + y * math.cos(turn)
        pts.append((centre.x + geo.deg_lon(x), centre.y + geo.deg_lat(y)))
    return Polygon(pts)


def _water(world: World, rng: random.Random, rivers: list[Feature]) -> list[Feature]:
    """A reservoir on the first tributary (in the hills, upstream of its hazard point), and a few
    farm ponds (山塘) in the villages."""
    out: list[Feature] = []
    tributaries = [f for f in rivers if f.rank == SECONDARY and f.geom.length > 0]
    if tributaries:
        line = tributaries[-1].geom
        centre = line.interpolate(0.12, normalized=True)
        unit = min(world.units, key=lambda u: u.geom.distance(centre))
        out.append(Feature("water", f"{short(unit.name)}水库", MAJOR, _blob(rng, centre, 420, 220)))
    farms = world.units_with("agricultural")
    for unit in rng.sample(farms, min(len(farms), max(2, len(world.units) // 8))):
        inner = unit.geom.buffer(-geo.deg_lat(150))
        lon, lat = geo.random_point(rng, unit.geom if inner.is_empty else inner)
        out.append(Feature("water", f"{short(unit.name)}山塘", MINOR,
                           _blob(rng, Point(lon, lat), rng.uniform(60, 100), rng.uniform(40, 70))))
    return [Feature(f.kind, f.name, f.rank, geo.canonical(f.geom)) for f in out]


# --- roads and streets --------------------------------------------------------------------------

def centreline(area: BaseGeometry, step_m: float = 60) -> LineString | None:
    """The middle line of an elongated area (a road or street patrol area is a buffered line):
    the centroids of thin slices across its long axis."""
    rect = area.minimum_rotated_rectangle
    corners = list(rect.exterior.coords)[:4]
    sides = [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
    (ax, ay), (bx, by) = max(sides, key=lambda s: math.dist(*s))
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        return None
    ux, uy = (bx - ax) / length, (by - ay) / length
    width = max(math.dist(*s) for s in sides if s != ((ax, ay), (bx, by))) * 2
    # Start from the middle of the rectangle's short side, then walk the long axis.
    (cx, cy) = rect.centroid.coords[0]
    half = length / 2
    n = max(2, int(half * 2 / (geo.deg_lat(step_m))))
    points = []
    for i in range(n + 1):
        t = -half + 2 * half * i / n
        mx, my = cx + ux * t, cy + uy * t
        cut = LineString([(mx - uy * width, my + ux * width), (mx + uy * width, my - ux * width)])
        piece = area.intersection(cut)
        if not piece.is_empty:
            c = piece.centroid
            points.append((c.x, c.y))
    return LineString(points) if len(points) >= 2 else None


def _roads(session: Session, world: World, rng: random.Random,
           extent: Polygon) -> tuple[list[Feature], dict[int, list[tuple[str, LineString]]]]:
    towns = world.units_with("market")
    centres = {t.id: geo.inner_centre(t.geom) for t in towns}
    features: list[Feature] = []
    areas = list(session.scalars(select(PatrolArea).order_by(PatrolArea.id)))
    for n, area in enumerate(a for a in areas if a.kind == "road"):
        middle = centreline(geometry.parse(area.geojson))
        if middle is None:
            continue
        start = Point(middle.coords[0])
        town = min(towns, key=lambda t: t.geom.distance(start))
        centre = centres[town.id]
        if Point(middle.coords[-1]).distance(centre) < Point(middle.coords[0]).distance(centre):
            middle = LineString(list(middle.coords)[::-1])
        end = Point(middle.coords[-1])
        outward = _edge_point(extent, end, _turn(_away(Point(middle.coords[-2]), end), rng, 0.25))
        stops = [centre, Point(middle.coords[0])]
        line = _course(rng, stops, bends=1, wiggle_m=60)
        coords = list(line.coords) + list(middle.coords)[1:]
        coords += list(_course(rng, [end, outward], bends=3, wiggle_m=250).coords)[1:]
        if n == 0:  # the first trunk road goes on through the seat and out the other side
            back = _edge_point(extent, centre, _turn(_away(Point(middle.coords[0]), centre), rng, 0.3))
            coords = list(_course(rng, [back, centre], bends=3, wiggle_m=250).coords)[:-1] + coords
        match = ROAD_NUMBER.match(area.name)
        name = match.group(1) if match else area.name
        features.append(Feature("road", name, MAJOR, LineString(coords).intersection(extent)))
    streets = {town.id: _streets(world, rng, town, areas, n) for n, town in enumerate(towns)}
    network = ops.unary_union([f.geom for f in features] + [line for s in streets.values() for _, line in s]
                              + list(centres.values()))
    by_distance = sorted(world.units, key=lambda u: u.geom.centroid.distance(geo.inner_centre(towns[0].geom)))
    for unit in by_distance:
        start = geo.inner_centre(unit.geom)
        if network.distance(start) < geo.deg_lat(150):
            continue
        join = ops.nearest_points(network, start)[0]
        line = _course(rng, [start, join], bends=2, wiggle_m=180)
        features.append(Feature("road", f"{short(unit.name)}线", SECONDARY, line))
        network = network.union(line)
    for town in towns:
        features += [Feature("road", name, MINOR, line) for name, line in streets[town.id]]
    return [Feature(f.kind, f.name, f.rank, geo.canonical(f.geom)) for f in features], streets


def _streets(world: World, rng: random.Random, town: UnitInfo, areas: list[PatrolArea],
             index: int) -> list[tuple[str, LineString]]:
    """The town's six streets: the main street (along its 集镇主街 patrol area), one parallel on
    either side, and three cross streets, the middle one (集贸路) past the market."""
    names = list(STREETS)
    if index:  # every other town names its main street after itself
        names[0] = f"{short(town.name)}路"
    main_area = next((a for a in areas if a.kind == "street" and a.name == f"{short(town.name)}集镇主街"), None)
    main = centreline(geometry.parse(main_area.geojson)) if main_area is not None else None
    if main is None:
        c = geo.inner_centre(town.geom)
        main = LineString([(c.x - geo.deg_lon(600), c.y), (c.x + geo.deg_lon(600), c.y)])
    offset = (geo.deg_lon(STREET_OFFSET_M) + geo.deg_lat(STREET_OFFSET_M)) / 2
    lines = [main, main.offset_curve(offset), main.offset_curve(-offset)]
    (ax, ay), (bx, by) = main.coords[0], main.coords[-1]
    length = math.hypot(bx - ax, by - ay)
    nx, ny = -(by - ay) / length, (bx - ax) / length
    half = (geo.deg_lon(CROSS_STREET_M) + geo.deg_lat(CROSS_STREET_M)) / 4
    for at in (0.2, 0.5, 0.8):
        p = main.interpolate(at + rng.uniform(-0.03, 0.03), normalized=True)
        lines.append(LineString([(p.x - nx * half, p.y - ny * half), (p.x + nx * half, p.y + ny * half)]))
    inside = town.geom.buffer(-geo.deg_lat(40))
    order = (names[0], names[1], names[2], names[3], names[5], names[4])  # cross streets: 文昌路, 集贸路, 解放街
    out = []
    for name, line in zip(order, lines):
        clipped = _longest(line.intersection(inside))
        if clipped is not None:
            out.append((name, geo.canonical(clipped)))
    return out


def _longest(geom: BaseGeometry) -> LineString | None:
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, LineString) and g.length > 0]
    return max(parts, key=lambda g: g.length) if parts else None


# --- land ---------------------------------------------------------------------------------------

class Terrain:
    """A smooth synthetic elevation (metres) on a grid over the extent: broad valleys along the
    rivers, rising to hills at the landslide-prone villages and the rim."""

    def __init__(self, world: World, rng: random.Random, extent: Polygon, rivers: list[Feature]):
        minx, miny, maxx, maxy = extent.bounds
        self.xs = np.arange(minx, maxx + CELL / 2, CELL)
        self.ys = np.arange(miny, maxy + CELL / 2, CELL)
        self.extent = box(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])
        gx, gy = np.meshgrid(self.xs, self.ys)
        points = shapely.points(gx, gy)
        x_m = (gx - geo.CENTRE[0]) * geo.M_PER_DEG_LON
        y_m = (gy - geo.CENTRE[1]) * geo.M_PER_DEG_LAT
        # How far from a river, in valley widths: the main river's valley is wider.
        valley = np.ones_like(gx)
        for river in rivers:
            width = 2_600.0 if river.rank == MAJOR else 1_100.0
            d = shapely.distance(points, river.geom) * (geo.M_PER_DEG_LON + geo.M_PER_DEG_LAT) / 2
            valley = np.minimum(valley, 1 - np.exp(-((d / width) ** 2)))
        hills = np.full_like(gx, 180.0)
        peaks = [(geo.inner_centre(u.geom), rng.uniform(260, 380)) for u in world.units_with("remote", "scenic")]
        rim = world.boundary.exterior
        peaks += [(rim.interpolate(rng.random(), normalized=True), rng.uniform(150, 300)) for _ in range(6)]
        for centre, height in peaks:
            sigma = rng.uniform(1_800, 2_800)
            cx = (centre.x - geo.CENTRE[0]) * geo.M_PER_DEG_LON
            cy = (centre.y - geo.CENTRE[1]) * geo.M_PER_DEG_LAT
            hills += height * np.exp(-(((x_m - cx) ** 2 + (y_m - cy) ** 2) / (2 * sigma ** 2)))
        for _ in range(4):  # gentle undulation
            kx, ky = rng.uniform(-1, 1) / 1_500, rng.uniform(-1, 1) / 1_500
            hills += rng.uniform(15, 35) * np.sin(kx * x_m + ky * y_m + rng.uniform(0, 2 * math.pi))
        self.z = 55.0 + hills * valley

    def contours(self) -> list[Feature]:
        """One feature per level (rank: the elevation in metres), lines simplified to about 10 m."""
        low = math.ceil(float(self.z.min()) / CONTOUR_STEP_M) * CONTOUR_STEP_M
        out = []
        for level in range(low, int(self.z.max()) + 1, CONTOUR_STEP_M):
            lines = self.isoline(level)
            if not lines.is_empty:
                out.append(Feature("contour", "", level, geo.canonical(lines.simplify(geo.deg_lat(10)))))
        return out

    def relief(self) -> list[Feature]:
        """Elevation bands (rank 1..5: the higher, the darker the shade), from the band's contours."""
        above = [self._above(level) for level in RELIEF_BANDS_M]
        out = []
        for rank, area in enumerate(above, start=1):
            band = area.difference(above[rank]) if rank < len(above) else area
            if not band.is_empty and band.area > 0:
                out.append(Feature("relief", "", rank, geo.canonical(band.buffer(0))))
        return out

    def _above(self, level: float) -> BaseGeometry:
        line = self.isoline(level).simplify(geo.deg_lat(10))
        faces = shapely.polygonize(shapely.get_parts(shapely.union_all([line, self.extent.exterior])))
        keep = [f for f in shapely.get_parts(faces) if self.height(f.representative_point()) >= level]
        return shapely.union_all(keep) if keep else Polygon()

    def height(self, p: Point) -> float:
        """Bilinear interpolation of the grid."""
        fx = (p.x - self.xs[0]) / CELL
        fy = (p.y - self.ys[0]) / CELL
        i = min(max(int(fx), 0), len(self.xs) - 2)
        j = min(max(int(fy), 0), len(self.ys) - 2)
        tx, ty = fx - i, fy - j
        z = self.z
        return float((z[j, i] * (1 - tx) + z[j, i + 1] * tx) * (1 - ty) + (z[j + 1, i] * (1 - tx) + z[j + 1, i + 1] * tx) * ty)

    def isoline(self, level: float) -> BaseGeometry:
        """Marching squares: the segments where the surface crosses `level`, merged into lines.
        Each edge's crossing is computed from the edge alone, so neighbouring cells share it exactly."""
        grid = self.z >= level
        case = grid[:-1, :-1] * 1 | grid[:-1, 1:] * 2 | grid[1:, 1:] * 4 | grid[1:, :-1] * 8
        # Plain lists: indexing them is far cheaper than indexing numpy arrays one cell at a time.
        z, up, xs, ys = self.z.tolist(), grid.tolist(), self.xs.tolist(), self.ys.tolist()

        def h_edge(j: int, i: int) -> tuple[float, float]:  # edge from (j, i) to (j, i + 1)
            t = (level - z[j][i]) / (z[j][i + 1] - z[j][i])
            return xs[i] + t * CELL, ys[j]

        def v_edge(j: int, i: int) -> tuple[float, float]:  # edge from (j, i) to (j + 1, i)
            t = (level - z[j][i]) / (z[j + 1][i] - z[j][i])
            return xs[i], ys[j] + t * CELL

        segments = []
        for j, i in zip(*(idx.tolist() for idx in np.nonzero((case != 0) & (case != 15)))):
            a, b, c, d = up[j][i], up[j][i + 1], up[j + 1][i + 1], up[j + 1][i]
            edges = {}
            if a != b:
                edges["bottom"] = h_edge(j, i)
            if b != c:
                edges["right"] = v_edge(j, i + 1)
            if d != c:
                edges["top"] = h_edge(j + 1, i)
            if a != d:
                edges["left"] = v_edge(j, i)
            if len(edges) == 2:
                segments.append(tuple(edges.values()))
                continue
            # A saddle: the cell's mean decides whether the high corners connect through the middle.
            middle_up = (z[j][i] + z[j][i + 1] + z[j + 1][i + 1] + z[j + 1][i]) / 4 >= level
            if middle_up == a:
                segments += [(edges["bottom"], edges["right"]), (edges["top"], edges["left"])]
            else:
                segments += [(edges["left"], edges["bottom"]), (edges["right"], edges["top"])]
        if not segments:
            return MultiLineString()
        return ops.linemerge(MultiLineString(segments))
