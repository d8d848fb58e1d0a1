"""Adapts the service hub to Qt: change sets arrive as a signal on the GUI thread, and another
process's writes are picked up by polling the shared change log."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desk.domain.changes import ChangeSet

log = logging.getLogger(__name__)

POLL_MS = 500  # a second seat's write shows here within a second


class ChangeBridge(QObject):
    changed = Signal(object)  # ChangeSet

    def __init__(self, desk, parent: QObject | None = None, poll: bool = True):
        super().__init__(parent)
        self._desk = desk
        self._unsubscribe = desk.hub.subscribe(self._forward)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        if poll:
            self._timer.start()
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _forward(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def poll(self) -> None:
        try:
            self._desk.poll_external()
        except Exception:  # a locked or vanished file must not kill the desk; try next tick
            log.exception("polling the change log failed")

    def stop(self) -> None:
        self._timer.stop()
        self._unsubscribe()
