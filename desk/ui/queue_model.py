"""Table model of the open queue; updated row by row from change events."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from desk.ui import theme
from desk.ui.labels import format_remaining, label

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


class QueueModel(QAbstractTableModel):
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None, columns: tuple[str, ...] = COLUMNS):
        super().__init__(parent)
        self._rows: list = []
        self._columns = columns
        self._pixmaps: dict[str, QPixmap] = {}

    # -- data in ------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def apply(self, fresh: list) -> None:
        """Update changed rows in place, drop ones no longer open, insert new ones where they sort."""
        by_id = {r.id: r for r in fresh}
        for i in range(len(self._rows) - 1, -1, -1):
            rid = self._rows[i].id
            if rid in by_id:
                row = by_id.pop(rid)
                if not row.is_open:
                    self.beginRemoveRows(QModelIndex(), i, i)
                    del self._rows[i]
                    self.endRemoveRows()
                elif row.sort_key[:1] != self._rows[i].sort_key[:1]:
                    # Its card changed: move it to where it now sorts.
                    self.beginRemoveRows(QModelIndex(), i, i)
                    del self._rows[i]
                    self.endRemoveRows()
                    by_id[rid] = row
                else:
                    self._rows[i] = row
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(self._columns) - 1))
        for row in sorted(by_id.values(), key=lambda r: r.sort_key):
            if not row.is_open:
                continue
            pos = next((i for i, r in enumerate(self._rows) if r.sort_key > row.sort_key), len(self._rows))
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._rows.insert(pos, row)
            self.endInsertRows()

    def row_of(self, incident_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == incident_id), -1)

    def row_at(self, i: int):
        return self._rows[i]

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("QueueModel", _HEADERS[self._columns[section]])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == self.ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.DecorationRole and col == "card":
            card = r.card.value
            if card not in self._pixmaps:
                self._pixmaps[card] = card_pixmap(card)
            return self._pixmaps[card]
        if role == Qt.ItemDataRole.ForegroundRole and col == "remaining" and r.remaining is not None \
                and r.remaining.total_seconds() < 0:
            return QColor(theme.color("card_red"))
        if role == Qt.ItemDataRole.ToolTipRole and col in ("title", "place"):
            return f"{r.title}\n{r.unit} · {r.grid} · {r.cell}"
        return None

    @staticmethod
    def _text(r, col: str) -> str:
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

