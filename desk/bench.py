"""Timing figures for the read models and one incident round trip (printed, never asserted)."""
from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), max(runs)


def run_bench(db_path: str, repeat: int) -> int:
    from desk.services.desk import open_desk

    if "://" not in db_path and not Path(db_path).exists():
        print(f"{db_path}: no such database (python -m desk demo --db {db_path} --scale county)")
        return 2
    desk = open_desk(db_path, create_demo=False)
    counts = desk.info()
    print(f"database {db_path}: {counts['incidents']} incidents, {counts['open_incidents']} open, "
          f"{counts['grids']} grids")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("info counts", desk.info),
        ("status bar", desk.status),
        ("queue (open, sorted)", desk.queue),
        ("map base layers", desk.map_layers),
        ("map open incidents", desk.map_incidents),
        ("staff boards", desk.boards),
        ("agenda", desk.agenda),
        ("emergency", desk.emergency),
    ]
    print(f"{'case':<28}{'median ms':>12}{'max ms':>10}")
    for name, fn in cases:
        med, worst = _time(fn, repeat)
        print(f"{name:<28}{med:>12.1f}{worst:>10.1f}")

    desk.close()
    if "://" in db_path:
        print("register→close round trip: skipped (it only runs on a copy of a SQLite file)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        # Writes go to a copy: a benchmark must never leave 'bench' incidents in a real database.
        copy = Path(tmp) / "bench.sqlite"
        _copy_sqlite(Path(db_path), copy)
        scratch = open_desk(copy, create_demo=False)
        med, worst = _time(_round_trip(scratch), repeat)
        scratch.close()
    print(f"{'register→close round trip':<28}{med:>12.1f}{worst:>10.1f}")
    return 0


def _copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _round_trip(desk) -> Callable[[], None]:
    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft

    feature = desk.map_layers()["grids"]["features"][0]
    point = shape(feature["geometry"]).representative_point()
    department = desk.dispatch_choices()[0][0].id

    def run() -> None:
        new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(
            "bench", "dispute", "grid", "walk_in", point.x, point.y))
        desk.incidents.dispatch(desk.actor, new_id, department)
        desk.incidents.feedback(desk.actor, new_id, "bench")
        desk.incidents.close(desk.actor, new_id)

    return run
