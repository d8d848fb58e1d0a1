"""The map benchmark (`python -m desk bench map`): the live map as an operator meets it, offscreen, on a
copy of the database. Printed, never asserted.

- build_load_s: from constructing the map view (page built on a worker, loaded) until the page is
  ready, every open incident has been pushed to it and a frame with them is painted.
- update_ms: one incident change through the one write path (an operator's feedback or return for
  rework) until the page acknowledges the pushed marker: a call queued behind the push returns.
  The direct push alone (upsertIncidents of one modified feature, acknowledged the same way) is in
  `detail` as push_ms.
- rebuild_update_ms: the same change as a naive app makes it: the same write, every open incident
  read, the folium page rendered again with them baked in, written and loaded until painted.
- pan_ms: one pan of the whole county view (a third of the view across, a quarter down) until the page
  has painted the frame after it.
- sustained_updates_per_s: the highest rate of single-incident upserts (from a timer) the page
  acknowledges within a second, with no event-loop stall over 100 ms, held at every lower rate too.
- rss_mb / renderer_rss_mb: this process, and its QtWebEngineProcess children together, once the map
  has run the updates and the sustained rates (before the rebuilds load pages of their own).
"""
from __future__ import annotations

import gc
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QEventLoop, SignalInstance

    from desk.map.widget import MapWidget
    from desk.services.desk import DeskServices
    from desk.ui.map_view import MapView

UPDATES = 20
PANS = 10
REBUILDS = 3
RATES = (50, 100, 200, 400)
SECONDS_PER_RATE = 3.0
STALL_LIMIT_MS = 100.0  # a longer event-loop stall is a frozen desk
ACK_WITHIN_S = 1.0  # a sustained rate is held if every push is acknowledged within this
KEPT_UP = 0.95  # ... and the timer managed this share of the rate
FRAME_PROBE_MS = 200
VIEW_SIZE = (1600, 1000)  # the operator's window
BUILD_TIMEOUT_S = 120.0
STEP_TIMEOUT_S = 30.0

# (comparison, value); renderer_rss_mb is the limit the issue sets for ten times the county, which the
# county must meet too.
TARGETS: dict[str, tuple[str, float]] = {
    "build_load_s": ("<", 2.0),
    "update_ms_median": ("<", 50.0),
    "ratio": (">=", 20.0),
    "pan_ms": ("<", 100.0),
    "sustained_updates_per_s": (">=", 100.0),
    "rss_mb": ("<", 700.0),
    "renderer_rss_mb": ("<", 1024.0),
}


def run_map_bench(db: str, as_json: bool, *, updates: int = UPDATES, pans: int = PANS, rebuilds: int = REBUILDS,
                  rates: Sequence[int] = RATES, seconds: float = SECONDS_PER_RATE) -> int:
    """Measure the map on a copy of the SQLite file `db` and print the figures (JSON with `as_json`);
    0 once measured (whether or not the targets are met: see `met`), 1 if the page never answered,
    2 for a database it cannot use."""
    if "://" in db:
        print("bench map: runs on a copy of a SQLite file; give a file path", file=sys.stderr)
        return 2
    source = Path(db)
    if not source.is_file():
        print(f"{db}: no such database (python -m desk demo --db {db} --scale county)", file=sys.stderr)
        return 2
    if min(updates, pans, rebuilds) < 1 or not rates or min(rates) < 1 or seconds <= 0:
        print("bench map: repeat counts, rates and seconds must be positive", file=sys.stderr)
        return 2
    from desk.bench import copy_sqlite

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="desk-map-bench-") as tmp:
        # The updates write to the incidents: never to the operator's file.
        copy = Path(tmp) / "map.sqlite"
        copy_sqlite(source, copy)
        from desk.services.database import Database

        Database(copy).dispose()  # migrate the copy now, so the page build does not pay for it
        try:
            result = _run(copy, Path(tmp), _Plan(updates, pans, rebuilds, list(rates), seconds))
        except (TimeoutError, RuntimeError) as exc:  # a page that never answers, a database without incidents
            print(str(exc), file=sys.stderr)
            return 1
    result["detail"]["seconds_total"] = round(time.perf_counter() - started, 1)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(result, db)
    return 0


@dataclass(frozen=True)
class _Plan:
    updates: int
    pans: int
    rebuilds: int
    rates: list[int]
    seconds: float


