"""Which rain gauge each hazard point is judged by (the nearest), and which key patrol areas cross a
hazard point's area (patrols there stop at yellow and above): the governance grid it lies in, and a
500 m threat zone around it. Recomputed after the places change; plain SQL, so a migration runs it too."""
from __future__ import annotations

import math

import sqlalchemy as sa
from shapely import STRtree
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from desk.domain.geometry import parse

THREAT_RADIUS_M = 500.0  # the area around a hazard point that a landslide or flood may reach
M_PER_DEG_LAT = 111_320.0


def _zone(lon: float, lat: float) -> Polygon:
    """A circle of THREAT_RADIUS_M around the point, in degrees (longitude stretched by the latitude)."""
    circle = Point(lon, lat).buffer(THREAT_RADIUS_M / M_PER_DEG_LAT, 32)
    stretch = 1 / math.cos(math.radians(lat))
    return Polygon([(lon + (x - lon) * stretch, y) for x, y in circle.exterior.coords])


def relink(conn: sa.Connection) -> tuple[int, int]:
    """Set every hazard point's gauge and rebuild the patrol-area links; returns (gauges set, links)."""
    hazards = conn.execute(sa.text("SELECT id, lon, lat FROM hazard_point")).all()
    gauges = conn.execute(sa.text("SELECT id, lon, lat FROM gauge WHERE kind = 'rain'")).all()
    set_ = 0
    if gauges:
        for h in hazards:
            scale = math.cos(math.radians(h.lat))
            nearest = min(gauges, key=lambda g: ((g.lon - h.lon) * scale) ** 2 + (g.lat - h.lat) ** 2)
            conn.execute(sa.text("UPDATE hazard_point SET gauge_id = :g WHERE id = :h"), {"g": nearest.id, "h": h.id})
            set_ += 1
    conn.execute(sa.text("DELETE FROM patrol_area_hazard"))
    areas = conn.execute(sa.text("SELECT id, geojson FROM patrol_area")).all()
    shapes = [parse(a.geojson) for a in areas]
    tree = STRtree(shapes)
    grids = [parse(g.geojson) for g in conn.execute(sa.text("SELECT geojson FROM grid"))]
    grid_tree = STRtree(grids)
    links = []
    for h in hazards:
        zone: BaseGeometry = _zone(h.lon, h.lat)
        here = Point(h.lon, h.lat)
        for i in grid_tree.query(here):
            if grids[int(i)].contains(here):
                zone = zone.union(grids[int(i)])
        for i in tree.query(zone):
            if shapes[int(i)].intersects(zone):
                links.append({"a": areas[int(i)].id, "h": h.id})
    if links:
        conn.execute(sa.text("INSERT INTO patrol_area_hazard (patrol_area_id, hazard_point_id) VALUES (:a, :h)"),
                     links)
    return set_, len(links)
