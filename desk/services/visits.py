"""Home visits written through the one operation path: a visit recorded (checked against the notes
before it for 内容雷同), a group membership, a key person's plan (一人一策), a quarter's joint visit
planned, a file's core items confirmed, a resident's field revealed (audited). The household's latest
visit is kept on the household so today's due list stays one row a household."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import (Grid, GroupMember, Household, JointVisitPlan, KeyPersonPlan, Resident, Staff, Visit,
                       VisitGroup)
from desk.domain import visits as rules
from desk.domain.changes import Entity
from desk.domain.masking import mask_id_number, mask_name, mask_phone
from desk.domain.permissions import Actor
from desk.services.errors import BadInput
from desk.services.incidents import clean_text
from desk.services.operations import Operations, snapshot

PLAN_FIELDS = ("officer_id", "grid_worker_id", "volunteer_id", "count", "period", "notes")
RESIDENT_REVEALABLE = {"name": mask_name, "phone": mask_phone, "id_number": mask_id_number}
SIMILAR_LOOKBACK = 200  # earlier notes of the same visitor and household compared


def _staff(s: Session, staff_id: int | None, field: str, roles: tuple[str, ...]) -> None:
    if staff_id is None:
        return
    role = s.scalar(select(Staff.role).where(Staff.id == staff_id))
    if role is None or role not in roles:
        raise BadInput("not_found", f"no {field.replace('_id', '').replace('_', ' ')} with id {staff_id}",
                       field=field, value=staff_id)


def record_visit(ops: Operations, actor: Actor, household_id: int, at: datetime, findings: str,
                 officer_id: int | None = None, grid_worker_id: int | None = None, volunteer_id: int | None = None,
                 resident_id: int | None = None, mode: str = "in_person", risk: str = "", follow_up: str = "") -> int:
    """One visit, as of `at` (UTC, not in the future). Returns its id."""
    findings = clean_text("findings", findings, multiline=True)
    follow_up = clean_text("follow_up", follow_up, multiline=True)
    if mode not in rules.MODES:
        raise BadInput("unknown_value", f"unknown way of visiting {mode}", field="mode", value=mode)
    if risk and risk not in rules.RISKS:
        raise BadInput("unknown_value", f"unknown risk grade {risk}", field="risk", value=risk)
    if not findings:
        raise BadInput("text_empty", "say what was found, even 无异常", field="findings")
    if officer_id is None and grid_worker_id is None and volunteer_id is None:
        raise BadInput("text_empty", "say who went", field="officer")
    with ops.run(actor, "visit.record") as op:
        s = op.session
        if at > op.now + timedelta(minutes=5):
            raise BadInput("out_of_range", "a visit cannot be recorded before it happens", field="at", value=str(at))
        house = s.get(Household, household_id)
        if house is None:
            raise BadInput("not_found", f"no household with id {household_id}", field="household", value=household_id)
        if resident_id is not None and s.scalar(select(Resident.household_id).where(Resident.id == resident_id)) \
                != household_id:
            raise BadInput("not_found", f"resident {resident_id} is not of household {house.code}", field="resident",
                           value=resident_id)
        _staff(s, officer_id, "officer_id", ("community_police",))
        _staff(s, grid_worker_id, "grid_worker_id", ("grid_worker", "auxiliary_police", "police_assistant",
                                                     "trainee_assistant", "antidrug_worker"))
        _staff(s, volunteer_id, "volunteer_id", ("volunteer",))
        visitors = [c for c in (Visit.officer_id == officer_id if officer_id else None,
                                Visit.grid_worker_id == grid_worker_id if grid_worker_id else None) if c is not None]
        earlier = s.execute(select(Visit.id, Visit.findings).where(
            or_(Visit.household_id == household_id, *visitors)).order_by(Visit.at.desc()).limit(SIMILAR_LOOKBACK)).all()
        copy = rules.similar(findings, [(i, t) for i, t in earlier])
        visit = Visit(at=at, household_id=household_id, resident_id=resident_id, officer_id=officer_id,
                      grid_worker_id=grid_worker_id, volunteer_id=volunteer_id, mode=mode, findings=findings,
                      risk=risk, follow_up=follow_up, recorded_by=actor.user_id, recorded_at=op.now,
                      similar_to_id=copy[0] if copy else None, similarity=copy[1] if copy else None)
        s.add(visit)
        if house.last_visit_at is None or at > house.last_visit_at:
            house.last_visit_at = at
        if officer_id is not None and (house.last_officer_visit_at is None or at > house.last_officer_visit_at):
            house.last_officer_visit_at = at
        if resident_id is not None:
            person = s.get(Resident, resident_id)
            if person is not None and (person.last_visit_at is None or at > person.last_visit_at):
                person.last_visit_at = at
        op.created(Entity.VISIT, visit, ("at", "household_id", "resident_id", "officer_id", "grid_worker_id",
                                         "volunteer_id", "mode", "risk", "similar_to_id"), note=house.code)
        return visit.id


def set_member(ops: Operations, actor: Actor, group_code: str, member: bool, resident_id: int | None = None,
               household_id: int | None = None) -> None:
    """Put a person (or a household, for household groups) in a group from now, or take them out."""
    with ops.run(actor, "visit.group") as op:
        s = op.session
        group = s.scalars(select(VisitGroup).where(VisitGroup.code == group_code)).first()
        if group is None:
            raise BadInput("not_found", f"no group {group_code}", field="group", value=group_code)
        if (group.subject == "person") != (resident_id is not None) or (resident_id is None) == (household_id is None):
            raise BadInput("unknown_value", f"group {group_code} holds {group.subject}s", field="group",
                           value=group_code)
        if group.code in rules.EVERY_HOUSEHOLD:
            raise BadInput("unknown_value", "every household is in this group already", field="group",
                           value=group_code)
        who = GroupMember.resident_id == resident_id if resident_id is not None else \
            GroupMember.household_id == household_id
        held = s.scalars(select(GroupMember).where(GroupMember.group_id == group.id, who,
                                                   GroupMember.until.is_(None))).first()
        if member and held is None:
            row = GroupMember(group_id=group.id, resident_id=resident_id, household_id=household_id, since=op.now)
            s.add(row)
            op.created(Entity.HOUSEHOLD, row, ("group_id", "resident_id", "household_id", "since"), note=group.name)
        elif not member and held is not None:
            before = snapshot(held, ("until",))
            held.until = op.now
            op.updated(Entity.HOUSEHOLD, held, before, note=group.name)


def set_plan(ops: Operations, actor: Actor, resident_id: int, officer_id: int | None, grid_worker_id: int | None,
             volunteer_id: int | None, notes: str = "", count: int | None = None, period: str | None = None) -> None:
    """一人一策: who answers for a key person and how often; each change is on record with its author."""
    notes = clean_text("notes", notes, multiline=True)
    if (count is None) != (period is None) or (count is not None and not 1 <= count <= 31) or (
            period is not None and period not in {p.value for p in rules.Period}):
        raise BadInput("out_of_range", "a frequency is a count (1–31) and a period (month, quarter, year)",
                       field="count", value=count)
    with ops.run(actor, "visit.plan") as op:
        s = op.session
        if s.get(Resident, resident_id) is None:
            raise BadInput("not_found", f"no resident with id {resident_id}", field="resident", value=resident_id)
        _staff(s, officer_id, "officer_id", ("community_police",))
        _staff(s, grid_worker_id, "grid_worker_id", ("grid_worker",))
        _staff(s, volunteer_id, "volunteer_id", ("volunteer",))
        plan = s.scalars(select(KeyPersonPlan).where(KeyPersonPlan.resident_id == resident_id)).first()
        values = dict(officer_id=officer_id, grid_worker_id=grid_worker_id, volunteer_id=volunteer_id, count=count,
                      period=period, notes=notes)
        if plan is None:
            plan = KeyPersonPlan(resident_id=resident_id, updated_at=op.now, updated_by=actor.user_id, **values)
            s.add(plan)
            op.created(Entity.HOUSEHOLD, plan, PLAN_FIELDS, note="一人一策")
        else:
            before = snapshot(plan, PLAN_FIELDS)
            for k, v in values.items():
                setattr(plan, k, v)
            plan.updated_at, plan.updated_by = op.now, actor.user_id
            op.updated(Entity.HOUSEHOLD, plan, before, note="一人一策")


def plan_joint_visit(ops: Operations, actor: Actor, grid_id: int, planned_on: date, note: str = "") -> None:
    """每季度联合走访: the grid's joint visit planned for the quarter of `planned_on` (replacing an earlier plan)."""
    note = clean_text("note", note)
    quarter = rules.quarter_of(planned_on)
    with ops.run(actor, "visit.joint_plan") as op:
        s = op.session
        if s.get(Grid, grid_id) is None:
            raise BadInput("not_found", f"no grid with id {grid_id}", field="grid", value=grid_id)
        plan = s.scalars(select(JointVisitPlan).where(JointVisitPlan.grid_id == grid_id,
                                                      JointVisitPlan.quarter == quarter)).first()
        if plan is None:
            plan = JointVisitPlan(grid_id=grid_id, quarter=quarter, planned_on=planned_on, note=note[:200],
                                  created_by=actor.user_id)
            s.add(plan)
            op.created(Entity.VISIT, plan, ("grid_id", "quarter", "planned_on", "note"))
        else:
            before = snapshot(plan, ("planned_on", "note"))
            plan.planned_on, plan.note = planned_on, note[:200]
            op.updated(Entity.VISIT, plan, before)