# -- waiting on the event loop ---------------------------------------------------------------------

class _Mark:
    """A moment something happened (a signal, a JS callback), waited for with the event loop running."""

    def __init__(self) -> None:
        self.at: float | None = None
        self.value: Any = None
        self._loop: QEventLoop | None = None

    def set(self, value: Any = None) -> None:
        if self.at is None:
            self.at = time.perf_counter()
            self.value = value
            if self._loop is not None:
                self._loop.quit()

    def wait(self, timeout_s: float, what: str) -> float:
        from PySide6.QtCore import QEventLoop, QTimer

        if self.at is None:
            self._loop = QEventLoop()
            QTimer.singleShot(int(timeout_s * 1000), self._loop.quit)
            self._loop.exec()
            self._loop = None
        if self.at is None:
            raise TimeoutError(f"bench map: {what} did not happen within {timeout_s:g} s")
        return self.at


def _on(signal: SignalInstance, what: str, timeout_s: float, start: Callable[[], None]) -> float:
    """Run `start` and wait for the next emission of `signal`; the moment it came."""
    mark = _Mark()

    def hit(*_args: object) -> None:
        mark.set()

    signal.connect(hit)
    try:
        start()
        return mark.wait(timeout_s, what)
    finally:
        signal.disconnect(hit)


def _ack(map_widget: MapWidget, timeout_s: float, what: str, code: str = "1") -> float:
    """Run `code` in the page after every call made so far; the moment its value is back."""
    mark = _Mark()
    map_widget.evaluate(code, mark.set)
    return mark.wait(timeout_s, what)


@contextmanager
def _explained(map_widget: MapWidget) -> Iterator[None]:
    """A page that does not answer usually said why on its console: put that in the error."""
    try:
        yield
    except TimeoutError as exc:
        errors = "; ".join(map_widget.js_errors[-3:])
        raise TimeoutError(f"{exc}{' (page errors: ' + errors + ')' if errors else ''}") from None


def _marker_count(map_widget: MapWidget) -> int | None:
    """How many incidents the page holds, by its own count (None if it keeps none)."""
    mark = _Mark()
    map_widget.evaluate("window.desk.incidentCount ? window.desk.incidentCount() : null", mark.set)
    mark.wait(STEP_TIMEOUT_S, "the page's count of incidents")
    return int(mark.value) if isinstance(mark.value, (int, float)) else None


def _painted(map_widget: MapWidget, what: str) -> float:
    return _on(map_widget.frame_painted, what, STEP_TIMEOUT_S, map_widget.request_frame)


def _pause(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    timer = QTimer(loop)
    timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may end a rate's seconds 5 % early
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(ms)
    loop.exec()


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


# -- memory ----------------------------------------------------------------------------------------

def _status_kb(pid: int | str, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def rss_mb() -> float:
    """This process's resident memory, MB."""
    try:
        import psutil

        return round(psutil.Process().memory_info().rss / 2**20, 1)
    except ImportError:
        pass
    kb = _status_kb("self", "VmRSS")
    if not kb:
        import resource  # no /proc: the peak is the best there is

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1)


def _renderer_pids() -> list[int]:
    """This process's QtWebEngineProcess descendants (the zygote, the renderers, the GPU/utility process)."""
    try:
        import psutil

        return [p.pid for p in psutil.Process().children(recursive=True) if p.name().startswith("QtWebEngine")]
    except ImportError:
        pass
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ")".
        head, _, rest = stat.rpartition(")")
        names[int(entry.name)] = head.partition("(")[2]
        parents[int(entry.name)] = int(rest.split()[1])
    me = os.getpid()
    found = []
    for pid, name in names.items():
        ancestor = parents.get(pid, 0)
        while ancestor not in (0, 1, me):
            ancestor = parents.get(ancestor, 0)
        if ancestor == me and name.startswith("QtWebEngine"):
            found.append(pid)
    return found


def renderer_rss_mb() -> float:
    """Resident memory of this process's QtWebEngineProcess descendants together, MB (pages they share
    are counted in each: see renderer_pss_mb)."""
    pids = _renderer_pids()
    try:
        import psutil

        return round(sum(psutil.Process(pid).memory_info().rss for pid in pids) / 2**20, 1)
    except ImportError:
        return round(sum(_status_kb(pid, "VmRSS") for pid in pids) / 1024, 1)


def renderer_pss_mb() -> float | None:
    """The same processes' proportional share (shared pages divided among their users), MB; None without
    /proc/PID/smaps_rollup."""
    kb = 0
    for pid in _renderer_pids():
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            return None
        kb += next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)
    return round(kb / 1024, 1)


