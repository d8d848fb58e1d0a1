"""Reading a county platform's GIS export (GeoJSON, zipped Shapefile) into checked features.

Nothing here writes: `read_features` returns every feature with its mapped properties and every
problem found, naming the feature by index and code, so an import can refuse the file as a whole."""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely import make_valid
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

# Which properties each layer takes, and the names county platforms give them (compared without case).
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "grid": {
        "code": ("网格编码", "网格代码", "code", "grid_code", "wgbm"),
        "name": ("网格名称", "name", "grid_name", "wgmc"),
        "unit": ("所属村社", "村社", "所属村（社区）", "所属社区", "unit", "village"),
        "households": ("户数", "households"),
        "population": ("人口", "人口数", "population"),
    },
    "police": {
        "code": ("警格编码", "警格代码", "code", "cell_code"),
        "name": ("警格名称", "name", "cell_name"),
        "officer": ("责任民警", "民警", "officer"),
    },
    "unit": {
        "code": ("村社编码", "行政区划代码", "code", "adcode"),
        "name": ("村社名称", "名称", "name"),
        "households": ("户数", "households"),
        "population": ("人口", "人口数", "population"),
    },
}
REQUIRED: dict[str, tuple[str, ...]] = {"grid": ("code", "name", "unit"), "police": ("code", "name"),
                                        "unit": ("code", "name")}
