"""The shared change log: each write records what it changed; other processes poll for it.

SQLite has no cross-process notification, so readers poll a cheap max(id). A PostgreSQL
deployment can implement the same `ChangeSource` with LISTEN/NOTIFY.
"""
from __future__ import annotations

import json
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import ChangeLogEntry
from desk.domain.changes import Change, ChangeSet
from desk.domain.clock import utcnow
from desk.services.database import Database


def record(session: Session, changes: ChangeSet, origin: str) -> None:
    """Append to the log inside the caller's transaction, so it commits with the change."""
    if changes:
        session.add(ChangeLogEntry(at=utcnow(), origin=origin,
                                   payload=json.dumps([c.to_dict() for c in changes.changes])))


class ChangeSource(Protocol):
    def poll(self) -> list[ChangeSet]: ...


class PolledChangeLog:
    """Follows the change_log table from the moment it is created."""

    def __init__(self, db: Database):
        self._db = db
        with db.session() as s:
            self._last_id = s.scalar(select(func.max(ChangeLogEntry.id))) or 0

    def poll(self) -> list[ChangeSet]:
        with self._db.session() as s:
            newest = s.scalar(select(func.max(ChangeLogEntry.id))) or 0
            if newest <= self._last_id:
                return []
            rows = s.execute(
                select(ChangeLogEntry.id, ChangeLogEntry.origin, ChangeLogEntry.payload)
                .where(ChangeLogEntry.id > self._last_id)
                .order_by(ChangeLogEntry.id)
            ).all()
        self._last_id = newest
        out = []
        for _id, origin, payload in rows:
            if origin == self._db.origin:
                continue
            changes = tuple(Change.from_dict(d) for d in json.loads(payload))
            out.append(ChangeSet(changes, external=True, origin=origin))
        return out
