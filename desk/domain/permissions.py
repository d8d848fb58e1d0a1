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
}


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