def confirm_household(ops: Operations, actor: Actor, household_id: int) -> None:
    """The file's core items checked with the household today: identity, housing, contact."""
    with ops.run(actor, "household.confirm") as op:
        s = op.session
        house = s.get(Household, household_id)
        if house is None:
            raise BadInput("not_found", f"no household with id {household_id}", field="household", value=household_id)
        before = snapshot(house, ("housing_confirmed_at", "contact_confirmed_at"))
        house.housing_confirmed_at = house.contact_confirmed_at = op.now
        for r in s.scalars(select(Resident).where(Resident.household_id == household_id, Resident.active.is_(True))):
            r.confirmed_at = op.now
        op.updated(Entity.HOUSEHOLD, house, before, note=house.code)


def reveal_resident(ops: Operations, actor: Actor, resident_id: int, field: str) -> str:
    """A resident's name, phone or ID number in the clear, for a role that may see it; audited."""
    if field not in RESIDENT_REVEALABLE:
        raise BadInput("unknown_value", f"not a revealable field: {field}", field="field", value=field)
    with ops.run(actor, "personal.reveal") as op:
        r = op.session.get(Resident, resident_id)
        if r is None:
            raise BadInput("not_found", f"no resident with id {resident_id}", field="resident", value=resident_id)
        value = str(getattr(r, field))
        op.read(Entity.PERSONAL_DATA, r.id, [field], note=f"resident {r.id} {field}")
    return value

