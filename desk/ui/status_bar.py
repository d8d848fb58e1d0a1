"""Desk status bar: database, clock, on-duty count, open red cards, warning level."""
from __future__ import annotations

from desk.domain.changes import Entity

from PySide6.QtWidgets import QLabel, QStatusBar

from desk.ui.labels import label
from desk.ui.widgets import ClockLabel, restyle


class DeskStatusBar(QStatusBar):
    def __init__(self, desk, bridge, parent=None):
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
        self.addPermanentWidget(self.clock)
        self.database.setToolTip(desk.db.target)
        bridge.changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes) -> None:
        if changes.touches(Entity.INCIDENT, Entity.SHIFT, Entity.WARNING, Entity.STAFF):
            self.refresh()

    def refresh(self) -> None:
        snap = self._desk.status()
        self.database.setText(self.tr("Database: %1").replace("%1", snap.database))
        self.on_duty.setText(self.tr("On duty: %1").replace("%1", str(snap.on_duty)))
        self.red.setText(self.tr("Open red cards: %1").replace("%1", str(snap.open_red)))
        self.yellow.setText(self.tr("Yellow: %1").replace("%1", str(snap.open_yellow)))
        self.level.setText(self.tr("Warning: %1").replace("%1", label("level", snap.level)))
        self.red.setProperty("card", "red" if snap.open_red else "none")
        restyle(self.red)
