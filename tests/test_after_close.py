"""Checks after closing: the month's random 10% quality sample and the follow-up visits (回头看), drawn once
and on record, each verdict stored by someone who did not close the incident."""
from __future__ import annotations

import json
import math

import pytest
from sqlalchemy import func, select

from db.models import AuditRecord, Incident, IncidentReview
from desk.domain import sampling
from desk.domain.clock import to_local
from desk.domain.permissions import PermissionDenied
from desk.services import review_draws
from desk.services.accounts import actor_for
from desk.services.desk import DeskServices
from desk.services.errors import DeskError


def _as(desk, login) -> DeskServices:
    return DeskServices(desk.db, actor_for(desk.db, login), desk.clock)


def _month(desk) -> str:
    return sampling.previous_month(desk.now())


def _closed_in(desk, month):
    start, end = sampling.month_bounds(month)
    with desk.db.session() as s:
        return s.execute(select(Incident.id, Incident.code, Incident.category, Incident.tier, Incident.rework_count)
                         .where(Incident.status.in_(("closed", "evaluated")), Incident.closed_at >= start,
                                Incident.closed_at < end)).all()


def test_the_sample_is_ten_percent_of_the_month_closed_drawn_once(desk):
    leader, month = _as(desk, "leader"), _month(desk)
    closed = _closed_in(desk, month)
    assert len(closed) > 20
    with desk.db.session() as s:
        audits = s.scalar(select(func.count()).select_from(AuditRecord))
    first = review_draws.draw(leader.ops, leader.actor, "quality", month)
    assert not first.already and first.population == len(closed)
    assert len(first.codes) == math.ceil(len(closed) * 0.1)
    assert set(first.codes) <= {c.code for c in closed}
    again = review_draws.draw(leader.ops, leader.actor, "quality", month)
    assert again.already and again.codes == first.codes
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditRecord)) == audits + 1  # the draw, once
        stored = s.scalars(select(IncidentReview.period).where(IncidentReview.kind == "quality")).all()
    assert stored == [month] * len(first.codes)


def test_follow_up_takes_every_major_dispute_and_reworked_item_and_a_tenth_of_the_rest(desk):
    leader, month = _as(desk, "leader"), _month(desk)
    closed = [sampling.Closed(r.id, r.category, r.tier, r.rework_count) for r in _closed_in(desk, month)]
    must = {c.id for c in closed if c.always_followed_up}
    rest = [c for c in closed if not c.always_followed_up]
    result = review_draws.draw(leader.ops, leader.actor, "follow_up", month)
    rows = review_draws.reviews(desk.db, "follow_up", month)
    drawn = {r.incident_id for r in rows}
    assert must <= drawn
    assert len(drawn - must) == math.ceil(len(rest) * 0.1)
    assert len(result.codes) == len(drawn)


def test_verdicts_are_stored_and_the_closer_may_not_judge_the_quality(desk):
    leader, duty, month = _as(desk, "leader"), desk, _month(desk)
    review_draws.draw(leader.ops, leader.actor, "quality", month)
    rows = review_draws.reviews(desk.db, "quality", month)
    with desk.db.session() as s:
        from db.models import IncidentEvent

        closers = {r.id: s.scalar(select(IncidentEvent.actor_id).where(IncidentEvent.incident_id == r.incident_id,
                                                                       IncidentEvent.action == "close"))
                   for r in rows}
    by_leader = next(r for r in rows if closers[r.id] == leader.actor.user_id)
    with pytest.raises(DeskError, match="may not also review"):
        review_draws.record(leader.ops, leader.actor, by_leader.id, "good")
    review_draws.record(duty.ops, duty.actor, by_leader.id, "poor", "反馈内容过于简单")
    with pytest.raises(ValueError, match="verdict"):
        review_draws.record(duty.ops, duty.actor, by_leader.id, "excellent")
    done = {r.id: r for r in review_draws.reviews(desk.db, "quality", month)}[by_leader.id]
    assert (done.verdict, done.note, done.reviewer) == ("poor", "反馈内容过于简单", "值班员")
    summary = review_draws.summary(desk.db, "quality", month)
    assert (summary.drawn, summary.reviewed, summary.verdicts) == (len(rows), 1, {"poor": 1})
    with pytest.raises(PermissionDenied):
        worker = _as(desk, "grid01")
        review_draws.draw(worker.ops, worker.actor, "quality", "2026-09")


def test_bad_month_or_kind_is_refused(desk):
    leader = _as(desk, "leader")
    with pytest.raises(ValueError, match="month"):
        review_draws.draw(leader.ops, leader.actor, "quality", "2026-13")
    with pytest.raises(ValueError, match="kind"):
        review_draws.draw(leader.ops, leader.actor, "audit", "2026-10")


def test_month_bounds_are_beijing_months():
    start, end = sampling.month_bounds("2026-10")
    assert to_local(start).isoformat() == "2026-10-01T00:00:00" and to_local(end).isoformat() == "2026-11-01T00:00:00"


def test_cli_draws_lists_and_records(db_path, desk, capsys):
    from desk.cli import main

    month = _month(desk)
    assert main(["review", "draw", "--db", str(db_path), "--login", "leader", "--month", month, "--json"]) == 0
    drawn = json.loads(capsys.readouterr().out)
    assert drawn["month"] == month and drawn["drawn"] and not drawn["already"]
    code = drawn["drawn"][0]
    assert main(["review", "record", "--db", str(db_path), "--login", "duty", "--month", month, "--code", code,
                 "--verdict", "good"]) == 0
    out = capsys.readouterr().out
    assert f"{code} good" in out and "1 reviewed" in out
    assert main(["review", "record", "--db", str(db_path), "--login", "duty", "--month", month, "--code", "NOPE",
                 "--verdict", "good"]) == 2
    assert "was not drawn" in capsys.readouterr().err
    assert main(["review", "draw", "--db", str(db_path), "--login", "grid01"]) == 2
    assert "may not" in capsys.readouterr().err


def test_the_dialog_draws_and_records_by_keyboard(zh_app, desk, qtbot):
    from desk.ui.review_window import ReviewDialog

    duty = desk
    dlg = ReviewDialog(duty)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 0 and dlg.draw_button.isEnabled()
    dlg.draw()
    assert dlg.table.rowCount() > 0 and not dlg.draw_button.isEnabled()
    rows = review_draws.reviews(desk.db, "quality", dlg.month.text())
    with desk.db.session() as s:
        from db.models import IncidentEvent

        mine = {r.id for r in rows if s.scalar(select(IncidentEvent.actor_id).where(
            IncidentEvent.incident_id == r.incident_id, IncidentEvent.action == "close")) != duty.actor.user_id}
    row = next(n for n, r in enumerate(rows) if r.id in mine)
    dlg.table.setCurrentCell(row, 0)
    dlg.verdict.setCurrentIndex(dlg.verdict.findData("acceptable"))
    dlg.note.setText("抽查合格")
    dlg.record()
    assert {r.id: r.verdict for r in review_draws.reviews(desk.db, "quality", dlg.month.text())}[rows[row].id] == \
        "acceptable"
    assert "1" in dlg.summary.text()
