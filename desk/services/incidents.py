"""The closed loop as use cases: each step checks the actor, writes its audit event in the same
transaction, records the change for other processes and publishes it to this one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.models import Department, Incident, IncidentEvent, Staff
from desk.domain import lifecycle
from desk.domain.changes import ChangeCollector, ChangeSet, Entity, Op
from desk.domain.clock import to_local, utcnow
from desk.domain.lifecycle import Action, Status
from desk.domain.permissions import Actor, Perm, require
from desk.services import change_feed
from desk.services.database import Database
from desk.services.geo import GeoService, OutsideTownship
from desk.services.hub import ChangeHub


class IncidentError(ValueError):
    """A step the operator asked for cannot be done. `code` and `params` let the UI say why in the
    operator's language; str() is the English message for logs and tests."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class IncidentDraft:
    title: str
    category: str
    matter: str
    source: str
    lon: float
    lat: float
    description: str = ""
    item_type: str = ""
    address: str = ""
    reporter_name: str = ""
    reporter_phone: str = ""

    def validate(self) -> None:
        if not self.title.strip():
            raise IncidentError("title_empty", "title is empty", field="title")
        if self.category not in lifecycle.CATEGORIES:
            raise IncidentError("unknown_value", f"unknown category: {self.category}", field="category",
                                value=self.category)
        if self.matter not in lifecycle.MATTERS:
            raise IncidentError("unknown_value", f"unknown matter: {self.matter}", field="matter",
                                value=self.matter)
        if self.source not in lifecycle.SOURCES:
            raise IncidentError("unknown_value", f"unknown source: {self.source}", field="source",
                                value=self.source)
        phone = self.reporter_phone.strip()
        if phone and not (phone.isdigit() and 7 <= len(phone) <= 12):
            raise IncidentError("bad_phone", f"reporter phone is not a phone number: {phone}",
                                field="reporter_phone", value=phone)


_PERM_FOR = {
    Action.DISPATCH: Perm.DISPATCH,
    Action.ACCEPT: Perm.HANDLE,
    Action.FEEDBACK: Perm.HANDLE,
    Action.RETURN: Perm.REVIEW,
    Action.CLOSE: Perm.REVIEW,
    Action.EVALUATE: Perm.EVALUATE,
}


