"""Engine, sessions and schema migration for SQLite (embedded) or PostgreSQL (several seats)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE = {"desk_write": True}  # execution option: this transaction will write


def database_url(target: str | Path) -> str:
    """Accept a URL or a plain file path."""
    text_ = str(target)
    if "://" in text_:
        return text_
    return f"sqlite:///{Path(text_).expanduser().resolve()}"


def make_engine(target: str | Path) -> Engine:
    url = database_url(target)
    if url.startswith("sqlite"):
        # The driver's own transaction handling would start a transaction only at the first write
        # and never around DDL; we begin transactions ourselves (see _sqlite_begin).
        engine = create_engine(url, connect_args={"isolation_level": None})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # A busy timeout rides out short write locks; set first, so that switching a new file to WAL
    # waits for a seat that is creating the schema instead of failing at once.
    cur.execute("PRAGMA busy_timeout=10000")
    # WAL lets the wall display read while a desk writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # FULL: an acknowledged write survives a power cut, not only a crash of the process.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn) -> None:
    """A writing transaction takes the write lock at BEGIN (waiting on busy_timeout), so it can never
    fail half-way when another seat committed since it first read (SQLITE_BUSY_SNAPSHOT)."""
    if conn.get_execution_options().get("desk_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    bind = engine.execution_options(**WRITE) if write else engine
    return sessionmaker(bind, expire_on_commit=False)


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


# The newest migration. Kept here so a start on an up-to-date database does not import Alembic just
# to learn it (0.36 s); a test checks it against the migration scripts.
SCHEMA_HEAD = "0008"


def head_revision(engine: Engine | None = None) -> str:
    return SCHEMA_HEAD


def scripts_head() -> str | None:
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema's revision, None for a database with no desk schema at all. Reads only."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest revision, once, under a lock: two seats starting together on a
    new file take turns, and the second finds nothing left to do. The whole upgrade is one
    transaction, so a process killed half-way leaves the database as it was. Returns whether it ran."""
    from alembic import command

    head = head_revision(engine)
    if current_revision(engine) == head:
        return False
    cfg = alembic_config(engine)
    with engine.execution_options(**WRITE).begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(724001)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
