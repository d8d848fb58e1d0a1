from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.geometry import HasPoint


class Workstation(HasPoint, Base):
    """Fused police-grid workstation (警网融合工作站)."""

    __tablename__ = "workstation"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    theme: Mapped[str] = mapped_column(String(32))  # economy | women_children | mediation | services | ...
    rooms: Mapped[str] = mapped_column(Text, default="[]")  # JSON list: 三室四区
    phone: Mapped[str] = mapped_column(String(32), default="")
