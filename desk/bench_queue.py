"""The queue benchmark (`python -m desk bench queue`): the incident queue as an operator meets it,
offscreen, on a copy of the database. Printed, never asserted.

- open_ms: from constructing the queue view until its first read (ids in SQL order, the first pages of
  rows, the counts per card) is applied and the table has painted its first rows. The default view: the
  open items, most urgent first. `detail.open_all_ms` is the same for the whole history.
- sort_ms: a click on a column header until the re-sorted rows are painted (median over the columns).
- filter_ms: a filter change (free text, a card chip, a village) until the rows are painted (median);
  typing itself is debounced, so this is what one pause in typing costs.
- tick_ms: one second's countdown refresh: the time-left cells on screen repainted, no row read.
  `detail.minute_ui_ms` is the minute tick's cost on the GUI thread (its read runs on the worker).
- escalate_ms: the cards of every open item, as the minute tick and the status bar read them.
- naive_fill_ms: what naive apps do: every incident of the history loaded as an ORM object and written
  into a QTableWidget, cell by cell, with its card worked out in Python.
- ratio: naive_fill_ms / detail.open_all_ms (the same rows, shown the naive and the lazy way).
- rss_mb: this process once the queue views above ran (before the naive table, whose memory is in
  `detail.rss_after_naive_mb`).
"""
from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.ui.queue_view import QueueView

TARGETS: dict[str, tuple[str, float]] = {
    "open_ms": ("<", 300.0),
    "sort_ms": ("<", 200.0),
    "filter_ms": ("<", 200.0),
    "tick_ms": ("<", 8.0),
    "escalate_ms": ("<", 150.0),
    "ratio": (">=", 10.0),
}
SORTS = ("registered", "code", "department", "place", "status", "remaining")
TICKS = 20
TIMEOUT_S = 60.0
VIEW_SIZE = (1600, 1000)


def run_queue_bench(db: str, as_json: bool) -> int:
    if "://" in db:
        print("bench queue: runs on a copy of a SQLite file; give a file path", file=sys.stderr)
        return 2
    source = Path(db)
    if not source.is_file():
        print(f"{db}: no such database (python -m desk demo --db {db} --scale county)", file=sys.stderr)
        return 2
    from desk.bench import copy_sqlite
    from desk.services.database import Database

    with tempfile.TemporaryDirectory(prefix="desk-queue-bench-") as tmp:
        copy = Path(tmp) / "queue.sqlite"
        copy_sqlite(source, copy)
        Database(copy).dispose()  # migrated now, not inside a timed step
        try:
            result = _run(copy)
        except TimeoutError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            if key not in ("targets", "met", "detail"):
                mark = {True: "ok", False: "MISSED"}.get(result["met"].get(key), "")
                print(f"{key:>16}: {value}  {result['targets'].get(key, '')} {mark}".rstrip())
        for key, value in result["detail"].items():
            print(f"{key:>16}: {value}")
    return 0


def _run(copy: Path) -> dict[str, Any]:
    from desk.bench_map import rss_mb
    from desk.ui.app import create_application, name_item_types, prepare_environment

    prepare_environment(offscreen=True)
    app = create_application([sys.argv[0]])
    from desk.services.desk import open_desk
    from desk.ui import i18n, theme
    from desk.ui.change_bridge import ChangeBridge

    translators = i18n.install(app, "zh_CN")
    theme.apply(app, "light")
    desk = open_desk(copy)
    bridge = ChangeBridge(desk, poll=False, clock=False)
    values: dict[str, float] = {}
    detail: dict[str, Any] = {}
    try:
        counts = desk.info()
        name_item_types(desk)
        view, values["open_ms"] = _open(desk, bridge)
        values["sort_ms"], detail["sort_ms_each"] = _sorts(view)
        values["filter_ms"], detail["filter_ms_each"] = _filters(view, desk)
        values["tick_ms"] = _ticks(view)
        detail["minute_ui_ms"] = _minute(view)
        values["escalate_ms"] = _escalate(desk)
        _close(view)
        view, detail["open_all_ms"] = _open(desk, bridge, scope="all")
        detail["rows_all"] = view.model.rowCount()
        detail["rows_fetched_all"] = len([i for i in view.model.ordered_ids() if view.model.cached(i) is not None])
        _close(view)
        values["rss_mb"] = rss_mb()  # the desk's queue, before the naive table below takes its share
        values["naive_fill_ms"] = _naive_fill(desk)
        values["ratio"] = round(values["naive_fill_ms"] / max(detail["open_all_ms"], 0.1), 1)
        detail["rss_after_naive_mb"] = rss_mb()
    finally:
        bridge.stop()
        from desk.ui.worker import wait_for_idle

        wait_for_idle()
        desk.close()
        for t in translators:
            app.removeTranslator(t)
        gc.collect()
    result: dict[str, Any] = {k: round(v, 1) for k, v in values.items()}
    result.update({"incidents": counts["incidents"], "open_incidents": counts["open_incidents"]})
    result["targets"] = {k: f"{op} {limit:g}" for k, (op, limit) in TARGETS.items()}
    result["met"] = {k: (result[k] < limit if op == "<" else result[k] >= limit) for k, (op, limit) in TARGETS.items()}
    result["detail"] = detail
    return result


