"""Online backups of an SQLite desk database and their restore, each checked before it is trusted.

A backup is taken with SQLite's backup API while seats keep writing (a consistent snapshot), written as
`desk-YYYYMMDD-HHMMSS.sqlite` into the backup folder, then verified: `PRAGMA integrity_check`, a schema
the desk knows, and the audit hash chain. Only the newest `keep` backups stay (rotation). A restore
verifies the backup the same way, refuses while another seat has the database open, and keeps the
database it replaces beside it (`….before-restore-….sqlite`): no restore loses data."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.services.errors import DatabaseBusy, DeskError

PREFIX = "desk-"
SUFFIX = ".sqlite"
KEEP = 14


@dataclass(frozen=True)
class Checked:
    path: Path
    audit_records: int


class BackupError(DeskError):
    """A backup could not be taken, or a file is not a sound backup to restore."""


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst, pages=4096)
    finally:
        dst.close()
        src.close()


def verify(path: Path) -> Checked:
    """The file is a sound desk database: integrity, a known schema, an unbroken audit chain."""
    from desk.services.audit_verify import verify_audit
    from desk.services.database import Database

    if not path.is_file():
        raise BackupError("not_found", f"no backup at {path}", field="file", value=str(path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError("backup_unsound", f"{path.name} is not an SQLite database ({exc})", field="file",
                          value=str(path)) from None
    if ok != "ok":
        raise BackupError("backup_unsound", f"{path.name} fails the integrity check: {ok}", field="file",
                          value=str(path))
    if not {"alembic_version", "audit_record", "incident"} <= tables:
        raise BackupError("backup_unsound", f"{path.name} is not a desk database", field="file", value=str(path))
    db = Database(path, create=False, run_migrations=False)
    try:
        count, broken = verify_audit(db)
    finally:
        db.dispose()
    if broken is not None:
        raise BackupError("backup_unsound", f"{path.name}: {broken}", field="file", value=str(path))
    return Checked(path, count)


def backup(source: Path, folder: Path, keep: int = KEEP, now: datetime | None = None) -> Checked:
    """Take, verify and keep one backup; then drop the oldest beyond `keep`."""
    if keep < 1:
        raise BackupError("out_of_range", "keep at least one backup", field="keep", value=keep)
    if not source.is_file():
        raise BackupError("not_found", f"no database at {source}", field="db", value=str(source))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{stamp}{SUFFIX}"
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    try:
        verify(partial)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)  # only a verified copy ever carries the backup's name
    for old in backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return verify(target)


def backups(folder: Path) -> list[Path]:
    """The backups in a folder, newest first."""
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), reverse=True) if folder.is_dir() else []


def restore(file: Path, target: Path, now: datetime | None = None) -> Path | None:
    """Put a verified backup in place of `target`; returns where the replaced database was kept."""
    from desk.services.database import Database

    checked = verify(file)
    kept = None
    if target.exists():
        current = Database(target, create=False, run_migrations=False)
        try:
            if current.other_connections():
                raise DatabaseBusy("database_busy", f"{target} is open at another seat or on the wall; close it "
                                   "there first")
        finally:
            current.dispose()
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
        _copy(target, kept)
    _copy(checked.path, target)  # through SQLite's backup API, so the target's WAL is handled too
    verify(target)
    return kept
