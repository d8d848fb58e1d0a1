"""Roles of user accounts and what each may do (三员分离: collector, reviewer, supervisor apart)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Perm(str, Enum):
    VIEW = "view"
    REGISTER = "register"
    DISPATCH = "dispatch"
    HANDLE = "handle"  # accept and give feedback
    REVIEW = "review"  # close or return for rework
    EVALUATE = "evaluate"
    VIEW_PERSONAL = "view_personal"  # residents' phones and ID numbers in the clear
    VIEW_STAFF_CONTACT = "view_staff_contact"  # colleagues' work phones
    AUDIT = "audit"
    MANAGE = "manage"


ROLES: dict[str, frozenset[Perm]] = {
    # 值班员: runs the desk.
    "operator": frozenset({Perm.VIEW, Perm.VIEW_STAFF_CONTACT, Perm.REGISTER, Perm.DISPATCH, Perm.HANDLE, Perm.REVIEW, Perm.EVALUATE}),
    # 网格员: collects and reports, handles what is sent to the grid.
    "grid_worker": frozenset({Perm.VIEW, Perm.VIEW_STAFF_CONTACT, Perm.REGISTER, Perm.HANDLE}),
    # 审核员 / 带班领导: reviews and closes.
    "leader": frozenset({Perm.VIEW, Perm.VIEW_STAFF_CONTACT, Perm.DISPATCH, Perm.REVIEW, Perm.EVALUATE, Perm.VIEW_PERSONAL}),
    # 监督员: reads the audit trail, changes nothing.
    "auditor": frozenset({Perm.VIEW, Perm.VIEW_STAFF_CONTACT, Perm.AUDIT, Perm.VIEW_PERSONAL}),
    "admin": frozenset({Perm.VIEW, Perm.VIEW_STAFF_CONTACT, Perm.MANAGE, Perm.AUDIT}),
    # The wall display: read-only, never personal data.
    "wall": frozenset({Perm.VIEW}),
    # The desk's own set-up steps (`desk init` creating the first admin) and its feeds (gauge readings,
    # CAP warnings imported from the command line); no one signs in as it.
    "system": frozenset({Perm.MANAGE, Perm.DISPATCH}),
}
ACCOUNT_ROLES = ("operator", "grid_worker", "leader", "auditor", "admin", "wall")


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    login: str
    role: str

    def can(self, perm: Perm) -> bool:
        return perm in ROLES.get(self.role, frozenset())


class PermissionDenied(PermissionError):
    def __init__(self, actor: Actor, perm: Perm):
        super().__init__(f"{actor.login} ({actor.role}) may not {perm.value}")
        self.actor = actor
        self.perm = perm


def require(actor: Actor, perm: Perm) -> None:
    if not actor.can(perm):
        raise PermissionDenied(actor, perm)


# Every write the product can make, and the permission it needs. The services look the permission up
# here; a test walks this table so no writer escapes the audit.
OPERATIONS: dict[str, Perm] = {
    "incident.register": Perm.REGISTER,
    "incident.dispatch": Perm.DISPATCH,
    "incident.accept": Perm.HANDLE,
    "incident.feedback": Perm.HANDLE,
    "incident.return": Perm.REVIEW,
    "incident.close": Perm.REVIEW,
    "incident.evaluate": Perm.EVALUATE,
    "incident.arrive": Perm.HANDLE,  # a handler (or the professionals) reported on site
    "incident.import": Perm.MANAGE,  # incidents exported by a county platform
    "review.draw": Perm.REVIEW,  # draw the follow-up checks (回头看) or the month's 10% quality sample
    "review.record": Perm.REVIEW,  # the reviewer's verdict on one drawn incident
    "warning.import": Perm.DISPATCH,  # a CAP 1.2 message from the county or the weather service
    "warning.issue": Perm.DISPATCH,  # a warning entered by hand, or lifted
    "warning.threshold": Perm.MANAGE,  # a rain threshold changed
    "gauge.readings": Perm.MANAGE,  # readings from the gauges' feed (or a drill's script); thresholds judged
    "emergency.activate": Perm.DISPATCH,  # a response plan at a level: the emergency record opens
    "emergency.action": Perm.DISPATCH,  # a linkage action notified, acknowledged, done
    "emergency.log": Perm.DISPATCH,  # a line in the significant-events log
    "emergency.evacuation": Perm.DISPATCH,  # households moved, persons accounted for, shelter check-ins
    "emergency.call": Perm.DISPATCH,  # a call to a hazard monitor or village cadre on the call list
    "emergency.stand_down": Perm.DISPATCH,  # the record closed with its summary
    "drill.record": Perm.DISPATCH,
    "visit.record": Perm.HANDLE,  # a home visit by an officer, grid worker or volunteer
    "visit.group": Perm.DISPATCH,  # a person or household put in a visit group, or taken out
    "visit.plan": Perm.DISPATCH,  # 一人一策: a key person's plan
    "visit.joint_plan": Perm.DISPATCH,  # a grid's quarterly joint visit planned
    "household.confirm": Perm.HANDLE,  # a file's core items confirmed with the household
    "resident.import": Perm.MANAGE,  # households and persons from a county platform's export  # a drill's score and figures kept
    "milestone_rule.update": Perm.MANAGE,
    "holiday.update": Perm.MANAGE,
    "personal.reveal": Perm.VIEW_PERSONAL,  # a read, but audited like a write
    "account.create": Perm.MANAGE,
    "account.totp": Perm.MANAGE,  # the second factor switched on for an account
    "account.sign_in": Perm.MANAGE,  # checked by the desk itself (the system actor), refused or not on record
    "account.set_active": Perm.MANAGE,
    "item_type.update": Perm.MANAGE,
    "setting.update": Perm.MANAGE,
    "gis.import": Perm.MANAGE,  # grids, police cells, villages from a GIS file
    "address.import": Perm.MANAGE,  # the address gazetteer
}


def permission_for(operation: str) -> Perm:
    try:
        return OPERATIONS[operation]
    except KeyError:
        raise KeyError(f"no such operation: {operation}") from None


# Staff roles that can be sent an incident to handle (a grid worker, the police of a station).
HANDLER_ROLES = frozenset({"community_police", "auxiliary_police", "police_assistant", "grid_worker"})


@dataclass(frozen=True)
class SeparationPolicy:
    """三员分离: the one who registered an incident may not also close and evaluate it.

    A township with one person on the night desk may switch it off; the choice is a setting."""

    registrar_may_review: bool = False

    def allows(self, operation: str, actor: Actor, registered_by: int | None) -> bool:
        if self.registrar_may_review or operation not in ("incident.close", "incident.evaluate"):
            return True
        return registered_by is None or actor.user_id != registered_by


@dataclass(frozen=True)
class StaffRef:
    id: int
    workstation_id: int | None


def may_handle(actor_role: str, actor_staff: StaffRef | None, handler: StaffRef | None) -> bool:
    """Only the assigned handler or their station acts on a dispatched incident.

    A grid worker's account answers for its own person and station; the command room's operators
    record what the handling unit reported to them (by phone or radio), so they act for any handler."""
    if actor_role != "grid_worker":
        return True
    if actor_staff is None or handler is None:
        return False
    return actor_staff.id == handler.id or (
        actor_staff.workstation_id is not None and actor_staff.workstation_id == handler.workstation_id)