# -- the run ---------------------------------------------------------------------------------------

@dataclass
class _Figures:
    detail: dict[str, Any] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)


def _run(copy: Path, tmp: Path, plan: _Plan) -> dict[str, Any]:
    from desk.ui.app import create_application, name_item_types, prepare_environment, settle_heap

    prepare_environment(offscreen=True)
    app = create_application([sys.argv[0]])
    from desk.services.desk import open_desk
    from desk.ui import i18n, theme
    from desk.ui.change_bridge import ChangeBridge

    translators = i18n.install(app, "zh_CN")
    theme.apply(app, "light")
    desk = open_desk(copy)
    widgets: list[Any] = []
    bridge = None
    try:
        counts = desk.info()
        name_item_types(desk)
        # No minute tick: it would make one of the timed updates a full read of every incident.
        bridge = ChangeBridge(desk, clock=False)
        out = _Figures()
        view = _build_load(desk, bridge, out)
        widgets.append(view)
        settle_heap()  # as the desk does once started (desk.ui.app.main)
        _updates(desk, view, plan.updates, out)
        _pans(view, plan.pans, out)
        _sustained(desk, view, plan, out)
        out.values["rss_mb"] = rss_mb()
        out.values["renderer_rss_mb"] = renderer_rss_mb()
        out.detail["renderer_pss_mb"] = renderer_pss_mb()
        _close(view)
        widgets.remove(view)
        _rebuilds(desk, tmp, plan.rebuilds, out, widgets)
        out.detail["rss_peak_mb"] = round(_status_kb("self", "VmHWM") / 1024, 1) or None
    finally:
        for w in widgets:
            _close(w)
        if bridge is not None:
            bridge.stop()
        from desk.ui.worker import wait_for_idle

        wait_for_idle()
        desk.close()
        for t in translators:
            app.removeTranslator(t)
        gc.unfreeze()  # the process may go on (tests): what the run left behind can be collected again
    v = out.values
    v["ratio"] = round(v["rebuild_update_ms_median"] / max(v["update_ms_median"], 0.1), 1)
    result: dict[str, Any] = {key: v[key] for key in (
        "build_load_s", "update_ms_median", "update_ms_p95", "rebuild_update_ms_median", "ratio", "pan_ms",
        "sustained_updates_per_s", "rss_mb", "renderer_rss_mb")}
    result.update({"incidents": counts["incidents"], "open_incidents": counts["open_incidents"],
                   "grids": counts["grids"]})
    result["targets"] = {key: f"{op} {limit:g}" for key, (op, limit) in TARGETS.items()}
    result["met"] = {key: (result[key] < limit if op == "<" else result[key] >= limit)
                     for key, (op, limit) in TARGETS.items()}
    result["detail"] = out.detail
    return result


