"""`python -m desk audit verify`: walk the audit chain from the first record, in order, and name the
first record altered or missing. A read; nothing is written."""
from __future__ import annotations

from sqlalchemy import select

from db.models import AuditRecord
from desk.domain.audit_chain import FIELDS, Break, first_break
from desk.services.database import Database

BATCH = 5_000


def verify_audit(db: Database) -> tuple[int, Break | None]:
    """How many records were read, and the first break in the chain (None: the chain is sound)."""
    columns = [getattr(AuditRecord, f) for f in FIELDS] + [AuditRecord.id, AuditRecord.hash]
    with db.session() as s:
        rows = s.execute(select(*columns).order_by(AuditRecord.seq).execution_options(yield_per=BATCH))
        return first_break(dict(r._mapping) for r in rows)
