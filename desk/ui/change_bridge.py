"""Adapts the service hub to Qt: change sets arrive as a signal on the GUI thread, another process's
writes are picked up by polling the shared change log, and a minute tick moves time-driven figures."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desk.domain.changes import Change, ChangeSet, Entity, Op

if TYPE_CHECKING:
    from desk.services.desk import DeskServices

log = logging.getLogger(__name__)

POLL_MS = 500  # a second seat's write shows here within a second
CLOCK_MS = 60_000  # cards turn yellow and red with the clock, not only with writes

# Everything may have changed: every view reads again (F5, a database written underneath us).
RELOAD = ChangeSet((Change(Entity.DATABASE, Op.RELOADED),))


class ChangeBridge(QObject):
    changed = Signal(object)  # ChangeSet

    def __init__(self, desk: DeskServices, parent: QObject | None = None, poll: bool = True,
                 clock: bool = True):
        super().__init__(parent)
        self._desk = desk
        self._unsubscribe = desk.hub.subscribe(self._forward)
        self._polling = False
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self.poll)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_MS)
        self._clock_timer.timeout.connect(self.tick)
        if poll:
            self._poll_timer.start()
        if clock:
            self._clock_timer.start()
        unsubscribe = self._unsubscribe  # not through self: the wrapper may be gone when Qt says destroyed
        self.destroyed.connect(lambda *_: unsubscribe())

    def _forward(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    # -- the change log ---------------------------------------------------------------------------
    @property
    def polling(self) -> bool:
        return self._poll_timer.isActive()

    def pause(self) -> None:
        """Stop following other seats (a long dialog, a bulk import here); resume() catches up at once."""
        self._poll_timer.stop()

    def resume(self) -> None:
        if not self._poll_timer.isActive():
            self._poll_timer.start()
            self.poll()

    def poll(self) -> None:
        """One poll; the desk coalesces what it finds into one change set, published on the hub."""
        if self._polling:
            return  # a subscriber ran a nested event loop (a message box) while we were delivering
        self._polling = True
        try:
            self._desk.poll_external()
        except Exception as exc:  # a locked or vanished file must not kill the desk; try next tick
            log.warning("polling the change log failed: %s", type(exc).__name__)
        finally:
            self._polling = False

    # -- the clock --------------------------------------------------------------------------------
    def tick(self) -> None:
        """The minute tick, published through the desk so every subscriber sees the same clock."""
        try:
            self._desk.tick()
        except Exception as exc:
            log.warning("the minute tick failed: %s", type(exc).__name__)

    def reload(self) -> None:
        """Catch up with other seats, then ask every view to read everything again."""
        self.poll()
        self.changed.emit(RELOAD)

    def stop(self) -> None:
        self._poll_timer.stop()
        self._clock_timer.stop()
        self._unsubscribe()
