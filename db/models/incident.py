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
    # A handler on site (现场到达) and the professional forces there (专业力量介入): the on-site clocks' stops.
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    professional_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The handling unit's first answer (accept or feedback): what stops a police matter's 24 h clock.
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answer_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # police matters
    close_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # grid matters
    # From the milestone rules at the last step (desk.domain.milestones), if nobody acts: when the incident
    # turns yellow and red, and the next deadline and its milestone. SQL counts and sorts on these.
    yellow_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    red_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_milestone: Mapped[str] = mapped_column(String(24), default="", server_default="")
    # The county platform's own number for an imported incident (事件编号).
    external_id: Mapped[str | None] = mapped_column(String(40), nullable=True, unique=True)
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
        # The queue's filters and sorts over the whole history, in SQL.
        Index("ix_incident_status_red", "status", "red_at"),
        Index("ix_incident_status_yellow", "status", "yellow_at"),
        Index("ix_incident_status_due", "status", "due_at"),
        Index("ix_incident_item_type", "item_type"),
        Index("ix_incident_source", "source"),
        Index("ix_incident_department", "department_id"),
        Index("ix_incident_registered_by", "registered_by"),
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


class IncidentReview(Base):
    """A closed incident drawn for a check after closing: a follow-up visit (回头看) or the monthly
    quality review of a random 10% (质量评估), with the reviewer's verdict once given."""

    __tablename__ = "incident_review"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # follow_up | quality
    period: Mapped[str] = mapped_column(String(8), default="")  # the month drawn, YYYY-MM
    drawn_at: Mapped[datetime] = mapped_column(DateTime)
    drawn_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    verdict: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_incident_review_kind_period", "kind", "period"),)


class IncidentNotice(Base):
    """What an incident's tier sets off: the duty leader told of a major matter (大事一级处理) and asked
    to review it, or a special matter's report to the county (特事专报)."""

    __tablename__ = "incident_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # leader_review | county_report
    at: Mapped[datetime] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
