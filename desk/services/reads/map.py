"""GeoJSON for the grid map: static layers once, open incidents as diffs, grid measures and heat."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select

from db.models import (AdminUnit, EvacuationRoute, Grid, GridCellOverlap, HazardPoint, Incident, PatrolArea,
                       PoliceCell, Shelter, Staff, Township, Workstation)
from desk.domain.lifecycle import is_open
from desk.domain.milestones import card_at
from desk.domain.geometry import fusion_pattern
from desk.domain.incident_filter import NO_FILTER, IncidentFilter
from desk.services.database import Database
from desk.services.reads.cards import OPEN


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _feature(geometry: dict | str, props: dict) -> dict:
    geom = json.loads(geometry) if isinstance(geometry, str) else geometry
    if geom.get("type") == "Feature":
        geom = geom["geometry"]
    return {"type": "Feature", "geometry": geom, "properties": props}


def _point(lon: float, lat: float, props: dict) -> dict:
    return _feature({"type": "Point", "coordinates": [lon, lat]}, props)


def base_layers(db: Database) -> dict:
    """Keys match desk.map.page.MapLayers."""
    with db.session() as s:
        units = {u.id: u.name for u in s.scalars(select(AdminUnit))}
        officers: dict[int, list[str]] = {}
        for cell_id, name in s.execute(select(Staff.police_cell_id, Staff.name)
                                       .where(Staff.role == "community_police", Staff.police_cell_id.is_not(None))):
            if cell_id is not None:
                officers.setdefault(cell_id, []).append(name)
        patterns = cell_patterns(s.execute(select(GridCellOverlap.grid_id, GridCellOverlap.cell_id)).all())
        town = s.scalars(select(Township)).first()
        bounds = None
        if town is not None:
            bounds = ((town.min_lat, town.min_lon), (town.max_lat, town.max_lon))
        else:
            row = s.execute(select(func.min(Grid.min_lat), func.min(Grid.min_lon), func.max(Grid.max_lat),
                                   func.max(Grid.max_lon))).one()
            if row[0] is not None:
                bounds = ((row[0], row[1]), (row[2], row[3]))
        return {
            "grids": _fc([_feature(g.geojson, {"id": g.id, "code": g.code, "name": g.name,
                                               "unit": units.get(g.unit_id, ""), "kind": g.kind,
                                               "households": g.households, "population": g.population})
                          for g in s.scalars(select(Grid))]),
            "cells": _fc([_feature(c.geojson, {"id": c.id, "code": c.code, "name": c.name,
                                               "officers": "、".join(officers.get(c.id, [])),
                                               "officer_count": len(officers.get(c.id, [])),
                                               "pattern": patterns.get(c.id, "")})
                          for c in s.scalars(select(PoliceCell))]),
            "units": _fc([_feature(u.geojson, {"id": u.id, "name": u.name}) for u in s.scalars(select(AdminUnit))]),
            "areas": _fc([_feature(a.geojson, {"id": a.id, "name": a.name, "kind": a.kind})
                          for a in s.scalars(select(PatrolArea))]),
            "workstations": _fc([_point(w.lon, w.lat, {"id": w.id, "name": w.name, "theme": w.theme})
                                 for w in s.scalars(select(Workstation))]),
            "hazards": _fc([_point(h.lon, h.lat, {"id": h.id, "name": h.name, "risk": h.risk,
                                                  "households": h.households, "persons": h.persons})
                            for h in s.scalars(select(HazardPoint))]),
            "shelters": _fc([_point(h.lon, h.lat, {"id": h.id, "name": h.name, "capacity": h.capacity,
                                                   "occupancy": h.occupancy})
                             for h in s.scalars(select(Shelter))]),
            "routes": _fc([_feature(r.geojson, {"id": r.id, "name": r.name})
                           for r in s.scalars(select(EvacuationRoute))]),
            "bounds": bounds,
        }


def unit_choices(db: Database) -> list[tuple[int, str]]:
    with db.session() as s:
        return [(i, name) for i, name in s.execute(select(AdminUnit.id, AdminUnit.name).order_by(AdminUnit.code))]


def cell_patterns(pairs: Iterable[tuple[int, int]]) -> dict[int, str]:
    """Each police cell's fusion pattern (一格一警 / 一格多警 / 一警多格) from the grid–cell overlaps."""
    grids_of: dict[int, set[int]] = {}
    cells_of: dict[int, set[int]] = {}
    for grid_id, cell_id in pairs:
        grids_of.setdefault(cell_id, set()).add(grid_id)
        cells_of.setdefault(grid_id, set()).add(cell_id)
    # With several grids the cell is 一警多格 whatever they hold; with one, that grid's cells decide.
    return {cell_id: fusion_pattern(grid_ids, cells_of[min(grid_ids)]) for cell_id, grid_ids in grids_of.items()}


