"""The incident filter an operator sets once for the map and the queue together.

`FilterState` holds the current `IncidentFilter` and says when it changes; the desk window owns one
and hands it to its map and its queue, the wall owns its own. `FilterBar` edits a state: card chips,
and menus for nature, class, village, status and age."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from desk.domain.incident_filter import AGE_CHOICES, NO_FILTER, IncidentFilter
from desk.domain.lifecycle import OPEN_STATUSES
from desk.ui.labels import label
from desk.ui.widgets import restyle


class FilterState(QObject):
    changed = Signal(object)  # the new IncidentFilter

    def __init__(self, parent: QObject | None = None, value: IncidentFilter = NO_FILTER):
        super().__init__(parent)
        self._value = value

    @property
    def value(self) -> IncidentFilter:
        return self._value

    def set(self, value: IncidentFilter) -> None:
        if value != self._value:
            self._value = value
            self.changed.emit(value)


class FilterBar(QWidget):
    """Chips and menus over a FilterState. Units (villages) are asked for when their menu opens, so a
    renamed or imported village shows up without a reload."""

    def __init__(self, state: FilterState, units: Callable[[], Sequence[tuple[int, str]]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._units = units
        lay = self._row = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.card_buttons: dict[str, QToolButton] = {}
        for card in ("red", "yellow", "none"):
            b = QToolButton()
            b.setCheckable(True)
            b.setText(label("card", card))
            b.setProperty("chip", card)
            b.setToolTip(self.tr("Show only items with this card (several may be on)"))
            b.toggled.connect(lambda on, c=card: self._toggle("cards", c, on))
            lay.addWidget(b)
            self.card_buttons[card] = b
        self.menus: dict[str, QToolButton] = {}
        self._add_set_menu("natures", self.tr("Nature"), [(k, label("matter", k)) for k in ("police", "grid")])
        self._add_set_menu("classes", self.tr("Class"),
                           [(k, label("class", k)) for k in ("dispute", "security", "public_service")])
        self._add_set_menu("unit_ids", self.tr("Village"), None)
        self._add_set_menu("statuses", self.tr("Status"), [(s.value, label("status", s.value)) for s in OPEN_STATUSES])
        self._add_age_menu()
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear filter"))
        self.clear_button.clicked.connect(lambda: self.state.set(NO_FILTER))
        lay.addWidget(self.clear_button)
        state.changed.connect(self._sync)
        self._sync(state.value)

    # -- building -------------------------------------------------------------------------------
    def _button(self, key: str, title: str) -> tuple[QToolButton, QMenu]:
        b = QToolButton()
        b.setText(title)
        b.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(b)
        b.setMenu(menu)
        b.setProperty("title", title)
        self._row.addWidget(b)
        self.menus[key] = b
        return b, menu

    def _add_set_menu(self, key: str, title: str, choices: Sequence[tuple[object, str]] | None) -> None:
        _b, menu = self._button(key, title)

        def fill() -> None:
            menu.clear()
            items = choices if choices is not None else list(self._units())
            chosen = getattr(self.state.value, key)
            for value, text in items:
                act = menu.addAction(text)
                act.setCheckable(True)
                act.setChecked(value in chosen)
                act.toggled.connect(lambda on, v=value: self._toggle(key, v, on))

        menu.aboutToShow.connect(fill)
        if choices is not None:
            fill()

    def _add_age_menu(self) -> None:
        _b, menu = self._button("max_age_days", self.tr("Age"))
        group = QActionGroup(menu)
        group.setExclusive(True)
        options: list[tuple[int | None, str]] = [(None, self.tr("Any age"))]
        options += [(d, self.tr("Registered today") if d == 1 else
                     self.tr("Registered in the last %1 days").replace("%1", str(d))) for d in AGE_CHOICES]
        self.age_actions: dict[int | None, QAction] = {}
        for days, text in options:
            act = menu.addAction(text)
            act.setCheckable(True)
            group.addAction(act)
            act.triggered.connect(lambda _=False, d=days: self.state.set(self.state.value.with_values(max_age_days=d)))
            self.age_actions[days] = act

    def set_counts(self, counts: dict[str, int]) -> None:
        """Live counts on the card chips: how many each card has under the rest of the filter."""
        for card, b in self.card_buttons.items():
            n = counts.get(card)
            b.setText(label("card", card) if n is None else f"{label('card', card)} {n}")

    # -- state ----------------------------------------------------------------------------------
    def _toggle(self, key: str, value: object, on: bool) -> None:
        current = getattr(self.state.value, key)
        if (value in current) != on:
            self.state.set(self.state.value.toggled(key, value))

    def _sync(self, f: IncidentFilter) -> None:
        for card, b in self.card_buttons.items():
            b.blockSignals(True)
            b.setChecked(card in f.cards)
            b.blockSignals(False)
            restyle(b)
        for key, b in self.menus.items():
            value = getattr(f, key)
            n = (len(value) if value else 0) if key != "max_age_days" else int(bool(value))
            title = str(b.property("title"))
            b.setText(f"{title} ({n})" if n else title)
            b.setProperty("active", bool(n))
            restyle(b)
        act = self.age_actions.get(f.max_age_days)
        if act is not None:
            act.setChecked(True)
        self.clear_button.setEnabled(not f.is_empty)
