"""The emergency record in the emergency view: the linkage actions on their clocks (notified,
acknowledged, done; a countdown each second, late ones in red), the evacuation board (households to
move and moved, shelter check-ins, persons not yet seen at a shelter), and the significant-events log.
Writes go through emergency_ops; the view reads again on the change set."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QStandardItem
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from desk.domain.linkage import next_states
from desk.services import emergency_ops as em
from desk.ui import theme
from desk.ui.emergency_dialogs import CheckInDialog, MovedDialog
from desk.ui.evacuation_board import EvacuationBoardPanel
from desk.ui.incident_actions import guarded
from desk.ui.labels import format_remaining, label
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.widgets import read_only_table

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.operations import Operations
    from desk.services.reads.emergency import ActionRow, EmergencySnapshot, EvacuationRow

STATE_NAMES = {
    "pending": QT_TRANSLATE_NOOP("ResponsePanel", "Pending"),
    "notified": QT_TRANSLATE_NOOP("ResponsePanel", "Notified"),
    "acknowledged": QT_TRANSLATE_NOOP("ResponsePanel", "Acknowledged"),
    "done": QT_TRANSLATE_NOOP("ResponsePanel", "Done"),
}
SOURCE_NAMES = {
    "operator": QT_TRANSLATE_NOOP("ResponsePanel", "Operator"),
    "warning": QT_TRANSLATE_NOOP("ResponsePanel", "Warning"),
    "threshold": QT_TRANSLATE_NOOP("ResponsePanel", "Gauge threshold"),
    "action": QT_TRANSLATE_NOOP("ResponsePanel", "Action"),
    "evacuation": QT_TRANSLATE_NOOP("ResponsePanel", "Evacuation"),
    "drill": QT_TRANSLATE_NOOP("ResponsePanel", "Drill"),
}
REMAINING_COLUMN = 4


class ResponsePanel(QTabWidget):
    def __init__(self, desk: DeskServices, read_only: bool, now: Callable[[], datetime],
                 target: Callable[[], tuple[Operations, bool]], parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._now = now
        self._target = target  # where writes go: the desk's operations, or a running drill's (and its flag)
        self._read_only = read_only
        self._actions: list[ActionRow] = []
        self._evacuation: list[EvacuationRow] = []
        self.open_dialog: QWidget | None = None  # the last dialog opened (tests reach it here)
        self.action_view, self.action_model = read_only_table(
            [self.tr("Level"), self.tr("Action"), self.tr("Department"), self.tr("State"), self.tr("Time left")])
        self.state_buttons: dict[str, QPushButton] = {}
        actions = QWidget()
        lay = QVBoxLayout(actions)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.action_view, 1)
        if not read_only:
            row = QHBoxLayout()
            for state in ("notified", "acknowledged", "done"):
                b = QPushButton(self.tr(STATE_NAMES[state]))
                b.clicked.connect(lambda _=False, st=state: self.move_selected(st))
                row.addWidget(b)
                self.state_buttons[state] = b
            row.addStretch(1)
            lay.addLayout(row)
            self.action_view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.addTab(actions, self.tr("Linkage actions"))
        self.evac_view, self.evac_model = read_only_table(
            [self.tr("Hazard point"), self.tr("Households moved"), self.tr("Persons moved"),
             self.tr("Checked in at a shelter"), self.tr("Unaccounted"), self.tr("Shelter")])
        # Picking a hazard point narrows the households and the unaccounted below to it.
        self.board = EvacuationBoardPanel(desk, read_only, target)
        self.evac_view.selectionModel().currentRowChanged.connect(lambda *_: self._point_changed())
        points = QWidget()
        el = QVBoxLayout(points)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(self.evac_view, 1)
        if not read_only:
            er = QHBoxLayout()
            self.moved_button = QPushButton(self.tr("Moved as the village reports…"))
            self.moved_button.clicked.connect(self.edit_moved)
            self.checkin_button = QPushButton(self.tr("Check-in of a household not on file…"))
            self.checkin_button.clicked.connect(self.check_in)
            er.addWidget(self.moved_button)
            er.addWidget(self.checkin_button)
            er.addStretch(1)
            el.addLayout(er)
        evac = QSplitter(Qt.Orientation.Vertical)
        evac.addWidget(points)
        evac.addWidget(self.board)
        evac.setStretchFactor(0, 1)
        evac.setStretchFactor(1, 2)
        self.addTab(evac, self.tr("Evacuation"))
        self.log_view, self.log_model = read_only_table(
            [self.tr("Time"), self.tr("From"), self.tr("What happened"), self.tr("Told"), self.tr("By")])
        self.log_view.setWordWrap(True)
        self.addTab(self.log_view, self.tr("Significant events"))
        # Countdowns move each second without reading anything.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, snap: EmergencySnapshot) -> None:
        keep = self.selected_action()
        self._actions = list(snap.actions)
        self.action_model.removeRows(0, self.action_model.rowCount())
        for a in self._actions:
            items = [QStandardItem(x) for x in (label("level", a.level.value), a.text, a.department,
                                                self.tr(STATE_NAMES[a.state]), "")]
            items[0].setData(a.id, Qt.ItemDataRole.UserRole)
            self.action_model.appendRow(items)
        self.tick()
        if keep is not None:
            for row, a in enumerate(self._actions):
                if a.id == keep:
                    self.action_view.selectRow(row)
        keep_point = self._selected_point() if self.evac_view.currentIndex().isValid() else None
        self._evacuation = list(snap.evacuation)
        named = {h.hazard_point_id for h in snap.board.households} if snap.board else set()
        missing: dict[int, int] = {}
        for m in (snap.board.missing if snap.board else []):
            missing[m.hazard_point_id] = missing.get(m.hazard_point_id, 0) + 1
        self.evac_model.removeRows(0, self.evac_model.rowCount())
        for e in self._evacuation:
            unaccounted = missing.get(e.hazard_point_id, 0) if e.hazard_point_id in named else (
                e.persons_to_move - e.persons_moved)
            items = [QStandardItem(x) for x in (
                e.name, f"{e.households_moved}/{e.households_to_move}", f"{e.persons_moved}/{e.persons_to_move}",
                str(e.persons_checked_in), str(max(0, unaccounted)), e.shelter)]
            items[0].setData(e.hazard_point_id, Qt.ItemDataRole.UserRole)
            if e.persons_moved < e.persons_to_move:
                items[2].setForeground(QBrush(QColor(theme.color("level_orange"))))
            if unaccounted > 0:
                items[4].setForeground(QBrush(QColor(theme.color("level_red"))))
            self.evac_model.appendRow(items)
            if keep_point is not None and e.hazard_point_id == keep_point.hazard_point_id:
                self.evac_view.setCurrentIndex(self.evac_model.index(self.evac_model.rowCount() - 1, 0))
        self.board.draw(snap.board, snap.shelters, {e.hazard_point_id: e.shelter_id for e in self._evacuation})
        self.log_model.removeRows(0, self.log_model.rowCount())
        for line in snap.log:
            self.log_model.appendRow([QStandardItem(x) for x in (
                line.at_local.strftime("%m-%d %H:%M:%S"), self.tr(SOURCE_NAMES.get(line.source, line.source)),
                line.text, line.told, line.actor)])
        self._enable()

    def tick(self) -> None:
        now = self._now()
        red = QColor(theme.color("level_red"))
        for row, a in enumerate(self._actions):
            item = self.action_model.item(row, REMAINING_COLUMN)
            if item is None:
                continue
            if a.state == "done":
                late = a.done_at is not None and a.done_at > a.due_at
                item.setText(self.tr("late") if late else self.tr("on time"))
                item.setForeground(QBrush(red) if late else QBrush())
                continue
            left = a.due_at - now
            item.setText(format_remaining(left, seconds=True))
            item.setForeground(QBrush(red) if left.total_seconds() < 0 else QBrush())

    def _enable(self) -> None:
        if self._read_only:
            return
        a = self._action(self.selected_action())
        allowed = set(next_states(a.state)) if a is not None else set()
        for state, b in self.state_buttons.items():
            b.setEnabled(state in allowed)
        has = bool(self._evacuation)
        self.moved_button.setEnabled(has)
        self.checkin_button.setEnabled(has)

    # -- acting -----------------------------------------------------------------------------------
    def selected_action(self) -> int | None:
        index = self.action_view.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def _action(self, ident: int | None) -> ActionRow | None:
        return next((a for a in self._actions if a.id == ident), None)

    def move_selected(self, state: str) -> None:
        ident = self.selected_action()
        if ident is None:
            return
        ops, _drill = self._target()
        actor = self._desk.actor
        guarded("emergency.action", lambda: em.move_action(ops, actor, ident, state))()

    def _point_changed(self) -> None:
        chosen = self._selected_point() if self.evac_view.currentIndex().isValid() else None
        self.board.set_point(chosen.hazard_point_id if chosen is not None else None)

    def _selected_point(self) -> EvacuationRow | None:
        index = self.evac_view.currentIndex()
        row = index.row() if index.isValid() else 0
        return self._evacuation[row] if 0 <= row < len(self._evacuation) else None

    def edit_moved(self) -> None:
        e = self._selected_point()
        if e is None:
            return
        dlg = MovedDialog(e.name, e.households_to_move, e.persons_to_move, e.households_moved, e.persons_moved, self)
        (ops, drill), actor = self._target(), self._desk.actor
        dlg.submit = guarded("emergency.evacuation", lambda: em.record_moved(
            ops, actor, e.hazard_point_id, dlg.households.value(), dlg.persons.value(), drill))
        dlg.open()
        self.open_dialog = dlg

    def check_in(self) -> None:
        e = self._selected_point()
        if e is None or e.shelter_id is None:
            return
        dlg = CheckInDialog(e.shelter, self)
        (ops, drill), actor, shelter = self._target(), self._desk.actor, e.shelter_id
        dlg.submit = guarded("emergency.evacuation", lambda: em.check_in(
            ops, actor, shelter, dlg.household.text(), dlg.persons.value(), e.hazard_point_id, drill))
        dlg.open()
        self.open_dialog = dlg
