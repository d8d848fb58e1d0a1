"""Threatened persons accounted for by name during an evacuation (moved, checked in at a shelter,
away), a household checked in at a shelter, and calls on the emergency call list. The village's
reported counts stay; the names raise them when more are accounted for than reported. Every write
is one operation: checked, audited once, published."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (CallLog, EmergencyActivation, EmergencyEvent, EvacuationCount, Evacuee, HazardHousehold,
                       Household, Resident, Shelter, ShelterCheckIn, Staff, VillageCadre)
from desk.domain import evacuation as rules
from desk.domain.changes import Entity, Op
from desk.domain.permissions import Actor
from desk.services.errors import BadInput
from desk.services.incidents import clean_text
from desk.services.operations import OperationContext, Operations

STATE_WORDS = {"moved": "已转移", "sheltered": "已入住安置点", "away": "不在家（已联系）"}
OUTCOME_WORDS = {"reached": "已接通", "no_answer": "未接通"}
POST_WORDS = {"secretary": "村支书", "director": "村主任", "security": "治保主任", "women": "妇女主任",
              "emergency": "应急专干"}


def _record(s: Session, drill: bool) -> EmergencyActivation:
    record = s.scalars(select(EmergencyActivation).where(EmergencyActivation.ended_at.is_(None),
                                                         EmergencyActivation.drill.is_(drill))
                       .order_by(EmergencyActivation.id.desc())).first()
    if record is None:
        raise BadInput("not_evacuating", "no emergency record is open", field="activation")
    return record


def _threatened(s: Session, record: EmergencyActivation, resident_ids: Sequence[int]) -> dict[int, tuple[Resident, int]]:
    """Each resident with the hazard point under evacuation that threatens their household; a resident
    outside every evacuation is refused by id."""
    rows = s.execute(select(Resident, HazardHousehold.hazard_point_id)
                     .join(HazardHousehold, HazardHousehold.household_id == Resident.household_id)
                     .join(EvacuationCount, (EvacuationCount.hazard_point_id == HazardHousehold.hazard_point_id)
                           & (EvacuationCount.activation_id == record.id))
                     .where(Resident.id.in_(resident_ids))).all()
    found = {r.id: (r, point) for r, point in rows}
    missing = [i for i in resident_ids if i not in found]
    if missing:
        raise BadInput("not_evacuating", f"resident {missing[0]} lives in no household under evacuation",
                       field="resident", value=missing[0])
    return found


def _raise_counts(s: Session, record: EmergencyActivation, points: set[int]) -> None:
    """The named tally is a floor under the moved counts the village reported."""
    for count in s.scalars(select(EvacuationCount).where(EvacuationCount.activation_id == record.id,
                                                         EvacuationCount.hazard_point_id.in_(points))):
        members: dict[int, list[int]] = {}
        for household_id, resident_id in s.execute(
                select(Resident.household_id, Resident.id)
                .join(HazardHousehold, HazardHousehold.household_id == Resident.household_id)
                .where(HazardHousehold.hazard_point_id == count.hazard_point_id, Resident.active.is_(True))):
            members.setdefault(household_id, []).append(resident_id)
        ids = [i for m in members.values() for i in m]
        states = dict(s.execute(select(Evacuee.resident_id, Evacuee.state).where(
            Evacuee.activation_id == record.id, Evacuee.resident_id.in_(ids))).all())
        households, persons = rules.moved_counts(rules.tally(m, states) for m in members.values())
        count.households_moved = min(count.households_to_move, max(count.households_moved, households))
        count.persons_moved = min(count.persons_to_move, max(count.persons_moved, persons))


def _names(people: Sequence[Resident]) -> str:
    shown = "、".join(p.name for p in people[:5])
    return shown + (f"等{len(people)}人" if len(people) > 5 else "")


def _mark(op: OperationContext, record: EmergencyActivation, people: Sequence[Resident], state: str,
          shelter: Shelter | None, note: str) -> None:
    s = op.session
    held = {e.resident_id: e for e in s.scalars(select(Evacuee).where(
        Evacuee.activation_id == record.id, Evacuee.resident_id.in_([p.id for p in people])))}
    for p in people:
        row = held.get(p.id)
        was = row.shelter_id if row is not None and row.state == "sheltered" else None
        now_at = shelter.id if shelter is not None and state == "sheltered" else None
        if not record.drill and was != now_at:  # a drill's arrivals count on the drill's board only
            if was is not None:
                old = s.get(Shelter, was)
                if old is not None:
                    old.occupancy = max(0, (old.occupancy or 0) - 1)
            if shelter is not None and now_at is not None:
                shelter.occupancy = (shelter.occupancy or 0) + 1
        if row is None:
            s.add(Evacuee(activation_id=record.id, resident_id=p.id, state=state, shelter_id=now_at, at=op.now,
                          actor_id=op.actor.user_id, note=note[:200]))
        else:
            row.state, row.shelter_id, row.at, row.actor_id = state, now_at, op.now, op.actor.user_id
            row.note = note[:200] or row.note


def account_for(ops: Operations, actor: Actor, resident_ids: Sequence[int], state: str, shelter_id: int | None = None,
                note: str = "", drill: bool = False) -> int:
    """Threatened persons accounted for: moved, checked in at `shelter_id`, or away from home. A later
    report replaces an earlier one (moved, then arrived at the shelter). Returns how many."""
    try:
        rules.check_state(state)
    except rules.EvacueeStateError as exc:
        raise BadInput("unknown_value", str(exc), field="state", value=state) from None
    ids = list(dict.fromkeys(resident_ids))
    if not ids:
        raise BadInput("text_empty", "choose who is accounted for", field="resident")
    note = clean_text("note", note)
    with ops.run(actor, "emergency.evacuation") as op:
        s = op.session
        record = _record(s, drill)
        shelter = None
        if state == "sheltered":
            shelter = s.get(Shelter, shelter_id) if shelter_id is not None else None
            if shelter is None:
                raise BadInput("not_found", "say which shelter they reached", field="shelter", value=shelter_id)
        found = _threatened(s, record, ids)
        people = [found[i][0] for i in ids]
        _mark(op, record, people, state, shelter, note)
        s.flush()
        points = {found[i][1] for i in ids}
        _raise_counts(s, record, points)
        where = f"（{shelter.name}）" if shelter is not None else ""
        text = f"{_names(people)}：{STATE_WORDS[state]}{where}" + (f"。{note}" if note else "")
        s.add(EmergencyEvent(activation_id=record.id, at=op.now, source="evacuation", text=text,
                             actor_id=actor.user_id, drill=record.drill))
        op.audit(Entity.EMERGENCY_ACTIVATION, record.id, {"evacuee": [None, {"residents": ids, "state": state,
                                                                             "shelter": shelter_id}]}, note=text[:200])
        op.changes.add(Entity.EMERGENCY_ACTIVATION, Op.UPDATED, record.id)
        op.changes.add(Entity.EVACUEE, Op.UPDATED, *ids)
        if shelter is not None:
            op.changes.add(Entity.SHELTER, Op.UPDATED, shelter.id)
        return len(ids)


def check_in_household(ops: Operations, actor: Actor, household_id: int, shelter_id: int,
                       resident_ids: Sequence[int] | None = None, drill: bool = False) -> int:
    """A household (all its members, or those named) arrives at a shelter: one check-in row with the
    count, each member accounted for as sheltered. Returns how many checked in."""
    with ops.run(actor, "emergency.evacuation") as op:
        s = op.session
        record = _record(s, drill)
        household = s.get(Household, household_id)
        shelter = s.get(Shelter, shelter_id)
        if household is None:
            raise BadInput("not_found", f"no household with id {household_id}", field="household", value=household_id)
        if shelter is None:
            raise BadInput("not_found", "say which shelter they reached", field="shelter", value=shelter_id)
        members = list(s.scalars(select(Resident).where(Resident.household_id == household_id,
                                                       Resident.active.is_(True)).order_by(Resident.id)))
        chosen = members if resident_ids is None else [m for m in members if m.id in set(resident_ids)]
        strangers = sorted(set(resident_ids or ()) - {m.id for m in members})
        if strangers:
            raise BadInput("not_found", f"resident {strangers[0]} is not of household {household.code}",
                           field="resident", value=strangers[0])
        if not chosen:
            raise BadInput("text_empty", "tick who arrived", field="resident")
        found = _threatened(s, record, [m.id for m in chosen])
        already = set(s.scalars(select(Evacuee.resident_id).where(
            Evacuee.activation_id == record.id, Evacuee.resident_id.in_([m.id for m in chosen]),
            Evacuee.state == "sheltered", Evacuee.shelter_id == shelter_id)))
        arriving = [m for m in chosen if m.id not in already]
        if not arriving:
            raise BadInput("already_done", f"{household.head_name}'s household is already checked in at {shelter.name}",
                           field="household", value=household.code)
        _mark(op, record, arriving, "sheltered", shelter, "")
        point = found[arriving[0].id][1]
        s.add(ShelterCheckIn(activation_id=record.id, shelter_id=shelter.id, hazard_point_id=point,
                             household=household.head_name[:64], household_id=household.id, persons=len(arriving),
                             at=op.now, actor_id=actor.user_id))
        s.flush()
        _raise_counts(s, record, {point})
        text = f"{shelter.name}登记入住：{household.head_name}户 {len(arriving)}/{len(members)} 人"
        s.add(EmergencyEvent(activation_id=record.id, at=op.now, source="evacuation", text=text,
                             actor_id=actor.user_id, drill=record.drill))
        op.audit(Entity.EMERGENCY_ACTIVATION, record.id, {"check_in": [None, {
            "household": household.code, "shelter": shelter.id, "residents": [m.id for m in arriving]}]}, note=text)
        op.changes.add(Entity.EMERGENCY_ACTIVATION, Op.UPDATED, record.id)
        op.changes.add(Entity.EVACUEE, Op.UPDATED, *[m.id for m in arriving])
        op.changes.add(Entity.SHELTER, Op.UPDATED, shelter.id)
        return len(arriving)


def log_call(ops: Operations, actor: Actor, outcome: str, staff_id: int | None = None, cadre_id: int | None = None,
             note: str = "", drill: bool = False) -> None:
    """A call to a hazard monitor or a village cadre on the call list, and whether it got through."""
    if outcome not in rules.CALL_OUTCOMES:
        raise BadInput("unknown_value", f"unknown outcome {outcome}", field="outcome", value=outcome)
    if (staff_id is None) == (cadre_id is None):
        raise BadInput("not_found", "call one monitor or one cadre", field="callee")
    note = clean_text("note", note)
    with ops.run(actor, "emergency.call") as op:
        s = op.session
        record = _record(s, drill)
        if staff_id is not None:
            person = s.get(Staff, staff_id)
            who = f"群测群防员{person.name}" if person is not None else ""
        else:
            cadre = s.get(VillageCadre, cadre_id)
            who = f"{POST_WORDS.get(cadre.post, cadre.post)}{cadre.name}" if cadre is not None else ""
        if not who:
            raise BadInput("not_found", "no such person on the call list", field="callee",
                           value=staff_id if staff_id is not None else cadre_id)
        call = CallLog(activation_id=record.id, staff_id=staff_id, cadre_id=cadre_id, outcome=outcome, at=op.now,
                       actor_id=actor.user_id, note=note[:200])
        s.add(call)
        text = f"电话联系{who}：{OUTCOME_WORDS[outcome]}" + (f"。{note}" if note else "")
        s.add(EmergencyEvent(activation_id=record.id, at=op.now, source="call", text=text, told=who[:200],
                             actor_id=actor.user_id, drill=record.drill))
        op.created(Entity.CALL, call, ("staff_id", "cadre_id", "outcome", "note"), note=text[:200])
        op.changes.add(Entity.EMERGENCY_EVENT, Op.CREATED)
