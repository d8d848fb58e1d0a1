"""One database handle per process: engine, sessions, and the origin tag for the change log.

Opening refuses anything that is not a sound desk database (a 0-byte or foreign file, a corrupted
one), with a message naming the path and what to do, before anything is written to it."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from db.engine import current_revision, head_revision, make_engine, make_session_factory, migrate
from db.models import Setting, Township
from desk.services.errors import NotADeskDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
DEMO_KEY = "demo"


def sqlite_path(target: str | Path) -> Path | None:
    text = str(target)
    if "://" not in text:
        return Path(text).expanduser().resolve()
    url = make_url(text)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser().resolve()
    return None


def check_file(path: Path, *, create: bool) -> None:
    """Refuse what cannot be a desk database, before SQLite is let near it."""
    if not path.exists():
        if not create:
            raise NotADeskDatabase(str(path), "no such database; create one with `python -m desk init --db PATH` "
                                   "or a demo with `python -m desk demo --db PATH`", code="no_database")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Residents' data: readable by its owner only. SQLite gives its -wal and -shm files the same mode.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:  # another seat starting at the same moment made it first
            pass
        return
    if path.is_dir():
        raise NotADeskDatabase(str(path), "is a folder, not a database file", code="not_a_database")
    size = path.stat().st_size
    if size == 0 and create:
        return  # being created (by us or a seat starting at the same moment): an empty database
    if size == 0:
        raise NotADeskDatabase(str(path), "is an empty file, not a desk database; check the path, or create a "
                               "database there with `python -m desk init --db PATH`", code="empty_file")
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise NotADeskDatabase(str(path), "is not a desk database (not an SQLite file); check the path",
                                   code="not_a_database")


class Database:
    """`create`: a missing SQLite file may be created (init, demo, tests). `migrate`: bring the schema up
    to date if it is behind; read-only commands pass False and are told when the schema is behind."""

    def __init__(self, target: str | Path, *, create: bool = True, run_migrations: bool = True):
        self.target = str(target)
        self.path = sqlite_path(target)
        if self.path is not None:
            check_file(self.path, create=create)
        self.engine = make_engine(target)
        try:
            self._check_sound()
            if run_migrations:
                migrate(self.engine)
            elif current_revision(self.engine) != head_revision(self.engine):
                raise NotADeskDatabase(self.target, "its schema is behind this version of the desk; open it once "
                                       "with the desk (or `python -m desk migrate`) to bring it up to date",
                                       code="schema_behind")
        except BaseException:
            self.engine.dispose()
            raise
        self.session_factory = make_session_factory(self.engine)
        self.write_factory = make_session_factory(self.engine, write=True)
        # Lets a process skip its own entries when following the shared change log.
        self.origin = uuid.uuid4().hex

    def _check_sound(self) -> None:
        try:
            with self.engine.connect() as conn:
                if self.engine.dialect.name == "sqlite":
                    result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
                    if result != "ok":
                        raise NotADeskDatabase(self.target, f"is damaged ({result}); restore it from a backup",
                                               code="damaged")
                tables = set(conn.dialect.get_table_names(conn))
        except DatabaseError as exc:
            raise NotADeskDatabase(self.target, f"cannot be read as a database ({exc.orig}); check the path or "
                                   "restore it from a backup", code="damaged") from exc
        if tables and "alembic_version" not in tables:
            raise NotADeskDatabase(self.target, "holds tables of some other program, not a desk database",
                                   code="not_a_database")

    @property
    def label(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work for reading (it may write too, but takes the write lock only then)."""
        with self._unit(self.session_factory) as s:
            yield s

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A unit of work that writes: takes the write lock at its start; commits on success."""
        with self._unit(self.write_factory) as s:
            yield s

    @staticmethod
    @contextmanager
    def _unit(factory) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def is_empty(self) -> bool:
        with self.session() as s:
            return (s.scalar(select(func.count()).select_from(Township)) or 0) == 0

    def setting(self, key: str, default: str = "") -> str:
        with self.session() as s:
            row = s.get(Setting, key)
            return row.value if row is not None else default

    def is_demo(self) -> bool:
        return self.setting(DEMO_KEY) == "1"

    def other_connections(self) -> bool:
        """Whether another process has this SQLite database open (a seat, the wall, a writer).

        Asked by trying for an exclusive lock, which SQLite grants only when no one else holds the
        file: in WAL mode every reader keeps a shared lock on the -shm file while connected."""
        if self.path is None:
            return False
        import sqlite3

        self.engine.dispose()
        conn = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()

    def dispose(self) -> None:
        self.engine.dispose()

