"""One database handle per process: engine, sessions, and the origin tag for the change log."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory, migrate
from db.models import Township


class Database:
    def __init__(self, target: str | Path, *, run_migrations: bool = True):
        self.target = str(target)
        self.engine = make_engine(target)
        if run_migrations:
            migrate(self.engine)
        self.session_factory = make_session_factory(self.engine)
        # Lets a process skip its own entries when following the shared change log.
        self.origin = uuid.uuid4().hex

    @property
    def label(self) -> str:
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return Path(url.database or "").name
        return url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        session = self.session_factory()
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

    def dispose(self) -> None:
        self.engine.dispose()
