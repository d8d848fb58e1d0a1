"""The schema as Alembic builds it matches the models; SQLite runs with WAL and foreign keys."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.engine import head_revision
from db.models import Base, Incident
from desk.services.database import Database


def test_migrations_build_exactly_the_models(tmp_path):
    db = Database(tmp_path / "fresh.sqlite")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"render_as_batch": True}), Base.metadata)
    db.dispose()
    assert diff == []


def test_migrating_twice_is_harmless(tmp_path):
    path = tmp_path / "twice.sqlite"
    Database(path).dispose()
    db = Database(path)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision(db.engine)
    db.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(db_path):
    db = Database(db_path)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(IntegrityError), db.session() as s:
            inc = s.query(Incident).first()
            inc.grid_id = 999_999  # no such grid
    finally:
        db.dispose()


def test_the_recorded_schema_head_is_the_newest_migration():
    from db.engine import SCHEMA_HEAD, scripts_head

    assert scripts_head() == SCHEMA_HEAD
