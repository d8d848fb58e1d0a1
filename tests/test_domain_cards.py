from datetime import datetime, timedelta

from desk.domain.cards import Card, assess, urgency_key

T0 = datetime(2026, 11, 1, 8, 0)


def test_grid_matter_yellow_at_three_days_red_at_six():
    assert assess("grid", "dispatched", T0, T0, T0 + timedelta(days=2, hours=23)).card is Card.NONE
    assert assess("grid", "dispatched", T0, T0, T0 + timedelta(days=3)).card is Card.YELLOW
    assert assess("grid", "handling", T0, T0, T0 + timedelta(days=5, hours=23)).card is Card.YELLOW
    assert assess("grid", "feedback", T0, T0, T0 + timedelta(days=6)).card is Card.RED


def test_grid_matter_time_left_counts_to_three_days():
    d = assess("grid", "registered", T0, None, T0 + timedelta(days=1))
    assert d.remaining == timedelta(days=2)
    assert d.milestone == "close"
    late = assess("grid", "registered", T0, None, T0 + timedelta(days=4))
    assert late.overdue and late.remaining == -timedelta(days=1)


def test_police_matter_red_when_24h_answer_missed():
    assert assess("police", "registered", T0, None, T0 + timedelta(hours=23)).card is Card.NONE
    missed = assess("police", "registered", T0, None, T0 + timedelta(hours=24))
    assert missed.card is Card.RED and missed.milestone == "answer"
    answered = assess("police", "dispatched", T0, T0 + timedelta(hours=2), T0 + timedelta(days=10))
    assert answered.card is Card.NONE
    answered_late = assess("police", "dispatched", T0, T0 + timedelta(hours=30), T0 + timedelta(days=2))
    assert answered_late.card is Card.RED


def test_closed_incidents_carry_no_card():
    for status in ("closed", "evaluated"):
        assert assess("grid", status, T0, T0, T0 + timedelta(days=30)).card is Card.NONE


def test_urgency_orders_red_then_yellow_then_least_time():
    now = T0 + timedelta(days=7)
    red = assess("grid", "handling", T0, T0, now)
    yellow = assess("grid", "handling", T0 + timedelta(days=3), T0, now)
    fresh = assess("grid", "handling", T0 + timedelta(days=6, hours=12), T0, now)
    fresher = assess("grid", "handling", T0 + timedelta(days=6, hours=20), T0, now)
    keys = [urgency_key(fresher, T0), urgency_key(yellow, T0), urgency_key(red, T0), urgency_key(fresh, T0)]
    assert sorted(keys) == [keys[2], keys[1], keys[3], keys[0]]
