from datetime import date, datetime, timedelta

import pytest

from desk.domain import lifecycle
from desk.domain.agenda import ActionState, CardedIncident, PeriodStats, RiskNote, build_agenda
from desk.domain.changes import Change, ChangeCollector, ChangeSet, Entity, Op
from desk.domain.clock import local_window, to_local, to_utc
from desk.domain.masking import mask_id_number, mask_name, mask_phone
from desk.domain.permissions import Actor, Perm, PermissionDenied, require
from desk.domain.roster import Member, corps_meets_targets, station_gaps, team_composition
from desk.domain.warnings import GaugeState, Level, assess_gauge, current_level, patrols_stopped_in_hazard_areas
from desk.domain.lifecycle import Action, Status


def test_closed_loop_transitions():
    s = Status.REGISTERED
    for action, expected in ((Action.DISPATCH, Status.DISPATCHED), (Action.ACCEPT, Status.HANDLING),
                             (Action.FEEDBACK, Status.FEEDBACK), (Action.RETURN, Status.HANDLING),
                             (Action.FEEDBACK, Status.FEEDBACK), (Action.CLOSE, Status.CLOSED),
                             (Action.EVALUATE, Status.EVALUATED)):
        s = lifecycle.next_status(s, action)
        assert s is expected
    assert not lifecycle.is_open(s)


def test_illegal_transition_names_the_step():
    with pytest.raises(lifecycle.TransitionError, match="cannot close an incident that is registered"):
        lifecycle.next_status("registered", Action.CLOSE)
    assert lifecycle.allowed_actions("feedback") == [Action.RETURN, Action.CLOSE]


def test_permissions_separate_roles():
    operator = Actor(1, "duty", "operator")
    wall = Actor(None, "wall", "wall")
    auditor = Actor(2, "audit", "auditor")
    require(operator, Perm.REGISTER)
    with pytest.raises(PermissionDenied):
        require(wall, Perm.REGISTER)
    with pytest.raises(PermissionDenied):
        require(auditor, Perm.REVIEW)
    assert not wall.can(Perm.VIEW_PERSONAL) and not wall.can(Perm.VIEW_STAFF_CONTACT)


def test_masking():
    assert mask_phone("13912345678") == "139****5678"
    # Phones of every length: a landline keeps only its area code and last two digits, a local number too.
    assert mask_phone("0571-88886666") == "0571-******66"
    assert mask_phone("010-65123456") == "010-******56"
    assert mask_phone("5551234") == "*****34" and mask_phone("88886666") == "******66"
    assert mask_phone("110") == "***" and mask_phone("") == ""
    assert mask_id_number("330102199001011234") == "3301**********1234"
    assert mask_name("张三丰") == "张*丰"
    assert mask_name("李四") == "李*"


def test_times_are_beijing_for_people_utc_in_storage():
    utc = datetime(2026, 11, 23, 0, 30)
    assert to_local(utc) == datetime(2026, 11, 23, 8, 30)
    assert to_utc(to_local(utc)) == utc
    start, end = local_window(date(2026, 11, 23), datetime.min.time().replace(hour=19),
                              datetime.min.time().replace(hour=21))
    assert (start, end) == (datetime(2026, 11, 23, 11, 0), datetime(2026, 11, 23, 13, 0))


def test_warning_levels_rank_blue_to_red():
    assert current_level([]) is Level.NONE
    assert current_level(["blue", "orange", "yellow"]) is Level.ORANGE
    assert Level.RED.roman == "I" and Level.BLUE.roman == "IV"
    assert patrols_stopped_in_hazard_areas(Level.YELLOW)
    assert not patrols_stopped_in_hazard_areas(Level.BLUE)


def test_rain_gauge_judged_on_24h_sum_river_on_latest():
    now = datetime(2026, 11, 23, 12)
    rain = [(now - timedelta(hours=h), 5.0) for h in range(0, 30)]
    a = assess_gauge("rain", rain, warn=50, danger=100, now=now)
    assert a.value == 120.0 and a.state is GaugeState.DANGER
    river = [(now - timedelta(hours=2), 3.0), (now, 4.2)]
    b = assess_gauge("river", river, warn=4.0, danger=5.0, now=now)
    assert b.value == 4.2 and b.state is GaugeState.WARN


def test_station_formula_gaps_and_team_targets():
    assert station_gaps({"community_police": 1, "auxiliary_police": 1, "police_assistant": 2,
                         "antidrug_worker": 1, "trainee_assistant": 2}) == {"auxiliary_police": 1}
    today = date(2026, 11, 23)
    team = [Member("F", 1990, True, "captain"), Member("F", 1985, True, "vice_captain")] + \
           [Member("M", 1980, i % 2 == 0) for i in range(8)]
    comp = team_composition(team, today)
    assert comp.size == 10 and comp.problems == []
    assert corps_meets_targets(team, today)
    assert not corps_meets_targets(team[1:], today)  # one woman in nine is under 20%
    lonely = team_composition([Member("M", 1960, False)], today)
    assert set(lonely.problems) >= {"size", "no_woman", "no_party_member", "no_captain"}


def test_change_sets():
    c = ChangeCollector()
    c.add(Entity.INCIDENT, Op.UPDATED, 3)
    cs = c.build()
    assert cs.touches(Entity.INCIDENT) and not cs.touches(Entity.SHIFT)
    assert cs.ids(Entity.INCIDENT) == {3}
    assert Change.from_dict(cs.changes[0].to_dict()) == cs.changes[0]
    assert ChangeSet((Change(Entity.DATABASE, Op.RELOADED),)).touches(Entity.SHIFT)


def test_agenda_is_built_from_the_data():
    stats = PeriodStats(registered=100, closed=90, open_now=10, overdue_now=3, satisfaction=4.6)
    carded = [CardedIncident(1, "SJ1", "土地纠纷", "red", 7.5, "司法所", "云溪村"),
              CardedIncident(2, "SJ2", "噪音", "yellow", 3.5, "派出所", "集镇社区"),
              CardedIncident(3, "SJ3", "边界纠纷", "red", 9.0, "司法所", "云溪村")]
    actions = [ActionState(1, "整治", "综治办", date(2026, 11, 1), False),
               ActionState(2, "宣传", "派出所", date(2026, 12, 1), False),
               ActionState(3, "排查", "应急管理办", date(2026, 11, 5), True)]
    agenda = build_agenda(stats, carded, [], [RiskNote("warning", "landslide", "yellow")], actions,
                          date(2026, 11, 23))
    assert [e.incident_id for e in agenda.section("red")] == [3, 1]  # oldest first
    assert [e.incident_id for e in agenda.section("yellow")] == [2]
    assert [e.state for e in agenda.section("actions")] == ["overdue", "open", "done"]
    assert agenda.section("risk")[0].detail == "yellow"
    assert stats.closed_rate == 0.9


def test_a_rain_warning_sets_off_both_flood_and_landslide_plans():
    from desk.domain.warnings import plan_levels

    assert plan_levels([("rain", "yellow"), ("landslide", "orange")]) == {
        "flood": Level.YELLOW, "landslide": Level.ORANGE}
    assert plan_levels([("flood", "blue")]) == {"flood": Level.BLUE}
    assert plan_levels([]) == {}
