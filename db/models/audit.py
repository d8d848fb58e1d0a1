from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class AuditRecord(Base):
    """Who did what, to which record, and what changed (before → after), one row per operation.

    Append-only: the database itself refuses UPDATE and DELETE on this table (triggers, created by
    migration 0002), so not even a seat with write access can rewrite history. Reads of residents'
    personal data in the clear are recorded here too. Personal values are stored masked. The records
    form a hash chain (migration 0007), so tampering with the file itself is caught by `audit verify`."""

    __tablename__ = "audit_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # no FK: history outlives accounts
    actor_login: Mapped[str] = mapped_column(String(32))
    actor_role: Mapped[str] = mapped_column(String(16))
    operation: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [before, after]}
    note: Mapped[str] = mapped_column(Text, default="")
    # The hash chain (desk.domain.audit_chain): numbered without gaps, each hash covering the one before.
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_record_entity", "entity", "entity_id"),)
