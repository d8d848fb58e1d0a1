"""Home visits and key groups: the rules as data, who is due and overdue as of any moment (hand-checked
cases), a visit recorded in one write that takes its household off the list, copy-paste notes flagged,
a finding turned into an incident linked both ways, plans (一人一策) on record, joint visits, the
figures, and residents' data masked unless the role may see it (every reveal audited)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import (AuditRecord, Grid, GroupMember, Household, Incident, KeyPersonPlan, Resident, Staff, Visit,
                       VisitGroup)
from desk.domain import visits as rules
from desk.domain.visits import DueState, Period, Rule
from desk.services import visits as vs
from desk.services.accounts import actor_for
from desk.services.desk import DeskServices
from desk.services.errors import BadInput
from desk.services.incidents import IncidentDraft
from desk.services.reads.visits import Query


def _as(desk, login) -> DeskServices:
    return DeskServices(desk.db, actor_for(desk.db, login), desk.clock)


def _audits(desk) -> int:
    with desk.db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditRecord)) or 0


def _household(desk, *where):
    with desk.db.session() as s:
        h = s.scalars(select(Household).where(*where).order_by(Household.id)).first()
        s.expunge(h)
        return h


def _grid_worker(desk, grid_id):
    with desk.db.session() as s:
        return s.scalar(select(Staff.id).where(Staff.role == "grid_worker", Staff.grid_id == grid_id))


def _officer(desk, cell_id):
    with desk.db.session() as s:
        return s.scalar(select(Staff.id).where(Staff.role == "community_police", Staff.police_cell_id == cell_id))


# --- the rules ------------------------------------------------------------------------------------

def test_the_rules_give_the_plans_intervals():
    assert Rule(2, Period.MONTH).interval == timedelta(days=15)
    assert Rule(2, Period.QUARTER).interval == timedelta(days=45)
    assert Rule(1, Period.QUARTER).interval == timedelta(days=91)
    assert Rule(1, Period.YEAR).interval == timedelta(days=365)
    by = {g.code: g for g in rules.DEFAULT_GROUPS}
    assert sum(1 for g in rules.DEFAULT_GROUPS if g.kind == rules.KEY) == 6
    assert by["released_prisoner"].must_visit and by["difficult_family"].subject == "household"
    assert by["officer_yearly"].officer_only


def test_due_states_on_hand_checked_dates():
    visited = datetime(2026, 8, 1, 2, 0)
    rule = Rule(1, Period.QUARTER)  # due 91 days on: 2026-10-31 02:00 UTC
    def end_of(d):  # the end of the Beijing day holding d, in UTC
        local = d + timedelta(hours=8)
        return datetime(local.year, local.month, local.day) + timedelta(days=1) - timedelta(hours=8)

    for as_of, state in ((datetime(2026, 10, 20), DueState.LATER), (datetime(2026, 10, 25), DueState.WEEK),
                         (datetime(2026, 10, 30, 20), DueState.TODAY), (datetime(2026, 10, 31, 3), DueState.OVERDUE)):
        got = rules.due(rule, visited, datetime(2020, 1, 1), as_of, end_of(as_of))
        assert got.due_at == datetime(2026, 10, 31, 2, 0) and got.state is state, as_of
    # Never visited: due an interval after joining the group.
    assert rules.due(Rule(2, Period.MONTH), None, datetime(2026, 11, 1), datetime(2026, 11, 20),
                     end_of(datetime(2026, 11, 20))).state is DueState.OVERDUE
    assert rules.quarter_of(date(2026, 11, 24)) == "2026Q4"
    assert rules.quarter_bounds("2026Q4") == (date(2026, 10, 1), date(2027, 1, 1))
    with pytest.raises(ValueError):
        rules.quarter_bounds("2026Q5")


def test_repeated_notes_are_flagged_and_short_ones_are_not():
    earlier = [(1, "入户走访，家中一切正常，人员稳定，无矛盾纠纷，无安全隐患。"), (2, "无异常")]
    assert rules.similar("入户走访,家中一切正常,人员稳定,无矛盾纠纷,无安全隐患", earlier)[0] == 1
    assert rules.similar("无异常", earlier) is None
    assert rules.similar("反映村道路灯损坏，已报村委会，约定下周回访。", earlier) is None


# --- the demo and the list ------------------------------------------------------------------------

def test_the_demo_has_every_grids_households_groups_plans_and_a_year_of_visits(desk):
    info = desk.info()
    with desk.db.session() as s:
        assert info["households"] == s.scalar(select(func.sum(Grid.households)))
        assert s.scalar(select(func.count()).select_from(VisitGroup)) == len(rules.DEFAULT_GROUPS)
        keys = set(s.scalars(select(GroupMember.resident_id).join(VisitGroup, VisitGroup.id == GroupMember.group_id)
                             .where(VisitGroup.kind == "key")))
        assert keys and keys == set(s.scalars(select(KeyPersonPlan.resident_id)))
        first, last = s.execute(select(func.min(Visit.at), func.max(Visit.at))).one()
        assert last - first > timedelta(days=330)
        assert s.scalar(select(func.count()).select_from(Household).where(Household.last_visit_at.is_(None))) == 0
    rows = desk.visits_due()
    assert {r.state for r in rows} >= {DueState.OVERDUE, DueState.WEEK}
    assert rows == sorted(rows, key=lambda r: (r.due_local, r.code))


def test_today_and_as_of_read_the_same_list(desk):
    now = desk.now()
    assert desk.visits_due() == desk.visits_due(as_of=now)
    earlier = desk.visits_due(as_of=now - timedelta(days=30))
    assert earlier != desk.visits_due()


def test_recording_a_visit_takes_the_household_off_the_list(desk):
    row = next(r for r in desk.visits_due(Query(group="household")) if r.state is DueState.OVERDUE)
    h = _household(desk, Household.id == row.household_id)
    worker = _grid_worker(desk, h.grid_id)
    before = _audits(desk)
    vid = vs.record_visit(desk.ops, desk.actor, h.id, desk.now(), "入户核实人员情况，反映门前排水沟堵塞。",
                          grid_worker_id=worker, risk="blue", follow_up="报村委会疏通")
    assert _audits(desk) == before + 1
    assert not [r for r in desk.visits_due(Query(group="household")) if r.household_id == h.id]
    with desk.db.session() as s:
        assert s.get(Household, h.id).last_visit_at == desk.now()
        assert s.get(Visit, vid).recorded_by is not None
    # The same household is still due its officer's yearly visit if it was: a grid worker's does not count.
    hf = desk.household_file(h.id)
    assert hf.visits[0].id == vid and "网格员" in hf.visits[0].who


def test_a_copied_note_is_flagged_for_the_reviewer(desk):
    h = _household(desk)
    worker = _grid_worker(desk, h.grid_id)
    note = "入户走访，家中一切正常，人员稳定，无矛盾纠纷，无安全隐患，已宣传反诈知识。"
    first = vs.record_visit(desk.ops, desk.actor, h.id, desk.now() - timedelta(days=1), note, grid_worker_id=worker)
    second = vs.record_visit(desk.ops, desk.actor, h.id, desk.now(), note.replace("，", " "), grid_worker_id=worker)
    with desk.db.session() as s:
        v = s.get(Visit, second)
        assert v.similar_to_id is not None and v.similarity >= 0.9
    line = desk.household_file(h.id).visits[0]
    assert line.similar_to_id is not None


def test_bad_visits_are_refused_and_nothing_is_written(desk):
    h = _household(desk)
    worker = _grid_worker(desk, h.grid_id)
    with desk.db.session() as s:
        count = s.scalar(select(func.count()).select_from(Visit))
        stranger = s.scalar(select(Resident.id).where(Resident.household_id != h.id))
    cases = [
        (dict(at=desk.now() + timedelta(days=1)), "at"),
        (dict(grid_worker_id=None), "officer"),
        (dict(mode="letter"), "mode"),
        (dict(risk="purple"), "risk"),
        (dict(resident_id=stranger), "resident"),
        (dict(officer_id=worker), "officer_id"),  # a grid worker is not the officer
        (dict(findings="  "), "findings"),
    ]
    for change, field in cases:
        args = dict(at=desk.now(), findings="无异常", grid_worker_id=worker)
        args.update(change)
        with pytest.raises(BadInput) as exc:
            vs.record_visit(desk.ops, desk.actor, h.id, **args)
        assert exc.value.params["field"] == field, change
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == count


def test_a_finding_becomes_an_incident_linked_both_ways(desk):
    h = _household(desk)
    worker = _grid_worker(desk, h.grid_id)
    vid = vs.record_visit(desk.ops, desk.actor, h.id, desk.now(), "两户因宅基地边界争执，情绪激动。",
                          grid_worker_id=worker, risk="yellow")
    draft = IncidentDraft(title="宅基地边界纠纷", item_type="邻里纠纷", source="visit", lon=h.lon, lat=h.lat,
                          description="走访发现")
    iid, _ = desk.incidents.register(desk.actor, draft, visit_id=vid)
    with desk.db.session() as s:
        assert s.get(Visit, vid).incident_id == iid
        assert s.get(Incident, iid).source == "visit"
    assert desk.household_file(h.id).visits[0].incident_id == iid
    with pytest.raises(ValueError):  # one incident per visit
        desk.incidents.register(desk.actor, draft, visit_id=vid)


def test_a_key_persons_plan_sets_the_frequency_and_is_on_record(desk):
    h = _household(desk)
    with desk.db.session() as s:
        rid = s.scalar(select(Resident.id).where(Resident.household_id == h.id))
    officer = _officer(desk, h.police_cell_id)
    vs.set_member(desk.ops, desk.actor, "released_prisoner", True, resident_id=rid)
    mine = [r for r in desk.visits_due(Query(group="released_prisoner")) if r.resident_id == rid]
    assert not mine  # joined now: due in 15 days
    vs.set_plan(desk.ops, desk.actor, rid, officer, _grid_worker(desk, h.grid_id), None, "每周见面一次",
                count=4, period="month")
    desk.clock.now += timedelta(days=8)
    mine = [r for r in desk.visits_due(Query(group="released_prisoner")) if r.resident_id == rid]
    assert mine and mine[0].state is DueState.OVERDUE and mine[0].rule == "每月不少于4次"
    assert mine[0].officer_id == officer
    with desk.db.session() as s:
        plan = s.scalars(select(KeyPersonPlan).where(KeyPersonPlan.resident_id == rid)).one()
        assert plan.updated_by is not None and plan.notes == "每周见面一次"
        assert s.scalar(select(func.count()).select_from(AuditRecord).where(AuditRecord.operation == "visit.plan")) == 1
    with pytest.raises(BadInput):
        vs.set_plan(desk.ops, desk.actor, rid, officer, None, None, count=4, period=None)
    with pytest.raises(BadInput):
        vs.set_member(desk.ops, desk.actor, "household", True, household_id=h.id)


def test_filters_by_officer_grid_and_group(desk):
    rows = desk.visits_due()
    grid_id = rows[0].grid_id
    assert {r.grid_id for r in desk.visits_due(Query(grid_id=grid_id))} == {grid_id}
    officer = next(r.officer_id for r in rows if r.officer_id)
    assert {r.officer_id for r in desk.visits_due(Query(officer_id=officer))} == {officer}
    assert {r.group for r in desk.visits_due(Query(group="officer_yearly"))} == {"officer_yearly"}
    overdue = desk.visits_due(Query(states=(DueState.OVERDUE,)))
    assert overdue and all(r.state is DueState.OVERDUE for r in overdue)


def test_joint_visits_planned_and_done(desk):
    h = _household(desk)
    today = desk.now().date()
    vs.plan_joint_visit(desk.ops, desk.actor, h.grid_id, today, "本季度联合走访")
    row = next(r for r in desk.joint_visits() if r.grid_id == h.grid_id)
    assert row.planned_on == today
    with desk.db.session() as s:
        volunteer = s.scalar(select(Staff.id).where(Staff.role == "volunteer"))
    vs.record_visit(desk.ops, desk.actor, h.id, desk.now(), "民警、网格员、志愿者联合走访，宣传防诈。",
                    officer_id=_officer(desk, h.police_cell_id), grid_worker_id=_grid_worker(desk, h.grid_id),
                    volunteer_id=volunteer)
    assert next(r for r in desk.joint_visits() if r.grid_id == h.grid_id).state == "done"


def test_figures_and_confirming_a_file(desk):
    whole = desk.visit_figures()[0]
    assert whole.scope == "" and whole.households == desk.info()["households"]
    assert 0 < whole.covered_this_year <= 100 and 0 < whole.key_as_planned <= 100
    assert set(whole.on_time) >= {"household", "officer_yearly", "released_prisoner"}
    stale = next(h for h in (desk.household_file(r.household_id) for r in desk.visits_due()[:200]) if h.stale)
    vs.confirm_household(desk.ops, desk.actor, stale.id)
    assert not desk.household_file(stale.id).stale
    by_officer = desk.visit_figures(by="officer")
    assert len(by_officer) > 2


def test_residents_are_masked_unless_the_role_may_see_them_and_reveals_are_audited(desk):
    """Masked for every role by default; the leader (who may see them) reveals one field at a time."""
    operator_rows = desk.visits_due()
    leader = _as(desk, "leader")
    assert all("*" in r.name for r in operator_rows + leader.visits_due() if len(r.name) > 1)
    hf = desk.household_file(operator_rows[0].household_id)
    assert "*" in hf.members[0].id_number and hf.members[0].birth_date is None
    person = hf.members[0].id
    with pytest.raises(PermissionError):
        vs.reveal_resident(desk.ops, desk.actor, person, "id_number")
    before = _audits(desk)
    with desk.db.session() as s:
        real = s.get(Resident, person).id_number
    assert vs.reveal_resident(leader.ops, leader.actor, person, "id_number") == real
    assert _audits(desk) == before + 1
    assert all("*" in r.name for r in desk.visits_due(wall=True) if len(r.name) > 1)


def test_info_counts_and_the_visits_bench_print_their_figures(desk, db_path, capsys):
    import json

    from desk.cli import main

    info = desk.info()
    assert info["key_persons"] > 0 and info["visits"] > info["households"]
    assert info["visits_overdue"] == len(desk.visits_due(Query(states=(DueState.OVERDUE,))))
    assert main(["bench", "visits", "--db", str(db_path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {"due_ms", "officer_ms", "record_ms"} <= set(figures) and figures["detail"]["due_rows"] > 0
    with desk.db.session() as s:  # the bench wrote to a copy
        assert s.scalar(select(func.count()).select_from(Visit)) == info["visits"]
    assert main(["visits", "due", "--db", str(db_path), "--json", "--group", "household"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["group"] for r in rows} == {"household"} and all("*" in r["name"] for r in rows
                                                                        if len(r["name"]) > 1)
