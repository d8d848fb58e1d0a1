"""Table model of the queue over the whole history: ids in SQL order, rows fetched a page at a time,
updated row by row from change events."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject,
                            QPersistentModelIndex, QSize, Qt, Signal)
from PySide6.QtGui import QColor, QPainter, QPixmap

from desk.domain.milestones import card_at
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
    """The queue over the whole history: the ordered ids of what the query lists (read in SQL, ids
    only), and the rows themselves fetched a page at a time when the view first paints them. Cards and
    countdowns are worked out at paint time from each row's stored instants, so time passing reads no
    row again."""

    newly_red = Signal(list)  # ids of rows that turned red (or came in red) since the last read
    ROW_ROLE = _ROW
    SEARCH_ROLE = _SEARCH
    PAGE = 200  # rows fetched at once when the view reaches rows not yet read

    def __init__(self, parent: QObject | None = None, columns: tuple[str, ...] = COLUMNS,
                 now: Callable[[], datetime] | None = None,
                 fetch: Callable[[list[int]], list[QueueRow]] | None = None):
        super().__init__(parent)
        # With a clock, time left is counted from each row's deadline at paint time, so `tick` can move
        # the countdowns on every second without reading or rebuilding a row.
        self._now = now
        self._fetch = fetch
        self.as_of: datetime | None = None  # the queue looks at another moment: cards and time left then
        self._remaining_col = columns.index("remaining") if "remaining" in columns else -1
        self._red: set[int] | None = None  # red ids after the last read; None before the first
        self._flash: dict[int, float] = {}  # id → when its blinking stops (monotonic seconds)
        self.flash_on = False  # the blink's phase, flipped each second by the view
        self._ids: list[int] = []
        self._pos: dict[int, int] = {}
        self._cache: dict[int, QueueRow] = {}
        self._counts: dict[str, int] = {}
        self._columns = columns
        self._pixmaps: dict[str, QPixmap] = {}
        self._text_cache: dict[int, tuple[QueueRow, tuple[str, ...]]] = {}

    @property
    def columns(self) -> tuple[str, ...]:
        return self._columns

    def _moment(self) -> datetime | None:
        if self.as_of is not None:
            return self.as_of
        return self._now() if self._now is not None else None

    # -- data in ------------------------------------------------------------------------------
    def set_rows(self, rows: list[QueueRow]) -> None:
        """Show exactly these rows in this order (a queue read in one piece, as the wall's)."""
        self.set_result([r.id for r in rows], rows, red={r.id for r in rows if r.card.value == "red"})

    def set_result(self, ids: list[int], rows: list[QueueRow], counts: dict[str, int] | None = None,
                   red: set[int] | None = None) -> None:
        """A new read: the ordered ids and the rows read with them (the first pages). Rows cached for
        ids still listed are kept: change events keep them fresh, and time is applied at paint. The same
        ids in the same order (the minute tick, mostly) reset nothing: the rows are refreshed in place."""
        if ids == self._ids and self._ids:
            self._cache.update((r.id, r) for r in rows)
            if counts is not None:
                self._counts = dict(counts)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))
            self._note_red(red if red is not None else self._red_in_cache())
            return
        self.beginResetModel()
        self._ids = list(ids)
        self._pos = {i: n for n, i in enumerate(self._ids)}
        self._cache = {i: r for i, r in self._cache.items() if i in self._pos}
        self._cache.update((r.id, r) for r in rows)
        self._text_cache = {i: t for i, t in self._text_cache.items() if i in self._pos}
        self.endResetModel()
        if counts is not None:
            self._counts = dict(counts)
        self._note_red(red if red is not None else self._red_in_cache())

    def apply(self, fresh: list[QueueRow], ids: list[int] | None = None, counts: dict[str, int] | None = None,
              red: set[int] | None = None) -> bool:
        """Changed rows and, with `ids`, the query's new order. Rows that stay are updated in place,
        rows that left are removed, new ones inserted, a new order is a layout change that keeps the
        selection. Many differences at once (another seat's burst) are one reset; returns whether it reset."""
        for r in fresh:
            self._cache[r.id] = r
        if ids is None:
            # No new order read: drop what is no longer open, keep the rest where it is.
            ids = [i for i in self._ids if not (i in self._cache and i in {r.id for r in fresh}
                                                and not self._cache[i].is_open)]
            ids += [r.id for r in sorted(fresh, key=lambda r: r.sort_key) if r.is_open and r.id not in self._pos]
        if counts is not None:
            self._counts = dict(counts)
        new_set = set(ids)
        gone = [n for n, i in enumerate(self._ids) if i not in new_set]
        added = [i for i in ids if i not in self._pos]
        if len(gone) + len(added) > BULK_RESET:
            self.set_result(ids, [], red=red)
            return True
        for n in reversed(gone):
            self.beginRemoveRows(QModelIndex(), n, n)
            self._text_cache.pop(self._ids[n], None)
            del self._ids[n]
            self.endRemoveRows()
        if added:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._ids.extend(added)
            self.endInsertRows()
        self._pos = {i: n for n, i in enumerate(self._ids)}
        if self._ids != ids:
            self._reorder(ids)
        last = len(self._columns) - 1
        for r in fresh:
            at = self._pos.get(r.id)
            if at is not None:
                self.dataChanged.emit(self.index(at, 0), self.index(at, last))
        self._note_red(red if red is not None else self._red_in_cache())
        return False

    def _reorder(self, ids: list[int]) -> None:
        """The same rows in a new order, the persistent indexes (the selection) following their rows."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(self._ids[p.row()] if 0 <= p.row() < len(self._ids) else None, p.column()) for p in old]
        self._ids = list(ids)
        self._pos = {i: n for n, i in enumerate(self._ids)}
        new = [self.index(self._pos[i], c) if i in self._pos else QModelIndex() for i, c in held]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _red_in_cache(self) -> set[int]:
        return {i for i in self._ids if i in self._cache and self.card_of(self._cache[i]) == "red"}

    def _note_red(self, red: set[int]) -> None:
        """Which rows have newly turned red: they blink for a while, and the view may sound."""
        if self._red is not None:
            new = sorted(red - self._red)
            if new:
                until = time.monotonic() + FLASH_SECONDS
                self._flash.update((i, until) for i in new)
                self.newly_red.emit(new)
        self._red = set(red)

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

    def card_of(self, r: QueueRow) -> str:
        """The row's card at the moment the queue shows, from its stored instants."""
        moment = self._moment()
        if moment is None or r.yellow_at is None and r.red_at is None:
            return r.card.value if moment is None or self.as_of is None else "none"
        return card_at(r.is_open or self.as_of is not None, r.yellow_at, r.red_at, moment)

    def remaining_text(self, r: QueueRow) -> str:
        moment = self._moment()
        if moment is not None and r.due_at is not None and r.is_open:
            return format_remaining(r.due_at - moment, seconds=self.as_of is None)
        return format_remaining(r.remaining)

    def row_of(self, incident_id: int) -> int:
        return self._pos.get(incident_id, -1)

    def row_at(self, i: int) -> QueueRow:
        incident_id = self._ids[i]
        row = self._cache.get(incident_id)
        if row is None:
            row = self._load_page(i).get(incident_id)
            if row is None:  # gone from the database between the read of the ids and this page
                raise LookupError(incident_id)
        return row

    def cached(self, incident_id: int) -> QueueRow | None:
        return self._cache.get(incident_id)

    def _load_page(self, i: int) -> dict[int, QueueRow]:
        start = i - i % self.PAGE
        wanted = [x for x in self._ids[start:start + self.PAGE] if x not in self._cache]
        if wanted and self._fetch is not None:
            for r in self._fetch(wanted):
                self._cache[r.id] = r
        return self._cache

    def ids(self) -> set[int]:
        return set(self._ids)

    def ordered_ids(self) -> list[int]:
        return list(self._ids)

    def card_counts(self) -> Counter[str]:
        """Per card, as the last read counted them in SQL (the chips' live counts)."""
        if self._counts:
            return Counter(self._counts)
        return Counter(self.card_of(self._cache[i]) for i in self._ids if i in self._cache)

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

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
        try:
            r = self.row_at(index.row())
        except LookupError:
            return None
        column = index.column()
        if role == _DISPLAY:
            if column == self._remaining_col and self._now is not None:
                return self.remaining_text(r)
            if self._columns[column] == "card":
                card = self.card_of(r)
                return label("card", card) if card != "none" else ""
            return self._texts(r)[column]
        col = self._columns[column]
        if role == _DECORATION:
            if col != "card":
                return None
            card = self.card_of(r)
            if card not in self._pixmaps:
                self._pixmaps[card] = card_pixmap(card)
            return self._pixmaps[card]
        if role == _FOREGROUND:
            if col == "remaining":
                moment = self._moment()
                left = r.due_at - moment if moment is not None and r.due_at is not None else r.remaining
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
