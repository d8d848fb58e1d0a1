"""Incident queue: open incidents most urgent first, the selected one's record and audit trail,
and the closed-loop steps it allows."""
from __future__ import annotations

from desk.domain.changes import Entity

from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter,
                               QTableView, QTextBrowser, QToolBar, QTreeView, QVBoxLayout, QWidget)

from desk.ui.actions import INCIDENT_STEPS, make_action
from desk.ui.incident_actions import IncidentActions
from desk.ui.labels import format_remaining, label
from desk.ui.queue_model import COLUMNS, QueueModel
from desk.ui.widgets import CardBadge

TICK_MS = 60_000  # time left and cards move with the clock


class QueueView(QWidget):
    incident_selected = Signal(int)

    def __init__(self, desk, bridge, parent=None, read_only: bool = False,
                 columns: tuple[str, ...] = COLUMNS):
        super().__init__(parent)
        self._desk = desk
        self._read_only = read_only
        self._actions = IncidentActions(desk, self)
        self.model = QueueModel(self, columns)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if "title" in columns:
            # The title is what operators read; it takes the room the short columns leave.
            header.setSectionResizeMode(columns.index("title"), QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(60)
        for name, width in (("place", 190), ("department", 120)):
            if name in columns:
                header.setSectionResizeMode(columns.index(name), QHeaderView.ResizeMode.Interactive)
                header.resizeSection(columns.index(name), width)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.summary = QLabel()
        self.summary.setProperty("role", "title")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter: code, title, grid, department…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(300)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter)
        self.filter.setVisible(not read_only)  # nobody types at the wall
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.step_actions = {}
        if not read_only:
            self.toolbar = QToolBar()
            self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            for step in INCIDENT_STEPS:
                act = make_action(f"incident.{step}", self)
                act.triggered.connect(lambda _=False, s=step: self.run_step(s))
                act.setEnabled(False)
                self.toolbar.addAction(act)
                self.step_actions[step] = act
            lay.addWidget(self.toolbar)
        lay.addLayout(top)

        if read_only:
            lay.addWidget(self.table, 1)
        else:
            self.detail = QTextBrowser()
            self.detail.setOpenExternalLinks(False)
            self.card = CardBadge()
            self.trail_model = QStandardItemModel(0, 5, self)
            self.trail_model.setHorizontalHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Step"),
                                                        self.tr("Status"), self.tr("Note")])
            self.trail = QTreeView()
            self.trail.setModel(self.trail_model)
            self.trail.setRootIsDecorated(False)
            self.trail.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            right = QWidget()
            rl = QVBoxLayout(right)
            rl.setContentsMargins(0, 0, 0, 0)
            head = QHBoxLayout()
            self.detail_title = QLabel()
            self.detail_title.setProperty("role", "title")
            self.detail_title.setWordWrap(True)
            head.addWidget(self.card)
            head.addWidget(self.detail_title, 1)
            rl.addLayout(head)
            rl.addWidget(self.detail, 3)
            trail_title = QLabel(self.tr("Audit trail"))
            trail_title.setProperty("role", "muted")
            rl.addWidget(trail_title)
            rl.addWidget(self.trail, 2)
            split = QSplitter()
            split.addWidget(self.table)
            split.addWidget(right)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            split.setSizes([1150, 450])
            lay.addWidget(split, 1)

        self._current_id: int | None = None
        bridge.changed.connect(self._on_changes)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.refresh)
        self._tick.start(TICK_MS)
        self.refresh()
        if not read_only and self.model.rowCount():
            self.table.selectRow(0)  # the most urgent item is what the operator looks at first

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self._current_id
        self.model.set_rows(self._desk.queue())
        self._update_summary()
        if keep is not None:
            self.select_incident(keep)

    def _on_changes(self, changes) -> None:
        if changes.reloaded:
            self.refresh()
            return
        ids = changes.ids(Entity.INCIDENT)
        if not ids:
            return
        self.model.apply(self._desk.queue_rows(ids))
        self._update_summary()
        if self._current_id in ids:
            self._show_detail(self._current_id)

    def _update_summary(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        red = sum(r.card.value == "red" for r in rows)
        yellow = sum(r.card.value == "yellow" for r in rows)
        self.summary.setText(self.tr("%1 open · %2 red cards · %3 yellow cards")
                             .replace("%1", str(len(rows))).replace("%2", str(red)).replace("%3", str(yellow)))

    # -- selection ------------------------------------------------------------------------------
    def select_incident(self, incident_id: int) -> bool:
        row = self.model.row_of(incident_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _on_current(self, current, _previous) -> None:
        if not current.isValid():
            self._current_id = None
            self._show_detail(None)
            return
        row = self.proxy.mapToSource(current).row()
        self._current_id = self.model.row_at(row).id
        self._show_detail(self._current_id)
        self.incident_selected.emit(self._current_id)

    def _show_detail(self, incident_id: int | None) -> None:
        if self._read_only:
            return
        detail = self._desk.incident_detail(incident_id) if incident_id is not None else None
        allowed = {a.value for a in detail.actions} if detail else set()
        for step, act in self.step_actions.items():
            act.setEnabled(step in allowed)
        self.trail_model.removeRows(0, self.trail_model.rowCount())
        if detail is None:
            self.detail_title.setText("")
            self.detail.clear()
            self.card.set_card("none")
            return
        r = detail.row
        self.card.set_card(r.card.value)
        self.detail_title.setText(f"{r.code}  {r.title}")
        rows = [
            (self.tr("Status"), label("status", r.status)),
            (self.tr("Time left"), format_remaining(r.remaining)),
            (self.tr("Category"), f"{label('category', r.category)} · {detail.item_type}"),
            (self.tr("Matter"), label("matter", r.matter)),
            (self.tr("Handling level"), label("tier", r.tier)),
            (self.tr("Source"), label("source", r.source)),
            (self.tr("Place"), f"{r.unit} · {r.grid} · {r.cell}"),
            (self.tr("Address"), detail.address),
            (self.tr("Coordinates"), f"{r.lon:.5f}, {r.lat:.5f}"),
            (self.tr("Registered"), r.registered_local.strftime("%Y-%m-%d %H:%M")),
            (self.tr("Department"), r.department),
            (self.tr("Handler"), r.handler),
            (self.tr("Reporter"), f"{detail.reporter_name} {detail.reporter_phone}"),
            (self.tr("Description"), detail.description),
            (self.tr("Feedback"), detail.feedback),
            (self.tr("Reworks"), str(detail.rework_count) if detail.rework_count else ""),
            (self.tr("Satisfaction"), f"{detail.satisfaction}/5" if detail.satisfaction else ""),
        ]
        html = "<table cellspacing='4'>" + "".join(
            f"<tr><td style='color:gray;white-space:nowrap'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows if v) + "</table>"
        self.detail.setHtml(html)
        for e in detail.events:
            items = [e.at_local.strftime("%m-%d %H:%M"), e.actor, label("action", e.action),
                     label("status", e.to_status), e.note]
            self.trail_model.appendRow([QStandardItem(t) for t in items])

    # -- steps ----------------------------------------------------------------------------------
    def run_step(self, step: str) -> None:
        if self._current_id is None or self._read_only:
            return
        dlg = self._actions.step_dialog(step, self._current_id)
        dlg.open()
        self._open_dialog = dlg  # tests reach the dialog through this
