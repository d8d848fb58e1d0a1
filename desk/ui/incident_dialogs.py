"""Dialogs for each step of the closed loop. A failed submit keeps the dialog and what was typed."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QComboBox, QCompleter, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget)

from desk.domain.catalog import CLASSES, Catalogue, ItemType, default_catalogue
from desk.services.incidents import MAX_LENGTH as FIELD_LIMITS
from desk.ui.errors import describe
from desk.ui.labels import keys, label


class StepDialog(QDialog):
    """Calls `submit` on OK; if it raises a ValueError or PermissionError the message is shown inline."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setProperty("card", "red")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.submit: Callable[[], object] | None = None

    def _submit(self) -> None:
        try:
            if self.submit is not None:
                self.submit()
        except (ValueError, PermissionError) as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return
        self.accept()


def _combo(kind: str, parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for key in keys(kind):
        box.addItem(label(kind, key), key)
    return box


def _select(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)


class _DisplayCompleter(QCompleter):
    """Matches on the search text (name, aliases, code) but puts the item's shown text in the field."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class ItemTypeBox(QComboBox):
    """The catalogue's item types as "class · name", grouped by class. Typing narrows the list to the
    types whose name, an alias or the code contains what was typed (电信诈骗预警 finds 电信诈骗);
    leaving the field settles on the type typed, the first match, or the type chosen before."""

    item_type_changed = Signal(object)  # the ItemType now chosen

    SEARCH = Qt.ItemDataRole.UserRole + 1

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self._catalogue = catalogue
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        items = QStandardItemModel(self)
        for cls in CLASSES:
            for t in catalogue.by_class(cls):
                item = QStandardItem(f"{label('class', cls)} · {t.name}")
                item.setData(t.code, Qt.ItemDataRole.UserRole)
                item.setData(" ".join((item.text(), t.code, *t.aliases)), self.SEARCH)
                if t.aliases:
                    item.setToolTip("、".join(t.aliases))
                items.appendRow(item)
        self.setModel(items)
        completer = _DisplayCompleter(items, self)
        completer.setCompletionRole(self.SEARCH)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText(self.tr("Type a name or alias to search"))
        line.editingFinished.connect(self._settle)
        self.currentIndexChanged.connect(self._changed)

    def item_type(self) -> ItemType | None:
        code = self.currentData()
        return self._catalogue.get(code) if isinstance(code, str) else None

    def set_item_type(self, text: str) -> bool:
        """Choose the type a code, name, alias or class name means; False if none does."""
        found = self._catalogue.resolve(text)
        if found is None:
            return False
        _select(self, found.code)
        self.setEditText(self.itemText(self.currentIndex()))
        return True

    def _settle(self) -> None:
        typed = self.currentText().strip()
        row = self.findText(typed)  # an item's shown text, as the completer writes it
        if row < 0:
            found = self._catalogue.resolve(typed)
            if found is None and typed:
                found = next(iter(self._catalogue.search(typed)), None)
            row = self.findData(found.code) if found is not None else self.currentIndex()
        self.setCurrentIndex(row)
        self.setEditText(self.itemText(row))

    def _unsettled(self) -> bool:
        return self.currentText().strip() != self.itemText(self.currentIndex())

    def _hide_popup(self) -> QModelIndex | None:
        """Close the completer's list; what was highlighted in it, if anything."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is None or not popup.isVisible():
            return None
        picked = popup.currentIndex()
        popup.hide()
        return picked if picked.isValid() else None

    def event(self, event: QEvent) -> bool:
        # Tab settles before focus moves on. The completer eats focus-out events while its list is
        # showing, so the list is closed first and Tab always moves on (one Tab, not two).
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._hide_popup()
            self._settle()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter first settles what was typed (or picked in the list); only an Enter on a settled
        # choice goes on to the dialog's default button, so a half-typed name never submits.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            picked = self._hide_popup()
            if picked is not None:
                self.setEditText(str(picked.data(Qt.ItemDataRole.DisplayRole)))
            if self._unsettled():
                self._settle()
                event.accept()
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._hide_popup()
            self._settle()

    def _changed(self, _index: int) -> None:
        self.item_type_changed.emit(self.item_type())


def _limit(edit: QPlainTextEdit, limit: int) -> None:
    """QPlainTextEdit has no maximum length: cut what a paste or typing puts beyond it."""

    def cut() -> None:
        text = edit.toPlainText()
        if len(text) > limit:
            cursor = edit.textCursor()
            position = min(cursor.position(), limit)
            edit.setPlainText(text[:limit])
            cursor = edit.textCursor()
            cursor.setPosition(position)
            edit.setTextCursor(cursor)

    edit.textChanged.connect(cut)


class DepartmentChoice(Protocol):
    """A department to offer; its kind (`group`, or `kind`) lets the item type's default be chosen."""

    @property
    def id(self) -> int: ...

    @property
    def label(self) -> str: ...


class RegisterDialog(StepDialog):
    """Register an incident. The operator picks the item type; class, nature, tier and handling
    department follow from its catalogue defaults and stay changeable."""

    # The service's limits (the database columns'), so the dialog never accepts what a save refuses.
    MAX_LENGTH = {k: FIELD_LIMITS[k] for k in ("title", "address", "reporter_name", "reporter_phone", "description")}

    def __init__(self, locate: Callable[[float, float], Any], lon: float, lat: float,
                 parent: QWidget | None = None, *, catalogue: Catalogue | None = None,
                 departments: Sequence[DepartmentChoice] = (),
                 geocode: Callable[[str], Any] | None = None):
        super().__init__(self.tr("Register incident"), parent)
        self._locate = locate
        self._geocode = geocode
        self.catalogue = catalogue if catalogue is not None else default_catalogue()
        self.item_type = ItemTypeBox(self.catalogue, self)
        self.title = self._line("title")
        self.category = _combo("class", self)
        self.matter = _combo("matter", self)
        self.tier = _combo("tier", self)
        self.department = QComboBox(self)
        self._kinds: dict[int, str] = {}
        for d in departments:
            self.department.addItem(d.label, d.id)
            self._kinds[d.id] = getattr(d, "group", "") or getattr(d, "kind", "")
        if not departments:
            # No list to choose from: the service sends it to the item type's default department.
            self.department.addItem("", None)
            self.department.setEnabled(False)
        self.source = _combo("source", self)
        self.lon = QDoubleSpinBox(decimals=6, minimum=-180, maximum=180, singleStep=0.001, value=lon)
        self.lat = QDoubleSpinBox(decimals=6, minimum=-90, maximum=90, singleStep=0.001, value=lat)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.address = self._line("address")
        self.address.setPlaceholderText(self.tr("An address from the gazetteer moves the point there (at most %1 "
                                                "characters)").replace("%1", str(self.MAX_LENGTH["address"])))
        self.found = QLabel()
        self.found.setProperty("role", "muted")
        self.found.setWordWrap(True)
        self.address.editingFinished.connect(self.look_up_address)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(80)
        self.description.setTabChangesFocus(True)  # Tab moves on; it is never typed into the text
        _limit(self.description, self.MAX_LENGTH["description"])
        # The limit shows as the operator types, rather than surprising them at the end.
        self.description_count = QLabel()
        self.description_count.setProperty("role", "muted")
        self.description.textChanged.connect(self._count_description)
        self._count_description()
        self.reporter_name = self._line("reporter_name")
        self.reporter_phone = self._line("reporter_phone")
        self.reporter_phone.setPlaceholderText(self.tr("Mobile, or landline with area code (0571-88886666)"))
        fields: list[tuple[str, QWidget]] = [
            (self.tr("Item type"), self.item_type),
            (self.tr("Title"), self.title),
            (self.tr("Class"), self.category),
            (self.tr("Matter"), self.matter),
            (self.tr("Handling level"), self.tier),
            (self.tr("Department"), self.department),
            (self.tr("Source"), self.source),
            (self.tr("Longitude"), self.lon),
            (self.tr("Latitude"), self.lat),
            (self.tr("Address"), self.address),
            (self.tr("Description"), self.description),
            (self.tr("Reporter"), self.reporter_name),
            (self.tr("Reporter phone"), self.reporter_phone),
        ]
        for text, widget in fields:
            self.form.addRow(text, widget)
            if widget is self.lat:
                self.form.addRow(self.tr("Grid / police cell"), self.where)
            if widget is self.address:
                self.form.addRow("", self.found)
            if widget is self.description:
                self.form.addRow("", self.description_count)
        chain = [w for _, w in fields] + [self.buttons]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        self.item_type.item_type_changed.connect(self._apply_defaults)
        self.lon.valueChanged.connect(self._update_where)
        self.lat.valueChanged.connect(self._update_where)
        self._apply_defaults(self.item_type.item_type())
        self._update_where()
        self.item_type.setFocus()

    def look_up_address(self) -> bool:
        """The typed address in the gazetteer: found, the point moves there (the operator can still
        adjust it); not found, the point stays and the dialog says so."""
        text = self.address.text().strip()
        if self._geocode is None or not text:
            self.found.setText("")
            return False
        try:
            hit = self._geocode(text)
        except Exception:  # noqa: BLE001 - a failed lookup must not cost the operator the form
            hit = None
        if hit is None:
            self.found.setText(self.tr("Not in the address gazetteer: the point stays where it was picked"))
            return False
        self.lon.setValue(float(hit.lon))
        self.lat.setValue(float(hit.lat))
        self.found.setText(self.tr("Found in the gazetteer: %1").replace("%1", str(hit.label)))
        return True

    def _count_description(self) -> None:
        self.description_count.setText(self.tr("%1 / %2 characters").replace(
            "%1", str(len(self.description.toPlainText()))).replace("%2", str(self.MAX_LENGTH["description"])))

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(self.MAX_LENGTH[name])
        edit.setPlaceholderText(self.tr("At most %1 characters").replace("%1", str(self.MAX_LENGTH[name])))
        edit.setToolTip(edit.placeholderText())
        return edit

    def _apply_defaults(self, item: ItemType | None) -> None:
        """What the item type says, as the starting point; the operator may change each."""
        if item is None:
            return
        _select(self.category, item.item_class)
        _select(self.matter, item.nature)
        _select(self.tier, item.tier)
        if self.department.isEnabled():
            match = next((i for i, kind in self._kinds.items() if kind == item.department), None)
            if match is not None:
                _select(self.department, match)
        else:
            self.department.setItemText(0, label("department", item.department))

    def _update_where(self) -> None:
        try:
            loc = self._locate(self.lon.value(), self.lat.value())
        except ValueError as exc:
            self.where.setText(describe(exc))
            return
        if not loc.inside:
            self.where.setText(self.tr("Outside every grid: pick a point inside the township"))
        else:
            self.where.setText(f"{loc.unit_name} · {loc.grid_name} · {loc.cell_name}")

    def values(self) -> dict[str, Any]:
        """The draft's fields, by keyword (IncidentDraft(**values))."""
        item = self.item_type.item_type()
        return dict(title=self.title.text(), item_type=item.code if item else "",
                    category=self.category.currentData(), matter=self.matter.currentData(),
                    tier=self.tier.currentData(), department_id=self.department.currentData(),
                    source=self.source.currentData(), lon=self.lon.value(), lat=self.lat.value(),
                    description=self.description.toPlainText(), address=self.address.text(),
                    reporter_name=self.reporter_name.text(), reporter_phone=self.reporter_phone.text())


class DispatchDialog(StepDialog):
    def __init__(self, departments, handlers, parent: QWidget | None = None):
        super().__init__(self.tr("Dispatch incident"), parent)
        self.department = QComboBox()
        for d in departments:
            self.department.addItem(d.label, d.id)
        self.handler = QComboBox()
        self.handler.addItem(self.tr("(department decides)"), None)
        for h in handlers:
            self.handler.addItem(f"{h.label} · {label('role', h.group)}", h.id)
        self.tier = _combo("tier", self)
        self.note = QLineEdit()
        self.form.addRow(self.tr("Department"), self.department)
        self.form.addRow(self.tr("Handler"), self.handler)
        self.form.addRow(self.tr("Handling level"), self.tier)
        self.form.addRow(self.tr("Note"), self.note)


class NoteDialog(StepDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(110)
        self.form.addRow(prompt, self.note)

    def text(self) -> str:
        return self.note.toPlainText()


class EvaluateDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Resident's evaluation"), parent)
        self.satisfaction = QSpinBox(minimum=1, maximum=5, value=5)
        self.note = QLineEdit()
        self.form.addRow(self.tr("Satisfaction (1–5)"), self.satisfaction)
        self.form.addRow(self.tr("Note"), self.note)


class ArriveDialog(StepDialog):
    """A handler, or the professional forces, reported on site: what stops the on-site clocks."""

    def __init__(self, offered: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(self.tr("Report arrival on site"), parent)
        self.kind = QComboBox()
        names = {"arrived": self.tr("Someone on site (到达现场)"),
                 "professional": self.tr("Professional forces on site (专业力量到场)")}
        for key in offered:
            self.kind.addItem(names[key], key)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("Who is there, what they found"))
        self.form.addRow(self.tr("Who arrived"), self.kind)
        self.form.addRow(self.tr("Note"), self.note)

    @property
    def professional(self) -> bool:
        return self.kind.currentData() == "professional"
