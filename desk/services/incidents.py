"""The closed loop as operations: each step goes through the one write path (desk.services.operations),
which checks the actor, audits what changed and records the change set for every seat."""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import (Counter, Department, Incident, IncidentEvent, IncidentNotice, ItemTypeRow, Setting, Staff,
                       Visit)
from desk.domain import cards, codes, lifecycle, vocab
from desk.domain.changes import ChangeSet, Entity, Op
from desk.domain.clock import to_local, utcnow
from desk.domain.lifecycle import Action, Status
from desk.domain.permissions import HANDLER_ROLES, Actor, SeparationPolicy, StaffRef, may_handle
from desk.domain.phones import NotAPhone, normalise_phone
from desk.services.clocks import Clocks
from desk.services.database import Database
from desk.services.errors import DeskError
from desk.services.geo import GeoService, OutsideTownship
from desk.services.hub import ChangeHub
from desk.services.operations import OperationContext, Operations, snapshot


class IncidentError(DeskError):
    """A step the operator asked for cannot be done. `code` and `params` let the UI say why in the
    operator's language; str() is the English message for logs and tests."""


# Limits the database columns impose; a longer value is refused with the field named, never cut.
MAX_LENGTH = {"title": 120, "address": 120, "reporter_name": 32, "reporter_phone": 20, "description": 4000,
              "item_type": 48, "findings": 4000, "follow_up": 2000, "notes": 2000}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # keeps tab and newlines


def clean_text(field_name: str, value: object, *, multiline: bool = False) -> str:
    """Text from the operator or an import: a str, control characters stripped, within its length."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise IncidentError("bad_type", f"{field_name} must be text, not {type(value).__name__}", field=field_name,
                            value=repr(value)[:40])
    text = _CONTROL.sub("", value)
    if not multiline:
        text = " ".join(text.split())
    text = text.strip()
    limit = MAX_LENGTH.get(field_name)
    if limit is not None and len(text) > limit:
        raise IncidentError("too_long", f"{field_name} is longer than {limit} characters", field=field_name,
                            value=limit)
    return text


def clean_phone(value: object) -> str:
    """One stored form whatever was typed (full-width digits, +86, spaces and hyphens): see
    desk.domain.phones."""
    text = clean_text("reporter_phone", value)
    try:
        return normalise_phone(text)
    except NotAPhone:
        raise IncidentError("bad_phone", f"reporter phone is not a phone number: {text}", field="reporter_phone",
                            value=text) from None


def clean_coordinate(name: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise IncidentError("bad_type", f"{name} must be a number, not {value!r}", field=name,
                            value=repr(value)[:40])
    number = float(value)
    if not low <= number <= high:
        raise IncidentError("coordinate_out_of_range", f"{name} {number} is not on Earth", lon=number, lat=number)
    return number


@dataclass(frozen=True)
class IncidentDraft:
    """What the register dialog (or an import) gives. The item type is a catalogue code or name; class,
    nature, tier and department follow from it unless given."""

    title: str
    category: str = ""
    matter: str = ""
    source: str = ""
    lon: float = math.nan
    lat: float = math.nan
    description: str = ""
    item_type: str = ""
    address: str = ""
    reporter_name: str = ""
    reporter_phone: str = ""
    tier: str = ""
    department_id: int | None = None

    def cleaned(self) -> "IncidentDraft":
        """The draft with every field checked and tidied, or IncidentError naming the first bad field."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in ("title", "category", "matter", "source", "item_type", "address", "reporter_name", "tier"):
            values[name] = clean_text(name, values[name])
        values["description"] = clean_text("description", values["description"], multiline=True)
        values["reporter_phone"] = clean_phone(values["reporter_phone"])
        values["lon"] = clean_coordinate("lon", values["lon"], -180, 180)
        values["lat"] = clean_coordinate("lat", values["lat"], -90, 90)
        if values["department_id"] is not None and (isinstance(values["department_id"], bool)
                                                    or not isinstance(values["department_id"], int)):
            raise IncidentError("bad_type", "department must be chosen from the list", field="department",
                                value=repr(values["department_id"])[:40])
        if not values["title"]:
            raise IncidentError("title_empty", "title is empty", field="title")
        return IncidentDraft(**values)

    def validate(self) -> None:
        self.cleaned()


