"""Wall display: full screen, read-only, large type, dark theme; personal data is never shown."""
from __future__ import annotations

from desk.domain.changes import Entity

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


from desk.ui.emergency_view import GaugeCharts
from desk.ui.labels import label
from desk.ui.map_view import MapView
from desk.ui.queue_view import QueueView
from desk.ui.widgets import ClockLabel, LevelBanner, stat_tiles

WALL_QUEUE_COLUMNS = ("card", "remaining", "title", "place")  # read from across the room: no codes


class WallWindow(QWidget):
    def __init__(self, desk, bridge, title: str = ""):
        super().__init__()
        self._desk = desk
        self.setWindowTitle(self.tr("Command wall"))
        self.heading = QLabel(title or self.tr("Township comprehensive governance centre"))
        self.heading.setProperty("role", "big")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clock = ClockLabel(desk.now)
        self.clock.setProperty("role", "big")
        self.banner = LevelBanner()
        self.map = MapView(desk, bridge, read_only=True)
        self.queue = QueueView(desk, bridge, read_only=True, columns=WALL_QUEUE_COLUMNS)
        self.charts = GaugeCharts()
        tiles, self.tiles = stat_tiles(
            [("open", self.tr("Open incidents")), ("red", self.tr("Red cards")),
             ("yellow", self.tr("Yellow cards")), ("on_duty", self.tr("On duty"))],
            centered=True, cards=("red", "yellow"))

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.clock)
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addLayout(tiles)
        right.addWidget(self.queue, 3)
        right.addWidget(self.charts, 2)
        body = QHBoxLayout()
        body.addWidget(self.map, 4)
        body.addLayout(right, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addLayout(head)
        lay.addLayout(body, 1)

        bridge.changed.connect(self._on_changes)
        self._minute = QTimer(self)
        self._minute.timeout.connect(self.refresh)
        self._minute.start(60_000)
        self.refresh()

    def _on_changes(self, changes) -> None:
        # An incident write must not redraw the gauge charts, nor a reading recount the cards.
        if changes.touches(Entity.INCIDENT, Entity.SHIFT, Entity.STAFF):
            self._refresh_counts()
        if changes.touches(Entity.WARNING, Entity.GAUGE_READING, Entity.GAUGE):
            self._refresh_emergency()

    def refresh(self) -> None:
        self._refresh_counts()
        self._refresh_emergency()

    def _refresh_counts(self) -> None:
        st = self._desk.status()
        self.tiles["open"].setText(str(st.open_total))
        self.tiles["red"].setText(str(st.open_red))
        self.tiles["yellow"].setText(str(st.open_yellow))
        self.tiles["on_duty"].setText(str(st.on_duty))

    def _refresh_emergency(self) -> None:
        em = self._desk.emergency()
        details = [f"{label('hazard', w.hazard)} · {w.issued_local:%m-%d %H:%M} · {w.area}" for w in em.warnings]
        if em.patrols_stopped:
            details.append(self.tr("Patrols in hazard areas are stopped"))
        self.banner.set_level(em.level, "\n".join(details))
        self.charts.show_series(em.gauges)
