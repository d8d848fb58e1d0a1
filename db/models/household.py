from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class Household(Base):
    """A household's file (一户一档): only what the work needs (最小必要), with the date its core items
    were last confirmed."""

    __tablename__ = "household"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), nullable=True, index=True)
    address: Mapped[str] = mapped_column(String(120), default="")
    head_name: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(20), default="")
    housing: Mapped[str] = mapped_column(String(32), default="")  # e.g. 砖混二层, 土木结构
    police_cell_id: Mapped[int | None] = mapped_column(ForeignKey("police_cell.id"), nullable=True, index=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    housing_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    contact_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # on file since
    # The latest visit, and the latest with the area's officer: kept by every visit written, so the due
    # list for today reads one row a household instead of the whole visit log.
    last_visit_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    last_officer_visit_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    # An officer's due list: the households of the officer's cells whose latest visit is old enough.
    __table_args__ = (Index("ix_household_cell_last_visit", "police_cell_id", "last_visit_at"),
                      Index("ix_household_cell_last_officer_visit", "police_cell_id", "last_officer_visit_at"))


class Resident(Base):
    """A person of a household (一人一档). `needs` says what help an evacuation must bring (卧床, 行动不便)."""

    __tablename__ = "resident"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    gender: Mapped[str] = mapped_column(String(1))  # M | F
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    relation: Mapped[str] = mapped_column(String(16), default="")  # head | spouse | child | parent | grandchild | other
    needs: Mapped[str] = mapped_column(String(64), default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # identity last confirmed
    last_visit_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # the latest visit about them
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # moved away or died: kept on record


class HazardHousehold(Base):
    """A household a hazard point threatens (受威胁住户): the ones its evacuation moves."""

    __tablename__ = "hazard_household"
    hazard_point_id: Mapped[int] = mapped_column(ForeignKey("hazard_point.id"), primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), primary_key=True, index=True)


class Evacuee(Base):
    """A threatened person accounted for during an activation: moved (to relatives, high ground),
    checked in at a shelter, or away from home when the order came. No row: unaccounted."""

    __tablename__ = "evacuee"
    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("emergency_activation.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    state: Mapped[str] = mapped_column(String(12))  # moved | sheltered | away
    shelter_id: Mapped[int | None] = mapped_column(ForeignKey("shelter.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (UniqueConstraint("activation_id", "resident_id", name="uq_evacuee_activation_resident"),)


class VillageCadre(Base):
    """A village's or community's cadre on the emergency call list (村两委、治保主任)."""

    __tablename__ = "village_cadre"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    post: Mapped[str] = mapped_column(String(16))  # secretary | director | security | women | emergency
    phone: Mapped[str] = mapped_column(String(20), default="")


class CallLog(Base):
    """A call on the emergency call list: to a hazard monitor (staff) or a village cadre, and its outcome."""

    __tablename__ = "call_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("emergency_activation.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    cadre_id: Mapped[int | None] = mapped_column(ForeignKey("village_cadre.id"), nullable=True)
    outcome: Mapped[str] = mapped_column(String(12))  # reached | no_answer
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")
