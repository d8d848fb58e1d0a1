"""The vector base map: roads, rivers, water, contours and relief drawn from the township's own data."""
from __future__ import annotations

import json

from sqlalchemy import select

from db.models import BaseFeature
from desk.services.database import Database

# Drawn bottom to top, so a client that paints in order gets relief under water under roads.
KIND_ORDER = ("relief", "water", "contour", "river", "road")


def base_features(db: Database) -> dict:
    """Every base_feature row as one FeatureCollection (properties id, kind, name, rank)."""
    with db.session() as s:
        rows = list(s.execute(select(BaseFeature.id, BaseFeature.kind, BaseFeature.name, BaseFeature.rank,
                                     BaseFeature.geojson)).all())
    order = {kind: n for n, kind in enumerate(KIND_ORDER)}
    rows.sort(key=lambda r: (order.get(r.kind, len(order)), -r.rank if r.kind == "road" else r.rank, r.id))
    features = [{"type": "Feature", "geometry": _geometry(r.geojson),
                 "properties": {"id": r.id, "kind": r.kind, "name": r.name, "rank": r.rank}} for r in rows]
    return {"type": "FeatureCollection", "features": features}


def _geometry(text: str) -> dict:
    geom = json.loads(text)
    return geom["geometry"] if geom.get("type") == "Feature" else geom
