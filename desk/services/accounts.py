"""Who is at the desk."""
from __future__ import annotations

from sqlalchemy import select

from db.models import UserAccount
from desk.domain.permissions import ROLES, Actor
from desk.services.database import Database

WALL_ACTOR = Actor(None, "wall", "wall")


class UnknownUser(LookupError):
    pass


def actor_for(db: Database, login: str) -> Actor:
    with db.session() as s:
        user = s.scalars(select(UserAccount).where(UserAccount.login == login, UserAccount.active.is_(True))).first()
        if user is None:
            raise UnknownUser(f"no active user account '{login}'")
        if user.role not in ROLES:
            raise UnknownUser(f"user '{login}' has an unknown role '{user.role}'")
        return Actor(user.id, user.login, user.role)
