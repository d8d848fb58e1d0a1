"""Import grids, police cells and villages from a county platform's GIS export, all or nothing.

`read_layer` checks a file without writing (the GUI previews it on a map); `import_layer` refuses a
file with any problem, naming each feature, or writes every feature in one operation: rows created or
updated by code, villages named by the grids created if missing, the township's extent grown to hold
them, and grid ↔ cell overlaps recomputed."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely import union_all
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select

from db.models import AdminUnit, Grid, PoliceCell, Staff, Township
from desk.domain.changes import Entity, Op
from desk.domain.permissions import Actor
from desk.services import overlaps
from desk.services.errors import BadInput
from desk.services.gis_files import Preview, read_features
from desk.services.operations import OperationContext, Operations

# How many problems an error message lists before saying how many more there are.
LISTED = 12

__all__ = ["ImportResult", "Preview", "import_layer", "read_layer", "refusal"]


@dataclass
class ImportResult:
    layer: str
    created: int = 0
    updated: int = 0
    units_created: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    overlaps: int = 0


def read_layer(path: str | Path, layer: str = "grid", fields: Mapping[str, str] | None = None,
               repair: bool = False) -> Preview:
    return read_features(path, layer, fields, repair=repair)


def refusal(preview: Preview) -> BadInput:
    """Why a file cannot be imported, as one error naming the features (all of them, up to LISTED)."""
    if preview.error:
        return BadInput(f"gis_{preview.error_kind or 'unreadable'}", f"{Path(preview.path).name}: {preview.error}",
                        field="file", value=Path(preview.path).name, reason=preview.error)
    lines = [p.message for p in preview.problems[:LISTED]]
    more = len(preview.problems) - LISTED
    if more > 0:
        lines.append(f"… and {more} more")
    return BadInput("gis_rejected", f"{Path(preview.path).name}: nothing imported; " + "; ".join(lines),
                    field="file", value=Path(preview.path).name, problems=list(preview.problems),
                    count=len(preview.problems))


def _shape_columns(geom: BaseGeometry) -> dict[str, Any]:
    west, south, east, north = geom.bounds
    return {"geojson": json.dumps(mapping(geom), ensure_ascii=False, separators=(",", ":")),
            "min_lon": west, "min_lat": south, "max_lon": east, "max_lat": north}


def import_layer(ops: Operations, actor: Actor, path: str | Path, layer: str = "grid",
                 fields: Mapping[str, str] | None = None, *, repair: bool = False,
                 township: str | None = None) -> ImportResult:
    preview = read_layer(path, layer, fields, repair=repair)
    if not preview.ok:
        raise refusal(preview)
    result = ImportResult(layer, repairs=list(preview.repairs))
    with ops.run(actor, "gis.import") as op:
        town = op.session.scalars(select(Township)).first()
        union = union_all([f.geometry for f in preview.features if f.geometry is not None])
        if town is None:
            if not township:
                raise BadInput("gis_no_township", "this database has no township yet: name it (--township NAME)",
                               field="township", value="")
            town = Township(code="000000000", name=township, county="", **_shape_columns(union))
            op.session.add(town)
            op.created(Entity.TOWNSHIP, town, ("name",))
        if layer == "grid":
            _grids(op, town, preview, result)
        elif layer == "police":
            _cells(op, preview, result)
        else:
            _units(op, town, preview, result)
        _grow(op, town, union)
        if layer in ("grid", "police"):
            result.overlaps = overlaps.recompute(op.session)
        entity = {"grid": Entity.GRID, "police": Entity.POLICE_CELL, "unit": Entity.ADMIN_UNIT}[layer]
        op.audit(entity, None, {"created": [0, result.created], "updated": [0, result.updated]},
                 note=f"import {layer} {Path(path).name}" + (f"; repaired {len(result.repairs)}" if result.repairs else ""))
        # Whole layers changed: views read them again rather than by id.
        op.changes.add(entity, Op.RELOADED)
        if result.units_created:
            op.changes.add(Entity.ADMIN_UNIT, Op.RELOADED)
    return result


def _grow(op: OperationContext, town: Township, union: BaseGeometry) -> None:
    """The township's extent (the map fits it) holds everything imported."""
    west, south, east, north = union.bounds
    before = (town.min_lon, town.min_lat, town.max_lon, town.max_lat)
    town.min_lon, town.min_lat = min(town.min_lon, west), min(town.min_lat, south)
    town.max_lon, town.max_lat = max(town.max_lon, east), max(town.max_lat, north)
    if before != (town.min_lon, town.min_lat, town.max_lon, town.max_lat):
        op.session.flush()
        op.changes.add(Entity.TOWNSHIP, Op.UPDATED, town.id)


