"""Desk status bar: database, clock, on-duty count, open red cards, warning level, and the demo mark."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desk.domain.changes import ChangeSet, Entity
from desk.ui.labels import label
from desk.ui.widgets import ClockLabel, DemoMark, restyle
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.reads.status import StatusSnapshot
    from desk.ui.change_bridge import ChangeBridge

MIN_INTERVAL_MS = 1000  # at most one recount a second, however fast other seats write

# What the figures here depend on; CLOCK moves cards and shifts, DATABASE is a reload or a new demo.
WATCHED = (Entity.INCIDENT, Entity.SHIFT, Entity.WARNING, Entity.STAFF, Entity.CLOCK, Entity.DATABASE)


class DeskStatusBar(QStatusBar):
    """The counts are read on a worker (`desk.status` is SQL over every open incident) and drawn when
    they arrive; a recount asked for while one runs replaces it."""

    loaded = Signal()  # a recount has been drawn

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self.database = QLabel()
        self.clock = ClockLabel(desk.now)
        self.on_duty = QLabel()
        self.red = QLabel()
        self.yellow = QLabel()
        self.level = QLabel()
        for w in (self.database, self.on_duty, self.red, self.yellow, self.level):
            self.addWidget(w)
        self.demo = DemoMark(desk.is_demo())
        self.addPermanentWidget(self.demo)
        self.addPermanentWidget(self.clock)
        self.database.setToolTip(desk.db.target)
        self._show_database(desk.db.label)  # known now; the counts follow from the worker
        self.refreshes = 0  # how many recounts ran; tests read it to see the coalescing
        self._reads = Reads(self)
        self._since = QElapsedTimer()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self.refresh)
        bridge.changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*WATCHED):
            self.schedule()

    def schedule(self) -> None:
        """Refresh now if the last one is a second old, else once when the second is up."""
        if self._pending.isActive():
            return
        wait = MIN_INTERVAL_MS - self._since.elapsed() if self._since.isValid() else 0
        if wait <= 0:
            self.refresh()
        else:
            self._pending.start(int(wait))

    def refresh(self) -> None:
        self._pending.stop()
        self._since.start()
        self.refreshes += 1
        self._reads.run("status", self._desk.status, self._draw)

    def _draw(self, snap: StatusSnapshot) -> None:
        self._show_database(snap.database)
        self.on_duty.setText(self.tr("On duty: %1").replace("%1", str(snap.on_duty)))
        self.red.setText(self.tr("Open red cards: %1").replace("%1", str(snap.open_red)))
        self.yellow.setText(self.tr("Yellow: %1").replace("%1", str(snap.open_yellow)))
        self.level.setText(self.tr("Warning: %1").replace("%1", label("level", snap.level)))
        card = "red" if snap.open_red else "none"
        if self.red.property("card") != card:
            self.red.setProperty("card", card)
            restyle(self.red)
        self.demo.set_demo(snap.demo)
        self.loaded.emit()

    def _show_database(self, name: str) -> None:
        self.database.setText(self.tr("Database: %1").replace("%1", name))