INCIDENT_FIELDS = ("code", "title", "description", "category", "item_type", "source", "matter", "tier", "status",
                   "lon", "lat", "address", "unit_id", "grid_id", "cell_id", "reporter_name", "reporter_phone",
                   "department_id", "handler_id", "registered_at", "answer_due_at", "close_due_at", "yellow_at",
                   "red_at", "due_at", "due_milestone", "external_id")
STEP_FIELDS = ("status", "department_id", "handler_id", "tier", "dispatched_at", "handling_at", "feedback_at",
               "closed_at", "evaluated_at", "answered_at", "arrived_at", "professional_at", "feedback", "satisfaction",
               "rework_count", "yellow_at", "red_at", "due_at", "due_milestone")
SEPARATION_KEY = "separation.registrar_may_review"
ARRIVAL_STATUSES = (Status.DISPATCHED.value, Status.HANDLING.value, Status.FEEDBACK.value)
# 大事一级处理、特事专报: these tiers are reviewed and closed by the duty leader (一级/二级指挥长).
LEADER_TIERS = ("first", "special")


def code_prefix(now: datetime) -> str:
    return codes.incident_code_prefix(to_local(now).date())


def format_code(prefix: str, seq: int) -> str:
    return f"{prefix}{seq:04d}"


def issue_code(s: Session, now: datetime) -> str:
    """The next incident code of the day, drawn from a counter row inside the caller's transaction.

    The writing transaction holds the write lock from its start, so two seats never draw the same
    number. The first code of a day creates its counter row, starting after any code already there
    (a database from before counters, or a demo)."""
    prefix = code_prefix(now)
    name = f"incident:{prefix}"
    drawn = s.execute(update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
                      .returning(Counter.value)).scalar()
    if drawn is None:
        existing = s.scalars(select(Incident.code).where(Incident.code.like(prefix + "%"))).all()
        last = max((n for c in existing if (n := codes.sequence_of(c, prefix)) is not None), default=0)
        drawn = last + 1
        s.add(Counter(name=name, value=drawn))
        s.flush()
    return format_code(prefix, drawn)