def _unit_kind(name: str) -> str:
    return "community" if name.endswith("社区") or name.endswith("居委会") else "village"


def _grids(op: OperationContext, town: Township, preview: Preview, result: ImportResult) -> None:
    s = op.session
    op.session.flush()
    units = {u.name: u for u in s.scalars(select(AdminUnit))}
    existing = {g.code: g for g in s.scalars(select(Grid))}
    by_unit: dict[str, list[BaseGeometry]] = {}
    for f in preview.features:
        if f.geometry is not None:
            by_unit.setdefault(f.values["unit"], []).append(f.geometry)
    n_units = len(units)
    for name, shapes in by_unit.items():
        if name in units:
            continue
        n_units += 1
        unit = AdminUnit(township_id=town.id, code=f"{town.code}{n_units:03d}", name=name, kind=_unit_kind(name),
                         **_shape_columns(union_all(shapes)))
        s.add(unit)
        op.created(Entity.ADMIN_UNIT, unit, ("code", "name", "kind"))
        units[name] = unit
        result.units_created.append(name)
    for f in preview.features:
        v = f.values
        assert f.geometry is not None  # a feature without one is a problem, and problems stop the import
        columns = _shape_columns(f.geometry)
        unit = units[v["unit"]]
        grid = existing.get(v["code"])
        if grid is None:
            grid = Grid(unit_id=unit.id, code=v["code"], name=v["name"], kind="basic",
                        households=v.get("households") or 0, population=v.get("population") or 0, **columns)
            s.add(grid)
            s.flush()
            result.created += 1
        else:
            grid.unit_id, grid.name = unit.id, v["name"]
            if v.get("households") is not None:
                grid.households = v["households"]
            if v.get("population") is not None:
                grid.population = v["population"]
            for key, value in columns.items():
                setattr(grid, key, value)
            result.updated += 1


def _cells(op: OperationContext, preview: Preview, result: ImportResult) -> None:
    s = op.session
    existing = {c.code: c for c in s.scalars(select(PoliceCell))}
    officers: dict[str, list[Staff]] = {}
    for person in s.scalars(select(Staff).where(Staff.role == "community_police", Staff.active.is_(True))):
        officers.setdefault(person.name, []).append(person)
    for f in preview.features:
        v = f.values
        assert f.geometry is not None
        columns = _shape_columns(f.geometry)
        cell = existing.get(v["code"])
        if cell is None:
            cell = PoliceCell(code=v["code"], name=v["name"], **columns)
            s.add(cell)
            s.flush()
            result.created += 1
        else:
            cell.name = v["name"]
            for key, value in columns.items():
                setattr(cell, key, value)
            result.updated += 1
        name = v.get("officer")
        if name:
            found = officers.get(name, [])
            if len(found) == 1:
                person = found[0]
                if person.police_cell_id != cell.id:
                    before = {"police_cell_id": person.police_cell_id}
                    person.police_cell_id = cell.id
                    op.updated(Entity.STAFF, person, before, note=f"责任民警 {cell.code}")
            else:
                why = "no active community police officer" if not found else f"{len(found)} officers"
                result.warnings.append(f"feature {f.index} ({v['code']}): 责任民警 {name}: {why} by that name; "
                                       "link the officer on the staff board")


def _units(op: OperationContext, town: Township, preview: Preview, result: ImportResult) -> None:
    s = op.session
    s.flush()
    existing = {u.code: u for u in s.scalars(select(AdminUnit))}
    for f in preview.features:
        v = f.values
        assert f.geometry is not None
        columns = _shape_columns(f.geometry)
        unit = existing.get(v["code"])
        if unit is None:
            unit = AdminUnit(township_id=town.id, code=v["code"], name=v["name"], kind=_unit_kind(v["name"]),
                             households=v.get("households") or 0, population=v.get("population") or 0, **columns)
            s.add(unit)
            result.created += 1
        else:
            unit.name = v["name"]
            for key in ("households", "population"):
                if v.get(key) is not None:
                    setattr(unit, key, v[key])
            for key, value in columns.items():
                setattr(unit, key, value)
            result.updated += 1
