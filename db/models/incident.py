from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class Incident(Base):
    """One matter in the closed loop. Cards are never stored: they follow from the timestamps."""

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(24), index=True)  # the item type's class: dispute | security | public_service
    item_type: Mapped[str] = mapped_column(String(48), default="")  # an item_type.code
    source: Mapped[str] = mapped_column(String(24))  # grid_worker | call_110 | hotline_12345 | walk_in | patrol | volunteer | sensor
    matter: Mapped[str] = mapped_column(String(8))  # police | grid
    tier: Mapped[str] = mapped_column(String(8), default="second")  # second | first | special
    status: Mapped[str] = mapped_column(String(16), index=True)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(120), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"), nullable=True, index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), nullable=True, index=True)
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("police_cell.id"), nullable=True, index=True)
    reporter_name: Mapped[str] = mapped_column(String(32), default="")
    reporter_phone: Mapped[str] = mapped_column(String(20), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), nullable=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    registered_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    handling_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    evaluated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The handling unit's first answer (accept or feedback): what stops a police matter's 24 h clock.
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answer_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # police matters
    close_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # grid matters
    feedback: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1..5
    rework_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_incident_open", "status", "registered_at"),
        # The agenda's period figures: closed per registration period, satisfaction per evaluation period.
        Index("ix_incident_registered_closed", "registered_at", "closed_at"),
        Index("ix_incident_evaluated_satisfaction", "evaluated_at", "satisfaction"),
    )


class IncidentEvent(Base):
    """Audit trail: one row per step, written in the same transaction as the change."""

    __tablename__ = "incident_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
