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
    supplies: Mapped[str] = mapped_column(Text, default="", server_default="")  # stocked: beds, water, food…


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
    gauge_id: Mapped[int | None] = mapped_column(ForeignKey("gauge.id"), nullable=True)  # the rain gauge it is judged by
    last_inspected_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


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
    drill: Mapped[bool] = mapped_column(default=False, server_default="0")  # a drill's scripted rain, never real

    __table_args__ = (Index("ix_gauge_reading_gauge_at", "gauge_id", "at"),)


class Warning(Base):
    """A warning in force or on record: entered by hand, imported as CAP 1.2 (its identifier kept, the
    original message kept whole), or raised by our own gauges crossing a threshold (with the reason)."""

    __tablename__ = "warning"
    id: Mapped[int] = mapped_column(primary_key=True)
    hazard: Mapped[str] = mapped_column(String(16))  # rain | flood | landslide | general
    level: Mapped[str] = mapped_column(String(8))  # blue | yellow | orange | red
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    issuer: Mapped[str] = mapped_column(String(64), default="")
    area: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(8), default="manual", server_default="manual")  # manual | cap | gauge
    identifier: Mapped[str | None] = mapped_column(String(160), nullable=True, unique=True)  # CAP identifier
    sender: Mapped[str] = mapped_column(String(160), default="", server_default="")
    event: Mapped[str] = mapped_column(String(120), default="", server_default="")  # CAP event, e.g. 暴雨
    severity: Mapped[str] = mapped_column(String(12), default="", server_default="")  # CAP severity
    effective_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="active", server_default="active")  # active | cancelled | superseded
    geometry: Mapped[str] = mapped_column(Text, default="", server_default="")  # area polygons as GeoJSON
    geocode: Mapped[str] = mapped_column(String(120), default="", server_default="")
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # a gauge warning: which threshold, what value
    hazard_point_id: Mapped[int | None] = mapped_column(ForeignKey("hazard_point.id"), nullable=True)
    cap_xml: Mapped[str] = mapped_column(Text, default="", server_default="")  # the message as received
    drill: Mapped[bool] = mapped_column(default=False, server_default="0")


class RainThreshold(Base):
    """Rainfall over a window (1, 3, 6, 24 h, or 120 h of effective antecedent rain) at which a level is
    raised: the township default (hazard_point_id NULL) or a hazard point's own."""

    __tablename__ = "rain_threshold"
    id: Mapped[int] = mapped_column(primary_key=True)
    hazard_point_id: Mapped[int | None] = mapped_column(ForeignKey("hazard_point.id"), nullable=True, index=True)
    window_hours: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(8))
    value_mm: Mapped[float] = mapped_column(Float)


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
    """An emergency record: a response plan activated at a level, until stand-down (with its summary)."""

    __tablename__ = "emergency_activation"
    id: Mapped[int] = mapped_column(primary_key=True)
    warning_id: Mapped[int | None] = mapped_column(ForeignKey("warning.id"), nullable=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("response_plan.id"))
    level: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    drill: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    started_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")  # written at stand-down


class ActivationAction(Base):
    """One linkage action of an activated plan, on its clock from the activation: pending → notified →
    acknowledged → done."""

    __tablename__ = "activation_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("emergency_activation.id"), index=True)
    template_id: Mapped[int | None] = mapped_column(ForeignKey("action_template.id"), nullable=True)
    level: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), nullable=True)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    notified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class EmergencyEvent(Base):
    """The significant-events log: typed by the operator or written by the desk (warnings, thresholds,
    action states, drill injects)."""

    __tablename__ = "emergency_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int | None] = mapped_column(ForeignKey("emergency_activation.id"), nullable=True, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    source: Mapped[str] = mapped_column(String(12))  # operator | warning | threshold | action | drill | evacuation
    text: Mapped[str] = mapped_column(Text)
    told: Mapped[str] = mapped_column(String(200), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    drill: Mapped[bool] = mapped_column(default=False)


class EvacuationCount(Base):
    """Per activation and hazard point: households and persons to move, and moved so far."""

    __tablename__ = "evacuation_count"
    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("emergency_activation.id"), index=True)
    hazard_point_id: Mapped[int] = mapped_column(ForeignKey("hazard_point.id"))
    households_to_move: Mapped[int] = mapped_column(Integer)
    persons_to_move: Mapped[int] = mapped_column(Integer)
    households_moved: Mapped[int] = mapped_column(Integer, default=0)
    persons_moved: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ShelterCheckIn(Base):
    """A household arriving at a shelter during an activation."""

    __tablename__ = "shelter_check_in"
    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("emergency_activation.id"), index=True)
    shelter_id: Mapped[int] = mapped_column(ForeignKey("shelter.id"))
    hazard_point_id: Mapped[int | None] = mapped_column(ForeignKey("hazard_point.id"), nullable=True)
    household: Mapped[str] = mapped_column(String(64))  # the head of household as the village names them
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True)  # when on file
    persons: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)


class PatrolAreaHazard(Base):
    """A key patrol area that crosses a hazard point's area: its patrols stop at yellow and above."""

    __tablename__ = "patrol_area_hazard"
    patrol_area_id: Mapped[int] = mapped_column(ForeignKey("patrol_area.id"), primary_key=True)
    hazard_point_id: Mapped[int] = mapped_column(ForeignKey("hazard_point.id"), primary_key=True)


class DrillRun(Base):
    """A drill run from a scenario: its score and report, so the township can show improvement."""

    __tablename__ = "drill_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    scenario: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    speed: Mapped[float] = mapped_column(Float, default=1.0)
    activation_id: Mapped[int | None] = mapped_column(ForeignKey("emergency_activation.id"), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")  # the after-action figures as JSON
