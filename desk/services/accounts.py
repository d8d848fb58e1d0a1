"""Who is at the desk, and the accounts an admin manages (through the one write path)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import select

from db.models import UserAccount
from desk.domain.changes import Entity
from desk.domain.permissions import ACCOUNT_ROLES, ROLES, Actor
from desk.services.database import Database
from desk.services.errors import BadInput, DeskError
from desk.services.operations import Operations

WALL_ACTOR = Actor(None, "wall", "wall")
SYSTEM_ACTOR = Actor(None, "system", "system")
ACCOUNT_FIELDS = ("login", "display_name", "role", "staff_id", "active", "password_hash")


class UnknownUser(DeskError):
    def __init__(self, message: str, login: str):
        super().__init__("unknown_user", message, login=login)


def actor_for(db: Database, login: str) -> Actor:
    with db.session() as s:
        user = s.scalars(select(UserAccount).where(UserAccount.login == login, UserAccount.active.is_(True))).first()
        if user is None:
            raise UnknownUser(f"no active user account '{login}'", login)
        if user.role not in ROLES or user.role == "system":
            raise UnknownUser(f"user '{login}' has an unknown role '{user.role}'", login)
        return Actor(user.id, user.login, user.role)


def hash_password(password: str) -> str:
    """scrypt from the standard library, salted; stored as scrypt$n$r$p$salt$hash."""
    salt = secrets.token_bytes(16)
    n, r, p = 2 ** 14, 8, 1
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(got, base64.b64decode(digest))


def create_account(ops: Operations, actor: Actor, login: str, display_name: str, role: str,
                   password: str = "") -> int:
    login = login.strip()
    if not login or len(login) > 32 or not login.isascii() or not login.replace("_", "").replace(".", "").isalnum():
        raise BadInput("bad_login", f"not a usable login: {login!r}", field="login", value=login)
    if role not in ACCOUNT_ROLES:
        raise BadInput("unknown_value", f"unknown role: {role}", field="role", value=role)
    with ops.run(actor, "account.create") as op:
        if op.session.scalar(select(UserAccount.id).where(UserAccount.login == login)) is not None:
            raise BadInput("duplicate", f"the login {login} is taken", field="login", value=login)
        account = UserAccount(login=login, display_name=display_name.strip()[:32] or login, role=role,
                              active=True, password_hash=hash_password(password) if password else "")
        op.session.add(account)
        op.created(Entity.ACCOUNT, account, ACCOUNT_FIELDS)
        new_id = account.id
    return new_id


def set_active(ops: Operations, actor: Actor, account_id: int, active: bool) -> None:
    """Disable (or re-enable) an account; an admin cannot lock themself out."""
    from desk.services.operations import snapshot

    with ops.run(actor, "account.set_active") as op:
        account = op.session.get(UserAccount, account_id)
        if account is None:
            raise BadInput("not_found", f"no account with id {account_id}", field="account", value=account_id)
        if account.id == actor.user_id and not active:
            raise BadInput("own_account", "an admin cannot disable their own account", field="account",
                           value=account.login)
        before = snapshot(account, ("active",))
        account.active = bool(active)
        op.updated(Entity.ACCOUNT, account, before)
