"""Reads off the GUI thread (Anki's QueryOp): a read-model call runs on a worker thread and its result,
or its exception, is handed back on the GUI thread.

Each view owns one `Reads`. Requests are keyed by what they read ("queue", "agenda"…); for one key the
newest request wins: a result that is older than a later request for the same key is dropped, and a
request that has not started yet when a newer one comes is never run. A result never reaches a
receiver whose `Reads` (and so whose widget) has been destroyed.

Read models open a session per call (`Database.session()`), so they are safe to run here. Writes stay
on the GUI thread: they are short, and their change sets drive the views.
"""
from __future__ import annotations

import atexit
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desk.domain.changes import ChangeSet, Entity

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.ui.change_bridge import ChangeBridge

log = logging.getLogger(__name__)

# Two threads: reads of different views can overlap while one view waits on SQLite, and a third
# would only contend for the GIL with the GUI thread.
MAX_THREADS = 2

_pool: QThreadPool | None = None
_mailbox: _Mailbox | None = None


class _Mailbox(QObject):
    """Lives on the GUI thread for the life of the process, so a worker never emits on an object that
    may be deleted under it; the slot routes each result to its `Reads` if that still exists."""

    arrived = Signal(object)  # _Envelope

    def __init__(self) -> None:
        super().__init__()
        # Queued: the slot runs on this object's (the GUI) thread, whichever thread emits.
        self.arrived.connect(self._route, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _route(self, envelope: _Envelope) -> None:
        reads = envelope.reads()
        if reads is not None and isValid(reads):
            reads._deliver(envelope)


@dataclass
class _Envelope:
    reads: weakref.ReferenceType
    key: str
    ticket: int
    ok: bool
    value: Any = None


def pool() -> QThreadPool:
    """The readers' threads (made on the GUI thread at the first request)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_THREADS)
        # Idle workers go away soon, so none is left behind at exit.
        _pool.setExpiryTimeout(2_000)
        # A read still running when Python shuts down would need the interpreter being torn down.
        atexit.register(wait_for_idle)
    return _pool


def _box() -> _Mailbox:
    # Made on the GUI thread at the first request: its thread decides where `_route` runs.
    global _mailbox
    if _mailbox is None:
        _mailbox = _Mailbox()
    return _mailbox


def wait_for_idle(timeout_ms: int = 10_000) -> bool:
    """Let running reads finish (tests, shut-down): their results are still delivered later by the
    event loop, or dropped if their receiver has gone."""
    return pool().waitForDone(timeout_ms) if _pool is not None else True


def settle(root: QObject, timeout_ms: int = 30_000) -> bool:
    """Run the event loop until no read of `root` or its children is running or waiting, so what is on
    screen is what the database holds (screenshots, tests). False if `timeout_ms` passed first."""
    clock = QElapsedTimer()
    clock.start()
    while True:
        busy = [r for r in ([root] if isinstance(root, Reads) else []) + root.findChildren(Reads) if r.busy()]
        if not busy:
            return True
        left = timeout_ms - clock.elapsed()
        if left <= 0:
            return False
        loop = QEventLoop()
        for r in busy:
            r.delivered.connect(loop.quit)
            r.failed.connect(loop.quit)
        timer = QTimer(loop)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(left))
        loop.exec()
        timer.stop()
        for r in busy:
            if isValid(r):
                r.delivered.disconnect(loop.quit)
                r.failed.disconnect(loop.quit)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], envelope: _Envelope, box: _Mailbox):
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._envelope = envelope
        self._box = box

    def run(self) -> None:
        env = self._envelope
        try:
            assert self._fn is not None
            env.value = self._fn()
            env.ok = True
        except BaseException as exc:  # delivered to the GUI thread, which decides what to say
            env.value = exc
            env.ok = False
        self._fn = None  # the read's closure must not outlive it on this thread
        try:
            self._box.arrived.emit(env)
        except RuntimeError:  # the mailbox is gone: the process is shutting down, nobody to tell
            pass


@dataclass
class _Lane:
    """One key's requests: at most one running, at most one waiting."""

    latest: int = 0
    running: int | None = None
    waiting: tuple[int, Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None] | None] | None = None
    callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None] | None]] = field(
        default_factory=dict)


