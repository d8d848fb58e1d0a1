"""Opening, creating and protecting databases: refuse what is not a sound desk database, create empty
ones with `init`, keep demo data apart, migrate once under a lock, follow the change log exactly once."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.engine import current_revision, head_revision
from db.models import ChangeLogEntry, ItemTypeRow, Township, UserAccount
from desk.domain.changes import Change, ChangeSet, Entity, Op
from desk.services import change_feed
from desk.services.change_feed import PolledChangeLog, coalesce
from desk.services.database import Database
from desk.services.desk import open_desk
from desk.services.errors import NotADeskDatabase

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "desk", *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          env=env, timeout=300)


@pytest.mark.parametrize("content, code", [
    (b"", "empty_file"),
    (b"PK\x03\x04 not a database at all, a zip perhaps", "not_a_database"),
])
def test_files_that_are_not_desk_databases_are_refused(tmp_path, content, code):
    path = tmp_path / "wrong.sqlite"
    path.write_bytes(content)
    with pytest.raises(NotADeskDatabase) as refused:
        open_desk(path)
    assert refused.value.code == code and str(path) in str(refused.value)
    assert path.read_bytes() == content  # nothing written to it


def test_a_missing_path_is_refused_not_turned_into_a_demo(tmp_path):
    with pytest.raises(NotADeskDatabase) as refused:
        open_desk(tmp_path / "mistyped.sqlite")
    assert refused.value.code == "no_database" and not (tmp_path / "mistyped.sqlite").exists()


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(NotADeskDatabase, match="some other program"):
        open_desk(path)


def test_a_damaged_database_is_refused_with_the_path(tmp_path, db_path):
    path = tmp_path / "damaged.sqlite"
    shutil.copy(db_path, path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 40), page):  # scribble over b-tree pages
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(NotADeskDatabase) as refused:
        open_desk(path)
    assert refused.value.code in ("damaged", "not_a_database") and str(path) in str(refused.value)
    result = _cli("info", "--db", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr and str(path) in result.stderr


def test_new_database_files_are_private_and_writes_are_synchronous(tmp_path):
    db = Database(tmp_path / "new.sqlite")
    try:
        assert stat.S_IMODE((tmp_path / "new.sqlite").stat().st_mode) == 0o600
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        db.dispose()


def test_init_makes_an_empty_database_with_catalogue_and_one_admin(tmp_path):
    path = tmp_path / "township.sqlite"
    result = _cli("init", "--db", str(path))
    assert result.returncode == 0, result.stderr
    password = next(line.split(":", 1)[1].split()[0] for line in result.stdout.splitlines()
                    if "admin password" in line)
    db = Database(path, create=False)
    try:
        with db.session() as s:
            assert s.scalar(select(Township.id)) is None
            [admin] = s.scalars(select(UserAccount)).all()
            assert admin.role == "admin" and admin.password_hash and password not in admin.password_hash
            assert len(s.scalars(select(ItemTypeRow.code)).all()) >= 60
        assert not db.is_demo() and db.is_empty()
    finally:
        db.dispose()
    from desk.services.accounts import check_password

    assert check_password(password, admin.password_hash)
    desk = open_desk(path, login="admin")
    try:
        assert not desk.has_township() and not desk.is_demo()
    finally:
        desk.close()
    info = _cli("info", "--db", str(path), "--json")
    assert info.returncode == 0 and json.loads(info.stdout)["item_types"] >= 60
    again = _cli("init", "--db", str(path))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_the_demo_is_marked_and_only_made_on_request(db_path, tmp_path):
    desk = open_desk(db_path)
    try:
        assert desk.is_demo() and desk.has_township()
    finally:
        desk.close()
    fresh = tmp_path / "first-start.sqlite"
    desk = open_desk(fresh, create_demo=True)  # the README's run command, on its own default database
    try:
        assert desk.is_demo() and desk.has_township()
    finally:
        desk.close()


def test_demo_force_is_refused_while_another_seat_has_the_database_open(db_path):
    seat = open_desk(db_path)
    try:
        seat.info()  # the seat holds a connection, as a running desk does
        result = _cli("demo", "--db", str(db_path), "--force")
        assert result.returncode == 2 and "another seat" in result.stderr and "Traceback" not in result.stderr
        assert seat.info()["incidents"] > 0
    finally:
        seat.close()


def test_demo_force_never_replaces_real_data(tmp_path):
    path = tmp_path / "real.sqlite"
    assert _cli("init", "--db", str(path)).returncode == 0
    db = Database(path)
    with db.write_session() as s:  # pretend a township was imported
        s.add(Township(code="T1", name="真实镇", geojson="{}", min_lon=120.0, min_lat=30.0, max_lon=120.1, max_lat=30.1))
    db.dispose()
    result = _cli("demo", "--db", str(path), "--force")
    assert result.returncode == 2 and "real data" in result.stderr


def test_info_never_migrates_and_says_when_the_schema_is_behind(tmp_path, db_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(db_path, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    result = _cli("info", "--db", str(path))
    assert result.returncode == 2 and "schema is behind" in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_a_migration_that_fails_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    from db import migration_data

    path = tmp_path / "killed.sqlite"

    def die(bind):
        raise RuntimeError("power cut")

    monkeypatch.setattr(migration_data, "upgrade_incidents", die)
    with pytest.raises(RuntimeError):
        Database(path)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables <= {"alembic_version"}  # the whole upgrade was one transaction
    monkeypatch.undo()
    db = Database(path)  # and it opens next time
    try:
        assert current_revision(db.engine) == head_revision(db.engine)
    finally:
        db.dispose()


def test_two_seats_starting_together_on_a_new_file_both_open(tmp_path):
    path = tmp_path / "together.sqlite"
    code = ("import sys; from desk.services.database import Database; from db.engine import current_revision; "
            f"db = Database({str(path)!r}); print(current_revision(db.engine))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-400:] for o in outs]
    assert len({o[0].strip() for o in outs}) == 1


def test_the_change_feed_delivers_each_entry_once_coalesced(desk):
    follower = PolledChangeLog(desk.db)
    with desk.db.write_session() as s:
        for i in (1, 2, 3):
            change_feed.record(s, ChangeSet((Change(Entity.INCIDENT, Op.UPDATED, (i,)),)), "other-seat")
        change_feed.record(s, ChangeSet((Change(Entity.SHIFT, Op.CREATED, (7,)),)), "other-seat")
    found = follower.poll()
    assert found.external and found.ids(Entity.INCIDENT) == {1, 2, 3} and found.ids(Entity.SHIFT) == {7}
    assert len(found.changes) == 2
    assert not follower.poll()


def test_the_change_feed_does_not_skip_an_entry_committed_out_of_order(desk):
    """On PostgreSQL a lower id can commit after a higher one; the follower looks again for the gap."""
    follower = PolledChangeLog(desk.db)
    with desk.db.write_session() as s:
        top = s.scalar(select(ChangeLogEntry.id).order_by(ChangeLogEntry.id.desc())) or 0
        payload = json.dumps([Change(Entity.INCIDENT, Op.UPDATED, (2,)).to_dict()])
        s.add(ChangeLogEntry(id=top + 2, at=desk.now(), origin="late-seat", payload=payload))
    assert follower.poll().ids(Entity.INCIDENT) == {2}
    with desk.db.write_session() as s:  # the earlier transaction commits only now
        payload = json.dumps([Change(Entity.INCIDENT, Op.UPDATED, (1,)).to_dict()])
        s.add(ChangeLogEntry(id=top + 1, at=desk.now(), origin="slow-seat", payload=payload))
    assert follower.poll().ids(Entity.INCIDENT) == {1}
    assert not follower.poll()


def test_coalesce_keeps_every_id_once():
    a = ChangeSet((Change(Entity.INCIDENT, Op.UPDATED, (1, 2)),))
    b = ChangeSet((Change(Entity.INCIDENT, Op.UPDATED, (2, 3)), Change(Entity.WARNING, Op.CREATED, (9,))))
    merged = coalesce([a, b])
    assert merged.ids(Entity.INCIDENT) == {1, 2, 3} and merged.ids(Entity.WARNING) == {9}
    assert [c.ids for c in merged.changes if c.entity is Entity.INCIDENT] == [(1, 2, 3)]


def test_a_writer_killed_mid_burst_leaves_every_acknowledged_write_whole(db_path):
    """SIGKILL a seat while it registers as fast as it can: the database opens, passes quick_check, and
    every incident it committed has its audit record, its trail and its change-log entry, no more."""
    import signal

    script = f"""