def _close(widget: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _build_load(desk: DeskServices, bridge: Any, out: _Figures) -> MapView:
    from desk.ui.map_view import MapView

    t0 = time.perf_counter()
    view = MapView(desk, bridge)
    view.resize(*VIEW_SIZE)
    ready = _Mark()
    view.map.ready.connect(ready.set)
    view.show()
    pushed = _Mark()
    view.incidents_pushed.connect(pushed.set)
    with _explained(view.map):
        if not view.pushes:
            pushed.wait(BUILD_TIMEOUT_S, "the map page's first incidents")
        painted = _painted(view.map, "the first painted frame of the map")
    view.incidents_pushed.disconnect(pushed.set)
    out.values["build_load_s"] = round(painted - t0, 3)
    out.detail["page_ready_s"] = round((ready.at or pushed.at or t0) - t0, 3)
    out.detail["incidents_pushed_s"] = round((pushed.at or t0) - t0, 3)
    out.detail["markers_sent"] = view.shown_incidents
    out.detail["markers_on_page"] = _marker_count(view.map)
    return view


class _Flip:
    """One open incident changed back and forth through the write path: feedback (→ feedback given),
    then return for rework (→ handling), each a status its marker shows."""

    def __init__(self, desk: DeskServices) -> None:
        features = desk.map_incidents()["features"]
        props = [f["properties"] for f in features]
        # One the operator may give feedback on (dispatched or handling); failing that, one awaiting review.
        chosen = next((p for p in props if p["status"] in ("dispatched", "handling")), None) or \
            next((p for p in props if p["status"] == "feedback"), None)
        if chosen is None:
            raise RuntimeError("bench map: no open incident that can be given feedback or returned; "
                               "use a demo database (python -m desk demo)")
        self.id = int(chosen["id"])
        self.feature = next(f for f in features if int(f["properties"]["id"]) == self.id)
        self._desk = desk
        self._status = str(chosen["status"])

    def __call__(self) -> None:
        if self._status == "feedback":
            self._desk.incidents.return_for_rework(self._desk.actor, self.id, "bench")
            self._status = "handling"
        else:
            self._desk.incidents.feedback(self._desk.actor, self.id, "bench")
            self._status = "feedback"


def _updates(desk: DeskServices, view: MapView, n: int, out: _Figures) -> None:
    from desk.map.widget import upsert_incidents_js

    flip = _Flip(desk)
    written, pushed, acked, painted = [], [], [], []
    for _ in range(n):
        mark = _Mark()
        view.incidents_pushed.connect(mark.set)
        t0 = time.perf_counter()
        try:
            flip()
            written.append(time.perf_counter() - t0)
            mark.wait(STEP_TIMEOUT_S, "the changed incident's push to the page")
        finally:
            view.incidents_pushed.disconnect(mark.set)
        pushed.append((mark.at or t0) - t0)
        acked.append(_ack(view.map, STEP_TIMEOUT_S, "the page's acknowledgement of an update") - t0)
        painted.append(_painted(view.map, "the frame after an update") - t0)
    out.values["update_ms_median"] = _ms(statistics.median(acked))
    out.values["update_ms_p95"] = _ms(_p95(acked))
    out.detail["update_path"] = "write path: incident feedback/return → change set → map diff read → " \
                                "upsertIncidents → page acknowledges"
    out.detail["update_write_ms_median"] = _ms(statistics.median(written))
    out.detail["update_pushed_ms_median"] = _ms(statistics.median(pushed))
    out.detail["update_painted_ms_median"] = _ms(statistics.median(painted))

    # The page's share alone: one modified feature pushed straight to it.
    direct = []
    cards = ("none", "yellow", "red")
    for i in range(n):
        feature = {**flip.feature, "properties": {**flip.feature["properties"], "card": cards[i % 3]}}
        t0 = time.perf_counter()
        code = upsert_incidents_js({"type": "FeatureCollection", "features": [feature]})
        direct.append(_ack(view.map, STEP_TIMEOUT_S, "the page's acknowledgement of a push", code) - t0)
    out.detail["push_ms_median"] = _ms(statistics.median(direct))
    out.detail["push_ms_p95"] = _ms(_p95(direct))


def _pans(view: MapView, n: int, out: _Figures) -> None:
    w, h = view.map.width(), view.map.height()
    dx, dy = max(1, w // 3), max(1, h // 4)
    _painted(view.map, "a frame before panning")
    times = []
    for i in range(n):
        sign = 1 if i % 2 == 0 else -1  # there and back: the view stays on the county
        t0 = time.perf_counter()

        def pan(sx: int = sign * dx, sy: int = sign * dy) -> None:
            view.map.run_js(f"window.desk._map.panBy([{sx}, {sy}], {{animate: false}});")
            view.map.request_frame()

        times.append(_on(view.map.frame_painted, "the frame after a pan", STEP_TIMEOUT_S, pan) - t0)
    out.values["pan_ms"] = _ms(statistics.median(times))
    out.detail["pan_ms_max"] = _ms(max(times))
    out.detail["pan_px"] = [dx, dy]


class _Pusher:
    """Single-incident upserts at a rate, from a timer; each acknowledged by the page."""

    def __init__(self, view: MapView, features: list[dict], rate: int) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._view = view
        self._features = features
        self.rate = rate
        self.sent = 0
        self.latencies: list[float] = []
        self._start = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._start = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def acked(self) -> int:
        return len(self.latencies)

    def _tick(self) -> None:
        from desk.map.widget import upsert_incidents_js

        due = int(self.rate * (time.perf_counter() - self._start))
        while self.sent < due:
            base = self._features[self.sent % len(self._features)]
            card = ("none", "yellow", "red")[(self.sent // len(self._features)) % 3]
            feature = {**base, "properties": {**base["properties"], "card": card}}
            sent_at = time.perf_counter()
            self._view.map.evaluate(upsert_incidents_js({"type": "FeatureCollection", "features": [feature]}),
                                    partial(self._acked, sent_at))
            self.sent += 1

    def _acked(self, sent_at: float, _value: object) -> None:
        self.latencies.append(time.perf_counter() - sent_at)


class _FrameProbe:
    """A frame asked of the page every FRAME_PROBE_MS while updates pour in: how long the page takes to
    paint one shows whether it keeps drawing (the event-loop stall says only whether the desk does)."""

    def __init__(self, map_widget: MapWidget) -> None:
        from PySide6.QtCore import QTimer

        self._map = map_widget
        self.latencies: list[float] = []
        self._asked: float | None = None
        self._timer = QTimer()
        self._timer.setInterval(FRAME_PROBE_MS)
        self._timer.timeout.connect(self._ask)

    def start(self) -> None:
        self._map.frame_painted.connect(self._painted)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._map.frame_painted.disconnect(self._painted)

    def _ask(self) -> None:
        if self._asked is None:
            self._asked = time.perf_counter()
            self._map.request_frame()

    def _painted(self) -> None:
        if self._asked is not None:
            self.latencies.append(time.perf_counter() - self._asked)
            self._asked = None


def _sustained(desk: DeskServices, view: MapView, plan: _Plan, out: _Figures) -> None:
    from desk.bench import StallMeter

    features = desk.map_incidents()["features"]
    if not features:
        raise RuntimeError("bench map: no open incidents to update")
    meter = StallMeter()
    meter.start()
    steps: list[dict[str, Any]] = []
    try:
        for rate in plan.rates:
            pusher = _Pusher(view, features, rate)
            frames = _FrameProbe(view.map)
            since = time.time()
            pusher.start()
            frames.start()
            _pause(int(plan.seconds * 1000))
            pusher.stop()
            frames.stop()
            until = time.time()
            waited = time.perf_counter()
            while pusher.acked < pusher.sent and time.perf_counter() - waited < ACK_WITHIN_S:
                _pause(10)
            late = [t for t in pusher.latencies if t > ACK_WITHIN_S]
            stall = meter.worst(since, time.time())
            achieved = pusher.sent / max(until - since, 1e-9)
            steps.append({
                "rate": rate,
                "sent": pusher.sent,
                "acked": pusher.acked,
                "achieved_per_s": round(achieved, 1),
                "ack_ms_p95": _ms(_p95(pusher.latencies)) if pusher.latencies else None,
                "stall_ms_max": round(stall, 1),
                "frame_ms_max": _ms(max(frames.latencies)) if frames.latencies else None,
                "held": achieved >= KEPT_UP * rate and pusher.acked == pusher.sent and not late
                and stall <= STALL_LIMIT_MS,
            })
            # What is still queued in the page belongs to this rate, not the next one.
            _ack(view.map, STEP_TIMEOUT_S, "the page catching up after a rate")
            _pause(300)
    finally:
        meter.stop()
    held = 0
    for s in steps:
        if not s["held"]:
            break
        held = s["rate"]
    out.values["sustained_updates_per_s"] = held
    out.detail["sustained_steps"] = steps
    out.detail["seconds_per_rate"] = plan.seconds


def _page_texts() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The value labels and page texts the map view builds its page with (desk.ui.map_view.MapView.load)."""
    from PySide6.QtCore import QCoreApplication

    from desk.ui.labels import keys, label
    from desk.ui.map_view import PAGE_LABELS

    values = {kind: {key: label(kind, key) for key in keys(kind)}
              for kind in ("risk", "patrol_area", "theme", "fusion")}
    texts = {key: QCoreApplication.translate("MapPage", text) for key, text in PAGE_LABELS.items()}
    return values, texts


def baked_page(html: str, incidents: dict) -> str:
    """The page with every open incident in it, as a naive app ships them: data inside the HTML."""
    from desk.map.widget import set_incidents_js

    # "</" occurs only inside the JSON's strings, where "<\/" means the same and cannot end the script.
    call = set_incidents_js(incidents).replace("</", "<\\/")
    script = ("<script>(function () { var d = window.desk; var go = function () { "
              f"{call} }}; if (d.onReady) d.onReady(go); else go(); }})();</script>")
    at = html.rfind("</html>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


def _rebuilds(desk: DeskServices, tmp: Path, n: int, out: _Figures, widgets: list[Any]) -> None:
    from desk.map.page import MapLayers, render_page
    from desk.map.widget import MapWidget

    layers = MapLayers(**desk.map_layers())  # read once: the naive app is spared the base layers' read
    values, texts = _page_texts()
    widget = MapWidget()
    widgets.append(widget)
    widget.resize(*VIEW_SIZE)
    widget.set_background("#eef1f4")
    widget.show()
    flip = _Flip(desk)
    pages = tmp / "rebuilt"
    pages.mkdir()
    total, rendered = [], []
    for i in range(n + 1):  # the first warms the view's renderer up, as a running app has it
        t0 = time.perf_counter()
        flip()
        html = baked_page(render_page(layers, "light", "zh_CN", value_labels=values, labels=texts),
                          desk.map_incidents())
        path = pages / f"map-{i}.html"
        path.write_text(html, encoding="utf-8")
        t_rendered = time.perf_counter()
        with _explained(widget):
            _on(widget.ready, "the rebuilt page's ready", BUILD_TIMEOUT_S, partial(widget.load_page, path))
            painted = _painted(widget, "the rebuilt page's first frame")
        if i:
            total.append(painted - t0)
            rendered.append(t_rendered - t0)
    out.detail["rebuild_markers_on_page"] = _marker_count(widget)
    out.values["rebuild_update_ms_median"] = _ms(statistics.median(total))
    out.detail["rebuild_path"] = "write path, all open incidents read, folium page rendered with them " \
                                 "inline, written, loaded until painted"
    out.detail["rebuild_render_ms_median"] = _ms(statistics.median(rendered))
    out.detail["rebuild_page_kb"] = round(path.stat().st_size / 1024, 1)


# -- output ----------------------------------------------------------------------------------------

_UNITS = {"build_load_s": "s", "rss_mb": "MB", "renderer_rss_mb": "MB", "sustained_updates_per_s": "/s",
          "ratio": "×"}


def _print(r: dict[str, Any], shown_as: str) -> None:
    d = r["detail"]
    print(f"database {shown_as}: {r['incidents']} incidents, {r['open_incidents']} open, {r['grids']} grids "
          f"(a copy; {d.get('seconds_total', 0):g} s in all)")
    print(f"{'figure':<28}{'value':>12}  {'target':<10}met")
    for key in ("build_load_s", "update_ms_median", "update_ms_p95", "rebuild_update_ms_median", "ratio", "pan_ms",
                "sustained_updates_per_s", "rss_mb", "renderer_rss_mb"):
        unit = _UNITS.get(key, "ms")
        met = r["met"].get(key)
        print(f"{key:<28}{r[key]:>10g} {unit:<2} {r['targets'].get(key, ''):<10}"
              f"{'' if met is None else 'yes' if met else 'NO'}")
    print(f"update: write {d['update_write_ms_median']:g} ms, pushed {d['update_pushed_ms_median']:g} ms, "
          f"painted {d['update_painted_ms_median']:g} ms; a push alone {d['push_ms_median']:g} ms "
          f"(p95 {d['push_ms_p95']:g})")
    print(f"build: page ready {d['page_ready_s']:g} s, {d['markers_sent']} markers pushed "
          f"{d['incidents_pushed_s']:g} s; rebuild renders in {d['rebuild_render_ms_median']:g} ms "
          f"({d['rebuild_page_kb']:g} KB page)")
    print(f"{'rate/s':>7}{'sent':>7}{'acked':>7}{'kept up':>9}{'ack p95':>9}{'stall ms':>10}{'frame ms':>10}  held")
    for s in d["sustained_steps"]:
        p95 = "-" if s["ack_ms_p95"] is None else f"{s['ack_ms_p95']:.0f}"
        frame = "-" if s["frame_ms_max"] is None else f"{s['frame_ms_max']:.0f}"
        print(f"{s['rate']:>7}{s['sent']:>7}{s['acked']:>7}{s['achieved_per_s']:>9.1f}{p95:>9}"
              f"{s['stall_ms_max']:>10.0f}{frame:>10}  {'yes' if s['held'] else 'no'}")
    print(f"memory: renderer {d['renderer_pss_mb']} MB proportional (shared pages once); this process peaked at "
          f"{d['rss_peak_mb']} MB")
