"""GeoJSON for the grid map: static layers once, open incidents as diffs."""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select

from db.models import (AdminUnit, EvacuationRoute, Grid, HazardPoint, Incident, PatrolArea, PoliceCell, Shelter,
                       Staff, Township, Workstation)
from desk.domain.cards import assess
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
                                               "unit": units.get(g.unit_id, ""), "kind": g.kind})
                          for g in s.scalars(select(Grid))]),
            "cells": _fc([_feature(c.geojson, {"id": c.id, "code": c.code, "name": c.name,
                                               "officers": "、".join(officers.get(c.id, []))})
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


def _incident_feature(r, now: datetime) -> dict:
    card = assess(r.matter, r.status, r.registered_at, r.answered_at, now, r.answer_due_at).card
    return _point(r.lon, r.lat, {"id": r.id, "code": r.code, "title": r.title, "card": card.value,
                                 "status": r.status, "category": r.category})


_COLUMNS = (Incident.id, Incident.code, Incident.title, Incident.matter, Incident.status, Incident.registered_at,
            Incident.answered_at, Incident.answer_due_at, Incident.lon, Incident.lat, Incident.category)


def open_incident_features(db: Database, now: datetime) -> dict:
    with db.session() as s:
        rows = s.execute(select(*_COLUMNS).where(Incident.status.in_(OPEN))).all()
    return _fc([_incident_feature(r, now) for r in rows])


def incident_diff(db: Database, now: datetime, ids: Iterable[int]) -> tuple[dict, list[int]]:
    """(features to upsert, ids to remove) for incidents that changed."""
    ids = list(ids)
    with db.session() as s:
        rows = s.execute(select(*_COLUMNS).where(Incident.id.in_(ids))).all()
    still_open = [r for r in rows if r.status in OPEN]
    gone = sorted(set(ids) - {r.id for r in still_open})
    return _fc([_incident_feature(r, now) for r in still_open]), gone
