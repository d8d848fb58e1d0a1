"""GCJ-02: published reference pairs, the inverse, the out-of-China passthrough and GeoJSON shifting."""
from __future__ import annotations

import copy
import math

import pytest

from desk.domain.gcj02 import gcj02_to_wgs84, in_china, shift_geojson, wgs84_to_gcj02

# (WGS-84 lon, lat) → (GCJ-02 lon, lat), from the test suite of googollee/eviltransform
# (python/test.py and go/transform_test.go, "TESTS": Shanghai, Shenzhen, Beijing).
EVILTRANSFORM_PAIRS = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),
]
# GCJ-02 (123, 45) → WGS-84, from hujiulong/gcoord test/unit/crs/GCJ02.spec.js (checked there to 5 decimals).
GCOORD_INVERSE = ((123.0, 45.0), (122.99395597, 44.99804071))


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[1] + b[1]) / 2)
    return math.hypot((a[0] - b[0]) * 111_320 * math.cos(lat), (a[1] - b[1]) * 110_570)


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM_PAIRS)
def test_forward_matches_published_pairs(wgs, gcj):
    lon, lat = wgs84_to_gcj02(*wgs)
    assert lon == pytest.approx(gcj[0], abs=1e-9)
    assert lat == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM_PAIRS)
def test_inverse_recovers_published_wgs84(wgs, gcj):
    lon, lat = gcj02_to_wgs84(*gcj)
    assert abs(lon - wgs[0]) < 1e-6 and abs(lat - wgs[1]) < 1e-6
    assert metres((lon, lat), wgs) < 0.1


def test_inverse_matches_gcoord_reference():
    (g_lon, g_lat), (w_lon, w_lat) = GCOORD_INVERSE
    lon, lat = gcj02_to_wgs84(g_lon, g_lat)
    assert lon == pytest.approx(w_lon, abs=5e-6) and lat == pytest.approx(w_lat, abs=5e-6)


@pytest.mark.parametrize("lon", [75.0, 98.5, 104.06, 113.3, 118.78, 126.6, 135.0])
@pytest.mark.parametrize("lat", [18.3, 25.0, 28.96, 36.07, 45.75, 53.0])
def test_round_trip_everywhere_in_china(lon, lat):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert abs(back[0] - lon) < 1e-6 and abs(back[1] - lat) < 1e-6
    forward = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat))
    assert abs(forward[0] - lon) < 1e-6 and abs(forward[1] - lat) < 1e-6


def test_the_demo_township_moves_by_a_few_hundred_metres():
    centre = (118.78, 28.96)
    assert 100 < metres(wgs84_to_gcj02(*centre), centre) < 1_000


@pytest.mark.parametrize("point", [(2.35, 48.86), (-74.0, 40.7), (139.7, 35.7), (151.2, -33.9), (0.0, 0.0)])
def test_outside_china_passes_through(point):
    assert not in_china(*point)
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point


def test_shift_geojson_moves_every_position_and_leaves_the_input_alone():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": 7, "properties": {"name": "文昌路"},
             "geometry": {"type": "LineString", "coordinates": [[118.77, 28.95], [118.79, 28.97]]}},
            {"type": "Feature", "properties": {"id": 2}, "bbox": [118.7, 28.9, 118.8, 29.0],
             "geometry": {"type": "Polygon", "coordinates": [[[118.7, 28.9], [118.8, 28.9], [118.8, 29.0],
                                                              [118.7, 28.9]]]}},
            {"type": "Feature", "properties": {},
             "geometry": {"type": "GeometryCollection", "geometries": [
                 {"type": "Point", "coordinates": [118.78, 28.96, 120.0]},
                 {"type": "MultiPoint", "coordinates": [[118.78, 28.96], [2.35, 48.86]]}]}},
            {"type": "Feature", "properties": {}, "geometry": None},
        ],
    }
    before = copy.deepcopy(collection)
    shifted = shift_geojson(collection)
    assert collection == before
    line = shifted["features"][0]
    assert line["id"] == 7 and line["properties"] == {"name": "文昌路"}
    assert line["geometry"]["coordinates"][0] == list(wgs84_to_gcj02(118.77, 28.95))
    assert "bbox" not in shifted["features"][1]
    ring = shifted["features"][1]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] == list(wgs84_to_gcj02(118.7, 28.9))
    point, multi = shifted["features"][2]["geometry"]["geometries"]
    assert point["coordinates"] == [*wgs84_to_gcj02(118.78, 28.96), 120.0]
    assert multi["coordinates"][1] == [2.35, 48.86]
    assert shifted["features"][3]["geometry"] is None
    back = shift_geojson(shifted, to_gcj02=False)
    for a, b in zip(back["features"][0]["geometry"]["coordinates"], before["features"][0]["geometry"]["coordinates"]):
        assert a == pytest.approx(b, abs=1e-6)


def test_shift_a_bare_geometry():
    moved = shift_geojson({"type": "Point", "coordinates": [118.78, 28.96]})
    assert moved == {"type": "Point", "coordinates": list(wgs84_to_gcj02(118.78, 28.96))}
