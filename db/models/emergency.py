from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.geometry import HasPoint, HasShape


class Shelter(HasPoint, Base):
    __tablename__ = "shelter"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int] = mapped_column(Integer)
    occupancy: Mapped[int] = mapped_column(Integer, default=0)


class EvacuationRoute(HasShape, Base):
    __tablename__ = "evacuation_route"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    shelter_id: Mapped[int | None] = mapped_column(ForeignKey("shelter.id"), nullable=True)
    length_km: Mapped[float] = mapped_column(Float, default=0.0)


class HazardPoint(HasPoint, Base):
    """Landslide / flood hazard point (隐患点) with its monitor (群测群防员)."""

    __tablename__ = "hazard_point"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # landslide | flood | collapse
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"), nullable=True)
    monitor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    households: Mapped[int] = mapped_column(Integer)
    persons: Mapped[int] = mapped_column(Integer)
    risk: Mapped[str] = mapped_column(String(8), default="medium")  # low | medium | high
    signs: Mapped[str] = mapped_column(Text, default="")
    shelter_id: Mapped[int | None] = mapped_column(ForeignKey("shelter.id"), nullable=True)
    route_id: Mapped[int | None] = mapped_column(ForeignKey("evacuation_route.id"), nullable=True)


class Gauge(HasPoint, Base):
    __tablename__ = "gauge"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))  # rain (mm/h) | river (m)
    unit: Mapped[str] = mapped_column(String(8))
    warn_value: Mapped[float] = mapped_column(Float)  # rain: mm in 24 h; river: warning level
    danger_value: Mapped[float] = mapped_column(Float)  # rain: mm in 24 h; river: guaranteed level


class GaugeReading(Base):
    __tablename__ = "gauge_reading"
    id: Mapped[int] = mapped_column(primary_key=True)
    gauge_id: Mapped[int] = mapped_column(ForeignKey("gauge.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    value: Mapped[float] = mapped_column(Float)

    __table_args__ = (Index("ix_gauge_reading_gauge_at", "gauge_id", "at"),)


class Warning(Base):
    __tablename__ = "warning"
    id: Mapped[int] = mapped_column(primary_key=True)
    hazard: Mapped[str] = mapped_column(String(16))  # rain | flood | landslide
    level: Mapped[str] = mapped_column(String(8))  # blue | yellow | orange | red
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    issuer: Mapped[str] = mapped_column(String(64), default="")
    area: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class ResponsePlan(Base):
    __tablename__ = "response_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    hazard: Mapped[str] = mapped_column(String(16))


class ActionTemplate(Base):
    """A step of a response plan, taken from a given warning level up."""

    __tablename__ = "action_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("response_plan.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), nullable=True)
    target_minutes: Mapped[int] = mapped_column(Integer, default=30)


class EmergencyActivation(Base):
    __tablename__ = "emergency_activation"
    id: Mapped[int] = mapped_column(primary_key=True)
    warning_id: Mapped[int | None] = mapped_column(ForeignKey("warning.id"), nullable=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("response_plan.id"))
    level: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    drill: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
