"""The audit trail as a hash chain: each record's hash covers its own fields and the hash of the one
before it, and records are numbered without gaps. Rewriting a record breaks its hash; removing one
leaves a gap in the numbers (and breaks the next hash). Pure: no SQL."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor_id", "actor_login", "actor_role", "operation", "entity", "entity_id", "changes", "note")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    return value


def record_hash(prev: str, record: Mapping[str, Any]) -> str:
    body = json.dumps([prev] + [_plain(record.get(f)) for f in FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where the chain first fails: a record altered (its hash no longer matches) or one missing."""

    kind: str  # altered | missing
    seq: int  # the record's number (for missing: the first number absent)
    record_id: int | None  # the altered record's id, or the id of the record after the gap

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"audit record #{self.seq} is missing (the chain resumes at id {self.record_id})"
        return f"audit record #{self.seq} (id {self.record_id}) was altered"


def first_break(records: Iterable[Mapping[str, Any]]) -> tuple[int, Break | None]:
    """Walk the records in `seq` order (each with its `id` and stored `hash`); how many were read and the
    first break, if any."""
    prev, expected, count = GENESIS, 1, 0
    for r in records:
        count += 1
        if r["seq"] != expected:
            return count, Break("missing", expected, r["id"])
        if record_hash(prev, r) != r["hash"]:
            return count, Break("altered", r["seq"], r["id"])
        prev, expected = r["hash"], expected + 1
    return count, None
