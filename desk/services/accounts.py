"""Who is at the desk, and the accounts an admin manages (through the one write path)."""
from __future__ import annotations

import base64
import calendar
import hashlib
import hmac
from datetime import datetime, timedelta

import pyotp

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from db.models import UserAccount
from desk.domain.changes import Entity, Op
from desk.domain.clock import to_local
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


_HASHER = PasswordHasher()  # argon2id with the library's current parameters


def hash_password(password: str) -> str:
    """argon2id (argon2-cffi), salted, in its standard encoded form."""
    return _HASHER.hash(password)


def check_password(password: str, stored: str) -> bool:
    """An argon2 hash, or the scrypt hashes `init` wrote before (rehashed to argon2 at the next sign-in)."""
    if stored.startswith("$argon2"):
        try:
            return _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(got, base64.b64decode(digest))


def needs_rehash(stored: str) -> bool:
    return not stored.startswith("$argon2") or _HASHER.check_needs_rehash(stored)


MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCKOUT = timedelta(minutes=15)


class SignInRefused(DeskError):
    """Wrong login or password (one message for both), a locked or disabled account."""


def _code_ok(secret: str, code: str, now: datetime) -> bool:
    stamp = calendar.timegm(now.timetuple())  # `now` is naive UTC
    return pyotp.TOTP(secret).verify(code.strip().replace(" ", ""), for_time=stamp, valid_window=1)


def sign_in(ops: Operations, login: str, password: str, code: str = "") -> Actor:
    """Check a login and password (and the TOTP code, for an account that has the second factor); five
    failures in a row lock the account for 15 minutes. Every attempt, refused or not, is on record (never
    the password or the code). Returns the actor the desk then acts as."""
    login = login.strip()[:32]
    with ops.run(SYSTEM_ACTOR, "account.sign_in") as op:
        s = op.session
        user = s.scalars(select(UserAccount).where(UserAccount.login == login)).first()
        now = op.now
        if user is None or not user.password_hash or user.role not in ROLES or user.role == "system":
            outcome = "refused"
        elif user.locked_until is not None and user.locked_until > now:
            outcome = "locked"
        elif not check_password(password, user.password_hash):
            outcome = "refused"
            user.failed_logins = (user.failed_logins or 0) + 1
            if user.failed_logins >= MAX_FAILURES:
                user.locked_until, user.failed_logins, outcome = now + LOCKOUT, 0, "locked_now"
        elif not user.active:
            outcome = "inactive"
        elif user.totp_secret and not code.strip():
            outcome = "code_required"  # the password was right: asking for the code is no failure
        elif user.totp_secret and not _code_ok(user.totp_secret, code, now):
            outcome = "refused"
            user.failed_logins = (user.failed_logins or 0) + 1
            if user.failed_logins >= MAX_FAILURES:
                user.locked_until, user.failed_logins, outcome = now + LOCKOUT, 0, "locked_now"
        else:
            outcome = "ok"
            user.failed_logins, user.locked_until = 0, None
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
        op.audit(Entity.ACCOUNT, user.id if user is not None else None, {"sign_in": [None, outcome]}, note=login)
        op.changes.add(Entity.ACCOUNT, Op.UPDATED, *([user.id] if user is not None else []))
        until = user.locked_until if user is not None else None
        actor = Actor(user.id, user.login, user.role) if user is not None and outcome == "ok" else None
    if actor is not None:
        return actor
    if outcome in ("locked", "locked_now") and until is not None:
        opens = f"{to_local(until):%H:%M}"
        raise SignInRefused("account_locked", f"too many failed sign-ins; the account is locked until {opens}",
                            field="login", value=opens)
    if outcome == "inactive":
        raise SignInRefused("sign_in_inactive", "the account is disabled; ask the administrator")
    if outcome == "code_required":
        raise SignInRefused("code_required", "enter the code from the authenticator app")
    raise SignInRefused("bad_credentials", "wrong login or password")


def enable_totp(ops: Operations, actor: Actor, login: str) -> str:
    """Switch the second factor on for an account (a new secret each time); returns the otpauth:// link
    the user's authenticator app reads (shown once; the audit records only that it was switched on)."""
    with ops.run(actor, "account.totp") as op:
        user = op.session.scalars(select(UserAccount).where(UserAccount.login == login.strip())).first()
        if user is None:
            raise BadInput("not_found", f"no account {login}", field="login", value=login)
        user.totp_secret = pyotp.random_base32()
        op.audit(Entity.ACCOUNT, user.id, {"totp": [None, "on"]}, note=user.login)
        op.changes.add(Entity.ACCOUNT, Op.UPDATED, user.id)
        return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.login, issuer_name="desk")


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