import sys
from shapely.geometry import shape
from desk.services.desk import open_desk
from desk.services.incidents import IncidentDraft
desk = open_desk({str(db_path)!r})
grid = desk.map_layers()["grids"]["features"][0]
p = shape(grid["geometry"]).representative_point()
n = 0
while True:
    desk.incidents.register(desk.actor, IncidentDraft(title="压测", item_type="邻里纠纷", source="walk_in",
                                                      lon=p.x, lat=p.y))
    n += 1
    if n in (20, 25):
        print(n, flush=True)
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "20", proc.stderr.read()
    assert proc.stdout.readline().strip() == "25"  # well into the burst, likely mid-transaction
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps it and closes its pipes
    db = Database(db_path, create=False)
    try:
        with db.session() as s:
            assert s.execute(text("PRAGMA quick_check")).scalar() == "ok"
            ids = set(s.scalars(text("SELECT id FROM incident WHERE title = '压测'")))
            audited = set(s.scalars(text("SELECT entity_id FROM audit_record WHERE operation = 'incident.register' "
                                         "AND entity = 'incident'")))
            trails = set(s.scalars(text("SELECT incident_id FROM incident_event WHERE action = 'register'")))
            logged = {i for (payload,) in s.execute(select(ChangeLogEntry.payload))
                      for c in json.loads(payload) if c["entity"] == "incident" for i in c["ids"]}
        assert len(ids) >= 20
        assert ids <= trails and ids <= logged
        assert audited == ids  # the demo writes no audit: every audit record is one of these, and whole
    finally:
        db.dispose()
