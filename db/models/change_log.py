from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class ChangeLogEntry(Base):
    """What each write changed, so other processes on the same database can follow along.

    A PostgreSQL deployment can NOTIFY with the same payload instead of being polled.
    """

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # JSON list of {entity, op, ids}
