"""Checks after closing, stored: the month's draw of closed incidents for quality review (a random 10%)
or for a follow-up visit (回头看), and each reviewer's verdict. Both are operations: audited, once each."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import aliased

from db.models import Department, Incident, IncidentEvent, IncidentReview, UserAccount
from desk.domain import sampling
from desk.domain.changes import Entity, Op
from desk.domain.clock import to_local
from desk.domain.lifecycle import Status
from desk.domain.permissions import Actor
from desk.services.database import Database
from desk.services.errors import BadInput, DeskError
from desk.services.incidents import clean_text
from desk.services.operations import Operations, snapshot

CLOSED = (Status.CLOSED.value, Status.EVALUATED.value)
REVIEW_FIELDS = ("verdict", "note", "reviewed_at", "reviewed_by")


@dataclass(frozen=True)
class DrawResult:
    kind: str
    month: str
    codes: list[str]
    population: int  # closed in the month
    already: bool  # drawn before: this is that draw, nothing written


@dataclass(frozen=True)
class ReviewRow:
    id: int
    incident_id: int
    code: str
    title: str
    closed_local: datetime | None
    department: str
    verdict: str
    reviewer: str
    reviewed_local: datetime | None
    note: str


@dataclass(frozen=True)
class ReviewSummary:
    drawn: int
    reviewed: int
    verdicts: dict[str, int]

    @property
    def good_share(self) -> float | None:
        """The share of reviewed quality checks found good (优良率)."""
        return self.verdicts.get("good", 0) / self.reviewed if self.reviewed else None


def _checked(kind: str, month: str) -> tuple[datetime, datetime]:
    if kind not in sampling.KINDS:
        raise BadInput("unknown_value", f"unknown review kind: {kind}", field="kind", value=kind)
    try:
        return sampling.month_bounds(month)
    except sampling.SamplingError as exc:
        raise BadInput("bad_month", str(exc), field="month", value=month) from None


def draw(ops: Operations, actor: Actor, kind: str, month: str) -> DrawResult:
    """Draw the month's closed incidents for `kind`, once: a second call returns the first draw
    (`already`), and writes nothing."""
    try:
        return _draw(ops, actor, kind, month)
    except _AlreadyDrawn as done:
        return done.result


def _draw(ops: Operations, actor: Actor, kind: str, month: str) -> DrawResult:
    start, end = _checked(kind, month)
    with ops.run(actor, "review.draw") as op:
        s = op.session
        closed = s.execute(select(Incident.id, Incident.code, Incident.category, Incident.tier, Incident.rework_count)
                           .where(Incident.status.in_(CLOSED), Incident.closed_at >= start,
                                  Incident.closed_at < end)).all()
        earlier = s.scalars(select(Incident.code).join(IncidentReview, IncidentReview.incident_id == Incident.id)
                            .where(IncidentReview.kind == kind, IncidentReview.period == month)
                            .order_by(Incident.code)).all()
        if earlier:
            # Nothing written: an operation that changed nothing leaves no audit record, so the same draw
            # can be asked for again without it looking like a second draw.
            raise _AlreadyDrawn(DrawResult(kind, month, list(earlier), len(closed), True))
        # Drawn at the moment of drawing, so no handler can know in advance which items will be checked.
        seed = f"{kind}:{month}:{op.now.isoformat()}"
        if kind == "quality":
            picked = sampling.draw_sample([r.id for r in closed], sampling.QUALITY_SHARE, seed)
        else:
            picked = sampling.follow_up_sample([sampling.Closed(r.id, r.category, r.tier, r.rework_count)
                                                for r in closed], seed)
        codes = {r.id: r.code for r in closed}
        if picked:
            s.execute(insert(IncidentReview), [
                {"incident_id": i, "kind": kind, "period": month, "drawn_at": op.now, "drawn_by": actor.user_id,
                 "reviewed_at": None, "reviewed_by": None, "verdict": "", "note": ""} for i in picked])
        drawn = sorted(codes[i] for i in picked)
        op.audit(Entity.INCIDENT_REVIEW, None, {"drawn": [0, len(drawn)], "population": [0, len(closed)]},
                 note=f"{kind} {month}: " + " ".join(drawn))
        op.changes.add(Entity.INCIDENT_REVIEW, Op.CREATED)
    return DrawResult(kind, month, drawn, len(closed), False)


class _AlreadyDrawn(Exception):
    def __init__(self, result: DrawResult):
        super().__init__("already drawn")
        self.result = result


def record(ops: Operations, actor: Actor, review_id: int, verdict: str, note: str = "") -> None:
    """The reviewer's verdict on one drawn incident (a correction overwrites; the audit keeps the old)."""
    note = clean_text("note", note, multiline=True)
    with ops.run(actor, "review.record") as op:
        s = op.session
        review = s.get(IncidentReview, review_id) if isinstance(review_id, int) else None
        if review is None:
            raise BadInput("not_found", f"no drawn review with id {review_id}", field="review", value=review_id)
        try:
            sampling.check_verdict(review.kind, verdict)
        except sampling.SamplingError as exc:
            raise BadInput("unknown_value", str(exc), field="verdict", value=verdict) from None
        if review.kind == "quality":
            closer = s.scalar(select(IncidentEvent.actor_id).where(IncidentEvent.incident_id == review.incident_id,
                                                                   IncidentEvent.action == "close")
                              .order_by(IncidentEvent.at.desc()))
            if closer is not None and closer == actor.user_id:
                code = s.scalar(select(Incident.code).where(Incident.id == review.incident_id))
                raise DeskError("separation_of_duties", f"{actor.login} closed {code} and may not also review "
                                f"its quality", incident=code, action="review")
        before = snapshot(review, REVIEW_FIELDS)
        review.verdict, review.note = verdict, note
        review.reviewed_at, review.reviewed_by = op.now, actor.user_id
        op.updated(Entity.INCIDENT_REVIEW, review, before, note=f"{review.kind} {review.period}")


def reviews(db: Database, kind: str, month: str) -> list[ReviewRow]:
    _checked(kind, month)
    reviewer = aliased(UserAccount)
    with db.session() as s:
        rows = s.execute(
            select(IncidentReview.id, Incident.id, Incident.code, Incident.title, Incident.closed_at, Department.name,
                   IncidentReview.verdict, reviewer.display_name, IncidentReview.reviewed_at, IncidentReview.note)
            .join(Incident, Incident.id == IncidentReview.incident_id)
            .outerjoin(Department, Department.id == Incident.department_id)
            .outerjoin(reviewer, reviewer.id == IncidentReview.reviewed_by)
            .where(IncidentReview.kind == kind, IncidentReview.period == month)
            .order_by(Incident.code)).all()
    return [ReviewRow(rid, iid, code, title, to_local(closed) if closed else None, dept or "", verdict or "",
                      who or "", to_local(at) if at else None, note or "")
            for rid, iid, code, title, closed, dept, verdict, who, at, note in rows]


def summary(db: Database, kind: str, month: str) -> ReviewSummary:
    rows = reviews(db, kind, month)
    verdicts = Counter(r.verdict for r in rows if r.verdict)
    return ReviewSummary(len(rows), sum(verdicts.values()), dict(verdicts))
