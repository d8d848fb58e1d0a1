"""Shapes of the fictional township: boundary, tilings, enclaves and how they are stored."""
from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence

import shapely
from shapely import STRtree, ops
from shapely.geometry import LineString, MultiPoint, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

from desk.domain import geometry

# Every coordinate of the demo stays inside this WGS-84 box.
BOUNDS = (118.68, 28.88, 118.88, 29.04)
CENTRE = (118.78, 28.96)
DECIMALS = 6  # ~0.1 m: stored GeoJSON and the shapes used for derived data are the same
M_PER_DEG_LAT = 110_570.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(CENTRE[1]))


def deg_lon(metres: float) -> float:
    return metres / M_PER_DEG_LON


def deg_lat(metres: float) -> float:
    return metres / M_PER_DEG_LAT


def buffer_m(geom: BaseGeometry, metres: float) -> BaseGeometry:
    """A buffer of about `metres`; the lon/lat distortion of a few percent does not matter here."""
    return geom.buffer((deg_lon(metres) + deg_lat(metres)) / 2)


def distance_m(a: Point, b: Point) -> float:
    return math.hypot((a.x - b.x) * M_PER_DEG_LON, (a.y - b.y) * M_PER_DEG_LAT)


def township_boundary(rng: random.Random) -> Polygon:
    """A hilly, irregular outline: a star-shaped polygon with a few smooth harmonics."""
    harmonics = [(k, rng.uniform(0.04, 0.1) / k ** 0.4, rng.uniform(0, 2 * math.pi)) for k in range(2, 7)]
    angles = [2 * math.pi * i / 96 for i in range(96)]
    raw = [1 + sum(a * math.cos(k * t + phase) for k, a, phase in harmonics) for t in angles]
    lo, hi = min(raw), max(raw)
    radii = [0.74 + 0.26 * (r - lo) / (hi - lo) for r in raw]
    half_w, half_h = 0.095, 0.075  # keeps the outline inside BOUNDS
    cx, cy = CENTRE
    return Polygon([(cx + half_w * r * math.cos(t), cy + half_h * r * math.sin(t)) for r, t in zip(radii, angles)])


def scatter(rng: random.Random, region: BaseGeometry, count: int, min_dist: float) -> list[Point]:
    """Random points inside `region`, kept `min_dist` degrees apart where possible."""
    shapely.prepare(region)
    minx, miny, maxx, maxy = region.bounds
    points: list[Point] = []
    tries = 0
    while len(points) < count:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        tries += 1
        if tries > 400:  # crowded: relax the spacing instead of giving up
            min_dist *= 0.85
            tries = 0
        if not shapely.contains_xy(region, x, y):
            continue
        if all(math.hypot(p.x - x, p.y - y) >= min_dist for p in points):
            points.append(Point(x, y))
            tries = 0
    return points


def tile(region: BaseGeometry, seeds: Sequence[Point], relax: int = 2) -> list[BaseGeometry]:
    """Voronoi tiles of `region`, in seed order, smoothed by a few Lloyd steps."""
    points = list(seeds)
    tiles = _voronoi(region, points)
    for _ in range(relax):
        points = [inner_centre(t) for t in tiles]
        tiles = _voronoi(region, points)
    return tiles


def _voronoi(region: BaseGeometry, points: Sequence[Point]) -> list[BaseGeometry]:
    if len(points) == 1:
        return [region]
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=region, ordered=True)
    return _absorb_fragments([region.intersection(c) for c in cells.geoms])


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and not g.is_empty]
    return sorted(parts, key=lambda p: -p.area)


def _absorb_fragments(tiles: list[BaseGeometry]) -> list[BaseGeometry]:
    """A convex cell cut by a concave outline can fall apart.

    Stray pieces join the neighbour they share the longest border with.
    """
    main: list[BaseGeometry] = []
    strays: list[Polygon] = []
    for t in tiles:
        parts = _polygons(t)
        main.append(parts[0])
        strays.extend(parts[1:])
    for stray in sorted(strays, key=lambda p: -p.area):
        shared = [m.boundary.intersection(stray.boundary).length for m in main]
        best = max(range(len(main)), key=lambda i: shared[i])
        main[best] = main[best].union(stray)
    return main


def inner_centre(geom: BaseGeometry) -> Point:
    c = geom.centroid
    return c if geom.contains(c) else geom.representative_point()


def carve_enclave(host: BaseGeometry, side_m: float, near: Point | None = None) -> tuple[BaseGeometry, BaseGeometry]:
    """Cut a square enclave (a school, a market) out of `host`, near `near` if it fits there.

    The square is shrunk until it sits well inside the host, so it never overlaps another grid.
    """
    inner = host.buffer(-deg_lat(40))
    centres = [near] if near is not None and host.contains(near) else []
    centres.append(ops.polylabel(_polygons(host)[0], tolerance=1e-6))  # the spot farthest from any edge
    for centre in centres:
        side = side_m
        while side >= 120:
            square = _square(centre, side)
            if inner.contains(square):
                return host.difference(square), square
            side *= 0.85
    square = _square(centres[-1], 120).intersection(host)
    return host.difference(square), square


