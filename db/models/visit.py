from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class VisitGroup(Base):
    """A group of persons or households and its visit rule (so many visits a month, quarter or year)."""

    __tablename__ = "visit_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(12))  # key | care | must | household
    subject: Mapped[str] = mapped_column(String(12))  # person | household
    count: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(8))  # month | quarter | year
    must_visit: Mapped[bool] = mapped_column(Boolean, default=False)  # 五必访
    officer_only: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class GroupMember(Base):
    """A person (or a household) in a group since a date, until they leave it."""

    __tablename__ = "group_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("visit_group.id"), index=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), nullable=True, index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True, index=True)
    since: Mapped[datetime] = mapped_column(DateTime)
    until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class KeyPersonPlan(Base):
    """一人一策: who answers for a key person, how often they are visited, and notes. Changes are audited."""

    __tablename__ = "key_person_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), unique=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True, index=True)
    grid_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)  # overrides the group's rule
    period: Mapped[str | None] = mapped_column(String(8), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)


class Visit(Base):
    """One visit to a household (and, when it was about one person, to that person)."""

    __tablename__ = "visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), nullable=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    grid_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    mode: Mapped[str] = mapped_column(String(12), default="in_person")  # in_person | phone | video
    findings: Mapped[str] = mapped_column(Text, default="")
    risk: Mapped[str] = mapped_column(String(8), default="")  # a dispute's grade: red | yellow | blue
    follow_up: Mapped[str] = mapped_column(Text, default="")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), nullable=True, index=True)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    similar_to_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), nullable=True)  # 内容雷同
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)

    __table_args__ = (
        Index("ix_visit_household_at", "household_id", "at"),
        Index("ix_visit_resident_at", "resident_id", "at"),
        Index("ix_visit_officer_at", "officer_id", "at"),
        Index("ix_visit_at", "at"),
    )


class JointVisitPlan(Base):
    """每季度联合走访: a grid's joint visit (officer + grid worker + volunteer) planned for a quarter."""

    __tablename__ = "joint_visit_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"))
    quarter: Mapped[str] = mapped_column(String(6))  # 2026Q4
    planned_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)

    __table_args__ = (UniqueConstraint("grid_id", "quarter", name="uq_joint_visit_plan_grid_quarter"),)
