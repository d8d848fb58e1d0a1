"""Sign-in: argon2id passwords, one message for a wrong login or password, five failures in a row lock
the account for 15 minutes, every attempt on record (never the password), older scrypt hashes rehashed;
the desk of a real township opens only after sign-in, and `--user` is refused there outside the tests."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditRecord, UserAccount
from desk.services.accounts import (MAX_FAILURES, SignInRefused, create_account, hash_password, sign_in)
from desk.services.accounts import actor_for
from desk.services.desk import DeskServices

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def account(desk):
    admin = DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)
    create_account(admin.ops, admin.actor, "wang.op", "王值班", "operator", password="青岚-2026-safe")
    return "wang.op"


def _attempts(desk) -> list[AuditRecord]:
    with desk.db.session() as s:
        return list(s.scalars(select(AuditRecord).where(AuditRecord.operation == "account.sign_in")
                              .order_by(AuditRecord.id)))


def test_the_right_password_signs_in_and_the_hash_is_argon2(desk, account):
    actor = sign_in(desk.ops, account, "青岚-2026-safe")
    assert (actor.login, actor.role) == (account, "operator")
    with desk.db.session() as s:
        assert s.scalars(select(UserAccount.password_hash).where(UserAccount.login == account)).one().startswith(
            "$argon2id$")
    record = _attempts(desk)[-1]
    assert '"ok"' in record.changes and "青岚-2026-safe" not in record.changes + record.note


def test_a_wrong_login_and_a_wrong_password_get_the_same_answer(desk, account):
    with pytest.raises(SignInRefused) as unknown:
        sign_in(desk.ops, "nobody", "x")
    with pytest.raises(SignInRefused) as wrong:
        sign_in(desk.ops, account, "wrong")
    assert unknown.value.code == wrong.value.code == "bad_credentials" and str(unknown.value) == str(wrong.value)
    assert len(_attempts(desk)) == 2  # refused attempts are on record too


def test_five_failures_lock_the_account_for_fifteen_minutes(desk, account):
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(SignInRefused):
            sign_in(desk.ops, account, "wrong")
    with pytest.raises(SignInRefused) as locked:
        sign_in(desk.ops, account, "wrong")
    assert locked.value.code == "account_locked"
    with pytest.raises(SignInRefused) as still:  # even the right password, while locked
        sign_in(desk.ops, account, "青岚-2026-safe")
    assert still.value.code == "account_locked"
    desk.clock.now += timedelta(minutes=16)
    assert sign_in(desk.ops, account, "青岚-2026-safe").login == account


def test_an_older_scrypt_hash_still_signs_in_and_is_rehashed(desk, account):
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt("旧密码".encode(), salt=salt, n=2 ** 14, r=8, p=1, dklen=32)
    legacy = f"scrypt${2 ** 14}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    with desk.db.write_session() as s:
        s.scalars(select(UserAccount).where(UserAccount.login == account)).one().password_hash = legacy
    assert sign_in(desk.ops, account, "旧密码").login == account
    with desk.db.session() as s:
        assert s.scalars(select(UserAccount.password_hash).where(UserAccount.login == account)).one().startswith(
            "$argon2")
    assert hash_password("x") != hash_password("x")  # salted


def test_the_sign_in_dialog(qapp, desk, account, qtbot):
    from desk.ui.sign_in import SignInDialog

    dlg = SignInDialog("青岚镇", lambda login, password, code: sign_in(desk.ops, login, password, code))
    qtbot.addWidget(dlg)
    dlg.login.setText(account)
    dlg.password.setText("wrong")
    dlg.buttons.accepted.emit()
    assert not dlg.error.isHidden() and dlg.actor is None and dlg.password.text() == ""
    assert dlg.error.text() == "Wrong login or password."
    dlg.password.setText("青岚-2026-safe")
    dlg.buttons.accepted.emit()
    assert dlg.actor is not None and dlg.actor.login == account and dlg.result() == dlg.DialogCode.Accepted


def test_user_is_refused_on_a_real_township_outside_the_tests(tmp_path):
    db = tmp_path / "real.sqlite"
    env = {k: v for k, v in os.environ.items() if k != "DESK_TEST_SEATS"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    subprocess.run([sys.executable, "-m", "desk", "init", "--db", str(db)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    result = subprocess.run([sys.executable, "main.py", "--db", str(db), "--user", "admin", "--screenshot",
                             str(tmp_path / "x.png")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "sign in" in result.stderr


def test_an_idle_desk_locks_until_the_same_account_signs_in_again(qapp, desk, account, qtbot):
    from PySide6.QtWidgets import QLabel, QMainWindow

    from desk.ui.idle_lock import IdleLock

    window = QMainWindow()
    window.setCentralWidget(QLabel("网格数据"))
    qtbot.addWidget(window)
    window.show()
    now = [0.0]
    lock = IdleLock(window, account, "青岚镇", lambda login, password, code: sign_in(desk.ops, login, password, code),
                    minutes=10, clock=lambda: now[0])
    now[0] = 9 * 60
    lock.check()
    assert lock.dialog is None  # not yet
    now[0] = 10 * 60
    with qtbot.waitSignal(lock.locked) as locked:
        lock.check()
    assert locked.args == [True] and window.centralWidget().isHidden()
    dlg = lock.dialog
    assert dlg.login.text() == account and dlg.login.isReadOnly()
    dlg.buttons.rejected.emit()  # no way past but the password
    assert lock.dialog is dlg and window.centralWidget().isHidden()
    dlg.password.setText("wrong")
    dlg.buttons.accepted.emit()
    assert lock.dialog is dlg and not dlg.error.isHidden()
    dlg.password.setText("青岚-2026-safe")
    with qtbot.waitSignal(lock.locked) as unlocked:
        dlg.buttons.accepted.emit()
    assert unlocked.args == [False] and not window.centralWidget().isHidden() and lock.dialog is None
    lock.stop()


def test_the_wall_of_a_real_township_takes_only_a_wall_account(tmp_path):
    db = tmp_path / "real.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "desk", "init", "--db", str(db)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    result = subprocess.run([sys.executable, "main.py", "--db", str(db), "--wall", "--user", "admin", "--screenshot",
                             str(tmp_path / "x.png")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "wall account" in result.stderr


def test_the_second_factor_asks_for_the_code_and_counts_a_wrong_one(desk, account, qapp, qtbot):
    import calendar

    import pyotp

    from desk.services.accounts import enable_totp
    from desk.ui.sign_in import SignInDialog

    admin = DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)
    uri = enable_totp(admin.ops, admin.actor, account)
    secret = pyotp.parse_uri(uri).secret
    assert uri.startswith("otpauth://totp/") and secret not in "".join(r.changes + r.note for r in _attempts(desk))
    with pytest.raises(SignInRefused) as asked:
        sign_in(desk.ops, account, "青岚-2026-safe")
    assert asked.value.code == "code_required"
    with pytest.raises(SignInRefused) as wrong:
        sign_in(desk.ops, account, "青岚-2026-safe", "000000" if pyotp.TOTP(secret).at(
            calendar.timegm(desk.now().timetuple())) != "000000" else "111111")
    assert wrong.value.code == "bad_credentials"
    with desk.db.session() as s:
        assert s.scalars(select(UserAccount.failed_logins).where(UserAccount.login == account)).one() == 1
    code = pyotp.TOTP(secret).at(calendar.timegm(desk.now().timetuple()))
    assert sign_in(desk.ops, account, "青岚-2026-safe", code).login == account
    # The dialog keeps the password when only the code was missing.
    dlg = SignInDialog("青岚镇", lambda login, password, c: sign_in(desk.ops, login, password, c))
    qtbot.addWidget(dlg)
    dlg.login.setText(account)
    dlg.password.setText("青岚-2026-safe")
    dlg.buttons.accepted.emit()
    assert dlg.password.text() == "青岚-2026-safe" and dlg.actor is None
    dlg.code.setText(pyotp.TOTP(secret).at(calendar.timegm(desk.now().timetuple())))
    dlg.buttons.accepted.emit()
    assert dlg.actor is not None


def test_the_second_factor_from_the_command_line(desk, db_path, account, capsys):
    from desk.cli import main

    assert main(["account", "totp", account, "--db", str(db_path)]) == 0
    assert "otpauth://totp/desk:" in capsys.readouterr().out
    with pytest.raises(SignInRefused) as asked:
        sign_in(desk.ops, account, "青岚-2026-safe")
    assert asked.value.code == "code_required"
    assert main(["account", "totp", "nobody", "--db", str(db_path)]) == 2
