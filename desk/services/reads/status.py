"""What the desk's status bar and the wall's header show."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from db.models import Incident, Shift, ShiftAssignment, Township, Warning
from desk.domain.cards import Card
from desk.domain.warnings import Level, current_level
from desk.services.database import Database
from desk.services.reads.cards import OPEN, card_counts

URGENT_TIERS = ("first", "special")  # the tiers the duty leader reviews (desk.services.incidents.LEADER_TIERS)


@dataclass(frozen=True)
class StatusSnapshot:
    database: str
    demo: bool
    on_duty: int
    open_total: int
    open_yellow: int
    open_red: int
    level: Level
    township: str = ""  # the township's own name: the wall's title
    open_urgent: int = 0  # open major and special matters (大事一级处理、特事专报): the wall flashes for a new one


def on_duty_count(s, now: datetime) -> int:
    return s.scalar(select(func.count(func.distinct(ShiftAssignment.staff_id)))
                    .join(Shift, Shift.id == ShiftAssignment.shift_id)
                    .where(Shift.starts_at <= now, Shift.ends_at > now)) or 0


def active_warnings(s, now: datetime, drill: bool = False) -> list[Warning]:
    """Warnings in force at `now`: issued and effective, not lifted, cancelled or superseded, not expired.
    Drill warnings count only for the drill."""
    return list(s.scalars(select(Warning).where(
        Warning.issued_at <= now, Warning.state == "active", Warning.drill.is_(drill),
        (Warning.lifted_at.is_(None)) | (Warning.lifted_at > now),
        (Warning.effective_at.is_(None)) | (Warning.effective_at <= now),
        (Warning.expires_at.is_(None)) | (Warning.expires_at > now))
        .order_by(Warning.issued_at.desc())))


def active_levels(s, now: datetime) -> list[str]:
    return [w.level for w in active_warnings(s, now)]


def status_snapshot(db: Database, now: datetime) -> StatusSnapshot:
    with db.session() as s:
        counts = card_counts(s, now)
        return StatusSnapshot(db.label, db.is_demo(), on_duty_count(s, now), sum(counts.values()), counts[Card.YELLOW],
                              counts[Card.RED], current_level(active_levels(s, now)),
                              s.scalar(select(Township.name).limit(1)) or "",
                              s.scalar(select(func.count()).select_from(Incident).where(
                                  Incident.status.in_(OPEN), Incident.tier.in_(URGENT_TIERS))) or 0)
