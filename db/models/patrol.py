from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.geometry import HasShape


class PatrolArea(HasShape, Base):
    """Key patrol area (重点区域): main street, scenic entrance, school perimeter, trunk road."""

    __tablename__ = "patrol_area"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # street | scenic | school | road
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"), nullable=True)


class Shift(Base):
    """A duty window: a station duty shift or a key-area patrol shift. Times are UTC."""

    __tablename__ = "shift"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # station | patrol
    workstation_id: Mapped[int | None] = mapped_column(ForeignKey("workstation.id"), nullable=True, index=True)
    patrol_area_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_area.id"), nullable=True, index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class ShiftAssignment(Base):
    __tablename__ = "shift_assignment"
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True, index=True)
