"""The evacuation board by name: the households a hazard point threatens come from their files, each
person is accounted for (moved, checked in, away) or on the unaccounted list, a household checks in at
its shelter in one step, the call list holds the monitors and village cadres with the last call, and
names are masked on the wall while phones follow the personal-data rule."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import (AuditRecord, CallLog, EvacuationCount, Evacuee, HazardHousehold, HazardPoint, Household,
                       Resident, Shelter, ShelterCheckIn)
from desk.services import emergency_ops as em
from desk.services import evacuation as ev
from desk.services.accounts import actor_for
from desk.services.desk import DeskServices
from desk.services.errors import BadInput


def _orange(desk) -> int:
    return em.activate(desk.ops, desk.actor, "landslide", "orange", "暴雨橙色预警")


def _board(desk, wall=False):
    snap = desk.emergency(wall=wall)
    assert snap.board is not None
    return snap, snap.board


def _as(desk, login) -> DeskServices:
    return DeskServices(desk.db, actor_for(desk.db, login), desk.clock)


def test_demo_hazard_points_have_their_households_on_file(desk):
    with desk.db.session() as s:
        for p in s.scalars(select(HazardPoint)):
            linked = s.scalar(select(func.count()).select_from(HazardHousehold)
                              .where(HazardHousehold.hazard_point_id == p.id))
            persons = s.scalar(select(func.count()).select_from(Resident)
                               .join(HazardHousehold, HazardHousehold.household_id == Resident.household_id)
                               .where(HazardHousehold.hazard_point_id == p.id))
            assert (linked, persons) == (p.households, p.persons), p.name
        # Birth dates agree with the ID numbers (GB 11643), as an import will check.
        for r in s.scalars(select(Resident).limit(50)):
            assert r.id_number[6:14] == r.birth_date.strftime("%Y%m%d")


def test_activating_counts_the_households_on_file_and_lists_everyone_unaccounted(desk):
    _orange(desk)
    snap, board = _board(desk)
    assert board.households and board.calls
    for row in snap.evacuation:
        mine = [h for h in board.households if h.hazard_point_id == row.hazard_point_id]
        assert row.households_to_move == len(mine)
        assert row.persons_to_move == sum(len(h.members) for h in mine)
    assert len(board.missing) == sum(len(h.members) for h in board.households)
    # The operator who runs the evacuation reads names; residents' phones stay masked for the role.
    with desk.db.session() as s:
        first = s.get(Household, board.households[0].id)
    assert board.households[0].head == first.head_name
    assert all("****" in m.phone for h in board.households for m in h.members if m.phone)


def test_persons_accounted_for_leave_the_unaccounted_list_and_raise_the_moved_count(desk):
    _orange(desk)
    _, board = _board(desk)
    house = board.households[0]
    ids = [m.id for m in house.members]
    before = _audits(desk)
    assert ev.account_for(desk.ops, desk.actor, ids, "moved", note="投亲靠友") == len(ids)
    assert _audits(desk) == before + 1
    snap, board = _board(desk)
    assert not {m.person.id for m in board.missing} & set(ids)
    row = next(r for r in snap.evacuation if r.hazard_point_id == house.hazard_point_id)
    assert row.households_moved >= 1 and row.persons_moved >= len(ids)
    assert any("已转移" in line.text and "投亲靠友" in line.text for line in snap.log)
    # The same person reported again later replaces the earlier report.
    ev.account_for(desk.ops, desk.actor, ids[:1], "away")
    with desk.db.session() as s:
        assert s.scalar(select(Evacuee.state).where(Evacuee.resident_id == ids[0])) == "away"
        assert s.scalar(select(func.count()).select_from(Evacuee)) == len(ids)


def test_a_household_checks_in_at_its_shelter_in_one_step(desk):
    _orange(desk)
    _, board = _board(desk)
    house = board.households[0]
    with desk.db.session() as s:
        shelter = s.get(Shelter, s.get(HazardPoint, house.hazard_point_id).shelter_id)
        occupancy = shelter.occupancy
    n = ev.check_in_household(desk.ops, desk.actor, house.id, shelter.id)
    assert n == len(house.members)
    _, board = _board(desk)
    again = next(h for h in board.households if h.id == house.id)
    assert again.checked_in == n and again.shelter == shelter.name and again.tally.done
    assert all(m.state == "sheltered" for m in again.members)
    with desk.db.session() as s:
        assert s.get(Shelter, shelter.id).occupancy == occupancy + n
        row = s.scalars(select(ShelterCheckIn).where(ShelterCheckIn.household_id == house.id)).one()
        assert row.persons == n and row.household == house.head
    with pytest.raises(BadInput) as exc:
        ev.check_in_household(desk.ops, desk.actor, house.id, shelter.id)
    assert exc.value.code == "already_done"


def test_only_threatened_persons_under_evacuation_can_be_accounted_for(desk):
    with pytest.raises(BadInput) as exc:  # no record open yet
        ev.account_for(desk.ops, desk.actor, [1], "moved")
    assert exc.value.code == "not_evacuating"
    _orange(desk)
    with desk.db.session() as s:
        threatened = set(s.scalars(select(HazardHousehold.household_id)))
        stranger = s.scalars(select(Resident.id).where(Resident.household_id.not_in(threatened))).first()
        if stranger is None:  # every resident on file is threatened: make one who is not
            h = Household(code="T-1", unit_id=1, head_name="局外人")
            s.add(h)
            s.flush()
            r = Resident(household_id=h.id, name="局外人", gender="M")
            s.add(r)
            s.commit()
            stranger = r.id
    with pytest.raises(BadInput) as exc:
        ev.account_for(desk.ops, desk.actor, [stranger], "moved")
    assert exc.value.params["field"] == "resident" and exc.value.params["value"] == stranger
    with pytest.raises(BadInput):
        ev.account_for(desk.ops, desk.actor, [stranger], "sheltered")  # and a check-in needs its shelter
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Evacuee)) == 0


def test_the_call_list_keeps_the_last_call_to_each(desk):
    _orange(desk)
    _, board = _board(desk)
    monitor = next(c for c in board.calls if c.kind == "monitor")
    cadre = next(c for c in board.calls if c.kind == "cadre")
    assert cadre.post in ("secretary", "director", "security", "women")
    assert "****" not in monitor.phone  # colleagues' work phones are the operator's to call
    ev.log_call(desk.ops, desk.actor, "no_answer", staff_id=monitor.id)
    ev.log_call(desk.ops, desk.actor, "reached", cadre_id=cadre.id, note="已组织村民撤离")
    snap, board = _board(desk)
    again = {(c.kind, c.id): c for c in board.calls}
    assert again[("monitor", monitor.id)].outcome == "no_answer"
    assert again[("cadre", cadre.id)].outcome == "reached" and again[("cadre", cadre.id)].called_local
    assert any(line.source == "call" and "已接通" in line.text for line in snap.log)
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 2


def test_names_are_masked_on_the_wall_and_phones_shown_to_who_may_see_them(desk):
    _orange(desk)
    _, board = _board(desk, wall=True)
    with desk.db.session() as s:
        heads = {h.id: h.head_name for h in s.scalars(select(Household))}
    for h in board.households:
        assert h.head != heads[h.id] and "*" in h.head
    assert all("****" in c.phone for c in board.calls if c.phone)
    _, leader_board = _board(_as(desk, "leader"))
    phones = [m.phone for h in leader_board.households for m in h.members if m.phone]
    assert phones and not any("*" in p for p in phones)


def test_a_drill_check_in_never_fills_the_real_shelter(desk):
    em.activate(desk.ops, desk.actor, "landslide", "orange", "演练", drill=True)
    snap = desk.emergency(drill_clock=desk.now)
    house = snap.board.households[0]
    with desk.db.session() as s:
        shelter_id = s.get(HazardPoint, house.hazard_point_id).shelter_id
        occupancy = s.get(Shelter, shelter_id).occupancy
    ev.check_in_household(desk.ops, desk.actor, house.id, shelter_id, drill=True)
    with desk.db.session() as s:
        assert s.get(Shelter, shelter_id).occupancy == occupancy
    assert desk.emergency().board is None  # the real picture has no evacuation


def test_threatened_households_of_a_point_outside_an_evacuation(desk):
    with desk.db.session() as s:
        p = s.scalars(select(HazardPoint).order_by(HazardPoint.id)).first()
    rows = desk.threatened_households(p.id)
    assert len(rows) == p.households and sum(len(h.members) for h in rows) == p.persons
    assert all(not m.state for h in rows for m in h.members)


def _audits(desk) -> int:
    with desk.db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditRecord)) or 0