def _card(r, now: datetime) -> str:
    return card_at(is_open(r.status), r.yellow_at, r.red_at, now)


def _incident_feature(r, card: str) -> dict:
    return _point(r.lon, r.lat, {"id": r.id, "code": r.code, "title": r.title, "card": card,
                                 "status": r.status, "category": r.category})


_COLUMNS = (Incident.id, Incident.code, Incident.title, Incident.matter, Incident.status, Incident.registered_at,
            Incident.yellow_at, Incident.red_at, Incident.lon, Incident.lat, Incident.category,
            Incident.unit_id, Incident.grid_id)


def _where(f: IncidentFilter, now: datetime) -> list[ColumnElement[bool]]:
    """The filter's criteria that SQL can apply (all but the card, which follows from the clock)."""
    where: list[ColumnElement[bool]] = [Incident.status.in_(sorted(f.statuses) if f.statuses else OPEN)]
    if f.natures:
        where.append(Incident.matter.in_(sorted(f.natures)))
    if f.classes:
        where.append(Incident.category.in_(sorted(f.classes)))
    if f.unit_ids:
        where.append(Incident.unit_id.in_(sorted(f.unit_ids)))
    since = f.registered_since(now)
    if since is not None:
        where.append(Incident.registered_at >= since)
    return where


def _shown(r, f: IncidentFilter, now: datetime) -> str | None:
    """The incident's card if the map shows it under this filter, else None."""
    if r.status not in OPEN:
        return None
    card = _card(r, now)
    ok = f.matches(card=card, nature=r.matter, item_class=r.category, unit_id=r.unit_id, status=r.status,
                   registered_at=r.registered_at, now=now)
    return card if ok else None


def open_incident_features(db: Database, now: datetime, f: IncidentFilter = NO_FILTER) -> dict:
    with db.session() as s:
        rows = s.execute(select(*_COLUMNS).where(*_where(f, now))).all()
    out = []
    for r in rows:
        card = _shown(r, f, now)
        if card is not None:
            out.append(_incident_feature(r, card))
    return _fc(out)


def incident_diff(db: Database, now: datetime, ids: Iterable[int],
                  f: IncidentFilter = NO_FILTER) -> tuple[dict, list[int]]:
    """(features to upsert, ids to remove) for incidents that changed: those the filter no longer
    shows (closed, or out of the filter) are removed."""
    ids = list(ids)
    with db.session() as s:
        rows = s.execute(select(*_COLUMNS).where(Incident.id.in_(ids))).all()
    shown = []
    for r in rows:
        card = _shown(r, f, now)
        if card is not None:
            shown.append(_incident_feature(r, card))
    gone = sorted(set(ids) - {feature["properties"]["id"] for feature in shown})
    return _fc(shown), gone


_CARD_RANK = {"none": 0, "yellow": 1, "red": 2}
GRID_MEASURES = ("open", "card", "households", "population", "visits_overdue")


def grid_measure(db: Database, now: datetime, measure: str, f: IncidentFilter = NO_FILTER) -> dict[int, object]:
    """One value per grid for the map's fill: open items (under the filter), worst card, households,
    population, or home visits overdue."""
    if measure not in GRID_MEASURES:
        raise ValueError(f"unknown grid measure {measure!r}; expected one of {', '.join(GRID_MEASURES)}")
    with db.session() as s:
        if measure == "visits_overdue":  # counts per grid, never who: the map and the wall show it
            from desk.services.reads.visits import counts_by_grid

            overdue = counts_by_grid(s, now)
            return {gid: overdue.get(gid, (0, 0))[0] for gid in s.scalars(select(Grid.id).where(Grid.households > 0))}
        if measure in ("households", "population"):
            column = Grid.households if measure == "households" else Grid.population
            return {gid: value for gid, value in s.execute(select(Grid.id, column)).all()}
        rows = s.execute(select(*_COLUMNS).where(*_where(f, now), Incident.grid_id.is_not(None))).all()
    counts: dict[int, int] = {}
    worst: dict[int, str] = {}
    for r in rows:
        card = _shown(r, f, now)
        if card is None:
            continue
        counts[r.grid_id] = counts.get(r.grid_id, 0) + 1
        if _CARD_RANK[card] >= _CARD_RANK[worst.get(r.grid_id, "none")]:
            worst[r.grid_id] = card
    return dict(counts) if measure == "open" else dict(worst)


HEAT_DAYS = 30


