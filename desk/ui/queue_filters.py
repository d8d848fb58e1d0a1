"""What only the queue filters on, over the whole history: which part of it (open, closed awaiting the
resident's evaluation, closed, all), item type, grid, department, source, a date range, and the moment
it is seen at ("as of"). The filter shared with the map is the FilterBar beside it."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QMenu, QToolButton, QWidget

from desk.domain.clock import to_local, to_utc
from desk.domain.incident_filter import SCOPES, QueueQuery
from desk.domain.vocab import CLASSES, SOURCES
from desk.ui.labels import label
from desk.ui.widgets import restyle
from desk.ui.translate_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desk.services.reads.queue import QueueChoices

SCOPE_NAMES = {
    "open": QT_TRANSLATE_NOOP("QueueFilters", "Open"),
    "awaiting_evaluation": QT_TRANSLATE_NOOP("QueueFilters", "Closed, awaiting evaluation"),
    "closed": QT_TRANSLATE_NOOP("QueueFilters", "Closed"),
    "all": QT_TRANSLATE_NOOP("QueueFilters", "All incidents"),
}


class QueueFilters(QWidget):
    """Edits the queue-only part of a QueueQuery; `changed` carries the new query."""

    changed = Signal(object)  # QueueQuery

    def __init__(self, query: Callable[[], QueueQuery], choices: Callable[[], QueueChoices],
                 now: Callable[[], datetime],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._query = query
        self._choices = choices  # DeskServices.queue_choices, asked when a menu opens
        self._now = now
        lay = self._row = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.scope = QComboBox()
        for key in SCOPES:
            self.scope.addItem(self.tr(SCOPE_NAMES[key]), key)
        self.scope.setToolTip(self.tr("Which part of the history the queue lists"))
        self.scope.currentIndexChanged.connect(lambda _i: self._emit(scope=self.scope.currentData()))
        lay.addWidget(self.scope)
        self.menus: dict[str, QToolButton] = {}
        self._menu("item_types", self.tr("Item type"))
        self._menu("grid_ids", self.tr("Grid"))
        self._menu("department_ids", self.tr("Department"))
        self._menu("sources", self.tr("Source"))
        self.dated = QCheckBox(self.tr("Registered"))
        self.dated.setToolTip(self.tr("Only items registered between these days"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self._dates())
        self.dated.toggled.connect(self._dates)
        lay.addWidget(self.dated)
        lay.addWidget(self.date_from)
        lay.addWidget(self.date_to)
        self.as_of_box = QCheckBox(self.tr("As of"))
        self.as_of_box.setToolTip(self.tr("See the queue as it stood, or will stand if nobody acts, at this time"))
        self.as_of = QDateTimeEdit()
        self.as_of.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.as_of.setCalendarPopup(True)
        self.as_of.setEnabled(False)
        self._default_as_of()
        self.as_of.dateTimeChanged.connect(lambda _d: self._as_of())
        self.as_of_box.toggled.connect(self._as_of)
        lay.addWidget(self.as_of_box)
        lay.addWidget(self.as_of)

    # -- menus ----------------------------------------------------------------------------------
    def _menu(self, key: str, title: str) -> None:
        b = QToolButton()
        b.setText(title)
        b.setProperty("title", title)
        b.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(b)
        b.setMenu(menu)
        menu.aboutToShow.connect(lambda: self._fill(key, menu))
        self._row.addWidget(b)
        self.menus[key] = b

    def _options(self, key: str) -> list[tuple[str, list[tuple[object, str]]]]:
        """(group title, [(value, text)]) for a menu."""
        if key == "sources":
            return [("", [(k, label("source", k)) for k in SOURCES])]
        choices = self._choices()
        if key == "item_types":
            return [(label("class", c), [(t.label, label("item_type", t.label)) for t in choices.item_types
                                         if t.group == c]) for c in CLASSES]
        if key == "grid_ids":
            groups: dict[str, list[tuple[object, str]]] = {}
            for g in choices.grids:
                groups.setdefault(g.group, []).append((g.id, g.label))
            return list(groups.items())
        return [("", [(d.id, d.label) for d in choices.departments])]

    def _fill(self, key: str, menu: QMenu) -> None:
        menu.clear()
        chosen = getattr(self._query(), key)
        clear = menu.addAction(self.tr("Any"))
        clear.triggered.connect(lambda: self._emit(**{key: frozenset()}))
        menu.addSeparator()
        for group, items in self._options(key):
            target = menu.addMenu(group) if group and len(items) > 1 else menu
            for value, text in items:
                act = target.addAction(text)
                act.setCheckable(True)
                act.setChecked(value in chosen)
                act.toggled.connect(lambda on, v=value: self._toggle(key, v, on))

    def _toggle(self, key: str, value: object, on: bool) -> None:
        current = set(getattr(self._query(), key))
        if (value in current) != on:
            current ^= {value}
            self._emit(**{key: frozenset(current)})

    # -- dates ----------------------------------------------------------------------------------
    def _dates(self, *_args: object) -> None:
        on = self.dated.isChecked()
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        first: date | None = self.date_from.date().toPython() if on else None  # type: ignore[assignment]
        last: date | None = self.date_to.date().toPython() if on else None  # type: ignore[assignment]
        self._emit(date_from=first, date_to=last)

    def _as_of(self, *_args: object) -> None:
        on = self.as_of_box.isChecked()
        if on and not self.as_of.isEnabled():
            self._default_as_of()
        self.as_of.setEnabled(on)
        moment: datetime | None = None
        if on:
            picked: datetime = self.as_of.dateTime().toPython()  # type: ignore[assignment]
            moment = to_utc(picked.replace(second=0, microsecond=0))
        self._emit(as_of=moment)

    def _default_as_of(self) -> None:
        # Tomorrow at 08:00, when the day shift takes over: the usual question is what it will find.
        local = to_local(self._now())
        self.as_of.blockSignals(True)
        self.as_of.setDateTime(QDateTime(QDate(local.year, local.month, local.day).addDays(1), QTime(8, 0)))
        self.as_of.blockSignals(False)

    # -- state ----------------------------------------------------------------------------------
    def _emit(self, **changes: object) -> None:
        query = self._query().with_values(**changes)
        if query != self._query():
            self.changed.emit(query)

    def sync(self, query: QueueQuery) -> None:
        """Show the query's values (after a change from anywhere)."""
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(max(0, self.scope.findData(query.scope)))
        self.scope.blockSignals(False)
        for key, b in self.menus.items():
            n = len(getattr(query, key))
            title = str(b.property("title"))
            b.setText(f"{title} ({n})" if n else title)
            b.setProperty("active", bool(n))
            restyle(b)