class Reads(QObject):
    """The reads one view asks for. Make it a child of the view: it dies with the view, and so do the
    results still on their way."""

    delivered = Signal(str)  # key: a result was handed to its callback
    failed = Signal(str, object)  # key, exception: a read raised

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._lanes: dict[str, _Lane] = {}
        self._tickets = 0
        self._self_ref = weakref.ref(self)

    def run(self, key: str, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None) -> int:
        """Run `fn()` on a worker; call `on_done(result)` (or `on_error(exc)`) on the GUI thread,
        unless a newer request for `key` came meanwhile. Returns the request's ticket."""
        self._tickets += 1
        ticket = self._tickets
        lane = self._lanes.setdefault(key, _Lane())
        lane.latest = ticket
        if lane.running is None:
            self._start(key, lane, ticket, fn, on_done, on_error)
        else:
            # The running read goes on (SQLite cannot be interrupted cheaply); its result will be
            # dropped, and this request starts when it ends. An earlier waiting one never runs.
            lane.waiting = (ticket, fn, on_done, on_error)
        return ticket

    def busy(self, key: str | None = None) -> bool:
        """Whether a read (for `key`, or any) is running or waiting."""
        lanes = [self._lanes.get(key)] if key is not None else list(self._lanes.values())
        return any(lane is not None and (lane.running is not None or lane.waiting is not None) for lane in lanes)

    def _start(self, key: str, lane: _Lane, ticket: int, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None] | None) -> None:
        lane.running = ticket
        lane.callbacks[ticket] = (on_done, on_error)
        envelope = _Envelope(self._self_ref, key, ticket, False)
        pool().start(_Job(fn, envelope, _box()))

    def _deliver(self, env: _Envelope) -> None:
        lane = self._lanes.get(env.key)
        if lane is None:
            return
        on_done, on_error = lane.callbacks.pop(env.ticket, (None, None))
        if lane.running == env.ticket:
            lane.running = None
        if lane.waiting is not None:
            ticket, fn, done, error = lane.waiting
            lane.waiting = None
            self._start(env.key, lane, ticket, fn, done, error)
        if env.ticket != lane.latest or on_done is None:
            return  # older than a later request for the same key
        parent = self.parent()
        if parent is None or not isValid(parent):
            return
        if env.ok:
            on_done(env.value)
            self.delivered.emit(env.key)
            return
        exc = env.value
        if on_error is not None:
            on_error(exc)
        else:
            # The type only: an exception's text (SQL parameters, values) may carry personal data.
            log.error("reading %s failed: %s", env.key, type(exc).__name__)
        self.failed.emit(env.key, exc)


class SnapshotView(QWidget):
    """A view drawn from one read-model snapshot: read on a worker, drawn on the GUI thread. A change
    set naming one of `WATCHES` reads it again if the view is showing; a hidden view only notes that it
    is stale and reads again when it is shown (a hidden agenda must not reload after every burst)."""

    loaded = Signal()  # a snapshot has been drawn (tests and screenshots wait on it)
    WATCHES: tuple[Entity, ...] = ()  # a DATABASE reload touches every view anyway
    THROTTLE_MS = 0  # > 0: at most one read per this interval while changes keep coming

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._stale = False
        self.snapshot: Any = None
        self._reads = Reads(self)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(self.THROTTLE_MS)
        self._throttle.timeout.connect(self.reload)
        bridge.changed.connect(self._on_changes)

    def read(self) -> Any:
        """The snapshot; runs on a worker thread, so it calls read models and nothing of Qt."""
        raise NotImplementedError

    def draw(self, snapshot: Any) -> None:
        """Show a snapshot (GUI thread)."""
        raise NotImplementedError

    def reload(self) -> None:
        self._throttle.stop()
        self._reads.run("snapshot", self.read, self._arrived)

    def _arrived(self, snapshot: Any) -> None:
        self.snapshot = snapshot
        self.draw(snapshot)
        self.loaded.emit()

    def _on_changes(self, changes: ChangeSet) -> None:
        if not changes.touches(*self.WATCHES):
            return
        if not self.isVisible():
            self._stale = True
        elif self.THROTTLE_MS:
            if not self._throttle.isActive():
                self._throttle.start()
        else:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