class IncidentService:
    def __init__(self, db: Database, hub: ChangeHub, geo: GeoService, clock: Callable[[], datetime] = utcnow,
                 ops: Operations | None = None):
        self._db = db
        self._geo = geo
        self._clock = clock
        self._ops = ops or Operations(db, hub, clock)

    # -- register -------------------------------------------------------------------------
    def register(self, actor: Actor, draft: IncidentDraft, visit_id: int | None = None) -> tuple[int, ChangeSet]:
        """Register an incident; with `visit_id`, a visit's finding, linked both ways in the same write."""
        draft = draft.cleaned()
        try:
            where = self._geo.locate(draft.lon, draft.lat)
        except OutsideTownship as exc:
            raise IncidentError("coordinate_out_of_range", str(exc), lon=draft.lon, lat=draft.lat) from exc
        if not where.inside:
            raise IncidentError("outside_grids", f"the point ({draft.lon:.5f}, {draft.lat:.5f}) is outside every grid",
                                lon=draft.lon, lat=draft.lat)
        with self._ops.run(actor, "incident.register") as op:
            s = op.session
            item = self._item_type(s, draft)
            category = draft.category or item.item_class
            matter = draft.matter or item.nature
            tier = draft.tier or item.tier
            _check_value("category", category, vocab.CLASSES)
            _check_value("matter", matter, vocab.MATTERS)
            _check_value("source", draft.source, vocab.SOURCES)
            _check_value("tier", tier, vocab.TIERS)
            department_id = draft.department_id
            if department_id is None and item.department:
                department_id = s.scalar(select(Department.id).where(Department.kind == item.department)
                                         .order_by(Department.id))
            elif department_id is not None and s.get(Department, department_id) is None:
                raise IncidentError("not_found", f"no department with id {department_id}", field="department",
                                    value=department_id)
            now = op.now
            incident = Incident(
                code=issue_code(s, now), title=draft.title, description=draft.description,
                category=category, item_type=item.code, source=draft.source, matter=matter, tier=tier,
                status=Status.REGISTERED.value, lon=draft.lon, lat=draft.lat, address=draft.address,
                unit_id=where.unit_id, grid_id=where.grid_id, cell_id=where.cell_id,
                reporter_name=draft.reporter_name, reporter_phone=draft.reporter_phone,
                department_id=department_id, registered_by=actor.user_id, registered_at=now,
                answer_due_at=cards.answer_due(matter, now, item.answer_hours),
                close_due_at=cards.close_due(matter, now, item.close_days),
            )
            Clocks(s).stamp(incident)
            s.add(incident)
            s.flush()
            s.add(IncidentEvent(incident_id=incident.id, at=now, actor_id=actor.user_id,
                                action=Action.REGISTER.value, from_status="", to_status=Status.REGISTERED.value,
                                note=f"{where.grid_name} / {where.cell_name}"))
            _tier_notices(s, incident, now)
            if visit_id is not None:
                visit = s.get(Visit, visit_id)
                if visit is None or visit.incident_id is not None:
                    raise IncidentError("already_done" if visit is not None else "not_found",
                                        f"visit {visit_id} is unknown or already has its incident", field="visit",
                                        value=visit_id)
                visit.incident_id = incident.id
            op.created(Entity.INCIDENT, incident, INCIDENT_FIELDS, note=f"{where.grid_name} / {where.cell_name}"
                       + (f" · 走访 {visit_id}" if visit_id is not None else ""))
            if visit_id is not None:
                op.changes.add(Entity.VISIT, Op.UPDATED, visit_id)
            new_id = incident.id
        return new_id, op.result

    @staticmethod
    def _item_type(s: Session, draft: IncidentDraft) -> ItemTypeRow:
        """The draft's item type from the catalogue table (by code, name or alias); when none is given,
        the general type of the draft's class."""
        from desk.services.catalogue import resolve_item_type

        name = draft.item_type or draft.category
        if not name:
            raise IncidentError("item_type_empty", "choose an item type", field="item_type")
        found = resolve_item_type(s, name)
        if found is None:
            raise IncidentError("unknown_value", f"unknown item type: {name}", field="item_type", value=name)
        return found

    # -- the steps after registration ------------------------------------------------------
    def dispatch(self, actor: Actor, incident_id: int, department_id: int, handler_id: int | None = None,
                 tier: str = "second", note: str = "") -> ChangeSet:
        _check_value("tier", tier, vocab.TIERS)
        note = clean_text("note", note, multiline=True)

        def apply(op: OperationContext, inc: Incident) -> str:
            s = op.session
            dept = s.get(Department, department_id) if _is_id(department_id) else None
            if dept is None:
                raise IncidentError("not_found", f"no department with id {department_id}", field="department",
                                    value=department_id)
            inc.department_id = dept.id
            inc.tier = tier
            _tier_notices(s, inc, op.now)
            text = dept.name
            inc.handler_id = None
            if handler_id is not None:
                staff = s.get(Staff, handler_id) if _is_id(handler_id) else None
                if staff is None:
                    raise IncidentError("not_found", f"no staff member with id {handler_id}", field="handler",
                                        value=handler_id)
                if not staff.active or staff.role not in HANDLER_ROLES:
                    raise IncidentError("not_a_handler", f"{staff.name} cannot be sent incidents to handle",
                                        field="handler", value=staff.name)
                inc.handler_id = staff.id
                text += f" / {staff.name}"
            return f"{text}. {note}".strip(". ") if note else text

        return self._step(actor, incident_id, Action.DISPATCH, apply)

    def accept(self, actor: Actor, incident_id: int, note: str = "") -> ChangeSet:
        note = clean_text("note", note, multiline=True)
        return self._step(actor, incident_id, Action.ACCEPT, lambda op, inc: note)

    def feedback(self, actor: Actor, incident_id: int, text: str) -> ChangeSet:
        text = clean_text("feedback", text, multiline=True)
        if not text:
            raise IncidentError("text_empty", "feedback is empty", field="feedback")

        def apply(op: OperationContext, inc: Incident) -> str:
            inc.feedback = text
            return text

        return self._step(actor, incident_id, Action.FEEDBACK, apply)

    def return_for_rework(self, actor: Actor, incident_id: int, reason: str) -> ChangeSet:
        reason = clean_text("reason", reason, multiline=True)
        if not reason:
            raise IncidentError("text_empty", "a reason is needed to return an incident", field="reason")

        def apply(op: OperationContext, inc: Incident) -> str:
            inc.rework_count += 1
            return reason

        return self._step(actor, incident_id, Action.RETURN, apply)

    def close(self, actor: Actor, incident_id: int, note: str = "") -> ChangeSet:
        note = clean_text("note", note, multiline=True)
        return self._step(actor, incident_id, Action.CLOSE, lambda op, inc: note)

    def evaluate(self, actor: Actor, incident_id: int, satisfaction: int, note: str = "") -> ChangeSet:
        if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
            raise IncidentError("bad_satisfaction", f"satisfaction must be 1 to 5, not {satisfaction!r}",
                                value=satisfaction)
        note = clean_text("note", note, multiline=True)

        def apply(op: OperationContext, inc: Incident) -> str:
            inc.satisfaction = satisfaction
            return f"{satisfaction}/5 {note}".strip()

        return self._step(actor, incident_id, Action.EVALUATE, apply)

    def arrive(self, actor: Actor, incident_id: int, professional: bool = False, note: str = "") -> ChangeSet:
        """A handler reports being on site (现场到达), or the professional forces (专业力量介入): the stops of
        the on-site clocks. Not a step of the loop: the status stays; recorded once each."""
        note = clean_text("note", note, multiline=True)
        field_name = "professional_at" if professional else "arrived_at"
        with self._ops.run(actor, "incident.arrive") as op:
            s = op.session
            inc = s.get(Incident, incident_id) if _is_id(incident_id) else None
            if inc is None:
                raise IncidentError("not_found", f"no incident with id {incident_id}", field="incident",
                                    value=incident_id)
            if inc.status not in ARRIVAL_STATUSES:
                raise IncidentError("wrong_step", f"{inc.code}: cannot report arrival on an incident that is "
                                    f"{inc.status}", incident=inc.code, action="arrive", status=inc.status)
            if getattr(inc, field_name) is not None:
                raise IncidentError("already_on_site", f"{inc.code}: arrival already recorded", incident=inc.code)
            self._check_duties(op, inc, Action.ACCEPT)  # who may answer for the handler may report them on site
            before = snapshot(inc, STEP_FIELDS)
            setattr(inc, field_name, op.now)
            Clocks(s).stamp(inc)
            text = ("专业力量到场" if professional else "到达现场") + (f"：{note}" if note else "")
            s.add(IncidentEvent(incident_id=inc.id, at=op.now, actor_id=actor.user_id, action=Action.ARRIVE.value,
                                from_status=inc.status, to_status=inc.status, note=text))
            op.updated(Entity.INCIDENT, inc, before, note=text)
        return op.result

    def _step(self, actor: Actor, incident_id: int, action: Action,
              apply: Callable[[OperationContext, Incident], str]) -> ChangeSet:
        operation = f"incident.{action.value}"
        with self._ops.run(actor, operation) as op:
            s = op.session
            inc = s.get(Incident, incident_id) if _is_id(incident_id) else None
            if inc is None:
                raise IncidentError("not_found", f"no incident with id {incident_id}", field="incident",
                                    value=incident_id)
            before_status = inc.status
            try:
                after = lifecycle.next_status(before_status, action)
            except lifecycle.TransitionError as exc:
                raise IncidentError("wrong_step", f"{inc.code}: {exc}", incident=inc.code, action=action.value,
                                    status=before_status) from exc
            self._check_duties(op, inc, action)
            before = snapshot(inc, STEP_FIELDS)
            note = apply(op, inc) or ""
            now = op.now
            inc.status = after.value
            # Each status's timestamp is its latest arrival; a return for rework empties the feedback
            # time until new feedback comes (the audit trail keeps the earlier one).
            setattr(inc, lifecycle.TIMESTAMP_FIELD[after], now)
            if action is Action.RETURN:
                inc.feedback_at = None
            if action is Action.CLOSE:
                _leader_reviewed(s, inc, actor, now)
            if action in (Action.ACCEPT, Action.FEEDBACK) and inc.answered_at is None:
                inc.answered_at = now  # the handling unit's answer: stops a police matter's clock
            Clocks(s).stamp(inc)
            s.add(IncidentEvent(incident_id=inc.id, at=now, actor_id=actor.user_id, action=action.value,
                                from_status=before_status, to_status=after.value, note=note))
            op.updated(Entity.INCIDENT, inc, before, note=note)
        return op.result

    def _check_duties(self, op: OperationContext, inc: Incident, action: Action) -> None:
        s, actor = op.session, op.actor
        operation = f"incident.{action.value}"
        setting = s.get(Setting, SEPARATION_KEY)
        policy = SeparationPolicy(registrar_may_review=setting is not None and setting.value == "1")
        if not policy.allows(operation, actor, inc.registered_by):
            raise IncidentError("separation_of_duties", f"{actor.login} registered {inc.code} and may not also "
                                f"{action.value} it", incident=inc.code, action=action.value)
        if action in (Action.CLOSE, Action.RETURN) and inc.tier in LEADER_TIERS and actor.role != "leader":
            raise IncidentError("needs_leader", f"{inc.code} is a {inc.tier}-tier matter: the duty leader reviews "
                                f"and closes it", incident=inc.code, action=action.value, tier=inc.tier)
        if action in (Action.ACCEPT, Action.FEEDBACK):
            handler = s.get(Staff, inc.handler_id) if inc.handler_id is not None else None
            staff = s.get(Staff, op.account.staff_id) if op.account is not None and op.account.staff_id else None
            if not may_handle(actor.role, _ref(staff), _ref(handler)):
                raise IncidentError("not_your_incident", f"{inc.code} is handled by another person or station",
                                    incident=inc.code, action=action.value)


