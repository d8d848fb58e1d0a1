"""The map's search box: grid codes, villages, groups (组), incident numbers and gazetteer addresses.

Typing waits for a pause, the search runs on a worker, and the hits drop down under the box; Enter or
a click takes the first (or chosen) hit, and the map shows it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.worker import Reads

DEBOUNCE_MS = 250

KIND_NAMES = {
    "grid": QT_TRANSLATE_NOOP("MapSearch", "Grid"),
    "cell": QT_TRANSLATE_NOOP("MapSearch", "Police cell"),
    "unit": QT_TRANSLATE_NOOP("MapSearch", "Village"),
    "group": QT_TRANSLATE_NOOP("MapSearch", "Group"),
    "incident": QT_TRANSLATE_NOOP("MapSearch", "Incident"),
    "address": QT_TRANSLATE_NOOP("MapSearch", "Address"),
}


class MapSearch(QWidget):
    """A line edit with a drop-down of hits. `chosen` carries the SearchHit the operator took."""

    chosen = Signal(object)
    searched = Signal(int)  # a search finished with this many hits (tests wait on it)

    def __init__(self, search: Callable[[str], Sequence[Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self._search = search
        self._reads = Reads(self)
        self._hits: list[Any] = []
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Search: grid, village, group, incident no., address"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(260)
        self.edit.setAccessibleName(self.tr("Search the map"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        self.popup = QListWidget()
        self.popup.setWindowFlags(Qt.WindowType.Popup)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setFocusProxy(self.edit)
        self.popup.setFrameShape(QFrame.Shape.Box)
        self.popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.popup.itemClicked.connect(lambda item: self._take(self.popup.row(item)))
        self.popup.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self._on_return)

    @property
    def hits(self) -> list[Any]:
        return list(self._hits)

    def run(self) -> None:
        """Search for what is typed now (the debounce timer calls this)."""
        self._timer.stop()
        text = self.edit.text().strip()
        if not text:
            self._show([])
            return
        search = self._search
        self._reads.run("search", lambda: list(search(text)), self._show,
                        lambda _exc: self._show([]))

    def _show(self, hits: list[Any]) -> None:
        self._hits = hits
        self.popup.clear()
        for hit in hits:
            kind = self.tr(KIND_NAMES[hit.kind]) if hit.kind in KIND_NAMES else hit.kind
            text = f"{hit.label}  ·  {kind}" + (f"  ·  {hit.detail}" if hit.detail else "")
            self.popup.addItem(QListWidgetItem(text))
        if not hits:
            if self.edit.text().strip():
                self.popup.addItem(QListWidgetItem(self.tr("Nothing found")))
                self.popup.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                self.popup.hide()
                self.searched.emit(0)
                return
        if self.isVisible():
            self.popup.setCurrentRow(0 if hits else -1)
            self.popup.setMinimumWidth(max(self.width(), 360))
            rows = min(self.popup.count(), 10)
            self.popup.setFixedHeight(self.popup.sizeHintForRow(0) * rows + 6)
            self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
            self.popup.show()
        self.searched.emit(len(hits))

    def _on_return(self) -> None:
        if self._timer.isActive() or not self._hits:
            self.run()  # Enter before the pause: search now; the first hit is taken when it arrives
            self._reads_take_first()
            return
        self._take(max(self.popup.currentRow(), 0))

    def _reads_take_first(self) -> None:
        def take(count: int) -> None:
            self.searched.disconnect(take)
            if count:
                self._take(0)
        self.searched.connect(take)

    def _take(self, row: int) -> None:
        if 0 <= row < len(self._hits):
            self.popup.hide()
            self.chosen.emit(self._hits[row])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The popup has the keyboard while it is open: arrows move in it, Enter takes, Escape closes,
        # and every other key goes on to the line edit so typing never stops.
        if watched is self.popup and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._take(self.popup.currentRow())
                return True
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                self.edit.setFocus()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                return False
            self.edit.event(event)
            return True
        return super().eventFilter(watched, event)
