"""Cyclic garbage collected on the GUI thread only (see GuiThreadCollector)."""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Cyclic garbage collected on the GUI thread only. Python collects on whichever thread happens to
    allocate past its threshold, and a worker reading the database allocates a lot: a collection there
    destroys whatever Qt objects the garbage holds (a closed dialog's, a chart item's) off the GUI
    thread, which Qt does not survive. So automatic collection is off, and this timer collects the young
    generation every two seconds and everything every minute."""

    YOUNG_MS = 2000
    FULL_EVERY = 30  # young collections between full ones

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(self.YOUNG_MS)
        self._timer.timeout.connect(self.collect)
        gc.disable()
        self._timer.start()

    def collect(self) -> None:
        self.collections += 1
        gc.collect(2 if self.collections % self.FULL_EVERY == 0 else 0)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