class IncidentService:
    def __init__(self, db: Database, hub: ChangeHub, geo: GeoService, clock=utcnow):
        self._db = db
        self._hub = hub
        self._geo = geo
        self._clock = clock

    # -- register -------------------------------------------------------------------------
    def register(self, actor: Actor, draft: IncidentDraft) -> tuple[int, ChangeSet]:
        require(actor, Perm.REGISTER)
        draft.validate()
        try:
            where = self._geo.locate(draft.lon, draft.lat)
        except OutsideTownship as exc:
            raise IncidentError("coordinate_out_of_range", str(exc), lon=draft.lon, lat=draft.lat) from exc
        if not where.inside:
            raise IncidentError("outside_grids", f"the point ({draft.lon:.5f}, {draft.lat:.5f}) is outside every grid",
                                lon=draft.lon, lat=draft.lat)
        now = self._clock()
        changes = ChangeCollector()
        with self._db.session() as s:
            incident = Incident(
                code=self._next_code(s, now), title=draft.title.strip(), description=draft.description,
                category=draft.category, item_type=draft.item_type, source=draft.source, matter=draft.matter,
                tier="second", status=Status.REGISTERED.value, lon=draft.lon, lat=draft.lat,
                address=draft.address, unit_id=where.unit_id, grid_id=where.grid_id, cell_id=where.cell_id,
                reporter_name=draft.reporter_name, reporter_phone=draft.reporter_phone.strip(),
                registered_by=actor.user_id, registered_at=now,
            )
            s.add(incident)
            s.flush()
            s.add(IncidentEvent(incident_id=incident.id, at=now, actor_id=actor.user_id,
                                action=Action.REGISTER.value, from_status="", to_status=Status.REGISTERED.value,
                                note=f"{where.grid_name} / {where.cell_name}"))
            changes.add(Entity.INCIDENT, Op.CREATED, incident.id)
            result = changes.build()
            change_feed.record(s, result, self._db.origin)
            new_id = incident.id
        self._hub.publish(result)
        return new_id, result

    @staticmethod
    def _next_code(s: Session, now: datetime) -> str:
        prefix = f"SJ{to_local(now):%Y%m%d}-"
        last = s.scalar(select(func.max(Incident.code)).where(Incident.code.like(prefix + "%")))
        seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{seq:04d}"

    # -- the steps after registration ------------------------------------------------------
    def dispatch(self, actor: Actor, incident_id: int, department_id: int, handler_id: int | None = None,
                 tier: str = "second", note: str = "") -> ChangeSet:
        if tier not in lifecycle.TIERS:
            raise IncidentError("unknown_value", f"unknown tier: {tier}", field="tier", value=tier)

        def apply(s: Session, inc: Incident) -> str:
            dept = s.get(Department, department_id)
            if dept is None:
                raise IncidentError("not_found", f"no department with id {department_id}", field="department",
                                    value=department_id)
            inc.department_id = department_id
            inc.tier = tier
            text = dept.name
            if handler_id is not None:
                staff = s.get(Staff, handler_id)
                if staff is None:
                    raise IncidentError("not_found", f"no staff member with id {handler_id}", field="handler",
                                        value=handler_id)
                inc.handler_id = handler_id
                text += f" / {staff.name}"
            return f"{text}. {note}".strip(". ") if note else text

        return self._step(actor, incident_id, Action.DISPATCH, apply)

    def accept(self, actor: Actor, incident_id: int, note: str = "") -> ChangeSet:
        return self._step(actor, incident_id, Action.ACCEPT, lambda s, inc: note)

    def feedback(self, actor: Actor, incident_id: int, text: str) -> ChangeSet:
        if not text.strip():
            raise IncidentError("text_empty", "feedback is empty", field="feedback")

        def apply(s: Session, inc: Incident) -> str:
            inc.feedback = text.strip()
            return text.strip()

        return self._step(actor, incident_id, Action.FEEDBACK, apply)

    def return_for_rework(self, actor: Actor, incident_id: int, reason: str) -> ChangeSet:
        if not reason.strip():
            raise IncidentError("text_empty", "a reason is needed to return an incident", field="reason")

        def apply(s: Session, inc: Incident) -> str:
            inc.rework_count += 1
            return reason.strip()

        return self._step(actor, incident_id, Action.RETURN, apply)

    def close(self, actor: Actor, incident_id: int, note: str = "") -> ChangeSet:
        return self._step(actor, incident_id, Action.CLOSE, lambda s, inc: note)

    def evaluate(self, actor: Actor, incident_id: int, satisfaction: int, note: str = "") -> ChangeSet:
        if not 1 <= satisfaction <= 5:
            raise IncidentError("bad_satisfaction", f"satisfaction must be 1 to 5, not {satisfaction}",
                                value=satisfaction)

        def apply(s: Session, inc: Incident) -> str:
            inc.satisfaction = satisfaction
            return f"{satisfaction}/5 {note}".strip()

        return self._step(actor, incident_id, Action.EVALUATE, apply)

    def _step(self, actor: Actor, incident_id: int, action: Action, apply) -> ChangeSet:
        require(actor, _PERM_FOR[action])
        try:
            result = self._apply_step(actor, incident_id, action, apply)
        except StaleDataError as exc:
            raise IncidentError("changed_elsewhere", "the incident was changed at another seat meanwhile; "
                                                     "look again and retry") from exc
        self._hub.publish(result)
        return result

    def _apply_step(self, actor: Actor, incident_id: int, action: Action, apply) -> ChangeSet:
        now = self._clock()
        changes = ChangeCollector()
        with self._db.session() as s:
            inc = s.get(Incident, incident_id)
            if inc is None:
                raise IncidentError("not_found", f"no incident with id {incident_id}", field="incident",
                                    value=incident_id)
            before = inc.status
            try:
                after = lifecycle.next_status(before, action)
            except lifecycle.TransitionError as exc:
                raise IncidentError("wrong_step", f"{inc.code}: {exc}", incident=inc.code, action=action.value,
                                    status=before) from exc
            note = apply(s, inc) or ""
            inc.status = after.value
            # Each status's timestamp is its latest arrival; a return for rework empties the feedback
            # time until new feedback comes (the audit trail keeps the earlier one).
            setattr(inc, lifecycle.TIMESTAMP_FIELD[after], now)
            if action is Action.RETURN:
                inc.feedback_at = None
            s.add(IncidentEvent(incident_id=inc.id, at=now, actor_id=actor.user_id, action=action.value,
                                from_status=before, to_status=after.value, note=note))
            changes.add(Entity.INCIDENT, Op.UPDATED, inc.id)
            result = changes.build()
            change_feed.record(s, result, self._db.origin)
        return result
