"""The audit trail is a hash chain: `audit verify` passes on a sound database and names the first record
altered or missing when the file is tampered with behind the desk's back (the append-only triggers
dropped first, as an attacker with the file would); a database migrated from 0006 gets its existing
records numbered and chained."""
from __future__ import annotations

import sqlite3

from sqlalchemy import select

from db.models import AuditRecord
from desk.cli import main
from desk.domain.audit_chain import GENESIS, record_hash
from desk.services import visits as vs
from desk.services.audit_verify import verify_audit


def _some_writes(desk, n=5):
    from db.models import Household, Staff

    with desk.db.session() as s:
        house = s.scalars(select(Household).order_by(Household.id)).first()
        worker = s.scalar(select(Staff.id).where(Staff.role == "grid_worker"))
    for i in range(n):
        vs.record_visit(desk.ops, desk.actor, house.id, desk.now(), f"第{i + 1}次走访，核实人员情况。",
                        grid_worker_id=worker)


def _tamper(path, *sql):
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER IF EXISTS audit_record_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_record_no_delete")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def test_a_sound_chain_passes_and_each_record_extends_it(desk, db_path, capsys):
    _some_writes(desk)
    count, broken = verify_audit(desk.db)
    assert broken is None and count >= 5
    with desk.db.session() as s:
        rows = s.scalars(select(AuditRecord).order_by(AuditRecord.seq)).all()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    first = rows[0]
    assert first.hash == record_hash(GENESIS, {f: getattr(first, f) for f in (
        "seq", "at", "actor_id", "actor_login", "actor_role", "operation", "entity", "entity_id", "changes", "note")})
    assert main(["audit", "verify", "--db", str(db_path)]) == 0
    assert f"audit chain sound: {count} records" in capsys.readouterr().out


def test_an_altered_record_is_named(desk, db_path, capsys):
    _some_writes(desk)
    with desk.db.session() as s:
        third = s.scalars(select(AuditRecord).where(AuditRecord.seq == 3)).one()
    desk.close()
    _tamper(db_path, f"UPDATE audit_record SET note = '改过的' WHERE id = {third.id}")
    assert main(["audit", "verify", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert f"audit record #3 (id {third.id}) was altered" in err


def test_a_removed_record_is_named(desk, db_path, capsys):
    _some_writes(desk)
    with desk.db.session() as s:
        second = s.scalars(select(AuditRecord).where(AuditRecord.seq == 2)).one()
    desk.close()
    _tamper(db_path, f"DELETE FROM audit_record WHERE id = {second.id}")
    assert main(["audit", "verify", "--db", str(db_path)]) == 1
    assert "audit record #2 is missing" in capsys.readouterr().err


def test_records_written_before_the_chain_are_chained_by_the_migration(tmp_path):
    from alembic import command

    from db.engine import alembic_config, make_engine

    path = tmp_path / "old.sqlite"
    engine = make_engine(path)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0006")
    with engine.begin() as con:
        for i in range(3):
            con.exec_driver_sql(
                "INSERT INTO audit_record (at, actor_id, actor_login, actor_role, operation, entity, entity_id, "
                "changes, note) VALUES (?, NULL, 'system', 'system', 'setting.update', 'setting', NULL, '{}', ?)",
                (f"2026-11-0{i + 1} 08:00:00.000000", f"旧记录{i}"))
    command.upgrade(cfg, "head")
    engine.dispose()
    from desk.services.database import Database

    db = Database(path, create=False)
    try:
        assert verify_audit(db) == (3, None)
        with sqlite3.connect(path) as con:  # still append-only
            try:
                con.execute("UPDATE audit_record SET note = 'x'")
                raise AssertionError("the audit trail took an update")
            except sqlite3.DatabaseError as exc:
                assert "append-only" in str(exc)
    finally:
        db.dispose()