def _tier_notices(s: Session, inc: Incident, now: datetime) -> None:
    """What the tier sets off, once each: a major matter (大事一级处理) asks the duty leader's review; a
    special matter (特事专报) also produces its report to the county at once."""
    if inc.tier not in LEADER_TIERS:
        return
    s.flush()
    have = set(s.scalars(select(IncidentNotice.kind).where(IncidentNotice.incident_id == inc.id)))
    if "leader_review" not in have:
        s.add(IncidentNotice(incident_id=inc.id, kind="leader_review", at=now,
                             text=f"{inc.code} {inc.title}：请带班领导（指挥长）审核"))
    if inc.tier == "special" and "county_report" not in have:
        s.add(IncidentNotice(incident_id=inc.id, kind="county_report", at=now, text=special_report(inc)))


def special_report(inc: Incident) -> str:
    """The special matter's report to the county (特事专报), written the moment it is known."""
    return special_report_text(inc.code, inc.title, inc.description, inc.address, inc.lon, inc.lat,
                               inc.registered_at)


def special_report_text(code: str, title: str, description: str, address: str, lon: float, lat: float,
                        registered_at: datetime) -> str:
    local = to_local(registered_at).strftime("%Y年%m月%d日 %H:%M")
    lines = [f"特事专报 {code}", f"时间：{local}", f"地点：{address or f'{lon:.5f}, {lat:.5f}'}",
             f"事项：{title}", f"情况：{description}" if description else "",
             "处置：已启动一级处置，后续情况续报。"]
    return "\n".join(line for line in lines if line)


