"""The one write path. Every change to the database is an operation: it takes an actor, checks the
permission the domain names for it (and that the actor is an active account in this database),
writes its rows, appends an audit record per record touched (before → after for the fields that
changed) and a change-log row in the same transaction, and returns the change set the hub then
publishes. Storage failures come back as StorageError, never as a driver's traceback."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.models import AuditRecord, UserAccount
from desk.domain import audit_chain
from desk.domain.changes import ChangeCollector, ChangeSet, Entity, Op
from desk.domain.masking import mask_id_number, mask_name, mask_phone
from desk.domain.permissions import Actor, Perm, PermissionDenied, permission_for, require
from desk.services import change_feed
from desk.services.database import Database
from desk.services.errors import DeskError, StorageError
from desk.services.hub import ChangeHub

log = logging.getLogger(__name__)

# Residents' personal data never enters the audit in the clear: the audit says it changed, masked.
PERSONAL_FIELDS: dict[str, Callable[[str], str]] = {
    "reporter_name": mask_name, "reporter_phone": mask_phone, "phone": mask_phone, "id_number": mask_id_number,
    "password_hash": lambda _v: "***",
}


class InactiveAccount(PermissionDenied):
    """The actor's account is gone, disabled, or holds another role than the seat believes."""

    def __init__(self, actor: Actor, reason: str):
        PermissionError.__init__(self, f"{actor.login}: {reason}")
        self.actor = actor
        self.perm = Perm.VIEW  # not a missing right: the account itself is not usable
        self.reason = reason


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        mask = PERSONAL_FIELDS.get(key)
        if mask is not None:
            old, new = (mask(str(old)) if old else old), (mask(str(new)) if new else new)
        out[key] = [_plain(old), _plain(new)]
    return out


@dataclass
class OperationContext:
    session: Session
    actor: Actor
    operation: str
    now: datetime
    account: UserAccount | None
    changes: ChangeCollector = field(default_factory=ChangeCollector)
    result: ChangeSet = field(default_factory=ChangeSet)
    _chain: tuple[int, str] | None = field(default=None, repr=False)  # the audit chain's head: (seq, hash)

    def _chain_head(self) -> tuple[int, str]:
        if self._chain is None:
            if self.session.get_bind().dialect.name == "postgresql":
                # Seats write in parallel there: one at a time extends the chain (SQLite's writer lock does it).
                self.session.execute(text("SELECT pg_advisory_xact_lock(724002)"))
            head = self.session.execute(select(AuditRecord.seq, AuditRecord.hash)
                                        .order_by(AuditRecord.seq.desc()).limit(1)).first()
            self._chain = (head[0], head[1]) if head is not None else (0, audit_chain.GENESIS)
        return self._chain

    def audit(self, entity: Entity, entity_id: int | None, changed: dict[str, list[Any]], note: str = "") -> None:
        """An audit record as given; `created`/`updated`/`deleted` compute `changed` themselves. Each record
        extends the hash chain (`python -m desk audit verify`)."""
        seq, prev = self._chain_head()
        values: dict[str, Any] = dict(
            seq=seq + 1, at=self.now, actor_id=self.actor.user_id, actor_login=self.actor.login,
            actor_role=self.actor.role, operation=self.operation, entity=entity.value, entity_id=entity_id,
            changes=json.dumps(changed, ensure_ascii=False), note=note)
        values["hash"] = audit_chain.record_hash(prev, values)
        self._chain = (seq + 1, values["hash"])
        self.session.add(AuditRecord(**values))

    def created(self, entity: Entity, obj: Any, fields: Iterable[str], note: str = "") -> None:
        """A new record: flushed for its id, audited with every given field as after-value."""
        self.session.flush()
        self.audit(entity, getattr(obj, "id", None), diff({}, snapshot(obj, fields)), note)
        self.changes.add(entity, Op.CREATED, *([obj.id] if isinstance(getattr(obj, "id", None), int) else []))

    def updated(self, entity: Entity, obj: Any, before: dict[str, Any], note: str = "") -> None:
        """A changed record: `before` is snapshot(obj, fields) taken before the change."""
        self.audit(entity, getattr(obj, "id", None), diff(before, snapshot(obj, before)), note)
        self.changes.add(entity, Op.UPDATED, *([obj.id] if isinstance(getattr(obj, "id", None), int) else []))

    def deleted(self, entity: Entity, entity_id: int, before: dict[str, Any], note: str = "") -> None:
        self.audit(entity, entity_id, diff(before, {}), note)
        self.changes.add(entity, Op.DELETED, entity_id)

    def read(self, entity: Entity, entity_id: int | None, fields: Iterable[str], note: str = "") -> None:
        """A read of personal data in the clear: on record, but nothing changed for other views."""
        self.audit(entity, entity_id, {f: ["(masked)", "(revealed)"] for f in fields}, note)


class Operations:
    def __init__(self, db: Database, hub: ChangeHub, clock: Callable[[], datetime]):
        self._db = db
        self._hub = hub
        self._clock = clock

    @property
    def db(self) -> Database:
        """The database the operations write (for the reads that decide whether to write at all)."""
        return self._db

    @contextmanager
    def run(self, actor: Actor, operation: str) -> Iterator[OperationContext]:
        """`with ops.run(actor, "incident.close") as op:` … then `op.result` is the published change set.

        Whatever the block raises rolls the whole operation back: nothing is half-written."""
        require(actor, permission_for(operation))
        try:
            with self._db.write_session() as s:
                ctx = OperationContext(s, actor, operation, self._clock(), self._check_account(s, actor))
                yield ctx
                ctx.result = ctx.changes.build()
                change_feed.record(s, ctx.result, self._db.origin)
                s.flush()
        except (DeskError, PermissionDenied):
            raise
        except StaleDataError as exc:
            raise DeskError("changed_elsewhere", "the record was changed at another seat meanwhile; look again "
                            "and retry") from exc
        except OperationalError as exc:
            raise storage_error(exc) from exc
        except IntegrityError as exc:
            log.warning("integrity error in %s: %s", operation, type(exc.orig).__name__)
            raise StorageError("storage_conflict", "the write conflicts with a record another seat wrote") from exc
        except SQLAlchemyError as exc:
            log.error("database error in %s: %s", operation, type(exc).__name__)
            raise StorageError("storage_failed", "the database could not take the write") from exc
        self._hub.publish(ctx.result)

    @staticmethod
    def _check_account(s: Session, actor: Actor) -> UserAccount | None:
        if actor.user_id is None:
            if actor.role == "system":
                return None
            raise InactiveAccount(actor, "no account in this database")
        account = s.get(UserAccount, actor.user_id)
        if account is None or account.login != actor.login:
            raise InactiveAccount(actor, "no such account in this database")
        if not account.active:
            raise InactiveAccount(actor, "the account is disabled")
        if account.role != actor.role:
            raise InactiveAccount(actor, f"the account's role is {account.role}, not {actor.role}")
        return account


def storage_error(exc: OperationalError) -> StorageError:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageError("storage_locked", "the database is busy with another seat's write; try again")
    if "full" in text or "no space" in text:
        return StorageError("storage_full", "the disk holding the database is full")
    if "readonly" in text or "read-only" in text:
        return StorageError("storage_readonly", "the database cannot be written (read-only)")
    return StorageError("storage_failed", "the database could not take the write")
