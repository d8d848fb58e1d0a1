"""Timing figures: the read models and one incident round trip (`python -m desk bench`), and the
change feed at scale with a second process writing (`python -m desk bench feed`). Printed, never
asserted; every write goes to a copy of the database."""
from __future__ import annotations

import gc
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk.services.desk import DeskServices


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), max(runs)


def run_bench(db_path: str, repeat: int) -> int:
    if "://" not in db_path and not Path(db_path).exists():
        print(f"{db_path}: no such database (python -m desk demo --db {db_path} --scale county)")
        return 2
    if "://" in db_path:
        _time_reads(db_path, repeat)
        print("register→close round trip: skipped (it only runs on a copy of a SQLite file)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        # Everything runs on a copy: opening may migrate, and the round trip writes incidents.
        copy = Path(tmp) / "bench.sqlite"
        copy_sqlite(Path(db_path), copy)
        _time_reads(str(copy), repeat, shown_as=db_path)
        from desk.services.desk import open_desk

        desk = open_desk(copy)
        try:
            med, worst = _time(_round_trip(desk), repeat)
        finally:
            desk.close()
    print(f"{'register→close round trip':<28}{med:>12.1f}{worst:>10.1f}")
    return 0


def _time_reads(db_path: str, repeat: int, shown_as: str = "") -> None:
    from desk.services.desk import open_desk

    desk = open_desk(db_path)
    try:
        counts = desk.info()
        print(f"database {shown_as or db_path}: {counts['incidents']} incidents, {counts['open_incidents']} open, "
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
    finally:
        desk.close()


def copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _round_trip(desk: DeskServices) -> Callable[[], None]:
    from shapely.geometry import shape

    from desk.services.accounts import actor_for
    from desk.services.incidents import IncidentDraft

    # Separation of duties: the operator registers and records the steps, the leader closes.
    leader = actor_for(desk.db, "leader")
    feature = desk.map_layers()["grids"]["features"][0]
    point = shape(feature["geometry"]).representative_point()
    department = desk.dispatch_choices()[0][0].id

    def run() -> None:
        new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(
            "bench", item_type="邻里纠纷", source="walk_in", lon=point.x, lat=point.y))
        desk.incidents.dispatch(desk.actor, new_id, department)
        desk.incidents.feedback(desk.actor, new_id, "bench")
        desk.incidents.close(leader, new_id)

    return run


# -- the change feed at scale: `python -m desk bench feed` -----------------------------------------

FEED_RATES = (10, 25, 50, 100, 150, 200)
SHOW_WITHIN_S = 1.0  # every change another seat writes is on screen within this
STALL_PROBE_MS = 10  # the event-loop probe: a timer this often; a longer gap is a stall
KEPT_UP = 0.95  # the writer held a rate if it wrote this share of it
FIRST_PAINT_TIMEOUT_S = 120.0
WRITER_START_S = 60.0  # the writer's own start (imports, opening the database) at worst


def run_feed_bench(db_path: str, as_json: bool = False, seconds: float = 20.0,
                   rates: Sequence[int] = FEED_RATES) -> int:
    """Run the desk offscreen on a copy of `db_path` while a second process writes incidents at a rising
    rate; print how many writes a second it follows with every change shown within a second, its
    longest event-loop stall, and its cold start."""
    source = Path(db_path)
    if "://" in db_path:
        print("bench feed: runs on a copy of a SQLite file; give a file path", file=sys.stderr)
        return 2
    if not source.exists():
        print(f"{db_path}: no such database (python -m desk demo --db {db_path} --scale county)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="desk-feed-") as tmp:
        # Writes go to a copy: the benchmark adds thousands of incidents.
        copy = Path(tmp) / "feed.sqlite"
        copy_sqlite(source, copy)
        from desk.services.database import Database

        Database(copy).dispose()  # migrate the copy now, so neither measurement pays for it
        cold = _cold_start(copy)
        result = _feed(copy, Path(tmp), seconds, list(rates))
    result["cold_start_s"] = cold["painted"]
    result["cold_start_data_s"] = cold["data"]
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_feed(result)
    return 0


def _print_feed(r: dict) -> None:
    print(f"database {r['database']}: {r['open_incidents']} open incidents; each rate held {r['seconds_per_step']:g} s")
    print(f"{'rate/s':>7}{'written':>9}{'kept up':>9}{'shown':>7}{'p50 ms':>8}{'max ms':>8}{'stall ms':>10}  held")
    for s in r["steps"]:
        print(f"{s['rate']:>7}{s['written']:>9}{s['achieved_per_s']:>9.1f}{s['shown']:>7}{s['latency_ms_p50']:>8.0f}"
              f"{s['latency_ms_max']:>8.0f}{s['stall_ms_max']:>10.0f}  {'yes' if s['held'] else 'no'}")
    print(f"writes_per_s {r['writes_per_s']}  stall_ms_max {r['stall_ms_max']:.0f}  "
          f"cold_start_s {r['cold_start_s']:.2f} (rows shown at {r['cold_start_data_s']:.2f})")


def _cold_start(db: Path) -> dict[str, float]:
    """Seconds from starting a fresh desk process to its first painted view, and to the queue's rows
    painted (the view paints at once; its rows come from a worker a moment later)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "desk.bench", "first-paint", "--db", str(db)],
                          capture_output=True, text=True, env=env, timeout=FIRST_PAINT_TIMEOUT_S + 30)
    marks = dict(line.split("\t")[:2] for line in proc.stdout.splitlines() if "\t" in line)
    if proc.returncode != 0 or "painted" not in marks:
        raise RuntimeError(f"the cold-start probe failed ({proc.returncode}): {proc.stderr[-2000:]}")
    painted = float(marks["painted"]) - started
    return {"painted": round(painted, 3), "data": round(float(marks.get("data", "nan")) - started, 3)}


def _first_paint(db: str, view: str = "queue") -> int:
    """The probe `_cold_start` runs in a fresh process: the desk as the operator starts it (offscreen,
    1600x1000, on the queue), printing the wall-clock time of its first paint and of its rows."""
    from desk.ui.app import build_window, create_application, name_item_types, prepare_environment, shut_down

    prepare_environment(offscreen=True)
    app = create_application([sys.argv[0]])
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    from desk.services.desk import open_desk
    from desk.ui import i18n, theme
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.queue_view import QueueView

    i18n.install(app, "zh_CN")
    theme.apply(app, "light")
    desk = open_desk(db)
    name_item_types(desk)
    bridge = ChangeBridge(desk)
    window = build_window(desk, bridge, wall=False, view=view)
    window.resize(1600, 1000)
    found = window.findChild(QueueView)
    if found is None:
        print(f"no queue view in {type(window).__name__}", file=sys.stderr)
        return 1
    queue: QueueView = found
    marks: dict[str, float] = {}
    loaded: list[bool] = []

    def on_loaded() -> None:
        loaded.append(True)
        if not queue.model.rowCount():  # nothing open: the empty queue is its data
            marks.setdefault("data", time.time())
            QTimer.singleShot(0, app.quit)

    queue.loaded.connect(on_loaded)

    class Probe(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and \
                    (obj is queue or queue.isAncestorOf(obj)):
                marks.setdefault("painted", time.time())
                if loaded and obj is queue.table.viewport():
                    marks.setdefault("data", time.time())
                    QTimer.singleShot(0, app.quit)
            return False

    probe = Probe()
    app.installEventFilter(probe)
    QTimer.singleShot(int(FIRST_PAINT_TIMEOUT_S * 1000), app.quit)
    window.show()
    app.exec()
    app.removeEventFilter(probe)
    for key in ("painted", "data"):
        if key in marks:
            print(f"{key}\t{marks[key]:.6f}")
    sys.stdout.flush()
    shut_down(window, bridge, desk)
    return 0 if "painted" in marks else 1


class StallMeter:
    """A timer every STALL_PROBE_MS; the gap between two of its ticks, less the interval, is how long
    the event loop could not run anything (a stall the operator feels as a frozen desk)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[tuple[float, float]] = []  # (wall-clock time, stall ms)
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(STALL_PROBE_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks.append((time.time(), max(0.0, (now - self._last) * 1000 - STALL_PROBE_MS)))
        self._last = now

    def worst(self, since: float = 0.0, until: float = float("inf")) -> float:
        return max((ms for t, ms in self.ticks if since <= t <= until), default=0.0)


def _feed(copy: Path, tmp: Path, seconds: float, rates: list[int]) -> dict:
    from desk.ui.app import (build_window, create_application, name_item_types, prepare_environment,
                             settle_heap, shut_down)

    prepare_environment(offscreen=True)
    app = create_application([sys.argv[0]])
    from PySide6.QtCore import QEventLoop, QModelIndex, QTimer

    from desk.services.desk import open_desk
    from desk.ui import i18n, theme
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.queue_view import QueueView

    translators = i18n.install(app, "zh_CN")
    theme.apply(app, "light")
    desk = open_desk(copy)
    name_item_types(desk)
    bridge = ChangeBridge(desk)
    window = build_window(desk, bridge, wall=False, view="queue")
    window.resize(1600, 1000)
    window.show()
    queue = window.findChild(QueueView)
    assert queue is not None
    if not queue.model.rowCount():
        from desk.ui.worker import settle

        settle(queue, 60_000)

    # When each incident first appears in the queue's model: inserted by a partial refresh, or present
    # after a full reload.
    model = queue.model
    seen: dict[int, float] = {}

    def inserted(_parent: QModelIndex, first: int, last: int) -> None:
        now = time.time()
        for i in range(first, last + 1):
            seen.setdefault(model.row_at(i).id, now)

    def reset() -> None:
        now = time.time()
        for i in range(model.rowCount()):
            seen.setdefault(model.row_at(i).id, now)

    model.rowsInserted.connect(inserted)
    model.modelReset.connect(reset)
    open_incidents = model.rowCount()
    settle_heap()  # as the desk does once started (desk.ui.app.main)

    meter = StallMeter()
    meter.start()
    log_path = tmp / "writer.log"
    log_path.touch()
    writer_err = tmp / "writer.err"
    with writer_err.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "desk.bench_writer", "--db", str(copy), "--out", str(log_path),
                                 "--rates", ",".join(map(str, rates)), "--seconds", str(seconds)],
                                stdout=subprocess.DEVNULL, stderr=err)
        # Follow the writer with the event loop running; a moment after it ends (every change it made
        # has had its second to show), stop. A writer that hangs is stopped when it is long overdue.
        loop = QEventLoop()
        linger = QTimer(loop)
        linger.setSingleShot(True)
        linger.setInterval(int(SHOW_WITHIN_S * 1000) + 500)
        linger.timeout.connect(loop.quit)
        overdue = QTimer(loop)
        overdue.setSingleShot(True)
        overdue.setInterval(int((WRITER_START_S + len(rates) * (seconds + 2)) * 1000))
        overdue.timeout.connect(loop.quit)
        watch = QTimer(loop)
        watch.setInterval(100)

        def check() -> None:
            if proc.poll() is not None:
                watch.stop()
                linger.start()

        watch.timeout.connect(check)
        try:
            watch.start()
            overdue.start()
            loop.exec()
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    meter.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"the writer failed ({proc.returncode}): {writer_err.read_text()[-2000:]}")
    steps = _steps(log_path.read_text(encoding="utf-8"), seen, meter, seconds)
    held = 0
    for s in steps:
        if not s["held"]:
            break
        held = s["rate"]
    result = {
        "writes_per_s": held,
        "stall_ms_max": round(meter.worst(), 1),
        "steps": steps,
        "database": copy.name,
        "open_incidents": open_incidents,
        "seconds_per_step": seconds,
        "show_within_s": SHOW_WITHIN_S,
    }
    shut_down(window, bridge, desk)
    for t in translators:
        app.removeTranslator(t)
    gc.unfreeze()  # the process may go on (tests): what the desk left behind can be collected again
    return result