def heat_points(db: Database, now: datetime, f: IncidentFilter = NO_FILTER) -> list[list[float]]:
    """[lat, lon, weight] of every incident registered in the last 30 days, open or closed, narrowed by
    the filter's nature, class and village (cards and statuses belong to open items only)."""
    where: list[ColumnElement[bool]] = [Incident.registered_at >= now - timedelta(days=HEAT_DAYS)]
    if f.natures:
        where.append(Incident.matter.in_(sorted(f.natures)))
    if f.classes:
        where.append(Incident.category.in_(sorted(f.classes)))
    if f.unit_ids:
        where.append(Incident.unit_id.in_(sorted(f.unit_ids)))
    with db.session() as s:
        rows = s.execute(select(Incident.lat, Incident.lon).where(*where)).all()
    # Binned to about 100 m with counts as weights: a heat map shows density, and a county's month of
    # items is tens of thousands of points the page would otherwise receive one by one.
    bins: dict[tuple[float, float], int] = {}
    for lat, lon in rows:
        key = (round(lat, 3), round(lon, 3))
        bins[key] = bins.get(key, 0) + 1
    return [[lat, lon, float(n)] for (lat, lon), n in bins.items()]


@dataclass(frozen=True)
class OpenItem:
    id: int
    code: str
    title: str
    card: str
    status: str


@dataclass(frozen=True)
class AreaCard:
    """What the map's side card shows for a clicked grid or police cell."""

    role: str  # grids | cells
    id: int
    code: str
    name: str
    unit: str
    households: int | None
    population: int | None
    grid_workers: tuple[str, ...]
    officers: tuple[str, ...]
    workstations: tuple[str, ...]
    pattern: str  # police cells: one_to_one | one_grid_many_cells | one_cell_many_grids
    related: tuple[str, ...]  # the cells of a grid, or the grids of a cell
    open_items: tuple[OpenItem, ...]  # most urgent first


def area_card(db: Database, now: datetime, role: str, ident: int) -> AreaCard | None:
    """The card of one grid or police cell: who works there, what it holds, its open items."""
    if role not in ("grids", "cells"):
        raise ValueError(f"no card for map layer {role!r}")
    with db.session() as s:
        if role == "grids":
            grid = s.get(Grid, ident)
            if grid is None:
                return None
            unit = s.get(AdminUnit, grid.unit_id)
            cell_ids = list(s.scalars(select(GridCellOverlap.cell_id).where(GridCellOverlap.grid_id == ident)))
            grid_ids = [ident]
            code, name, households, population = grid.code, grid.name, grid.households, grid.population
            unit_name = unit.name if unit is not None else ""
            related = tuple(s.scalars(select(PoliceCell.name).where(PoliceCell.id.in_(cell_ids))
                                      .order_by(PoliceCell.code)))
            item_where = Incident.grid_id == ident
        else:
            cell = s.get(PoliceCell, ident)
            if cell is None:
                return None
            grid_ids = list(s.scalars(select(GridCellOverlap.grid_id).where(GridCellOverlap.cell_id == ident)))
            cell_ids = [ident]
            code, name, households, population = cell.code, cell.name, None, None
            unit_name = "、".join(s.scalars(select(AdminUnit.name).distinct().join(Grid, Grid.unit_id == AdminUnit.id)
                                           .where(Grid.id.in_(grid_ids)).order_by(AdminUnit.name)))
            related = tuple(s.scalars(select(Grid.name).where(Grid.id.in_(grid_ids)).order_by(Grid.code)))
            item_where = Incident.cell_id == ident
        workers = tuple(s.scalars(select(Staff.name).where(Staff.role == "grid_worker", Staff.active.is_(True),
                                                           Staff.grid_id.in_(grid_ids)).order_by(Staff.code)))
        officers = tuple(s.scalars(select(Staff.name).where(Staff.role == "community_police", Staff.active.is_(True),
                                                            Staff.police_cell_id.in_(cell_ids)).order_by(Staff.code)))
        stations = tuple(s.scalars(select(Workstation.name).distinct()
                                   .join(PoliceCell, PoliceCell.workstation_id == Workstation.id)
                                   .where(PoliceCell.id.in_(cell_ids)).order_by(Workstation.name)))
        pairs = s.execute(select(GridCellOverlap.grid_id, GridCellOverlap.cell_id)
                          .where(GridCellOverlap.grid_id.in_(
                              select(GridCellOverlap.grid_id).where(GridCellOverlap.cell_id.in_(cell_ids))))).all()
        rows = s.execute(select(*_COLUMNS).where(item_where, Incident.status.in_(OPEN))).all()
    pattern = cell_patterns(pairs).get(ident, "") if role == "cells" else ""
    items = sorted(
        (OpenItem(r.id, r.code, r.title, _card(r, now), r.status) for r in rows),
        key=lambda i: (-_CARD_RANK[i.card], i.code))
    return AreaCard(role, ident, code, name, unit_name, households, population, workers, officers, stations,
                    pattern, related, tuple(items))
