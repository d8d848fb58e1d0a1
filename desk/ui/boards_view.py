"""Workstation staff boards: each station's roster by role with who is on duty now, today's key-area
patrols and the volunteer teams against their composition targets."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from desk.domain.changes import Entity
from desk.ui import theme
from desk.ui.labels import label
from desk.ui.widgets import Panel, read_only_table, titled
from desk.ui.worker import SnapshotView

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.reads.boards import BoardsSnapshot, StationBoard
    from desk.ui.change_bridge import ChangeBridge

STATION_COLUMNS = 3


class StationPanel(Panel):
    def __init__(self, board: StationBoard, parent: QWidget | None = None):
        super().__init__(board.name, parent)
        theme_label = QLabel(f"{label('theme', board.theme)} · {board.unit}")
        theme_label.setProperty("role", "muted")
        self.body.addWidget(theme_label)
        on_duty = board.on_duty
        duty = QLabel(self.tr("On duty now: %1").replace("%1", "、".join(p.name for p in on_duty) or "—"))
        duty.setProperty("onDuty", "true" if on_duty else "false")
        duty.setWordWrap(True)
        self.body.addWidget(duty)
        ok = theme.color("ok")
        # A grid of labels, not one rich-text <table>: a wrapped table label costs Qt several layout
        # passes, and at county scale (19 stations, a thousand names) that froze the desk for 300 ms.
        roster = QGridLayout()
        roster.setHorizontalSpacing(8)
        roster.setColumnStretch(1, 1)
        for row, (role, people) in enumerate(board.roster.items()):
            names = "、".join(
                f"<b style='color:{ok}'>{escape(p.name)}●</b>" if p.on_duty else escape(p.name) for p in people)
            roster.addWidget(QLabel(f"{label('role', role)} ({len(people)})"), row, 0, Qt.AlignmentFlag.AlignTop)
            who = QLabel(names)
            who.setTextFormat(Qt.TextFormat.RichText)
            who.setWordWrap(True)
            roster.addWidget(who, row, 1)
        self.body.addLayout(roster)
        if board.gaps:
            gap = QLabel(self.tr("Short of the standard formula: %1").replace(
                "%1", "、".join(f"{label('role', r)} {n}" for r, n in board.gaps.items())))
            gap.setProperty("gap", "true")
            gap.setWordWrap(True)
            self.body.addWidget(gap)
        if board.rooms:
            rooms = QLabel(" · ".join(board.rooms))
            rooms.setProperty("role", "muted")
            rooms.setWordWrap(True)
            self.body.addWidget(rooms)
        self.body.addStretch(1)


class BoardsView(SnapshotView):
    # CLOCK: shifts start and end with the clock.
    WATCHES = (Entity.STAFF, Entity.SHIFT, Entity.VOLUNTEER_TEAM, Entity.WORKSTATION, Entity.PATROL_AREA,
               Entity.ADMIN_UNIT, Entity.WARNING, Entity.CLOCK)

    # Double-click or Enter on a patrol: the window shows its key area on the map.
    focus_requested = Signal(str, int)  # map layer role, id

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None,
                 read_only: bool = False):
        super().__init__(desk, bridge, parent)
        self.summary = QLabel()
        self.summary.setProperty("role", "title")
        self.summary.setWordWrap(True)
        self.stations_host = QWidget()
        self.stations_grid = QGridLayout(self.stations_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stations_host)

        self.patrol_view, self.patrol_model = read_only_table(
            [self.tr("Key area"), self.tr("Shift"), self.tr("Crew"), self.tr("State")])
        self.patrol_view.setToolTip(self.tr("Double-click or press Enter to show the area on the map"))
        self.patrol_view.activated.connect(self._request_focus)
        self.team_view, self.team_model = read_only_table(
            [self.tr("Team"), self.tr("Size"), self.tr("Captain"), self.tr("Party"), self.tr("Women"),
             self.tr("Aged 18–55"), self.tr("Problems")])
        bottom = QSplitter()
        for title, view in ((self.tr("Key-area patrols today"), self.patrol_view),
                            (self.tr("Volunteer police teams"), self.team_view)):
            bottom.addWidget(titled(title, view))
        # Stations across the top where the eye starts; patrols and teams beneath.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 360])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        self._drawn_snapshot: BoardsSnapshot | None = None
        self.reload()

    def read(self) -> BoardsSnapshot:
        return self._desk.boards()

    def draw(self, snap: BoardsSnapshot) -> None:
        # The minute tick usually changes nothing here; rebuilding panels anyway would flicker.
        drawn: BoardsSnapshot | None = self._drawn_snapshot
        self._drawn_snapshot = snap
        c = snap.corps
        self.summary.setText(self.tr("%1 on duty now · volunteers %2: party %3, aged 18–55 %4, women %5")
                             .replace("%1", str(snap.on_duty_total)).replace("%2", str(c.size))
                             .replace("%3", f"{c.party_share:.0%}").replace("%4", f"{c.age_18_55_share:.0%}")
                             .replace("%5", f"{c.women_share:.0%}"))
        if drawn is None or drawn.stations != snap.stations:
            self._draw_stations(snap)
        if drawn is None or drawn.patrols != snap.patrols:
            self._draw_patrols(snap)
        if drawn is None or drawn.teams != snap.teams:
            self._draw_teams(snap)

    def _draw_stations(self, snap: BoardsSnapshot) -> None:
        while self.stations_grid.count():
            item = self.stations_grid.takeAt(0)
            panel = item.widget() if item is not None else None
            if panel is not None:
                panel.deleteLater()
        for i, board in enumerate(snap.stations):
            self.stations_grid.addWidget(StationPanel(board), i // STATION_COLUMNS, i % STATION_COLUMNS)

    def _draw_patrols(self, snap: BoardsSnapshot) -> None:
        self.patrol_model.removeRows(0, self.patrol_model.rowCount())
        ok = QBrush(QColor(theme.color("ok")))
        muted = QBrush(QColor(theme.color("muted")))
        for area in snap.patrols:
            for sh in area.shifts:
                state = self.tr("On patrol") if sh.active else (self.tr("Done") if sh.done else self.tr("Upcoming"))
                if area.suspended and not sh.done:
                    state = self.tr("Stopped: hazard area under warning")
                items = [QStandardItem(f"{area.name}"), QStandardItem(
                    f"{sh.starts_local:%H:%M}–{sh.ends_local:%H:%M}"), QStandardItem("、".join(sh.crew)),
                    QStandardItem(state)]
                items[0].setData(area.id, Qt.ItemDataRole.UserRole)
                if area.suspended and not sh.done:
                    items[3].setForeground(QBrush(QColor(theme.color("level_red"))))
                elif sh.active:
                    items[3].setForeground(ok)
                elif sh.done:
                    for it in items:
                        it.setForeground(muted)
                self.patrol_model.appendRow(items)

    def _request_focus(self, index: QModelIndex) -> None:
        ident = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if ident is not None:
            self.focus_requested.emit("areas", int(ident))

    def _draw_teams(self, snap: BoardsSnapshot) -> None:
        self.team_model.removeRows(0, self.team_model.rowCount())
        problems = {"size": self.tr("size"), "no_woman": self.tr("no woman"),
                    "no_party_member": self.tr("no party member"), "no_captain": self.tr("no captain"),
                    "no_vice_captain": self.tr("no vice-captain")}
        for t in snap.teams:
            comp = t.composition
            self.team_model.appendRow([QStandardItem(x) for x in (
                t.name, str(comp.size), t.captain, f"{comp.party_share:.0%}", f"{comp.women_share:.0%}",
                f"{comp.age_18_55_share:.0%}", "、".join(problems[p] for p in comp.problems))])
