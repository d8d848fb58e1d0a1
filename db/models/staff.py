from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class VolunteerTeam(Base):
    """Volunteer police team (义警队), one per village."""

    __tablename__ = "volunteer_team"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(24), index=True)  # see desk.domain.roster.ROLES
    duty_functions: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of the eight duty functions
    gender: Mapped[str] = mapped_column(String(1))  # M | F
    birth_year: Mapped[int] = mapped_column(Integer)
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    workstation_id: Mapped[int | None] = mapped_column(ForeignKey("workstation.id"), nullable=True, index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), nullable=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), nullable=True)
    police_cell_id: Mapped[int | None] = mapped_column(ForeignKey("police_cell.id"), nullable=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_team.id"), nullable=True, index=True)
    team_position: Mapped[str] = mapped_column(String(16), default="")  # captain | vice_captain | member
    stars: Mapped[int | None] = mapped_column(Integer, nullable=True)  # volunteers: 1..5
    active: Mapped[bool] = mapped_column(Boolean, default=True)
