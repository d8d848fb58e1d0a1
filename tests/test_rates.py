"""The plans' rates: closed on time ≥ 95%, overdue ≤ 5%, satisfaction ≥ 90%, against the data."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.models import Incident
from desk.domain.milestones import DEFAULT_RULES, ON_SITE_TYPES, event_times, rules_for, schedule
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
        rows = s.execute(select(Incident.item_type, Incident.matter, Incident.tier, Incident.registered_at,
                                Incident.dispatched_at, Incident.answered_at, Incident.arrived_at,
                                Incident.professional_at, Incident.feedback_at, Incident.closed_at,
                                Incident.evaluated_at, Incident.satisfaction)).all()
    closed = [r for r in rows if r.closed_at is not None and since <= r.closed_at <= now]

    def kept_every_carded_clock(r) -> bool:
        # On time: no milestone that gives a card was missed (worked out here from the event times).
        plan = schedule(rules_for(DEFAULT_RULES, r.item_type, r.matter, r.tier), event_times(
            r.registered_at, dispatched_at=r.dispatched_at, answered_at=r.answered_at, arrived_at=r.arrived_at,
            professional_at=r.professional_at, feedback_at=r.feedback_at, closed_at=r.closed_at))
        return not any(m.rule.card != "none" and m.missed_at is not None for m in plan.milestones)

    in_time = [r for r in closed if kept_every_carded_clock(r)]
    police = [r for r in closed if r.matter == "police"]
    # For a police matter that is the 24 h answer, as the plans say.
    assert sum(kept_every_carded_clock(r) for r in police) >= sum(
        r.answered_at is not None and r.answered_at <= r.registered_at + timedelta(hours=24) for r in police) - sum(
        r.item_type in ON_SITE_TYPES for r in police)
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