NUMBERS = ("households", "population")
LAYERS = tuple(FIELDS)
# Where China is: degrees outside this box are a projected file or swapped columns.
CHINA = (73.0, 3.0, 136.0, 54.0)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one feature (index from 0 as in the file; code as the file gives it)."""

    index: int | None
    code: str
    kind: str  # missing_field | bad_number | duplicate_code | invalid_geometry | not_polygon | not_in_china
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        where = f"feature {self.index}" + (f" ({self.code})" if self.code else "") if self.index is not None else ""
        p = self.params
        text = {
            "missing_field": f"no {p.get('field')}",
            "bad_number": f"{p.get('field')} '{p.get('value')}' is not a whole number",
            "duplicate_code": f"code {self.code} is also used by feature {p.get('first')}",
            "invalid_geometry": f"invalid geometry: {p.get('reason')} (import with --repair to fix it)",
            "not_polygon": f"geometry is {p.get('type')}, not a polygon",
            "not_in_china": f"coordinate {p.get('lon')}, {p.get('lat')} is not in China: are longitude and "
                            "latitude swapped?",
        }.get(self.kind, self.kind)
        return f"{where}: {text}" if where else text


@dataclass
class GisFeature:
    index: int
    values: dict[str, Any]  # code, name, unit… as mapped (numbers as int)
    geometry: BaseGeometry | None


@dataclass
class Preview:
    """A file read for import: what would be written and what stops it."""

    path: str
    layer: str
    columns: list[str] = field(default_factory=list)  # every property name, nested ones as a.b
    fields: dict[str, str] = field(default_factory=dict)  # target → column used
    features: list[GisFeature] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    error: str = ""  # the file as a whole cannot be used
    error_kind: str = ""  # unreadable | projected | no_features | unknown_layer

    @property
    def ok(self) -> bool:
        return not self.error and not self.problems and bool(self.features)

    def collection(self) -> dict[str, Any]:
        """The features as GeoJSON for a preview map (properties id = index in the file)."""
        out = []
        for f in self.features:
            if f.geometry is None:
                continue
            props = {"id": f.index, **{k: v for k, v in f.values.items() if v is not None}}
            props.setdefault("code", "")
            props.setdefault("name", "")
            out.append({"type": "Feature", "geometry": mapping(f.geometry), "properties": props})
        return {"type": "FeatureCollection", "features": out}


def flatten(props: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects and arrays as dotted names: {"a": {"b": 1}, "c": [2]} → {"a.b": 1, "c.0": 2}."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list):
            out.update(flatten({str(i): v for i, v in enumerate(value)}, name + "."))
        else:
            out[name] = value
    return out


class _FileError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _FileError("unreadable", "the file is neither UTF-8 nor GBK text")


def _geojson(path: Path) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    try:
        doc = json.loads(_decode(path.read_bytes()))
    except json.JSONDecodeError as exc:
        raise _FileError("unreadable", f"not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise _FileError("unreadable", "not a GeoJSON FeatureCollection")
    crs = json.dumps(doc.get("crs") or {})
    if "EPSG" in crs and not any(code in crs for code in ("4326", "4490", "CRS84")):
        raise _FileError("projected", f"the file declares a projected coordinate system ({crs})")
    out = []
    for f in doc["features"]:
        if not isinstance(f, dict):
            raise _FileError("unreadable", "a feature is not a GeoJSON object")
        out.append((f.get("properties") or {}, f.get("geometry")))
    return out


def _shapefile(path: Path) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    import shapefile  # pyshp

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise _FileError("unreadable", "not a zip archive (a Shapefile is imported zipped, .shp with .dbf and .shx)")
    with archive:
        names = {Path(n).suffix.lower(): n for n in archive.namelist() if not n.endswith("/")}
        if ".shp" not in names or ".dbf" not in names:
            raise _FileError("unreadable", "the zip holds no .shp and .dbf pair")
        prj = archive.read(names[".prj"]).decode("latin-1") if ".prj" in names else ""
        if prj.lstrip().upper().startswith("PROJCS"):
            raise _FileError("projected", "the .prj file says the coordinates are projected (PROJCS)")
        declared = archive.read(names[".cpg"]).decode("latin-1").strip() if ".cpg" in names else ""
        parts = {k: io.BytesIO(archive.read(names[k])) for k in (".shp", ".dbf", ".shx") if k in names}
    encodings = [declared] if declared else ["utf-8", "gbk"]
    last: Exception | None = None
    for encoding in encodings:
        for part in parts.values():
            part.seek(0)
        try:
            reader = shapefile.Reader(shp=parts[".shp"], dbf=parts[".dbf"], shx=parts.get(".shx"),
                                      encoding=encoding, encodingErrors="strict")
            return [(dict(rec.record.as_dict()), rec.shape.__geo_interface__ if rec.shape.shapeType else None)
                    for rec in reader.iterShapeRecords()]
        except (UnicodeDecodeError, LookupError) as exc:
            last = exc
        except shapefile.ShapefileException as exc:
            raise _FileError("unreadable", f"the Shapefile cannot be read: {exc}") from None
    raise _FileError("unreadable", f"the attribute table (.dbf) is in an unknown encoding: {last}")


def _positions(coords: Any) -> Iterator[tuple[float, float]]:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        yield float(coords[0]), float(coords[1])
    elif isinstance(coords, (list, tuple)):
        for c in coords:
            yield from _positions(c)


def _pick(columns: list[str], layer: str, fields: Mapping[str, str] | None) -> dict[str, str]:
    """Which column feeds each target: as asked, else the first known name present."""
    chosen: dict[str, str] = {}
    lowered = {c.lower(): c for c in columns}
    for target, names in FIELDS[layer].items():
        if fields and target in fields:
            chosen[target] = fields[target]
            continue
        for name in names:
            if name.lower() in lowered:
                chosen[target] = lowered[name.lower()]
                break
    return chosen


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygon parts of what make_valid returned (it may add stray lines or points)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    polys: list[Polygon] = []
    for p in parts:
        polys.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    return MultiPolygon(polys) if len(polys) > 1 else (polys[0] if polys else geom)


def read_features(path: str | Path, layer: str = "grid", fields: Mapping[str, str] | None = None,
                  repair: bool = False) -> Preview:
    path = Path(path)
    preview = Preview(str(path), layer)
    if layer not in FIELDS:
        preview.error, preview.error_kind = f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}", \
            "unknown_layer"
        return preview
    unknown = set(fields or {}) - set(FIELDS[layer])
    if unknown:
        preview.error, preview.error_kind = (f"--field names a target this layer does not have: "
                                             f"{', '.join(sorted(unknown))}"), "unknown_layer"
        return preview
    try:
        if not path.is_file():
            raise _FileError("unreadable", "no such file")
        raw = _shapefile(path) if path.suffix.lower() == ".zip" else _geojson(path)
    except _FileError as exc:
        preview.error, preview.error_kind = str(exc), exc.kind
        return preview
    except OSError as exc:
        preview.error, preview.error_kind = f"cannot read the file: {exc.strerror or exc}", "unreadable"
        return preview
    if not raw:
        preview.error, preview.error_kind = "the file holds no features", "no_features"
        return preview
    flat = [flatten(props) for props, _ in raw]
    columns: list[str] = []
    for props in flat:
        columns.extend(c for c in props if c not in columns)
    preview.columns = columns
    preview.fields = _pick(columns, layer, fields)
    # Degrees or not is a property of the file: one look at every coordinate before anything else.
    for _, geometry in raw:
        for lon, lat in _positions((geometry or {}).get("coordinates", [])):
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                preview.error = (f"coordinate {lon}, {lat} is not in degrees: the file is in projected "
                                 "coordinates; export it as WGS-84 longitude/latitude (EPSG:4326)")
                preview.error_kind = "projected"
                return preview
    seen: dict[str, int] = {}
    for index, ((_, geometry), props) in enumerate(zip(raw, flat)):
        values: dict[str, Any] = {}
        for target, column in preview.fields.items():
            value = props.get(column)
            values[target] = str(value).strip() if value is not None and str(value).strip() else None
        code = values.get("code") or ""
        for target in REQUIRED[layer]:
            if not values.get(target):
                preview.problems.append(Problem(index, code, "missing_field", {"field": target}))
        for target in NUMBERS:
            if values.get(target) is not None:
                try:
                    values[target] = int(float(values[target]))
                except ValueError:
                    preview.problems.append(Problem(index, code, "bad_number",
                                                    {"field": target, "value": values[target]}))
        if code:
            if code in seen:
                preview.problems.append(Problem(index, code, "duplicate_code", {"first": seen[code]}))
            else:
                seen[code] = index
        geom = _geometry(preview, index, code, geometry, repair)
        preview.features.append(GisFeature(index, values, geom))
    return preview


def _geometry(preview: Preview, index: int, code: str, geometry: dict[str, Any] | None,
              repair: bool) -> BaseGeometry | None:
    kind = (geometry or {}).get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        preview.problems.append(Problem(index, code, "not_polygon", {"type": kind or "empty"}))
        return None
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        preview.problems.append(Problem(index, code, "invalid_geometry", {"reason": str(exc)}))
        return None
    west, south, east, north = geom.bounds
    lo_lon, lo_lat, hi_lon, hi_lat = CHINA
    if not (lo_lon <= west and east <= hi_lon and lo_lat <= south and north <= hi_lat):
        preview.problems.append(Problem(index, code, "not_in_china", {"lon": round(west, 6), "lat": round(south, 6)}))
        return geom
    if not geom.is_valid:
        reason = explain_validity(geom)
        if not repair:
            preview.problems.append(Problem(index, code, "invalid_geometry", {"reason": reason}))
            return geom
        fixed = _polygonal(make_valid(geom))
        if not isinstance(fixed, (Polygon, MultiPolygon)) or fixed.is_empty:
            preview.problems.append(Problem(index, code, "invalid_geometry", {"reason": reason + "; cannot be repaired"}))
            return geom
        preview.repairs.append(f"feature {index} ({code}): {reason}; repaired into {fixed.geom_type} with "
                               f"{len(getattr(fixed, 'geoms', [fixed]))} part(s), area "
                               f"{geom.area:.3g} → {fixed.area:.3g} square degrees")
        return fixed
    return geom
