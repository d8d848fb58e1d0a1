"""Finding things on the map by what an operator types: grid codes and names, police cells, villages,
groups (组), incident numbers, and gazetteer addresses. All matching is done in SQL on the stored
search keys (full-width folded, spaces dropped, lower case), never by scanning rows in Python."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from db.models import Address, AdminUnit, Grid, Incident, PoliceCell
from desk.domain.address_text import search_key
from desk.services.database import Database

Bounds = tuple[tuple[float, float], tuple[float, float]]
GROUP = re.compile(r"\d+组$")


@dataclass(frozen=True)
class SearchHit:
    kind: str  # grid | cell | unit | group | incident | address
    id: int | None
    label: str
    detail: str
    lon: float
    lat: float
    bounds: Bounds | None = None  # ((south, west), (north, east)) for areas
    rank: int = 0  # 0 exact, 1 prefix or suffix, 2 contains


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rank(key: str, value: str) -> int:
    value = search_key(value)
    if value == key:
        return 0
    return 1 if value.startswith(key) or value.endswith(key) else 2


def _area(kind: str, ident: int, name: str, detail: str, row, key: str, code: str = "") -> SearchHit:
    bounds = ((row.min_lat, row.min_lon), (row.max_lat, row.max_lon))
    rank = min(_rank(key, name), _rank(key, code) if code else 2)
    return SearchHit(kind, ident, name, detail, (row.min_lon + row.max_lon) / 2, (row.min_lat + row.max_lat) / 2,
                     bounds, rank)


def search(db: Database, text: str, limit: int = 20) -> list[SearchHit]:
    key = search_key(text)
    if not key:
        return []
    pattern = f"%{_like(key)}%"
    hits: list[SearchHit] = []
    with db.session() as s:
        for g, unit in s.execute(select(Grid, AdminUnit.name).join(AdminUnit, AdminUnit.id == Grid.unit_id)
                                 .where(func.lower(Grid.code).like(pattern, escape="\\") |
                                        Grid.name.like(pattern, escape="\\")).limit(limit)):
            hits.append(_area("grid", g.id, g.name, f"{g.code} · {unit}", g, key, g.code))
        for c in s.scalars(select(PoliceCell).where(func.lower(PoliceCell.code).like(pattern, escape="\\") |
                                                    PoliceCell.name.like(pattern, escape="\\")).limit(limit)):
            hits.append(_area("cell", c.id, c.name, c.code, c, key, c.code))
        for u in s.scalars(select(AdminUnit).where(AdminUnit.name.like(pattern, escape="\\")).limit(limit)):
            hits.append(_area("unit", u.id, u.name, "", u, key))
        for i in s.execute(select(Incident.id, Incident.code, Incident.title, Incident.lon, Incident.lat)
                           .where(func.lower(Incident.code).like(f"{_like(key)}%", escape="\\"))
                           .order_by(Incident.code.desc()).limit(limit)):
            hits.append(SearchHit("incident", i.id, i.code, i.title, i.lon, i.lat, None, _rank(key, i.code)))
        for a in s.scalars(select(Address).where(Address.search_key.like(pattern, escape="\\"))
                           .order_by(func.length(Address.search_key)).limit(limit * 3)):
            kind = "group" if GROUP.search(a.text) else "address"
            hits.append(SearchHit(kind, a.id, a.text, a.unit_name, a.lon, a.lat, None, _rank(key, a.text)))
    order = {"incident": 0, "unit": 1, "grid": 2, "cell": 3, "group": 4, "address": 5}
    hits.sort(key=lambda h: (h.rank, order[h.kind], len(h.label)))
    return hits[:limit]


def geocode(db: Database, text: str) -> SearchHit | None:
    """The gazetteer entry an address as typed names: the same text, else the one entry whose text ends
    with it ("文昌路156号" → "青岚社区文昌路156号"); None when nothing, or several, match."""
    key = search_key(text)
    if not key:
        return None
    with db.session() as s:
        exact = s.scalars(select(Address).where(Address.search_key == key)).first()
        if exact is None:
            found = s.scalars(select(Address).where(Address.search_key.like(f"%{_like(key)}", escape="\\"))
                              .limit(2)).all()
            exact = found[0] if len(found) == 1 else None
    if exact is None:
        return None
    kind = "group" if GROUP.search(exact.text) else "address"
    return SearchHit(kind, exact.id, exact.text, exact.unit_name, exact.lon, exact.lat, None, 0)
