"""What the map shows beyond the governance layers: the address gazetteer, the vector base map
drawn from the township's own data, and staff positions reported from patrol check-ins."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.geometry import HasPoint, HasShape


class Address(HasPoint, Base):
    """One entry of the standard address gazetteer (地名地址), imported from the county's export."""

    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(160))
    # The text as searched: full-width folded to half-width, spaces dropped, lower case.
    search_key: Mapped[str] = mapped_column(String(160), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"), nullable=True, index=True)
    unit_name: Mapped[str] = mapped_column(String(64), default="")  # as the file named it (村社)


class BaseFeature(HasShape, Base):
    """A line or area of the vector base map: road, river, water body, contour line, hill shade."""

    __tablename__ = "base_feature"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # road | river | water | contour | relief
    name: Mapped[str] = mapped_column(String(64), default="")
    rank: Mapped[int] = mapped_column(default=0)  # road class or contour elevation in metres


class StaffPosition(HasPoint, Base):
    """Where a staff member checked in on patrol (the map shows each one's latest)."""

    __tablename__ = "staff_position"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    patrol_area_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_area.id"), nullable=True)

    __table_args__ = (Index("ix_staff_position_staff_at", "staff_id", "at"),
                      Index("ix_staff_position_at", "at"))
