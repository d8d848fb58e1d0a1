"""Table model of the open queue; updated row by row from change events."""
from __future__ import annotations

import bisect
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject,
                            QPersistentModelIndex, QSize, Qt, Signal)
from PySide6.QtGui import QColor, QPainter, QPixmap

from desk.ui import theme
from desk.ui.labels import format_remaining, keys, label

if TYPE_CHECKING:
    from desk.services.reads.queue import QueueRow

# More changed rows than this come as one reset: a hundred single-row inserts each make the proxy and
# the view update their bookkeeping, one reset does it once.
BULK_RESET = 50

COLUMNS = ("card", "remaining", "code", "title", "category", "matter", "status", "place", "department",
           "registered")
_HEADERS = {
    "card": QT_TRANSLATE_NOOP("QueueModel", "Card"),
    "remaining": QT_TRANSLATE_NOOP("QueueModel", "Time left"),
    "code": QT_TRANSLATE_NOOP("QueueModel", "Code"),
    "title": QT_TRANSLATE_NOOP("QueueModel", "Title"),
    "category": QT_TRANSLATE_NOOP("QueueModel", "Category"),
    "matter": QT_TRANSLATE_NOOP("QueueModel", "Matter"),
    "status": QT_TRANSLATE_NOOP("QueueModel", "Status"),
    "place": QT_TRANSLATE_NOOP("QueueModel", "Grid / cell"),
    "department": QT_TRANSLATE_NOOP("QueueModel", "Department"),
    "registered": QT_TRANSLATE_NOOP("QueueModel", "Registered"),
}


def card_pixmap(card: str, size: QSize = QSize(12, 16)) -> QPixmap:
    """A small upright card: the shape says 'card', never 'warning level'."""
    pm = QPixmap(size)
    pm.fill(Qt.GlobalColor.transparent)
    if card in ("red", "yellow"):
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(theme.color(f"card_{card}")))
        p.setPen(QColor("#3a2a00" if card == "yellow" else "#4a0000"))
        p.drawRoundedRect(1, 1, size.width() - 2, size.height() - 2, 2, 2)
        p.end()
    return pm


# Plain ints: `data` compares roles a few thousand times a paint.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_ROW = Qt.ItemDataRole.UserRole.value + 1
_SEARCH = Qt.ItemDataRole.UserRole.value + 2
_ROLES = frozenset({_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, _BACKGROUND, _ROW, _SEARCH})
FLASH_SECONDS = 10.0  # a newly red row blinks this long: seen from across the room, then calm again


