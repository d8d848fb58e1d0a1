"""The card beside the map: a clicked grid or police cell (who works there, what it holds, its open
items), or a clicked incident with the steps the operator may take on it."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from desk.ui.labels import label
from desk.ui.queue_model import card_pixmap
from desk.ui.widgets import CardBadge

if TYPE_CHECKING:
    from desk.services.reads.map import AreaCard
    from desk.services.reads.queue import IncidentDetail


class MapCard(QWidget):
    incident_chosen = Signal(int)  # an open item picked from a grid's list
    step_requested = Signal(str, int)  # (step, incident id)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumWidth(260)
        self.setMaximumWidth(420)
        self.card = CardBadge()
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setToolTip(self.tr("Close the card"))
        close.setAccessibleName(self.tr("Close the card"))
        close.clicked.connect(self._close)
        head = QHBoxLayout()
        head.addWidget(self.card)
        head.addWidget(self.title, 1)
        head.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.steps = QHBoxLayout()
        self.items_title = QLabel()
        self.items_title.setProperty("role", "muted")
        self.items = QListWidget()
        self.items.itemActivated.connect(self._on_item)
        self.items.itemClicked.connect(self._on_item)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(head)
        lay.addLayout(self.form)
        lay.addLayout(self.steps)
        lay.addWidget(self.items_title)
        lay.addWidget(self.items, 1)
        self.role = ""
        self.ident: int | None = None
        self.step_buttons: dict[str, QPushButton] = {}

    def _close(self) -> None:
        self.hide()
        self.role, self.ident = "", None
        self.closed.emit()

    def _reset(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for b in self.step_buttons.values():
            self.steps.removeWidget(b)
            b.deleteLater()
        self.step_buttons = {}
        self.items.clear()

    def _rows(self, rows: Sequence[tuple[str, str]]) -> None:
        for key, value in rows:
            if value:
                text = QLabel(value)
                text.setWordWrap(True)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.form.addRow(key, text)

    def show_area(self, card: AreaCard) -> None:
        self._reset()
        self.role, self.ident = card.role, card.id
        self.card.set_card("none")
        self.title.setText(f"{card.name}")
        names = "、".join
        rows = [(self.tr("Code"), card.code), (self.tr("Village/community"), card.unit)]
        if card.households is not None:
            rows += [(self.tr("Households"), str(card.households)), (self.tr("Population"), str(card.population))]
        rows += [(self.tr("Grid workers"), names(card.grid_workers)),
                 (self.tr("Police officers"), f"{names(card.officers)} ({len(card.officers)})" if card.officers else ""),
                 (self.tr("Workstation"), names(card.workstations))]
        if card.role == "cells":
            rows += [(self.tr("Fusion"), label("fusion", card.pattern) if card.pattern else ""),
                     (self.tr("Grids"), names(card.related))]
        else:
            rows.append((self.tr("Police cells"), names(card.related)))
        self._rows(rows)
        self.items_title.setText(self.tr("Open items: %1").replace("%1", str(len(card.open_items))))
        self.items_title.show()
        self.items.show()
        for item in card.open_items:
            row = QListWidgetItem(f"{item.code}  {item.title}")
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setToolTip(f"{label('card', item.card)} · {label('status', item.status)}")
            if item.card != "none":
                row.setIcon(QIcon(card_pixmap(item.card)))  # the queue's card shapes, not colour alone
            self.items.addItem(row)
        self.show()

    def show_incident(self, detail: IncidentDetail) -> None:
        self._reset()
        r = detail.row
        self.role, self.ident = "incidents", r.id
        self.card.set_card(r.card.value)
        self.title.setText(f"{r.code}  {r.title}")
        self._rows([(self.tr("Status"), label("status", r.status)),
                    (self.tr("Class"), label("class", r.category)),
                    (self.tr("Place"), " · ".join(x for x in (r.unit, r.grid, r.cell) if x)),
                    (self.tr("Address"), detail.address),
                    (self.tr("Department"), r.department),
                    (self.tr("Handler"), r.handler)])
        for action in detail.actions:
            step = action.value
            b = QPushButton(label("action", step))
            b.clicked.connect(lambda _=False, s=step, i=r.id: self.step_requested.emit(s, i))
            self.steps.addWidget(b)
            self.step_buttons[step] = b
        self.items_title.hide()
        self.items.hide()
        self.show()

    def _on_item(self, item: QListWidgetItem) -> None:
        ident = item.data(Qt.ItemDataRole.UserRole)
        if ident is not None:
            self.incident_chosen.emit(int(ident))
