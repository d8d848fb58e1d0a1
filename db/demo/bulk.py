"""Bulk rows for the demo at county scale: on SQLite the driver's executemany with values already in the
form SQLAlchemy stores them (ISO text for times, 0/1 for flags), which is several times faster than
Core's per-row type processing; any other database goes through Core."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

BATCH = 20_000


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.isoformat(" ", "microseconds")  # as SQLAlchemy stores it: always with microseconds
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


def insert_rows(session: Session, table: Any, rows: Sequence[dict]) -> None:
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        for start in range(0, len(rows), BATCH):
            session.execute(insert(table), rows[start:start + BATCH])
        return
    columns = list(rows[0])
    # Only the columns that hold times, dates or flags need converting; each is found from its values.
    convert = [c for c in columns if any(isinstance(r[c], (datetime, date, bool)) for r in rows[:200])]
    plain = [c for c in columns if c not in convert]
    order = plain + convert
    sql = f"INSERT INTO {table.name} ({', '.join(order)}) VALUES ({', '.join('?' for _ in order)})"
    raw = conn.connection.driver_connection
    cursor = raw.cursor()  # type: ignore[union-attr]
    for start in range(0, len(rows), BATCH):
        cursor.executemany(sql, [tuple([r[c] for c in plain] + [_sqlite_value(r[c]) for c in convert])
                                 for r in rows[start:start + BATCH]])
    cursor.close()
