"""Incident queue: open incidents most urgent first, the selected one's record and audit trail,
and the closed-loop steps it allows."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QIdentityProxyModel, QItemSelectionModel, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShortcut, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableView, QTextBrowser, QToolBar, QTreeView, QVBoxLayout,
                               QWidget)

from desk.domain.changes import ChangeSet, Entity
from desk.domain.clock import to_local
from desk.domain.incident_filter import OPEN_QUEUE, SORTS, IncidentFilter, QueueQuery
from desk.domain.permissions import Perm
from desk.ui import theme
from desk.ui.actions import INCIDENT_STEPS, make_action, offer
from desk.ui.incident_actions import IncidentActions
from desk.ui.incident_filter_bar import FilterBar, FilterState
from desk.ui.labels import format_remaining, label
from desk.ui.queue_filters import QueueFilters
from desk.ui.queue_model import COLUMNS, QueueModel, header_text, widest_sample
from desk.ui.widgets import CardBadge
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.domain.rates import Rate
    from desk.services.desk import DeskServices
    from desk.services.reads.queue import IncidentDetail, QueueRow
    from desk.ui.change_bridge import ChangeBridge

log = logging.getLogger(__name__)

# Names shown in the rows: a rename means reading the queue again.
NAME_ENTITIES = (Entity.ADMIN_UNIT, Entity.GRID, Entity.POLICE_CELL, Entity.DEPARTMENT, Entity.STAFF)
RATE_NAMES = {
    "on_time": QT_TRANSLATE_NOOP("QueueView", "Closed on time"),
    "overdue": QT_TRANSLATE_NOOP("QueueView", "Overdue"),
    "satisfied": QT_TRANSLATE_NOOP("QueueView", "Satisfied"),
}
# Single keys in the table (N registers, / goes to the filter box).
STEP_KEYS = {"D": "dispatch", "A": "accept", "F": "feedback", "R": "return", "C": "close", "E": "evaluate",
             "O": "arrive"}
# What Enter opens, first allowed wins: the loop's own order, rework and evaluation after closing.
NEXT_STEP_ORDER = ("dispatch", "accept", "feedback", "close", "evaluate", "return")
# Interactive columns whose contents vary too much to guess: a width that reads well at 1600 px.
FIXED_WIDTHS = {"place": 170, "department": 110}
CELL_PADDING = 12  # the table's cell margins and a little air
DEBOUNCE_MS = 250  # a pause in typing this long reads the queue again


@dataclass(frozen=True)
class FullRead:
    """One read of the queue: the query's ordered ids, rows (the first pages, or the changed ones), the
    counts per card, the red ids, and the rates (full reads only)."""

    ids: list[int]
    rows: list[QueueRow]
    counts: dict[str, int]
    red: set[int]
    rates: list[Rate] | None  # None: a new filter or order only (the rates are read apart, on data changes)


class _QueueProxy(QIdentityProxyModel):
    """The table sees the model through this: filtering and sorting are SQL's now, so it passes rows
    through unchanged (kept so the view and its callers map indexes one way)."""


class QueueView(QWidget):
    incident_selected = Signal(int)
    loaded = Signal()  # a read of the queue has been applied (tests and screenshots wait on it)
    register_requested = Signal()  # N in the table: the window's register action
    counts_changed = Signal(dict)  # card → how many the query lists (the chips show them)

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None,
                 read_only: bool = False, columns: tuple[str, ...] = COLUMNS,
                 filter_state: FilterState | None = None, query: QueueQuery | None = None):
        super().__init__(parent)
        self._desk = desk
        self._read_only = read_only
        self._current_id: int | None = None
        self._updating = False  # the model is changing under the selection: not the operator's choice
        self._first_load = True
        # What the next read must cover: everything (a reload) and/or these incidents.
        self._need_full = True
        self._with_rates = True  # the next full read brings the rates (and refreshes the record shown)
        self._unapplied: set[int] = set()
        self._stale = False  # something changed while hidden: read again when shown
        self._revealed: tuple[int, str, str] | None = None  # (incident, name, phone) shown in full
        self._open_dialog: QWidget | None = None  # the step dialog last opened (tests reach it here)
        self.beeps = 0  # sounds made for new red cards (tests count them)
        self._reads = Reads(self)
        self._actions = IncidentActions(desk, self)
        self.model = QueueModel(self, columns, now=desk.now, fetch=desk.queue_rows)
        # Countdowns move every second: the time-left cells on screen repaint (their text is worked out
        # at paint time from each row's deadline). No model signal, so no row is read or filtered again.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self.proxy = _QueueProxy(self)
        self.proxy.setSourceModel(self.model)
        # The desk's filter is shared with its map; a queue made alone (the wall) keeps its own.
        self.filter_state = filter_state if filter_state is not None else FilterState(self)
        self.query = (query or OPEN_QUEUE).with_values(base=self.filter_state.value)
        self.filter_state.changed.connect(self._on_filter)
        # Typing in the filter box reads again once the operator pauses, not on every keystroke.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_text)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.size_columns()
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._on_sort)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        if not read_only:
            # Enter or a double-click on a row opens the step the incident waits for.
            self.table.activated.connect(lambda _index: self.run_next_step())
            # Operators live on the keyboard: in the table, one key per step (the menu's Ctrl+ keys work
            # everywhere; these only while the table has the focus, so no text field ever loses a letter).
            for key, step in STEP_KEYS.items():
                shortcut = QShortcut(QKeySequence(key), self.table, context=Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda s=step: self._step_key(s))
            QShortcut(QKeySequence("N"), self.table, context=Qt.ShortcutContext.WidgetShortcut).activated.connect(
                self.register_requested)
            QShortcut(QKeySequence("/"), self.table, context=Qt.ShortcutContext.WidgetShortcut).activated.connect(
                self._focus_filter)

        self.summary = QLabel()
        self.summary.setProperty("role", "title")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter: code, title, grid, department…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(300)
        self.filter.textChanged.connect(lambda _text: self._debounce.start())
        self.filter.returnPressed.connect(self._on_text)

        # The plans' rates against their targets, read with every full reload (the minute tick included).
        self.rates = QLabel()
        self.rates.setTextFormat(Qt.TextFormat.RichText)
        self.rates.setToolTip(self.tr("Last 30 days: closed on time, and satisfied answers among the evaluations; "
                                      "overdue: open items past their deadline now"))
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.summary)
        titles.addWidget(self.rates)
        top.addLayout(titles, 1)
        top.addWidget(self.filter, 0, Qt.AlignmentFlag.AlignTop)
        # The filter shared with the map, on a row of its own: at 1366 px beside the titles it was squeezed.
        filters = QHBoxLayout()
        more = QHBoxLayout()
        if not read_only:
            self.filter_bar = FilterBar(self.filter_state, desk.unit_choices)
            filters.addWidget(self.filter_bar)
            filters.addStretch(1)
            # What only the queue narrows by, over the whole history, on a row of its own.
            self.queue_filters = QueueFilters(lambda: self.query, desk.queue_choices, desk.now)
            self.queue_filters.changed.connect(self.set_query)
            self.counts_changed.connect(self.filter_bar.set_counts)
            more.addWidget(self.queue_filters)
            more.addStretch(1)
        if read_only:
            self.filter.hide()  # nobody types at the wall (and show() here, unparented, would open a window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.step_actions: dict[str, QAction] = {}
        if not read_only:
            self.toolbar = QToolBar()
            self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            # A sound when an item turns red, for a desk whose operator looks away; off by default
            # (a room with several desks would hear every one).
            self.sound_action = QAction(self.tr("Sound for new red cards"), self)
            self.sound_action.setCheckable(True)
            self.sound_action.setToolTip(self.tr("Beep when an incident turns red; the row blinks either way"))
            self.model.newly_red.connect(self._on_newly_red)
            for step in INCIDENT_STEPS:
                act = make_action(f"incident.{step}", self)
                act.triggered.connect(lambda _=False, s=step: self.run_step(s))
                act.setEnabled(False)
                self.toolbar.addAction(act)
                self.step_actions[step] = act
            # Not a step of the loop (the status stays), so not in the Incident menu: the on-site report.
            self.arrive_action = offer(make_action("incident.arrive", self), desk.actor)
            self.arrive_action.setEnabled(False)
            self.arrive_action.triggered.connect(lambda: self.run_step("arrive"))
            self.toolbar.addAction(self.arrive_action)
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.sound_action)
            lay.addWidget(self.toolbar)
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addLayout(more)

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
            # Residents' data is masked; a role that may see it asks, and the reveal is audited.
            self.reveal = QPushButton(self.tr("Show reporter in full"))
            self.reveal.setToolTip(self.tr("Show the reporter's name and phone in the clear; the audit log "
                                           "records who looked"))
            self.reveal.clicked.connect(self._reveal_reporter)
            self.reveal.setVisible(False)
            head.addWidget(self.reveal)
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

        bridge.changed.connect(self._on_changes)
        self.reload()

    # -- data -----------------------------------------------------------------------------------
    def reload(self, data_changed: bool = True) -> None:
        """Read the whole queue again (on a worker); the selection stays on the same incident. A new
        query (another filter or order) reads no rates and leaves the record shown as it is."""
        self._need_full = True
        self._with_rates = self._with_rates or data_changed
        self._submit(supersede=True)

    def _submit(self, supersede: bool = False) -> None:
        # One read in flight: incident changes that come meanwhile wait and go in the next read, so a
        # busy feed can never starve the queue of results; only a reload replaces a running read.
        if self._reads.busy("queue") and not supersede:
            return
        desk, query = self._desk, self.query
        first = QueueModel.PAGE * 2
        if self._need_full:
            covered = frozenset(self._unapplied)
            with_rates = self._with_rates

            def read() -> FullRead:
                ids = desk.queue_ids(query)
                # The first pages come with the ids; the rates (a month of closures, slow on a big
                # history) are read on their own so the rows never wait for them.
                return FullRead(ids, desk.queue_rows(ids[:first]), desk.queue_counts(query), desk.red_ids(),
                                [] if with_rates else None)

            self._reads.run("queue", read, lambda got: self._apply_full(got, covered, query), self._on_failed)
            if with_rates:
                self._reads.run("rates", desk.loop_rates, self._show_rates, self._on_failed)
        elif self._unapplied:
            changed = frozenset(self._unapplied)

            def read_changes() -> FullRead:
                return FullRead(desk.queue_ids(query), desk.queue_rows(changed), desk.queue_counts(query),
                                desk.red_ids(), None)

            self._reads.run("queue", read_changes, lambda got: self._apply_rows(got, changed, query),
                            self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        # A locked or vanished file: keep showing what we have; the next change or tick reads it all.
        log.warning("reading the queue failed: %s", type(exc).__name__)
        self._need_full = True

    def _apply_full(self, got: FullRead, covered: frozenset[int], query: QueueQuery) -> None:
        if query != self.query:  # the operator changed the filter meanwhile: that read is under way
            return
        keep = self._current_id
        scroll = self.table.verticalScrollBar().value()
        data_read = got.rates is not None
        self._updating = True
        try:
            self.model.as_of = query.as_of
            self.model.set_result(got.ids, got.rows, got.counts, got.red)
        finally:
            self._updating = False
        self.table.verticalScrollBar().setValue(scroll)
        self._need_full = False
        self._unapplied -= covered
        if self._first_load and keep is None and not self._read_only and got.ids:
            keep = got.ids[0]  # the most urgent item is what the operator looks at first
        self._first_load = False
        self._restore_selection(keep, refresh_detail=data_read)
        self._update_summary()
        if got.rates is not None:
            self._with_rates = False
        self.loaded.emit()
        self._submit()

    def _apply_rows(self, got: FullRead, ids: frozenset[int], query: QueueQuery) -> None:
        if query != self.query:
            return
        keep = self._current_id
        scroll = self.table.verticalScrollBar().value()
        self._updating = True
        try:
            if self.model.apply(got.rows, got.ids, got.counts, got.red):
                self.table.verticalScrollBar().setValue(scroll)
        finally:
            self._updating = False
        self._unapplied -= ids
        self._restore_selection(keep, refresh_detail=False)
        self._update_summary()
        self.loaded.emit()
        self._submit()

    def _restore_selection(self, keep: int | None, refresh_detail: bool) -> None:
        """Back on the incident the operator had selected; if it left the queue, follow what Qt chose."""
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self._current_id = keep
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid() and index != self.table.currentIndex():
                self._set_current(index)
            if refresh_detail:
                self._show_detail(keep)
            return
        if keep is None and not refresh_detail:
            return
        if keep is not None and self._desk.incident_detail(keep) is not None:
            # Gone from the open queue (closed here or at another seat) but not from the database: the
            # selection stays on it, with nothing highlighted in the table, so the next keypress acts on
            # the incident the operator was looking at (evaluating what was just closed), never on
            # whichever row slid into its place.
            self._updating = True
            try:
                self.table.selectionModel().clearCurrentIndex()
                self.table.clearSelection()
            finally:
                self._updating = False
            self._current_id = keep
            self._show_detail(keep)
            return
        index = self.table.currentIndex()
        if index.isValid():
            self._set_current(index)
        self._on_current(index, QModelIndex())

    def _set_current(self, index: QModelIndex) -> None:
        self._updating = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._updating = False

    def _on_changes(self, changes: ChangeSet) -> None:
        full = changes.touches(Entity.CLOCK, Entity.DATABASE, *NAME_ENTITIES)  # a reload touches everything
        ids = changes.ids(Entity.INCIDENT)
        if not full and not ids:
            return
        if not self.isVisible():
            self._stale = True
            return
        if full:
            self.reload()
            return
        self._unapplied |= ids
        if self._current_id in ids:
            self._show_detail(self._current_id)  # the operator's own step shows at once
        self._submit()

    def _tick(self) -> None:
        if self.model.flash_tick() or self.model.flash_on:
            self.table.viewport().update()  # newly red rows blink
        col = self.model.remaining_column
        if col < 0:
            return
        x = self.table.columnViewportPosition(col)
        if x >= 0:
            viewport = self.table.viewport()
            viewport.update(QRect(x, 0, self.table.columnWidth(col), viewport.height()))

    def _on_newly_red(self, ids: list[int]) -> None:
        self.beeps += int(self.sound_action.isChecked())
        if self.sound_action.isChecked():
            QApplication.beep()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._ticker.stop()  # a hidden queue repaints nothing

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ticker.start()
        if self._stale:
            self._stale = False
            self.reload()

    def _on_filter(self, f: IncidentFilter) -> None:
        self.set_query(self.query.with_values(base=f))

    def _on_text(self) -> None:
        self._debounce.stop()
        text = self.filter.text()
        if text != self.query.text:
            self.set_query(self.query.with_values(text=text))

    def _on_sort(self, section: int, order: Qt.SortOrder) -> None:
        column = self.model.columns[section] if 0 <= section < len(self.model.columns) else "urgency"
        sort = column if column in SORTS and column != "card" else "urgency"
        self.set_query(self.query.with_values(sort=sort, descending=order == Qt.SortOrder.DescendingOrder))

    def set_query(self, query: QueueQuery) -> None:
        """Show another part of the history, or in another order: read again in SQL (on the worker);
        the selection stays on its incident if it is still listed."""
        if query == self.query:
            return
        self.query = query
        if not self._read_only:
            self.queue_filters.sync(query)
        self.reload(data_changed=False)

    def _show_rates(self, rates: list[Rate]) -> None:
        parts = []
        for r in rates:
            name = self.tr(RATE_NAMES[r.key])
            target = ("≥" if r.bound == "min" else "≤") + f"{r.target:.0%}"
            figure = "—" if r.share is None else f"{r.share:.0%}"
            text = escape(self.tr("%1 %2 (target %3)").replace("%1", name).replace("%2", figure).replace("%3", target))
            if r.met is False:
                text = f"<span style='color:{theme.color('card_red')};font-weight:bold'>{text}</span>"
            parts.append(text)
        self.rates.setText(" · ".join(parts))

    def _update_summary(self) -> None:
        counts = self.model.card_counts()
        total = sum(counts.values())
        if self.query.scope == "open":
            text = self.tr("%1 open · %2 red cards · %3 yellow cards")
        else:
            text = self.tr("%1 listed · %2 red cards · %3 yellow cards")
        text = (text.replace("%1", str(total)).replace("%2", str(counts["red"])).replace("%3", str(counts["yellow"])))
        if self.model.rowCount() != total:
            text = self.tr("%1 shown · ").replace("%1", str(self.model.rowCount())) + text
        if self.query.as_of is not None:
            text = self.tr("As of %1: ").replace("%1", to_local(self.query.as_of).strftime("%Y-%m-%d %H:%M")) + text
        self.summary.setText(text)
        self.counts_changed.emit(dict(counts))

    def size_columns(self) -> None:
        """Widths from the font, never from the rows: sizing to contents asks every row for every column."""
        columns = self.model.columns
        header = self.table.horizontalHeader()
        self.table.ensurePolished()
        cell, head = self.table.fontMetrics(), header.fontMetrics()
        header.setMinimumSectionSize(60)
        for i, name in enumerate(columns):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            if name in FIXED_WIDTHS:
                width = FIXED_WIDTHS[name]
            else:
                texts = widest_sample(name)
                width = max([cell.horizontalAdvance(t) for t in texts] + [0])
                if name == "card":
                    width += 16  # the card icon beside the text
            width = max(width, head.horizontalAdvance(header_text(name))) + CELL_PADDING
            header.resizeSection(i, width)
        if "title" in columns:
            # The title is what operators read; it takes the room the short columns leave.
            header.setSectionResizeMode(columns.index("title"), QHeaderView.ResizeMode.Stretch)

    # -- selection ------------------------------------------------------------------------------
    def select_incident(self, incident_id: int) -> bool:
        """Select and show an incident; False if it is not in the queue (yet)."""
        row = self.model.row_of(incident_id)
        if row < 0:
            if self._need_full or self._stale or self._unapplied:
                self._current_id = incident_id  # a read is due that may bring it: selected then
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        if not current.isValid():
            self._current_id = None
            self._show_detail(None)
            return
        row = self.proxy.mapToSource(current).row()
        self._current_id = self.model.row_at(row).id
        self._show_detail(self._current_id)
        self.incident_selected.emit(self._current_id)

    def _reveal_reporter(self) -> None:
        incident_id = self._current_id
        if incident_id is None:
            return
        try:
            revealed = (self._desk.reveal_personal(incident_id, "reporter_name"),
                        self._desk.reveal_personal(incident_id, "reporter_phone"))
        except (ValueError, PermissionError) as exc:
            log.info("reveal refused: %s", type(exc).__name__)
            return
        self._revealed = (incident_id, *revealed)
        self._show_detail(incident_id)

    def _show_detail(self, incident_id: int | None) -> None:
        if self._read_only:
            return
        if self._revealed is not None and self._revealed[0] != incident_id:
            self._revealed = None  # shown in full for the incident it was asked for, not the next one
        detail = self._desk.incident_detail(incident_id) if incident_id is not None else None
        allowed = {a.value for a in detail.actions} if detail else set()
        for step, act in self.step_actions.items():
            act.setEnabled(step in allowed)
        self.arrive_action.setEnabled(bool(detail and detail.may_arrive))
        self.trail_model.removeRows(0, self.trail_model.rowCount())
        if detail is None:
            self.reveal.setVisible(False)
            self.detail_title.setText("")
            self.detail.clear()
            self.card.set_card("none")
            return
        r = detail.row
        reporter_name, reporter_phone = detail.reporter_name, detail.reporter_phone
        if self._revealed is not None:
            _, reporter_name, reporter_phone = self._revealed
        self.reveal.setVisible(self._desk.actor.can(Perm.VIEW_PERSONAL) and self._revealed is None
                               and bool(detail.reporter_name or detail.reporter_phone))
        self.card.set_card(r.card.value)
        self.detail_title.setText(f"{r.code}  {r.title}")
        rows = [
            (self.tr("Status"), label("status", r.status)),
            (self.tr("Time left"), format_remaining(r.remaining)),
            # The item type is a catalogue code; the operator reads its name, and the class it belongs to.
            (self.tr("Item type"), label("item_type", detail.item_type)),
            (self.tr("Category"), label("category", r.category)),
            (self.tr("Matter"), label("matter", r.matter)),
            (self.tr("Handling level"), label("tier", r.tier)),
            (self.tr("Source"), label("source", r.source)),
            (self.tr("Place"), f"{r.unit} · {r.grid} · {r.cell}"),
            (self.tr("Address"), detail.address),
            (self.tr("Coordinates"), f"{r.lon:.5f}, {r.lat:.5f}"),
            (self.tr("Registered"), r.registered_local.strftime("%Y-%m-%d %H:%M")),
            (self.tr("Department"), r.department),
            (self.tr("Handler"), r.handler),
            (self.tr("Reporter"), f"{reporter_name} {reporter_phone}"),
            (self.tr("Description"), detail.description),
            (self.tr("Feedback"), detail.feedback),
            (self.tr("Reworks"), str(detail.rework_count) if detail.rework_count else ""),
            (self.tr("Satisfaction"), f"{detail.satisfaction}/5" if detail.satisfaction else ""),
            # 首接负责制: who first received it stays accountable until it is closed.
            (self.tr("First receiver"), detail.owner),
            (self.tr("County platform number"), detail.external_id),
            (self.tr("Found on the home visit"), detail.visit),
        ]
        html = "<table cellspacing='4'>" + "".join(
            f"<tr><td style='color:gray;white-space:nowrap'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows if v) + "</table>" + self._clock_html(detail) + self._notice_html(detail)
        self.detail.setHtml(html)
        for e in detail.events:
            items = [e.at_local.strftime("%m-%d %H:%M"), e.actor, label("action", e.action),
                     label("status", e.to_status), e.note]
            self.trail_model.appendRow([QStandardItem(t) for t in items])

    def _clock_html(self, detail: IncidentDetail) -> str:
        """Each clock the incident runs against: limit, due, met or missed."""
        if not detail.milestones:
            return ""
        red = theme.color("card_red")
        lines = []
        for m in detail.milestones:
            limit = f"{m.limit:g}{label('unit', m.unit)}" + (self.tr(" (working days)") if m.calendar == "working"
                                                            else "")
            due = m.due_local.strftime("%m-%d %H:%M") if m.due_local else ""
            if m.met_local is not None:
                state = (self.tr("met %1") if not m.late else self.tr("late, met %1")).replace(
                    "%1", m.met_local.strftime("%m-%d %H:%M"))
            else:
                state = self.tr("overdue") if m.late else self.tr("running")
            style = f" style='color:{red}'" if m.late else ""
            lines.append(f"<tr{style}><td>{escape(label('milestone', m.code))}</td><td>{escape(limit)}</td>"
                         f"<td>{escape(due)}</td><td>{escape(state)}</td></tr>")
        head = (f"<tr style='color:gray'><td>{escape(self.tr('Clock'))}</td><td>{escape(self.tr('Limit'))}</td>"
                f"<td>{escape(self.tr('Due'))}</td><td>{escape(self.tr('State'))}</td></tr>")
        return "<p style='color:gray'>" + escape(self.tr("Time limits")) + "</p><table cellspacing='4'>" + head \
            + "".join(lines) + "</table>"

    def _notice_html(self, detail: IncidentDetail) -> str:
        if not detail.notices:
            return ""
        parts = []
        for n in detail.notices:
            when = n.at_local.strftime("%m-%d %H:%M")
            state = (self.tr("done %1").replace("%1", n.done_local.strftime("%m-%d %H:%M")) if n.done_local
                     else self.tr("waiting"))
            parts.append(f"<p><b>{escape(label('notice', n.kind))}</b> {escape(when)} · {escape(state)}"
                         + (f"<br><span style='white-space:pre-wrap'>{escape(n.text)}</span>"
                            if n.kind == "county_report" else "") + "</p>")
        return "".join(parts)

    # -- steps ----------------------------------------------------------------------------------
    def next_step(self) -> str | None:
        """The step the selected incident waits for (what Enter or a double-click opens)."""
        offered = [step for step in NEXT_STEP_ORDER if self.step_actions.get(step) is not None
                   and self.step_actions[step].isEnabled()]
        return offered[0] if offered else None

    def _step_key(self, step: str) -> None:
        action = self.step_actions.get(step) if step != "arrive" else self.arrive_action
        if action is not None and action.isEnabled():
            self.run_step(step)

    def _focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def run_next_step(self) -> None:
        step = self.next_step()
        if step is not None:
            self.run_step(step)

    def run_step(self, step: str) -> None:
        if self._current_id is None or self._read_only:
            return
        dlg = self._actions.step_dialog(step, self._current_id)
        dlg.open()
        self._open_dialog = dlg  # tests reach the dialog through this