def _until_loaded(view: QueueView, start: Callable[[], None], what: str) -> float:
    """ms from `start()` until the view applied its read and painted the rows, the event loop idle
    meanwhile as in the desk (a busy wait here would take the GIL from the worker reading)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    done: list[float] = []

    def finished() -> None:
        done.append(time.perf_counter())
        loop.quit()

    view.loaded.connect(finished)
    QTimer.singleShot(int(TIMEOUT_S * 1000), loop.quit)
    t0 = time.perf_counter()
    start()
    if not done:
        loop.exec()
    view.loaded.disconnect(finished)
    if not done:
        raise TimeoutError(f"bench queue: {what} never finished")
    view.table.viewport().repaint()  # the rows painted, their pages fetched
    return (time.perf_counter() - t0) * 1000


def _wait(view: QueueView, start: Callable[[], None], what: str) -> float:
    return _until_loaded(view, start, what)


def _open(desk: DeskServices, bridge: Any, scope: str = "open") -> tuple[QueueView, float]:
    """The view built, shown and its first read painted; timed from the constructor on."""
    from PySide6.QtCore import QEventLoop, QTimer

    from desk.domain.incident_filter import OPEN_QUEUE
    from desk.ui.queue_view import QueueView

    loop = QEventLoop()
    QTimer.singleShot(int(TIMEOUT_S * 1000), loop.quit)
    t0 = time.perf_counter()
    view = QueueView(desk, bridge, query=OPEN_QUEUE.with_values(scope=scope))
    view.loaded.connect(loop.quit)
    view.resize(*VIEW_SIZE)
    view.show()
    loop.exec()
    view.loaded.disconnect(loop.quit)
    if view.model.rowCount() == 0:
        raise TimeoutError("bench queue: the queue never loaded")
    view.table.viewport().repaint()
    return view, (time.perf_counter() - t0) * 1000


def _sorts(view: QueueView) -> tuple[float, list[float]]:
    each = []
    for name in SORTS:
        query = view.query.with_values(sort=name, descending=name == "registered")
        each.append(_wait(view, partial(view.set_query, query), f"sort by {name}"))
    _wait(view, lambda: view.set_query(view.query.with_values(sort="urgency", descending=False)), "urgency")
    return statistics.median(each), [round(x, 1) for x in each]


def _filters(view: QueueView, desk: DeskServices) -> tuple[float, list[float]]:
    base = view.query
    unit = desk.unit_choices()[0][0]
    steps = [base.with_values(text="纠纷"), base.with_values(text="网格"), base.with_values(text="SJ2026"),
             base.with_values(base=base.base.with_values(cards={"red"})),
             base.with_values(base=base.base.with_values(unit_ids={unit})),
             base.with_values(scope="all", text="噪音")]
    each = []
    for q in steps:
        each.append(_wait(view, partial(view.set_query, q), "filter"))
        _wait(view, lambda: view.set_query(base), "clear")
    return statistics.median(each), [round(x, 1) for x in each]


def _ticks(view: QueueView) -> float:
    """The second's timer firing: the countdown column marked for repaint, then painted (the update
    event processed), as the event loop does it."""
    from PySide6.QtCore import QCoreApplication

    each = []
    for _ in range(TICKS):
        QCoreApplication.processEvents()
        t0 = time.perf_counter()
        view._tick()
        QCoreApplication.processEvents()
        each.append((time.perf_counter() - t0) * 1000)
    return statistics.median(each)


def _minute(view: QueueView) -> float:
    """The minute tick's cost on the GUI thread: the read runs on the worker; applying it is what the
    operator could feel (median of five)."""
    spent: list[float] = []
    original = view._apply_full

    def timed(*args: Any) -> None:
        t0 = time.perf_counter()
        original(*args)
        spent.append((time.perf_counter() - t0) * 1000)

    view._apply_full = timed  # type: ignore[method-assign,assignment]
    try:
        for _ in range(5):
            _wait(view, view.reload, "minute tick")
    finally:
        del view._apply_full
    return round(statistics.median(spent), 1)


def _escalate(desk: DeskServices) -> float:
    from desk.services.reads import cards as card_reads

    each = []
    for _ in range(5):
        t0 = time.perf_counter()
        with desk.db.session() as s:
            card_reads.open_cards(s, desk.now())
        each.append((time.perf_counter() - t0) * 1000)
    return statistics.median(each)


def _naive_fill(desk: DeskServices) -> float:
    """Every incident as an ORM object into a QTableWidget, as a quick app is written."""
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
    from sqlalchemy import select

    from db.models import Incident
    from desk.domain.cards import from_schedule

    t0 = time.perf_counter()
    with desk.db.session() as s:
        rows = s.scalars(select(Incident)).all()
        now = desk.now()
        table = QTableWidget(len(rows), 8)
        for n, inc in enumerate(rows):
            card = from_schedule(inc.status, inc.yellow_at, inc.red_at, inc.due_at, inc.due_milestone, now).card
            for c, text in enumerate((card.value, inc.code, inc.title, inc.category, inc.matter, inc.status,
                                      inc.address, inc.registered_at.strftime("%m-%d %H:%M"))):
                table.setItem(n, c, QTableWidgetItem(text))
        table.sortItems(7)
    elapsed = (time.perf_counter() - t0) * 1000
    table.deleteLater()
    return elapsed


def _close(widget: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