class QueueModel(QAbstractTableModel):
    newly_red = Signal(list)  # ids of rows that turned red (or came in red) since the last read
    ROW_ROLE = _ROW
    # One string per row for the filter box: the proxy asks once per row, not once per cell.
    SEARCH_ROLE = _SEARCH

    def __init__(self, parent: QObject | None = None, columns: tuple[str, ...] = COLUMNS,
                 now: Callable[[], datetime] | None = None):
        super().__init__(parent)
        # With a clock, time left is counted from each row's deadline at paint time, so `tick` can move
        # the countdowns on every second without reading or rebuilding a row.
        self._now = now
        self._remaining_col = columns.index("remaining") if "remaining" in columns else -1
        self._red: set[int] | None = None  # red ids after the last read; None before the first
        self._flash: dict[int, float] = {}  # id → when its blinking stops (monotonic seconds)
        self.flash_on = False  # the blink's phase, flipped each second by the view
        self._rows: list[QueueRow] = []
        self._columns = columns
        self._pixmaps: dict[str, QPixmap] = {}
        self._text_cache: dict[int, tuple[QueueRow, tuple[str, ...]]] = {}

    @property
    def columns(self) -> tuple[str, ...]:
        return self._columns

    # -- data in ------------------------------------------------------------------------------
    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._text_cache.clear()
        self.endResetModel()
        self._note_red()

    def apply(self, fresh: list[QueueRow]) -> bool:
        """Update changed rows in place, drop ones no longer open, insert new ones where they sort.
        Many at once (another seat's burst) are merged in one reset instead; returns whether it reset."""
        by_id = {r.id: r for r in fresh}
        if len(by_id) > BULK_RESET:
            rows = [r for r in self._rows if r.id not in by_id]
            rows.extend(r for r in by_id.values() if r.is_open)
            rows.sort(key=lambda r: r.sort_key)
            self.set_rows(rows)
            return True
        found = [i for i, r in enumerate(self._rows) if r.id in by_id]  # one pass, not one per id
        last = len(self._columns) - 1
        for i in reversed(found):
            row = by_id[self._rows[i].id]
            if row.is_open and row.sort_key[:1] == self._rows[i].sort_key[:1]:
                self._rows[i] = row
                del by_id[row.id]
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
                continue
            # Closed, or its card changed: out of here (and back in where it now sorts, if open).
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
            if not row.is_open:
                del by_id[row.id]
                self._text_cache.pop(row.id, None)
        for row in sorted(by_id.values(), key=lambda r: r.sort_key):
            if not row.is_open:
                continue
            pos = bisect.bisect_right(self._rows, row.sort_key, key=lambda r: r.sort_key)
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._rows.insert(pos, row)
            self.endInsertRows()
        self._note_red()
        return False

    def _note_red(self) -> None:
        """Which rows have newly turned red: they blink for a while, and the view may sound."""
        red = {r.id for r in self._rows if r.card.value == "red"}
        if self._red is not None:
            new = sorted(red - self._red)
            if new:
                until = time.monotonic() + FLASH_SECONDS
                self._flash.update((i, until) for i in new)
                self.newly_red.emit(new)
        self._red = red

    def flash_tick(self) -> bool:
        """Flip the blink; True while some row blinks (the view then repaints)."""
        now = time.monotonic()
        self._flash = {i: t for i, t in self._flash.items() if t > now}
        self.flash_on = not self.flash_on if self._flash else False
        return bool(self._flash)

    @property
    def flashing(self) -> set[int]:
        return set(self._flash)

    @property
    def remaining_column(self) -> int:
        """Where the countdown is (-1: not shown); its text is worked out at paint time."""
        return self._remaining_col if self._now is not None else -1

    def remaining_text(self, r: QueueRow) -> str:
        if self._now is not None and r.due_at is not None:
            return format_remaining(r.due_at - self._now(), seconds=True)
        return format_remaining(r.remaining)

    def row_of(self, incident_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == incident_id), -1)

    def row_at(self, i: int) -> QueueRow:
        return self._rows[i]

    def ids(self) -> set[int]:
        return {r.id for r in self._rows}

    def card_counts(self) -> Counter[str]:
        return Counter(r.card.value for r in self._rows)

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header_text(self._columns[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The delegate asks a dozen roles per cell on every paint; most are not ours, and are answered
        # before touching the index (each index call crosses into C++).
        if role not in _ROLES:
            return None
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == self._remaining_col and self._now is not None:
                return self.remaining_text(r)
            return self._texts(r)[column]
        col = self._columns[column]
        if role == _DECORATION:
            if col != "card":
                return None
            card = r.card.value
            if card not in self._pixmaps:
                self._pixmaps[card] = card_pixmap(card)
            return self._pixmaps[card]
        if role == _FOREGROUND:
            if col == "remaining":
                left = r.due_at - self._now() if self._now is not None and r.due_at is not None else r.remaining
                if left is not None and left.total_seconds() < 0:
                    return QColor(theme.color("card_red"))
            return None
        if role == _BACKGROUND:
            if self.flash_on and r.id in self._flash:
                return QColor(theme.color("card_red")).lighter(170)
            return None
        if role == _TOOLTIP:
            return f"{r.title}\n{r.unit} · {r.grid} · {r.cell}" if col in ("title", "place") else None
        if role == self.ROW_ROLE:
            return r
        if role == self.SEARCH_ROLE:
            return " ".join((r.code, r.title, r.unit, r.grid, r.cell, r.department, r.handler,
                             label("category", r.category), label("status", r.status), label("matter", r.matter)))
        return None

    def _texts(self, r: QueueRow) -> tuple[str, ...]:
        """A row's cell texts, made once per row value (labels and countdowns cost translate calls)."""
        cached = self._text_cache.get(r.id)
        if cached is None or cached[0] is not r:
            cached = (r, tuple(self._text(r, col) for col in self._columns))
            self._text_cache[r.id] = cached
        return cached[1]

    @staticmethod
    def _text(r: QueueRow, col: str) -> str:
        if col == "card":
            return label("card", r.card.value) if r.card.value != "none" else ""
        if col == "remaining":
            return format_remaining(r.remaining)
        if col == "code":
            return r.code
        if col == "title":
            return r.title
        if col == "category":
            return label("category", r.category)
        if col == "matter":
            return label("matter", r.matter)
        if col == "status":
            return label("status", r.status)
        if col == "place":
            return f"{r.grid} / {r.cell}"
        if col == "department":
            return r.department
        if col == "registered":
            return r.registered_local.strftime("%m-%d %H:%M")
        return ""


def header_text(column: str) -> str:
    return QCoreApplication.translate("QueueModel", str(_HEADERS[column]))


def widest_sample(column: str) -> list[str]:
    """Texts as wide as the widest a column shows, to size it without asking every row (at county scale
    sizing to contents asked the model half a million times at start-up)."""
    if column == "card":
        return [label("card", c) for c in ("yellow", "red")]
    if column == "remaining":
        return [format_remaining(timedelta(days=-88, hours=-23)), format_remaining(timedelta(hours=-23, minutes=-59))]
    if column == "code":
        return ["SJ20261123-0000"]  # past 9,999 a day a code grows a digit and is elided
    if column in ("category", "matter", "status"):
        return [label(column, k) for k in keys(column)]
    if column == "registered":
        return ["12-31 23:59"]
    return []
