"""Wall display: full screen, read-only, large type, dark theme; personal data is never shown."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desk.domain.changes import ChangeSet, Entity
from desk.domain.visits import DueState
from desk.services.settings import WALL_DISTANCE_DEFAULT
from desk.services.reads.visits import Query
from desk.ui.emergency_view import GaugeCharts
from desk.ui.labels import label
from desk.ui.incident_filter_bar import FilterState
from desk.ui.map_view import MapView
from desk.ui.queue_view import QueueView
from desk.ui.widgets import ClockLabel, DemoMark, LevelBanner, stat_tiles
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.reads.emergency import EmergencySnapshot
    from desk.services.reads.status import StatusSnapshot
    from desk.ui.change_bridge import ChangeBridge

WALL_QUEUE_COLUMNS = ("card", "remaining", "title", "place")  # read from across the room: no codes
# CLOCK: cards turn with time and shifts start and end; the 24 h rain sums move.
COUNT_ENTITIES = (Entity.INCIDENT, Entity.SHIFT, Entity.STAFF, Entity.CLOCK)
EMERGENCY_ENTITIES = (Entity.WARNING, Entity.GAUGE_READING, Entity.GAUGE, Entity.EMERGENCY_ACTIVATION, Entity.EVACUEE,
                      Entity.CLOCK)
VISIT_ENTITIES = (Entity.VISIT, Entity.HOUSEHOLD, Entity.CLOCK)
WALL_MISSING_NAMES = 8
REFERENCE_HEIGHT, REFERENCE_DISTANCE = 1080, 4.0  # 20 px body type reads at 4 m on a 1080-line wall
FLASH_MS, FLASH_BLINKS = 500, 20  # ten seconds of blinking
ROUND_MS = 60_000  # every item of the list is seen within this
PAGE_MS, MIN_PAGE_MS = 10_000, 4_000  # a page stays at most this long, and at least this long  # the unaccounted named on the wall (masked); the rest counted


def type_sizes(height: int, distance_m: float) -> tuple[int, int, int]:
    """Body, title and big-number sizes in pixels for a wall `height` pixels tall seen from `distance_m`:
    in proportion to both, so a character covers the same angle of view on any screen."""
    scale = max(height, 480) / REFERENCE_HEIGHT * distance_m / REFERENCE_DISTANCE
    return max(12, round(20 * scale)), max(16, round(30 * scale)), max(24, round(52 * scale))


class WallWindow(QWidget):
    loaded = Signal(str)  # "counts" | "emergency" | "visits": a read has been drawn

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, title: str = ""):
        super().__init__()
        self._desk = desk
        self._reads = Reads(self)
        self.setWindowTitle(self.tr("Command wall"))
        self.heading = QLabel(title or self.tr("Township comprehensive governance centre"))
        self.heading.setProperty("role", "big")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clock = ClockLabel(desk.now)
        self.clock.setProperty("role", "big")
        self.banner = LevelBanner()
        # The wall's own filter (not the desk's): what an operator narrows at the desk stays at the desk.
        self.incident_filter = FilterState(self)
        self.map = MapView(desk, bridge, read_only=True, filter_state=self.incident_filter)
        self.queue = QueueView(desk, bridge, read_only=True, columns=WALL_QUEUE_COLUMNS,
                               filter_state=self.incident_filter)
        self.charts = GaugeCharts()
        tiles, self.tiles = stat_tiles(
            [("open", self.tr("Open incidents")), ("red", self.tr("Red cards")),
             ("yellow", self.tr("Yellow cards")), ("on_duty", self.tr("On duty")),
             ("visits", self.tr("Home visits overdue"))],
            centered=True, cards=("red", "yellow"))

        # 演示数据: a demo database says so on the wall too, where visitors see it.
        self.demo = DemoMark(bool(getattr(desk, "is_demo", lambda: False)()))
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.demo)
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

        # The red and yellow items page themselves: every row is on screen within a minute, however many.
        self._pager = QTimer(self)
        self._pager.timeout.connect(self.page_queue)
        self._pager.start(PAGE_MS)
        self._titled = bool(title)
        # A new red card or urgent matter: a blinking band under the title.
        self.alert = QLabel()
        self.alert.setProperty("role", "big")
        self.alert.setProperty("card", "red")
        self.alert.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.alert.hide()
        self._last_counts: tuple[int, int] | None = None
        self._blinks = 0
        self._blinker = QTimer(self)
        self._blinker.setInterval(FLASH_MS)
        self._blinker.timeout.connect(self._blink)
        lay.insertWidget(1, self.alert)
        self._distance = desk.wall_distance() if hasattr(desk, "wall_distance") else WALL_DISTANCE_DEFAULT
        self._sizes: tuple[int, int, int] | None = None
        self._scale_type()
        bridge.changed.connect(self._on_changes)
        self.refresh()

    def flash(self, text: str) -> None:
        """A red band across the top, blinking for some seconds: seen from across the room."""
        self.alert.setText(text)
        self.alert.setProperty("card", "red")
        self.alert.style().unpolish(self.alert)
        self.alert.style().polish(self.alert)
        self.alert.show()
        self._blinks = FLASH_BLINKS
        self._blinker.start()

    def _blink(self) -> None:
        self._blinks -= 1
        if self._blinks <= 0:
            self._blinker.stop()
            self.alert.hide()
            return
        self.alert.setProperty("card", "red" if self._blinks % 2 else "none")  # red band, then plain: a blink
        self.alert.style().unpolish(self.alert)
        self.alert.style().polish(self.alert)

    def set_viewing_distance(self, metres: float) -> None:
        self._distance = max(1.0, min(15.0, metres))
        self._scale_type()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._scale_type()

    def _scale_type(self) -> None:
        """Type sized from the wall's own height (its screen, whatever its DPI) and the room's distance:
        the same layout reads at 3–5 m on 1366×768, 1920×1080 and 3840×2160."""
        px = type_sizes(self.height(), self._distance)
        if px == self._sizes:
            return
        self._sizes = px
        base, title, big = px
        self.setStyleSheet(
            f"QWidget {{ font-size: {base}px; }} QLabel[role=\"title\"] {{ font-size: {title}px; }} "
            f"QLabel[role=\"big\"] {{ font-size: {big}px; }} "
            f"QTableView {{ font-size: {base}px; }} QHeaderView::section {{ font-size: {max(10, base * 4 // 5)}px; }}")
        self.queue.table.verticalHeader().setDefaultSectionSize(int(base * 1.9))
        self.queue.table.setFont(self.queue.table.font())  # take the new size before measuring
        self.queue.table.ensurePolished()
        self.queue.size_columns()  # the columns measured again in the new type

    def page_queue(self) -> None:
        """One screenful on; back to the top after the last. The interval fits the whole list in a minute."""
        bar = self.queue.table.verticalScrollBar()
        if bar.maximum() <= 0:
            return
        pages = bar.maximum() // max(1, bar.pageStep()) + 2
        self._pager.setInterval(max(MIN_PAGE_MS, min(PAGE_MS, ROUND_MS // pages)))
        bar.setValue(0 if bar.value() >= bar.maximum() else min(bar.maximum(), bar.value() + bar.pageStep()))

    def _on_changes(self, changes: ChangeSet) -> None:
        # An incident write must not redraw the gauge charts, nor a reading recount the cards.
        if changes.touches(*COUNT_ENTITIES):
            self._refresh_counts()
        if changes.touches(*EMERGENCY_ENTITIES):
            self._refresh_emergency()
        if changes.touches(*VISIT_ENTITIES):
            self._refresh_visits()

    def refresh(self) -> None:
        self._refresh_counts()
        self._refresh_emergency()
        self._refresh_visits()

    def _refresh_visits(self) -> None:
        # A count only: who is overdue is never on the wall.
        self._reads.run("visits", lambda: len(self._desk.visits_due(Query(states=(DueState.OVERDUE,)), wall=True)),
                        self._draw_visits)

    def _draw_visits(self, overdue: int) -> None:
        self.tiles["visits"].setText(str(overdue))
        self.loaded.emit("visits")

    def _refresh_counts(self) -> None:
        self._reads.run("counts", self._desk.status, self._draw_counts)

    def _draw_counts(self, st: StatusSnapshot) -> None:
        last, self._last_counts = self._last_counts, (st.open_red, getattr(st, "open_urgent", 0))
        if last is not None:
            if st.open_red > last[0]:
                self.flash(self.tr("New red card: %1 open").replace("%1", str(st.open_red)))
            elif self._last_counts[1] > last[1]:
                self.flash(self.tr("New urgent matter for the duty leader"))
        self.tiles["open"].setText(str(st.open_total))
        self.tiles["red"].setText(str(st.open_red))
        self.tiles["yellow"].setText(str(st.open_yellow))
        self.tiles["on_duty"].setText(str(st.on_duty))
        self.demo.set_demo(getattr(st, "demo", self.demo.demo))
        township = getattr(st, "township", "")
        if township and not self._titled:  # the township's own name, read across the room
            self.heading.setText(self.tr("%1 comprehensive governance centre").replace("%1", township))
        self.loaded.emit("counts")

    def _refresh_emergency(self) -> None:
        self._reads.run("emergency", lambda: self._desk.emergency(wall=True), self._draw_emergency)

    def _draw_emergency(self, em: EmergencySnapshot) -> None:
        details = [f"{label('hazard', w.hazard)} · {w.issued_local:%m-%d %H:%M} · {w.area}" for w in em.warnings]
        if em.patrols_stopped:
            details.append(self.tr("Patrols in hazard areas are stopped: %1")
                           .replace("%1", "、".join(em.suspended_patrol_areas)) if em.suspended_patrol_areas
                           else self.tr("Patrols in hazard areas are stopped"))
        board = em.board
        if board is not None and board.households:
            persons = sum(len(h.members) for h in board.households)
            names = "、".join(m.person.name for m in board.missing[:WALL_MISSING_NAMES])
            more = "…" if len(board.missing) > WALL_MISSING_NAMES else ""
            details.append(self.tr("Evacuation: %1 of %2 persons accounted for").replace(
                "%1", str(persons - len(board.missing))).replace("%2", str(persons))
                + (self.tr("; unaccounted: %1").replace("%1", names + more) if names else ""))
        self.banner.set_level(em.level, "\n".join(details))
        self.charts.show_series(em.gauges, em.rain_thresholds_24h)
        self.loaded.emit("emergency")
