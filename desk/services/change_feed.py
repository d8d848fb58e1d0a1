"""The shared change log: each write records what it changed; other processes poll for it.

SQLite has no cross-process notification, so readers poll a cheap max(id). A PostgreSQL
deployment can implement the same `ChangeSource` with LISTEN/NOTIFY.

Ids are drawn when a row is inserted but become visible when its transaction commits, and on
PostgreSQL two transactions can commit out of id order. So the follower keeps the ids it has not
seen below its high-water mark as gaps and looks for them again, for a grace period after which a
gap is taken to be a rolled-back transaction. Each entry is delivered exactly once, and all that
one poll finds comes back as one coalesced change set: a burst of 100 writes costs the views one
refresh, not 100.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.models import ChangeLogEntry
from desk.domain.changes import Change, ChangeSet, Entity, Op
from desk.domain.clock import utcnow
from desk.services.database import Database

GAP_GRACE_S = 30.0  # longer than any transaction of ours stays open


def record(session: Session, changes: ChangeSet, origin: str) -> None:
    """Append to the log inside the caller's transaction, so it commits with the change."""
    if changes:
        session.add(ChangeLogEntry(at=utcnow(), origin=origin,
                                   payload=json.dumps([c.to_dict() for c in changes.changes])))


def coalesce(sets: list[ChangeSet], *, external: bool = False, origin: str = "") -> ChangeSet:
    """Many change sets as one: ids merged per entity and kind of change, order kept."""
    merged: dict[tuple[Entity, Op], dict[int, None]] = {}
    for cs in sets:
        for c in cs.changes:
            merged.setdefault((c.entity, c.op), {}).update(dict.fromkeys(c.ids))
    return ChangeSet(tuple(Change(entity, op, tuple(ids)) for (entity, op), ids in merged.items()),
                     external=external, origin=origin)


class ChangeSource(Protocol):
    def poll(self) -> ChangeSet: ...


class PolledChangeLog:
    """Follows the change_log table from the moment it is created."""

    def __init__(self, db: Database, monotonic: Callable[[], float] = time.monotonic):
        self._db = db
        self._monotonic = monotonic
        self._gaps: dict[int, float] = {}  # unseen id below the high-water mark → when first missed
        with db.session() as s:
            self._last_id = s.scalar(select(func.max(ChangeLogEntry.id))) or 0

    def poll(self) -> ChangeSet:
        """Everything other processes committed since the last poll, as one change set (maybe empty)."""
        with self._db.session() as s:
            newest = s.scalar(select(func.max(ChangeLogEntry.id))) or 0
            if newest <= self._last_id and not self._gaps:
                return ChangeSet()
            wanted = ChangeLogEntry.id > self._last_id
            if self._gaps:
                wanted = or_(wanted, ChangeLogEntry.id.in_(list(self._gaps)))
            rows = s.execute(select(ChangeLogEntry.id, ChangeLogEntry.origin, ChangeLogEntry.payload)
                             .where(wanted).order_by(ChangeLogEntry.id)).all()
        now = self._monotonic()
        seen = {r.id for r in rows}
        for gap in list(self._gaps):
            if gap in seen or now - self._gaps[gap] > GAP_GRACE_S:
                del self._gaps[gap]
        if rows:
            top = max(seen)
            for missing in range(self._last_id + 1, top):
                if missing not in seen:
                    self._gaps.setdefault(missing, now)
            self._last_id = max(self._last_id, top)
        found = [ChangeSet(tuple(_change(d) for d in json.loads(payload)))
                 for _id, origin, payload in rows if origin != self._db.origin]
        return coalesce(found, external=True) if found else ChangeSet()


def _change(d: dict) -> Change:
    try:
        return Change.from_dict(d)
    except (KeyError, ValueError):  # written by another version of the desk: read everything again
        return Change(Entity.DATABASE, Op.RELOADED)