def _square(centre: Point, side_m: float) -> Polygon:
    return box(centre.x - deg_lon(side_m) / 2, centre.y - deg_lat(side_m) / 2,
               centre.x + deg_lon(side_m) / 2, centre.y + deg_lat(side_m) / 2)


def cut_line(geom: BaseGeometry) -> tuple[BaseGeometry, float]:
    """A north–south cut through the middle of `geom`, as two officers would divide a busy grid, and its longitude."""
    _, miny, _, maxy = geom.bounds
    mid = round(geom.centroid.x, DECIMALS)
    return LineString([(mid, miny - 0.01), (mid, maxy + 0.01)]).intersection(geom), mid


class Partition:
    """The finest faces under a set of polygons and cut lines, on the stored precision grid.

    Every shape rebuilt from these faces shares its edges vertex for vertex with its neighbours,
    so adjacent grids, units and cells neither overlap nor leave gaps once stored.
    """

    def __init__(self, parts: Sequence[BaseGeometry], cuts: Sequence[BaseGeometry] = ()):
        grid = 10 ** -DECIMALS
        lines = shapely.union_all([p.boundary for p in parts] + list(cuts), grid_size=grid)
        self.faces = list(shapely.polygonize(shapely.get_parts(lines)).geoms)
        tree = STRtree(list(parts))
        self.owner = [self._owner(f, parts, tree) for f in self.faces]

    @staticmethod
    def _owner(face: Polygon, parts: Sequence[BaseGeometry], tree: STRtree) -> int:
        inside = [int(i) for i in tree.query(face.representative_point(), predicate="intersects")]
        candidates = inside or [int(i) for i in tree.query(face, predicate="intersects")]
        return max(candidates, key=lambda i: (parts[i].intersection(face).area, -i))

    def faces_of(self, part: int) -> list[Polygon]:
        return [f for f, o in zip(self.faces, self.owner) if o == part]

    @staticmethod
    def union(faces: Sequence[BaseGeometry]) -> BaseGeometry:
        return shapely.union_all(list(faces), grid_size=10 ** -DECIMALS)


def path(rng: random.Random, start: Point, end: Point, bends: int = 3, wiggle_m: float = 250) -> LineString:
    """A road-like line from start to end with a few gentle bends."""
    pts = [(start.x, start.y)]
    for i in range(1, bends + 1):
        f = i / (bends + 1)
        pts.append((start.x + (end.x - start.x) * f + deg_lon(rng.uniform(-wiggle_m, wiggle_m)),
                    start.y + (end.y - start.y) * f + deg_lat(rng.uniform(-wiggle_m, wiggle_m))))
    pts.append((end.x, end.y))
    return LineString(pts)


def canonical(geom: BaseGeometry) -> BaseGeometry:
    """The shape exactly as it will be read back from its stored GeoJSON."""
    snapped = shapely.set_precision(geom, 10 ** -DECIMALS)
    return geometry.parse(to_geojson(snapped))


def to_geojson(geom: BaseGeometry) -> str:
    return json.dumps(_round(mapping(geom)), separators=(",", ":"))


def _round(value):
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


def shape_columns(geom: BaseGeometry) -> dict[str, object]:
    """The HasShape columns: GeoJSON text and its bounding box."""
    min_lon, min_lat, max_lon, max_lat = geometry.bbox(geom)
    return {"geojson": to_geojson(geom), "min_lon": min_lon, "min_lat": min_lat,
            "max_lon": max_lon, "max_lat": max_lat}


def random_point(rng: random.Random, geom: BaseGeometry) -> tuple[float, float]:
    """A uniform point inside `geom`, already rounded as stored."""
    minx, miny, maxx, maxy = geom.bounds
    while True:
        x = round(rng.uniform(minx, maxx), DECIMALS)
        y = round(rng.uniform(miny, maxy), DECIMALS)
        if shapely.contains_xy(geom, x, y):
            return x, y


def point_near(rng: random.Random, geom: BaseGeometry, anchor: Point, radius_m: float) -> tuple[float, float]:
    """A point inside `geom` within about `radius_m` of `anchor` (anywhere inside if that fails)."""
    for _ in range(200):
        x = round(anchor.x + deg_lon(rng.uniform(-radius_m, radius_m)), DECIMALS)
        y = round(anchor.y + deg_lat(rng.uniform(-radius_m, radius_m)), DECIMALS)
        if shapely.contains_xy(geom, x, y):
            return x, y
    return random_point(rng, geom)
