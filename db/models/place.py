from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.geometry import HasShape


class Township(HasShape, Base):
    __tablename__ = "township"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    county: Mapped[str] = mapped_column(String(64), default="")


class AdminUnit(HasShape, Base):
    """A village (行政村) or community (社区)."""

    __tablename__ = "admin_unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # village | community
    profile: Mapped[str] = mapped_column(String(16), default="agricultural")  # agricultural | scenic | market | remote
    households: Mapped[int] = mapped_column(Integer, default=0)
    population: Mapped[int] = mapped_column(Integer, default=0)
    remote: Mapped[bool] = mapped_column(default=False)
