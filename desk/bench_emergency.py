"""The emergency benchmark (`python -m desk bench emergency`): 50 gauges, each sending one reading a
second for 10 minutes of simulated time, through the real write path, on a copy of the database.
Printed, never asserted.

- ingest_ms: one batch of 50 readings written through the one write path, thresholds judged in it
  (median; p95 in detail).
- threshold_eval_ms: every hazard point's rain against its thresholds (a read; median).
- chart_frame_ms_p95: the gauge charts given the new readings and the repaint that asks for, painted
  by the event loop (95th percentile).
- rss_mb: this process at the end.
"""
from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

TARGETS: dict[str, tuple[str, float]] = {
    "ingest_ms": ("<", 20.0),
    "threshold_eval_ms": ("<", 20.0),
    "chart_frame_ms_p95": ("<", 16.0),
}
GAUGES = 50
SECONDS = 600
CHART_EVERY = 10  # a chart frame every this many batches (the view reads again at most once a second)


def run_emergency_bench(db: str, as_json: bool, seconds: int = SECONDS) -> int:
    if "://" in db:
        print("bench emergency: runs on a copy of a SQLite file; give a file path", file=sys.stderr)
        return 2
    source = Path(db)
    if not source.is_file():
        print(f"{db}: no such database (python -m desk demo --db {db})", file=sys.stderr)
        return 2
    from desk.bench import copy_sqlite
    from desk.services.database import Database

    with tempfile.TemporaryDirectory(prefix="desk-emergency-bench-") as tmp:
        copy = Path(tmp) / "emergency.sqlite"
        copy_sqlite(source, copy)
        Database(copy).dispose()
        result = _run(copy, seconds)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key in ("ingest_ms", "threshold_eval_ms", "chart_frame_ms_p95", "rss_mb"):
            mark = {True: "ok", False: "MISSED"}.get(result["met"].get(key), "")
            print(f"{key:>20}: {result[key]}  {result['targets'].get(key, '')} {mark}".rstrip())
        for key, value in result["detail"].items():
            print(f"{key:>20}: {value}")
    return 0


def _add_gauges(copy: Path) -> list[str]:
    """The township's own gauges plus new rain gauges around its hazard points, up to GAUGES."""
    import sqlalchemy as sa

    from desk.services.hazard_links import relink

    engine = sa.create_engine(f"sqlite:///{copy}")
    rng = random.Random(50)
    with engine.begin() as conn:
        codes = [c for (c,) in conn.execute(sa.text("SELECT code FROM gauge"))]
        points = conn.execute(sa.text("SELECT lon, lat FROM hazard_point")).all()
        rows = []
        for n in range(GAUGES - len(codes)):
            p = points[n % len(points)]
            code = f"BENCH{n:02d}"
            rows.append({"code": code, "name": f"测试雨量站{n:02d}", "kind": "rain", "unit": "mm", "warn": 50.0,
                         "danger": 100.0, "lon": p.lon + rng.uniform(-0.01, 0.01), "lat": p.lat + rng.uniform(-0.01, 0.01)})
            codes.append(code)
        if rows:
            conn.execute(sa.text("INSERT INTO gauge (code, name, kind, unit, warn_value, danger_value, lon, lat) "
                                 "VALUES (:code, :name, :kind, :unit, :warn, :danger, :lon, :lat)"), rows)
        relink(conn)
    engine.dispose()
    return codes


def _run(copy: Path, seconds: int) -> dict[str, Any]:
    from desk.bench_map import rss_mb
    from desk.ui.app import create_application, prepare_environment

    codes = _add_gauges(copy)
    prepare_environment(offscreen=True)
    app = create_application([sys.argv[0]])
    from PySide6.QtCore import QCoreApplication

    from desk.services import emergency_ops as em
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.database import Database
    from desk.services.drills import DrillClock
    from desk.services.hub import ChangeHub
    from desk.services.operations import Operations
    from desk.services.reads.emergency import gauge_states
    from desk.ui import theme
    from desk.ui.emergency_view import GaugeCharts

    theme.apply(app, "light")
    db = Database(copy, create=False)
    from desk.domain.clock import utcnow

    clock = DrillClock(utcnow())
    ops = Operations(db, ChangeHub(), clock)
    rng = random.Random(600)
    charts = GaugeCharts()
    charts.resize(900, 700)
    charts.show()
    ingest, thresholds, frames = [], [], []
    try:
        for second in range(seconds):
            clock.elapsed = timedelta(seconds=second)
            batch = [(code, clock(), round(rng.uniform(0.0, 0.08), 3)) for code in codes]
            t0 = time.perf_counter()
            em.ingest_readings(ops, SYSTEM_ACTOR, batch)
            ingest.append((time.perf_counter() - t0) * 1000)
            if second % CHART_EVERY == 0:
                with db.session() as s:
                    t0 = time.perf_counter()
                    em.threshold_levels(s, clock())
                    thresholds.append((time.perf_counter() - t0) * 1000)
                    series = gauge_states(s, clock())
                QCoreApplication.processEvents()  # nothing else pending: the frame is the chart's own
                t0 = time.perf_counter()
                charts.show_series(series, [("blue", 100.0), ("yellow", 130.0), ("orange", 165.0), ("red", 200.0)])
                QCoreApplication.processEvents()  # the repaint the new data asked for, as the event loop does it
                frames.append((time.perf_counter() - t0) * 1000)
        rss = rss_mb()
    finally:
        charts.close()
        charts.deleteLater()
        db.dispose()
    values = {"ingest_ms": round(statistics.median(ingest), 2),
              "threshold_eval_ms": round(statistics.median(thresholds), 2),
              "chart_frame_ms_p95": round(_p95(frames), 2), "rss_mb": rss}
    result: dict[str, Any] = dict(values)
    result["targets"] = {k: f"{op} {limit:g}" for k, (op, limit) in TARGETS.items()}
    result["met"] = {k: result[k] < limit for k, (_op, limit) in TARGETS.items()}
    result["detail"] = {"gauges": len(codes), "batches": len(ingest), "ingest_ms_p95": round(_p95(ingest), 2),
                        "chart_frames": len(frames), "readings": len(ingest) * len(codes)}
    return result


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
