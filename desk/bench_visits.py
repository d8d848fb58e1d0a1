"""The home-visits benchmark (`python -m desk bench visits`), on a copy of the database (the county
demo: 100k+ households, several thousand persons in the groups). Printed, never asserted.

- due_ms: every household and person overdue or due within the week, for the whole county (median).
- officer_ms: one community officer's list (the officer with the most households; median).
- record_ms: one visit recorded through the write path, committed (median over 20).

Timed as the desk runs: with Python's automatic garbage collection off (the desk collects on its GUI
thread every few seconds instead, see desk/ui/collector.py), and a full collection between repeats,
outside the timing. With automatic collection on, a collection triggered by the list's own rows adds
some 80 ms to `due_ms` at county scale.
"""
from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS: dict[str, tuple[str, float]] = {"due_ms": ("<", 200.0), "officer_ms": ("<", 20.0), "record_ms": ("<", 20.0)}
REPEAT = 5
RECORDS = 20


def run_visits_bench(db: str, as_json: bool) -> int:
    if "://" in db:
        print("bench visits: runs on a copy of a SQLite file; give a file path", file=sys.stderr)
        return 2
    source = Path(db)
    if not source.is_file():
        print(f"{db}: no such database (python -m desk demo --scale county --db {db})", file=sys.stderr)
        return 2
    from desk.bench import copy_sqlite

    with tempfile.TemporaryDirectory(prefix="desk-visits-bench-") as tmp:
        copy = Path(tmp) / "visits.sqlite"
        copy_sqlite(source, copy)
        result = _run(copy)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key in TARGETS:
            mark = "ok" if result["met"][key] else "MISSED"
            print(f"{key:>12}: {result[key]}  {result['targets'][key]} {mark}")
        for key, value in result["detail"].items():
            print(f"{key:>12}: {value}")
    return 0


def _median_ms(fn, repeat: int) -> tuple[float, Any]:
    times, out = [], None
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter()
            out = fn()
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        if enabled:
            gc.enable()
    return round(statistics.median(times), 2), out


def _run(copy: Path) -> dict[str, Any]:
    from sqlalchemy import func, select

    from db.models import Household, Staff
    from desk.services import visits as vs
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices
    from desk.services.database import Database
    from desk.services.reads.visits import Query

    db = Database(copy, create=False)
    try:
        desk = DeskServices(db, actor_for(db, "duty"))
        with db.session() as s:
            households = s.scalar(select(func.count()).select_from(Household)) or 0
            cell = s.execute(select(Household.police_cell_id, func.count()).where(Household.police_cell_id.is_not(None))
                             .group_by(Household.police_cell_id).order_by(func.count().desc())).first()
            officer = s.scalar(select(Staff.id).where(Staff.role == "community_police",
                                                      Staff.police_cell_id == (cell[0] if cell else -1)))
            homes = list(s.execute(select(Household.id, Household.grid_id).limit(RECORDS)))
            workers = dict(s.execute(select(Staff.grid_id, Staff.id).where(Staff.role == "grid_worker")).all())
        desk.visits_due()  # warm the page cache, as a desk that has been open a minute has
        due_ms, rows = _median_ms(lambda: desk.visits_due(), REPEAT)
        officer_ms, mine = _median_ms(lambda: desk.visits_due(Query(officer_id=officer)), REPEAT)
        records = []
        for hid, grid_id in homes:
            t0 = time.perf_counter()
            vs.record_visit(desk.ops, desk.actor, hid, desk.now(), "入户走访，核实人员和住房情况，宣传防诈知识。",
                            grid_worker_id=workers.get(grid_id))
            records.append((time.perf_counter() - t0) * 1000)
        record_ms = round(statistics.median(records), 2)
        desk.close()
    finally:
        db.dispose()
    result: dict[str, Any] = {"due_ms": due_ms, "officer_ms": officer_ms, "record_ms": record_ms}
    result["targets"] = {k: f"{op} {limit:g}" for k, (op, limit) in TARGETS.items()}
    result["met"] = {k: result[k] < limit for k, (_op, limit) in TARGETS.items()}
    result["detail"] = {"households": households, "due_rows": len(rows), "officer_rows": len(mine),
                        "overdue": sum(1 for r in rows if r.state.value == "overdue")}
    return result
