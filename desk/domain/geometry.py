"""Geometry rules on GeoJSON mappings, with shapely: locate a point, derive grid↔cell overlaps."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import cos, radians

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

# Slivers from hand-drawn borders are not real overlaps.
MIN_SHARE = 0.02


def parse(geojson: str | Mapping) -> BaseGeometry:
    data = json.loads(geojson) if isinstance(geojson, str) else geojson
    if data.get("type") == "Feature":
        data = data["geometry"]
    geom = shape(data)
    if not geom.is_valid:
        raise ValueError(f"invalid geometry: {geom.geom_type}")
    return geom


def bbox(geom: BaseGeometry) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (round(v, 7) for v in geom.bounds)
    return x0, y0, x1, y1


def km2(geom: BaseGeometry) -> float:
    """Area in km² with a local equirectangular scale: good enough at township size."""
    lat = geom.centroid.y
    return geom.area * (111.32 * cos(radians(lat))) * 110.57


def length_km(geom: BaseGeometry) -> float:
    lat = geom.centroid.y
    return geom.length * 111.0 * (0.5 + 0.5 * cos(radians(lat)))


@dataclass(frozen=True)
class Overlap:
    grid_id: int
    cell_id: int
    grid_share: float
    cell_share: float
    area_km2: float


def overlaps(grids: Mapping[int, BaseGeometry], cells: Mapping[int, BaseGeometry]) -> list[Overlap]:
    cell_ids = list(cells)
    tree = STRtree([cells[c] for c in cell_ids])
    out: list[Overlap] = []
    for gid, g in grids.items():
        for idx in tree.query(g, predicate="intersects"):
            cid = cell_ids[int(idx)]
            c = cells[cid]
            inter = g.intersection(c)
            if inter.is_empty or inter.area == 0:
                continue
            gs, cs = inter.area / g.area, inter.area / c.area
            if gs < MIN_SHARE and cs < MIN_SHARE:
                continue
            out.append(Overlap(gid, cid, round(gs, 4), round(cs, 4), round(km2(inter), 4)))
    return out


def fusion_pattern(grid_ids_of_cell: Iterable[int], cell_ids_of_grid: Iterable[int]) -> str:
    """一格一警 / 一格多警 / 一警多格, seen from one grid–cell pair."""
    n_grids, n_cells = len(set(grid_ids_of_cell)), len(set(cell_ids_of_grid))
    if n_grids > 1:
        return "one_cell_many_grids"
    if n_cells > 1:
        return "one_grid_many_cells"
    return "one_to_one"


class Locator:
    """Which polygon holds a point; built once, queried per click."""

    def __init__(self, shapes: Mapping[int, BaseGeometry]):
        self._ids = list(shapes)
        self._geoms = [shapes[i] for i in self._ids]
        self._tree = STRtree(self._geoms)

    def find(self, lon: float, lat: float) -> int | None:
        p = Point(lon, lat)
        hits = self._tree.query(p, predicate="intersects")
        if len(hits):
            return self._ids[int(min(hits))]
        return None