def tier_notice_rows(incident_id: int, values: dict, now: datetime) -> list[dict]:
    """The notices a major or special matter sets off, as rows (an import writes them in bulk)."""
    if values["tier"] not in LEADER_TIERS:
        return []
    rows = [{"incident_id": incident_id, "kind": "leader_review", "at": now, "done_at": None, "done_by": None,
             "text": f"{values['code']} {values['title']}：请带班领导（指挥长）审核"}]
    if values["tier"] == "special":
        rows.append({"incident_id": incident_id, "kind": "county_report", "at": now, "done_at": None,
                     "done_by": None, "text": special_report_text(
                         values["code"], values["title"], values["description"], values["address"], values["lon"],
                         values["lat"], values["registered_at"])})
    return rows


def _leader_reviewed(s: Session, inc: Incident, actor: Actor, now: datetime) -> None:
    for notice in s.scalars(select(IncidentNotice).where(IncidentNotice.incident_id == inc.id,
                                                         IncidentNotice.kind == "leader_review",
                                                         IncidentNotice.done_at.is_(None))):
        notice.done_at, notice.done_by = now, actor.user_id


def _ref(staff: Staff | None) -> StaffRef | None:
    return StaffRef(staff.id, staff.workstation_id) if staff is not None else None


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(field_name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise IncidentError("unknown_value", f"unknown {field_name}: {value}", field=field_name, value=value)