def _steps(log: str, seen: dict[int, float], meter: StallMeter, seconds: float) -> list[dict]:
    steps: dict[int, dict] = {}
    commits: dict[int, list[tuple[int, float]]] = {}
    for line in log.splitlines():
        kind, rate, *rest = line.split("\t")
        r = int(rate)
        if kind == "step":
            steps[r] = {"rate": r, "start": float(rest[0]), "end": float(rest[0]) + seconds, "written": 0}
        elif kind == "w":
            commits.setdefault(r, []).append((int(rest[0]), float(rest[1])))
        elif kind == "end":
            steps[r]["end"] = float(rest[0])
            steps[r]["written"] = int(rest[1])
    out = []
    for r, st in steps.items():
        latencies = sorted((seen[i] - t) * 1000 if i in seen else float("inf") for i, t in commits.get(r, []))
        shown = sum(1 for ms in latencies if ms != float("inf"))
        within = sum(1 for ms in latencies if ms <= SHOW_WITHIN_S * 1000)
        span = max(st["end"] - st["start"], 1e-9)
        achieved = st["written"] / span
        finite = [ms for ms in latencies if ms != float("inf")]
        out.append({
            "rate": r,
            "written": st["written"],
            "achieved_per_s": round(achieved, 1),
            "shown": shown,
            "shown_within_1s": within,
            "latency_ms_p50": round(statistics.median(finite), 1) if finite else None,
            "latency_ms_p95": round(finite[int(0.95 * (len(finite) - 1))], 1) if finite else None,
            "latency_ms_max": round(max(finite), 1) if finite else None,
            "stall_ms_max": round(meter.worst(st["start"], st["end"] + SHOW_WITHIN_S), 1),
            "held": bool(st["written"]) and achieved >= KEPT_UP * r and within == st["written"],
        })
    return out


def _main(argv: list[str]) -> int:
    """`python -m desk.bench first-paint --db PATH`: the cold-start probe (run by the feed benchmark)."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m desk.bench")
    p.add_argument("probe", choices=("first-paint",))
    p.add_argument("--db", required=True)
    p.add_argument("--view", default="queue")
    args = p.parse_args(argv)
    return _first_paint(args.db, args.view)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
