"""The plans' rates: closed on time ≥ 95%, overdue ≤ 5%, satisfaction ≥ 90%, against the data."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.models import Incident
from desk.domain.rates import rates


def test_each_rate_against_its_target():
    on_time, overdue, satisfied = rates(96, 100, 4, 100, 89, 100)
    assert (on_time.share, on_time.met) == (0.96, True)
    assert (overdue.share, overdue.met) == (0.04, True)
    assert (satisfied.share, satisfied.met) == (0.89, False)
    empty = rates(0, 0, 0, 0, 0, 0)
    assert all(r.share is None and r.met is None for r in empty)  # nothing to count is not a failure


def test_the_figures_are_counted_from_the_incidents(desk):
    now = desk.now()
    since = now - timedelta(days=30)
    with desk.db.session() as s:
        rows = s.execute(select(Incident.matter, Incident.closed_at, Incident.answered_at, Incident.answer_due_at,
                                Incident.close_due_at, Incident.evaluated_at, Incident.satisfaction)).all()
    closed = [r for r in rows if r.closed_at is not None and since <= r.closed_at <= now]
    in_time = [r for r in closed if r.matter == "police" and r.answered_at is not None
               and r.answer_due_at is not None and r.answered_at <= r.answer_due_at] + [r for r in closed if r.matter != "police" and r.close_due_at is not None
                                           and r.closed_at <= r.close_due_at]
    evaluated = [r for r in rows if r.evaluated_at is not None and since <= r.evaluated_at <= now
                 and r.satisfaction is not None]
    on_time, overdue, satisfied = desk.loop_rates()
    assert (on_time.count, on_time.total) == (len(in_time), len(closed)) and on_time.total > 0
    assert (satisfied.count, satisfied.total) == (sum(r.satisfaction >= 4 for r in evaluated), len(evaluated))
    queue = desk.queue()
    assert (overdue.count, overdue.total) == (sum(r.card.value == "red" for r in queue), len(queue))


def test_the_queue_shows_the_rates_and_marks_those_missed(zh_app, desk, qtbot):
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.queue_view import QueueView

    bridge = ChangeBridge(desk, poll=False, clock=False)
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: "按期办结" in view.rates.text(), timeout=10000)
    text = view.rates.text()
    assert "目标≥95%" in text and "目标≤5%" in text and "目标≥90%" in text
    missed = [r for r in desk.loop_rates() if r.met is False]
    assert text.count("font-weight:bold") == len(missed)
    bridge.stop()
