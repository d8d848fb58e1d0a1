"""Timing figures for the read models and one incident round trip (printed, never asserted)."""
from __future__ import annotations

import statistics
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
    from desk.services.incidents import IncidentDraft

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

    layers = desk.map_layers()
    feature = layers["grids"]["features"][0]
    from shapely.geometry import shape

    point = shape(feature["geometry"]).representative_point()
    depts, _ = desk.dispatch_choices()

    def round_trip() -> None:
        new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(
            "bench", "dispute", "grid", "walk_in", point.x, point.y))
        desk.incidents.dispatch(desk.actor, new_id, depts[0].id)
        desk.incidents.feedback(desk.actor, new_id, "bench")
        desk.incidents.close(desk.actor, new_id)

    print("note: the round trip writes real incidents titled 'bench' into this database")
    med, worst = _time(round_trip, repeat)
    print(f"{'register→close round trip':<28}{med:>12.1f}{worst:>10.1f}")
    desk.close()
    return 0
