"""The evacuation board by name, under the hazard points of the emergency record: each threatened
household with its members (who needs help leaving, where each is now), the persons nobody has
accounted for yet, and the call list of hazard monitors and village cadres with the last call to
each. Marks go through the evacuation service; the board redraws from the next snapshot, keeping what
was open and selected."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTabWidget, QTreeView,
                               QVBoxLayout, QWidget)

from desk.services import evacuation as ev
from desk.ui import theme
from desk.ui.emergency_dialogs import HouseholdCheckInDialog
from desk.ui.errors import describe
from desk.ui.incident_actions import guarded, guarded_call
from desk.ui.labels import label
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.widgets import read_only_table

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.operations import Operations
    from desk.services.reads.emergency import ShelterRow
    from desk.services.reads.evacuation import CallRow, EvacuationBoard, HouseholdRow, Missing, PersonRow

ID = Qt.ItemDataRole.UserRole
KIND = Qt.ItemDataRole.UserRole + 1  # "household" | "person"


HOUSEHOLD_HEADERS = (
    QT_TRANSLATE_NOOP("EvacuationBoard", "Household / person"), QT_TRANSLATE_NOOP("EvacuationBoard", "Address / relation"),
    QT_TRANSLATE_NOOP("EvacuationBoard", "Age"), QT_TRANSLATE_NOOP("EvacuationBoard", "Needs help"),
    QT_TRANSLATE_NOOP("EvacuationBoard", "Phone"), QT_TRANSLATE_NOOP("EvacuationBoard", "Where now"),
    QT_TRANSLATE_NOOP("EvacuationBoard", "Shelter"), QT_TRANSLATE_NOOP("EvacuationBoard", "Time"))
HOUSEHOLD = QT_TRANSLATE_NOOP("EvacuationBoard", "%1's household")


def household_tree() -> tuple[QTreeView, QStandardItemModel]:
    """A household per row, its members beneath, with the translated headers."""
    model = QStandardItemModel(0, len(HOUSEHOLD_HEADERS))
    model.setHorizontalHeaderLabels([QCoreApplication.translate("EvacuationBoard", h) for h in HOUSEHOLD_HEADERS])
    view = QTreeView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view, model


def append_households(model: QStandardItemModel, rows: Sequence[HouseholdRow]) -> None:
    """Each household as a row (accounted x/y, where it checked in) with its members beneath."""
    household = QCoreApplication.translate("EvacuationBoard", HOUSEHOLD)
    late = QBrush(QColor(theme.color("level_orange")))
    for h in rows:
        t = h.tally
        needs = sum(1 for m in h.members if m.needs)
        top = [QStandardItem(x) for x in (
            household.replace("%1", h.head), h.address, "", str(needs) if needs else "", h.phone,
            f"{t.accounted}/{t.members}", h.shelter, f"{h.checked_in_local:%H:%M}" if h.checked_in_local else "")]
        top[0].setData(h.id, ID)
        top[0].setData("household", KIND)
        top[0].setToolTip(f"{h.code} · {h.hazard_point}")
        if not t.done:
            top[5].setForeground(late)
        for m in h.members:
            child = [QStandardItem(x) for x in (
                m.name, label("relation", m.relation), "" if m.age is None else str(m.age), m.needs, m.phone,
                label("evacuee", m.state), m.shelter, f"{m.at_local:%H:%M}" if m.at_local else "")]
            child[0].setData(m.id, ID)
            child[0].setData("person", KIND)
            if not m.state:
                child[5].setForeground(late)
            top[0].appendRow(child)
        model.appendRow(top)


def _page(view: QWidget, specs: Sequence[tuple[str, Callable[[], object]]], read_only: bool
          ) -> tuple[QWidget, list[QPushButton]]:
    """A tab: the list, and under it its buttons (none on a read-only seat)."""
    page = QWidget()
    lay = QVBoxLayout(page)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(view, 1)
    out: list[QPushButton] = []
    if not read_only:
        row = QHBoxLayout()
        for text, slot in specs:
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, f=slot: f())
            row.addWidget(b)
            out.append(b)
        row.addStretch(1)
        lay.addLayout(row)
    return page, out


class EvacuationBoardPanel(QWidget):
    focus_point = Signal(int)  # a hazard point to show on the map

    def __init__(self, desk: DeskServices, read_only: bool, target: Callable[[], tuple[Operations, bool]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._target = target
        self._read_only = read_only
        self._board: EvacuationBoard | None = None
        self._shelters: list[tuple[int, str]] = []
        self._point_shelter: dict[int, int | None] = {}
        self._point: int | None = None
        self.open_dialog: QWidget | None = None
        self.tabs = QTabWidget()

        self.household_view, self.household_model = household_tree()
        self.household_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.household_view.activated.connect(lambda index: self._focus(self._household_point(index)))
        households, self.household_buttons = _page(self.household_view, (
            (self.tr("Check in at the shelter…"), self.check_in_selected),
            (self.tr("Moved (relatives, high ground)"), lambda: self.mark_selected("moved")),
            (self.tr("Away from home"), lambda: self.mark_selected("away"))), read_only)
        self.tabs.addTab(households, self.tr("Households"))

        self.missing_view, self.missing_model = read_only_table(
            [self.tr("Name"), self.tr("Age"), self.tr("Needs help"), self.tr("Household"), self.tr("Address"),
             self.tr("Hazard point"), self.tr("Phone")])
        self.missing_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.missing_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.missing_view.activated.connect(lambda index: self._focus(index.siblingAtColumn(5).data(ID)))
        missing, self.missing_buttons = _page(self.missing_view, (
            (self.tr("Check in at the shelter…"), self.check_in_missing),
            (self.tr("Moved (relatives, high ground)"), lambda: self.mark_missing("moved")),
            (self.tr("Away from home"), lambda: self.mark_missing("away"))), read_only)
        self.tabs.addTab(missing, self.tr("Unaccounted"))

        self.call_view, self.call_model = read_only_table(
            [self.tr("Name"), self.tr("Post"), self.tr("Hazard point or village"), self.tr("Phone"),
             self.tr("Last call"), self.tr("Time")])
        self.call_view.activated.connect(lambda index: self._focus(index.siblingAtColumn(2).data(ID)))
        calls, self.call_buttons = _page(self.call_view, (
            (label("call", "reached"), lambda: self.log_call("reached")),
            (label("call", "no_answer"), lambda: self.log_call("no_answer"))), read_only)
        self.tabs.addTab(calls, self.tr("Call list"))

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, board: EvacuationBoard | None, shelters: Sequence[ShelterRow],
             point_shelter: dict[int, int | None]) -> None:
        self._board = board
        self._shelters = [(sh.id, sh.name) for sh in shelters]
        self._point_shelter = dict(point_shelter)
        self._draw_households()
        self._draw_missing()
        self._draw_calls()

    def set_point(self, point_id: int | None) -> None:
        """Narrow the households and the unaccounted to one hazard point (None: all)."""
        if point_id != self._point:
            self._point = point_id
            self._draw_households()
            self._draw_missing()

    def _mine(self, hazard_point_id: int) -> bool:
        return self._point is None or hazard_point_id == self._point

    def _draw_households(self) -> None:
        view, model = self.household_view, self.household_model
        expanded = {model.item(r, 0).data(ID) for r in range(model.rowCount())
                    if view.isExpanded(model.index(r, 0))}
        keep = self._selected_people() if model.rowCount() else set()
        model.removeRows(0, model.rowCount())
        rows = [h for h in (self._board.households if self._board else []) if self._mine(h.hazard_point_id)]
        append_households(model, rows)
        for r in range(model.rowCount()):
            if model.item(r, 0).data(ID) in expanded:
                view.setExpanded(model.index(r, 0), True)
        self._reselect(keep)
        self.tabs.setTabText(0, self.tr("Households (%1)").replace("%1", str(len(rows))))

    def _draw_missing(self) -> None:
        keep = set(self._selected_missing())
        model = self.missing_model
        model.removeRows(0, model.rowCount())
        rows = [m for m in (self._board.missing if self._board else []) if self._mine(m.hazard_point_id)]
        for m in rows:
            p = m.person
            items = [QStandardItem(x) for x in (p.name, "" if p.age is None else str(p.age), p.needs, m.household,
                                                m.address, m.hazard_point, p.phone)]
            items[0].setData(p.id, ID)
            items[3].setData(p.household_id, ID)
            items[5].setData(m.hazard_point_id, ID)
            if p.needs:
                items[2].setForeground(QBrush(QColor(theme.color("level_red"))))
            model.appendRow(items)
            if p.id in keep:
                self.missing_view.selectionModel().select(
                    model.index(model.rowCount() - 1, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        self.tabs.setTabText(1, self.tr("Unaccounted (%1)").replace("%1", str(len(rows))))

    def _draw_calls(self) -> None:
        current = self.call_view.currentIndex()
        keep = (current.siblingAtColumn(0).data(KIND), current.siblingAtColumn(0).data(ID)) if current.isValid() else None
        model = self.call_model
        model.removeRows(0, model.rowCount())
        for c in (self._board.calls if self._board else []):
            items = [QStandardItem(x) for x in (
                c.name, label("post", c.post or "monitor"), c.place, c.phone, label("call", c.outcome),
                f"{c.called_local:%H:%M}" if c.called_local else "")]
            items[0].setData(c.id, ID)
            items[0].setData(c.kind, KIND)
            items[2].setData(c.hazard_point_id, ID)
            if c.outcome == "no_answer":
                items[4].setForeground(QBrush(QColor(theme.color("level_red"))))
            model.appendRow(items)
            if keep == (c.kind, c.id):
                self.call_view.setCurrentIndex(model.index(model.rowCount() - 1, 0))

    # -- selection --------------------------------------------------------------------------------
    def _households(self) -> dict[int, HouseholdRow]:
        return {h.id: h for h in (self._board.households if self._board else [])}

    def _selected_people(self) -> set[int]:
        """Residents selected on the households tab: a household row stands for all its members."""
        out: set[int] = set()
        homes = self._households()
        for index in self.household_view.selectionModel().selectedRows(0):
            ident, kind = index.data(ID), index.data(KIND)
            if kind == "household" and ident in homes:
                out.update(m.id for m in homes[ident].members)
            elif kind == "person":
                out.add(int(ident))
        return out

    def _reselect(self, people: set[int]) -> None:
        if not people:
            return
        model, sel = self.household_model, self.household_view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for r in range(model.rowCount()):
            top = model.item(r, 0)
            for c in range(top.rowCount()):
                if top.child(c, 0).data(ID) in people:
                    sel.select(top.child(c, 0).index(), flags)

    def _selected_missing(self) -> list[int]:
        return [int(i.data(ID)) for i in self.missing_view.selectionModel().selectedRows(0)]

    def _household_point(self, index) -> int | None:
        homes = self._households()
        ident = index.siblingAtColumn(0).data(ID)
        if index.siblingAtColumn(0).data(KIND) == "person":
            ident = index.parent().siblingAtColumn(0).data(ID)
        h = homes.get(ident)
        return h.hazard_point_id if h is not None else None

    def _focus(self, point_id: object) -> None:
        if isinstance(point_id, int):
            self.focus_point.emit(point_id)

    # -- acting -----------------------------------------------------------------------------------
    def _say(self, outcome: object, done: str) -> None:
        failed = isinstance(outcome, Exception)
        self.message.setText(describe(outcome) if isinstance(outcome, Exception) else done)
        self.message.setProperty("card", "red" if failed else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def mark(self, resident_ids: Sequence[int], state: str) -> object:
        if not resident_ids:
            return None
        (ops, drill), actor = self._target(), self._desk.actor
        ids = list(resident_ids)
        outcome = guarded_call("emergency.evacuation", lambda: ev.account_for(ops, actor, ids, state, drill=drill))
        self._say(outcome, self.tr("%1 marked: %2").replace("%1", str(len(ids))).replace("%2", label("evacuee", state)))
        return outcome

    def mark_selected(self, state: str) -> object:
        return self.mark(sorted(self._selected_people()), state)

    def mark_missing(self, state: str) -> object:
        return self.mark(self._selected_missing(), state)

    def check_in(self, household_id: int, only: set[int] | None = None) -> HouseholdCheckInDialog | None:
        h = self._households().get(household_id)
        if h is None:
            return None
        members = [(m.id, f"{m.name} · {label('relation', m.relation)}" + (f" · {m.needs}" if m.needs else ""),
                    m.state == "sheltered") for m in h.members]
        dlg = HouseholdCheckInDialog(h.head, members, self._shelters, self._point_shelter.get(h.hazard_point_id), self)
        if only is not None:
            for ident, tick in dlg.members:
                tick.setChecked(tick.isEnabled() and ident in only)
        (ops, drill), actor = self._target(), self._desk.actor
        dlg.submit = guarded("emergency.evacuation", lambda: ev.check_in_household(
            ops, actor, household_id, dlg.shelter_id(), dlg.chosen(), drill))
        dlg.open()
        self.open_dialog = dlg
        return dlg

    def check_in_selected(self) -> HouseholdCheckInDialog | None:
        index = self.household_view.currentIndex()
        if not index.isValid():
            return None
        first = index.siblingAtColumn(0)
        if first.data(KIND) == "person":
            return self.check_in(int(first.parent().data(ID)), self._selected_people())
        return self.check_in(int(first.data(ID)))

    def check_in_missing(self) -> HouseholdCheckInDialog | None:
        chosen = self.missing_view.selectionModel().selectedRows(3)
        if not chosen:
            return None
        return self.check_in(int(chosen[0].data(ID)), set(self._selected_missing()))

    def log_call(self, outcome: str) -> object:
        index = self.call_view.currentIndex()
        if not index.isValid():
            return None
        first = index.siblingAtColumn(0)
        ident, kind = int(first.data(ID)), first.data(KIND)
        (ops, drill), actor = self._target(), self._desk.actor
        result = guarded_call("emergency.call", lambda: ev.log_call(
            ops, actor, outcome, staff_id=ident if kind == "monitor" else None,
            cadre_id=ident if kind == "cadre" else None, drill=drill))
        self._say(result, self.tr("Call to %1: %2").replace("%1", str(first.data())).replace("%2", label("call", outcome)))
        return result
