from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class MilestoneRule(Base):
    """One clock an incident runs against (desk.domain.milestones): which incidents it applies to
    (item type, nature, tier; '*' for any), the events that start and stop it, its limit and the card
    a miss gives. The township edits these; the defaults come from the plans."""

    __tablename__ = "milestone_rule"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24))
    item_type: Mapped[str] = mapped_column(String(48), default="*")
    nature: Mapped[str] = mapped_column(String(8), default="*")
    tier: Mapped[str] = mapped_column(String(8), default="*")
    start_event: Mapped[str] = mapped_column(String(16))
    stop_event: Mapped[str] = mapped_column(String(16))
    limit_value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(8))  # minutes | hours | days
    calendar: Mapped[str] = mapped_column(String(8), default="calendar")  # calendar | working
    card: Mapped[str] = mapped_column(String(8), default="none")  # what missing it gives: none | yellow | red
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Holiday(Base):
    """The holiday calendar working-day clocks count with: public holidays, and the weekend days that are
    worked instead (调休上班)."""

    __tablename__ = "holiday"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # holiday | workday
    name: Mapped[str] = mapped_column(String(32), default="")
