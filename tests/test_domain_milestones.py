"""The milestone clocks, hand-checked: minutes, hours and days; calendar and working days with weekends,
public holidays and the weekend days worked instead; which rule applies; the cards a miss gives."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desk.domain.clock import to_utc
from desk.domain.holidays import default_holidays
from desk.domain.milestones import (DEFAULT_RULES, Rule, RuleError, WorkCalendar, card_at, event_times, rules_for,
                                    schedule)

CAL = WorkCalendar(frozenset(d for d, k, _ in default_holidays() if k == "holiday"),
                   frozenset(d for d, k, _ in default_holidays() if k == "workday"))


def bj(text: str) -> datetime:
    """A Beijing wall-clock time as the naive UTC the desk stores."""
    return to_utc(datetime.fromisoformat(text))


def codes(item_type: str, nature: str, tier: str = "second") -> list[str]:
    return [r.code for r in rules_for(DEFAULT_RULES, item_type, nature, tier)]


def test_the_plans_defaults_per_kind_of_item():
    assert codes("neighbour_dispute", "grid") == ["route", "respond", "close", "close_red"]
    assert codes("theft", "police") == ["route", "answer"]
    assert codes("help_request", "grid") == ["route", "respond", "close", "close_red", "help_answer", "help_handle"]
    assert codes("fighting", "police") == ["route", "answer", "on_site", "professional"]


def test_a_more_specific_rule_wins_and_an_inactive_one_switches_the_clock_off():
    rules = DEFAULT_RULES + (
        Rule("close", "registered", "closed", 5, "days", card="yellow", item_type="land_ownership_dispute"),
        Rule("route", "registered", "dispatched", 10, "minutes", nature="grid", tier="first", active=False),
    )
    land = {r.code: r for r in rules_for(rules, "land_ownership_dispute", "grid", "second")}
    assert land["close"].limit == 5 and "route" in land
    assert "route" not in codes_of(rules, "neighbour_dispute", "grid", "first")
    assert "route" in codes_of(rules, "theft", "police", "first")


def codes_of(rules, *key) -> list[str]:
    return [r.code for r in rules_for(rules, *key)]


def test_minute_clocks_of_an_urgent_help_request():
    reg = bj("2026-11-24 09:00")
    rules = rules_for(DEFAULT_RULES, "help_request", "grid", "second")
    waiting = schedule(rules, event_times(reg))
    assert (waiting.due_at, waiting.due_code) == (reg + timedelta(minutes=5), "help_answer")
    assert waiting.yellow_at == reg + timedelta(minutes=5) and waiting.red_at == reg + timedelta(minutes=15)
    assert card_at(True, waiting.yellow_at, waiting.red_at, reg + timedelta(minutes=4, seconds=59)) == "none"
    assert card_at(True, waiting.yellow_at, waiting.red_at, reg + timedelta(minutes=5)) == "yellow"
    assert card_at(True, waiting.yellow_at, waiting.red_at, reg + timedelta(minutes=15)) == "red"
    # Answered in 3 minutes and handled in 12: the minute clocks are kept; what still runs is the grid
    # matter's close, yellow at 3 days.
    done = schedule(rules, event_times(reg, dispatched_at=reg + timedelta(minutes=2),
                                       answered_at=reg + timedelta(minutes=3), feedback_at=reg + timedelta(minutes=12)))
    assert all(m.missed_at is None for m in done.milestones if m.rule.code.startswith("help"))
    assert done.yellow_at == reg + timedelta(days=3) and done.due_code == "close"
    # Answered late: yellow from the fifth minute on, and it stays (the miss is on record).
    late = schedule(rules, event_times(reg, answered_at=reg + timedelta(minutes=7),
                                       feedback_at=reg + timedelta(minutes=14)))
    assert late.yellow_at == reg + timedelta(minutes=5) and late.red_at == reg + timedelta(days=6)


def test_police_matter_answered_late_stays_red_and_one_in_time_never_turns():
    reg = bj("2026-11-20 16:30")
    rules = rules_for(DEFAULT_RULES, "theft", "police", "second")
    late = schedule(rules, event_times(reg, dispatched_at=reg + timedelta(hours=1),
                                       answered_at=reg + timedelta(hours=25)))
    assert late.red_at == reg + timedelta(hours=24)
    in_time = schedule(rules, event_times(reg, dispatched_at=reg + timedelta(minutes=8),
                                          answered_at=reg + timedelta(hours=23)))
    assert in_time.red_at is None and in_time.due_at is None  # nothing left to run


def test_grid_matter_yellow_at_three_days_red_at_six_and_closing_stops_them():
    reg = bj("2026-11-02 10:00")
    rules = rules_for(DEFAULT_RULES, "neighbour_dispute", "grid", "second")
    open_ = schedule(rules, event_times(reg, dispatched_at=reg + timedelta(minutes=5),
                                        answered_at=reg + timedelta(hours=1)))
    assert open_.yellow_at == reg + timedelta(days=3) and open_.red_at == reg + timedelta(days=6)
    closed = schedule(rules, event_times(reg, dispatched_at=reg + timedelta(minutes=5),
                                         answered_at=reg + timedelta(hours=1), closed_at=reg + timedelta(days=4)))
    assert closed.yellow_at == reg + timedelta(days=3) and closed.red_at is None
    assert not card_at(False, closed.yellow_at, closed.red_at, reg + timedelta(days=10)) != "none"


def test_working_days_skip_the_weekend():
    # Friday 2026-11-20 15:00 + 3 working days: Monday, Tuesday, Wednesday → Wednesday 15:00 (the 25th).
    assert CAL.add(bj("2026-11-20 15:00"), timedelta(days=3)) == bj("2026-11-25 15:00")
    # Registered on Saturday: the clock starts Monday 00:00, so 2 working hours end Monday 02:00.
    assert CAL.add(bj("2026-11-21 11:00"), timedelta(hours=2)) == bj("2026-11-23 02:00")
    assert CAL.working_between(bj("2026-11-20 15:00"), bj("2026-11-23 09:00")) == timedelta(hours=18)


def test_working_days_skip_the_national_day_week_and_count_the_saturday_worked_after_it():
    # Wednesday 30 September 12:00 + 2 working days: the rest of the 30th (12 h), then 1–7 October are
    # holidays, Thursday the 8th (24 h) and Friday the 9th... 12 h + 24 h + 12 h → Friday 9th 12:00.
    assert CAL.add(bj("2026-09-30 12:00"), timedelta(days=2)) == bj("2026-10-09 12:00")
    # Friday 9 October 12:00 + 1 working day: Saturday the 10th is worked (调休上班) → Saturday 12:00.
    assert CAL.add(bj("2026-10-09 12:00"), timedelta(days=1)) == bj("2026-10-10 12:00")
    assert CAL.is_working(date(2026, 10, 10)) and not CAL.is_working(date(2026, 10, 5))
    assert CAL.is_working(date(2026, 2, 14))  # the Saturday before the Spring Festival is worked


def test_a_working_day_rule_in_a_schedule():
    rules = [Rule("close", "registered", "closed", 3, "days", calendar="working", card="yellow")]
    reg = bj("2026-09-30 09:00")
    plan = schedule(rules, event_times(reg), CAL)
    # 15 h on the 30th, then the 8th, the 9th (48 h), then 9 h of the 10th (a worked Saturday).
    assert plan.yellow_at == bj("2026-10-10 09:00")


def test_a_clock_cannot_stop_before_it_starts_or_run_for_nothing():
    with pytest.raises(RuleError, match="stop_event"):
        Rule("x", "answered", "dispatched", 1, "hours").check()
    with pytest.raises(RuleError, match="limit"):
        Rule("x", "registered", "closed", 0, "hours").check()
    with pytest.raises(RuleError, match="unit"):
        Rule("x", "registered", "closed", 3, "weeks").check()
    for rule in DEFAULT_RULES:
        rule.check()


@pytest.mark.parametrize("item_type,nature", [("neighbour_dispute", "grid"), ("theft", "police")])
def test_the_default_table_gives_the_plans_cards_as_written_out_by_hand(item_type, nature):
    """cards.assess is the plans' two basic clocks written out by hand; the rule table must agree with it
    for ordinary items (not the minute clocks of urgent ones) at every moment and answer time."""
    from desk.domain.cards import assess

    reg = bj("2026-11-02 10:00")
    rules = rules_for(DEFAULT_RULES, item_type, nature, "second")
    for answered_h in (None, 1, 23, 25, 100):
        answered = reg + timedelta(hours=answered_h) if answered_h is not None else None
        plan = schedule(rules, event_times(reg, dispatched_at=reg + timedelta(minutes=5), answered_at=answered))
        for hours in range(0, 24 * 8, 7):
            now = reg + timedelta(hours=hours)
            seen = answered if answered is not None and answered <= now else None
            expected = assess(nature, "handling", reg, seen, now).card.value
            assert card_at(True, plan.yellow_at, plan.red_at, now) == expected, (answered_h, hours)
