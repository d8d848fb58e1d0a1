"""Backups and restore: an online backup while the desk writes is a sound, verified copy; only the newest
--keep stay; a tampered or foreign file is refused as a backup; a restore puts the backup in place and
keeps the database it replaced; it is refused while another seat has the database open."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from desk.cli import main
from desk.services.backup import BackupError, backup, backups, restore, verify
from desk.services.errors import DatabaseBusy


def _register(desk):
    from tests.test_operations import _draft

    return desk.incidents.register(desk.actor, _draft(desk))[0]


def _incidents(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM incident").fetchone()[0]


def test_a_backup_taken_while_the_desk_writes_is_verified_and_rotated(desk, db_path, tmp_path):
    _register(desk)  # the desk's connection is open and has written
    folder = tmp_path / "backups"
    start = datetime(2026, 11, 24, 9, 0)
    for i in range(4):
        done = backup(db_path, folder, keep=3, now=start + timedelta(minutes=i))
    assert [p.name for p in backups(folder)] == [f"desk-20261124-090{i}00.sqlite" for i in (3, 2, 1)]
    assert done.audit_records >= 1 and _incidents(done.path) == desk.info()["incidents"]
    assert not list(folder.glob("*.partial"))


def test_a_tampered_or_foreign_file_is_not_a_backup(db_path, tmp_path):
    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("not a database")
    with pytest.raises(BackupError, match="not an SQLite database|not a desk database"):
        verify(foreign)
    copy = backup(db_path, tmp_path / "b", now=datetime(2026, 11, 24, 9, 0)).path
    with sqlite3.connect(copy) as con:  # someone slips a record into the copy's audit trail
        con.execute("INSERT INTO audit_record (at, actor_login, actor_role, operation, entity, changes, note, seq, hash) "
                    "VALUES ('2026-11-24 09:00:00.000000', 'x', 'x', 'x', 'x', '{}', '', 999, 'bad')")
    with pytest.raises(BackupError, match="audit record"):
        verify(copy)


def test_restore_puts_the_backup_in_place_and_keeps_what_it_replaced(desk, db_path, tmp_path, capsys):
    folder = tmp_path / "backups"
    assert main(["backup", "--db", str(db_path), "--out", str(folder)]) == 0
    saved = backups(folder)[0]
    before = _incidents(db_path)
    _register(desk)
    # Refused while a seat has it open.
    with pytest.raises(DatabaseBusy):
        restore(saved, db_path)
    desk.close()
    assert main(["restore", str(saved), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "before-restore" in out
    assert _incidents(db_path) == before
    kept = next(db_path.parent.glob("*.before-restore-*.sqlite"))
    assert _incidents(kept) == before + 1  # nothing lost: the replaced database is there
    assert main(["audit", "verify", "--db", str(db_path)]) == 0


def test_the_desk_takes_its_daily_backup_when_the_last_is_a_day_old(qapp, db_path, tmp_path, qtbot):
    from desk.ui.backup_schedule import BackupSchedule

    folder = tmp_path / "daily"
    now = [datetime(2026, 11, 24, 9, 0)]
    schedule = BackupSchedule(db_path, folder, clock=lambda: now[0])
    assert schedule.due()
    with qtbot.waitSignal(schedule.finished, timeout=20000) as done:
        schedule.check()
    assert done.args[0].endswith("desk-20261124-090000.sqlite") and len(backups(folder)) == 1
    now[0] += timedelta(hours=23)
    assert not schedule.due()  # not yet a day
    now[0] += timedelta(hours=1)
    assert schedule.due()
    schedule.stop()
