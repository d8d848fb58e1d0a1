"""GCJ-02, the offset coordinate system Chinese base maps are published in ("Mars coordinates").

The desk stores WGS-84. A base map drawn in GCJ-02 sits a few hundred metres off true positions,
so the overlays are shifted into GCJ-02 to sit on it. The forward transform is the widely
published formula (Krasovsky ellipsoid constants); there is no closed-form inverse, so
`gcj02_to_wgs84` iterates the forward one. Outside China's bounding box the offset is not
applied, as every published implementation does.
"""
from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

_A = 6_378_245.0  # semi-major axis of the Krasovsky 1940 ellipsoid, which the formula uses
_EE = 0.006_693_421_622_965_943  # its first eccentricity squared
# Rough bounding box of China used by every published implementation: no offset outside it.
_LON_RANGE = (72.004, 137.8347)
_LAT_RANGE = (0.8293, 55.8271)
INVERSE_TOLERANCE = 1e-7  # degrees (about 1 cm)
_MAX_STEPS = 30

Move = Callable[[float, float], tuple[float, float]]


def in_china(lon: float, lat: float) -> bool:
    return _LON_RANGE[0] <= lon <= _LON_RANGE[1] and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]


def _shift_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _shift_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (degrees) at a WGS-84 position."""
    d_lon = _shift_lon(lon - 105.0, lat - 35.0)
    d_lat = _shift_lat(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1.0 - _EE * math.sin(rad) ** 2
    root = math.sqrt(magic)
    d_lon = d_lon * 180.0 / (_A / root * math.cos(rad) * math.pi)
    d_lat = d_lat * 180.0 / (_A * (1.0 - _EE) / (magic * root) * math.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if not in_china(lon, lat):
        return lon, lat
    d_lon, d_lat = _offset(lon, lat)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """The WGS-84 position whose GCJ-02 image is (lon, lat), to INVERSE_TOLERANCE.

    The offset varies slowly (a few metres per kilometre), so fixed-point iteration on
    w ← w − (forward(w) − g) converges in a handful of steps."""
    if not in_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(_MAX_STEPS):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = g_lon - lon, g_lat - lat
        if abs(e_lon) < INVERSE_TOLERANCE and abs(e_lat) < INVERSE_TOLERANCE:
            break
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
    return w_lon, w_lat


def shift_geojson(obj: dict[str, Any], to_gcj02: bool = True) -> dict[str, Any]:
    """A deep copy of a GeoJSON geometry, Feature or FeatureCollection with every position moved
    into GCJ-02 (or back to WGS-84 with to_gcj02=False). Properties, ids and bbox-free members are
    kept; a "bbox" member would no longer be true, so it is dropped."""
    move: Move = wgs84_to_gcj02 if to_gcj02 else gcj02_to_wgs84
    out = copy.deepcopy(obj)
    _shift_in_place(out, move)
    return out


def _shift_in_place(obj: Any, move: Move) -> None:
    if not isinstance(obj, dict):
        return
    obj.pop("bbox", None)
    kind = obj.get("type")
    if kind == "FeatureCollection":
        for feature in obj.get("features") or ():
            _shift_in_place(feature, move)
    elif kind == "Feature":
        _shift_in_place(obj.get("geometry"), move)
    elif kind == "GeometryCollection":
        for geometry in obj.get("geometries") or ():
            _shift_in_place(geometry, move)
    elif "coordinates" in obj:
        obj["coordinates"] = _shift_positions(obj["coordinates"], move)


def _shift_positions(value: Any, move: Move) -> Any:
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
        lon, lat = move(float(value[0]), float(value[1]))
        return [lon, lat, *value[2:]]  # an altitude, if any, is not the transform's business
    if isinstance(value, (list, tuple)):
        return [_shift_positions(v, move) for v in value]
    return value
