"""File → Paperwork for overdue items: pick the sheet, see how many items it holds, write it."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from desk.domain.clock import to_local
from desk.services.overdue_ledger import write_ledger
from desk.services.reads.overdue_items import WeeklyList, weekly_list
from desk.ui.errors import describe
from desk.ui.overdue_pdf import sheet_items, write_sheets
from desk.ui.translate_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desk.services.desk import DeskServices

SHEETS = {
    "weekly": (QT_TRANSLATE_NOOP("PaperworkDialog", "Weekly list (周清单, PDF)"), "pdf"),
    "reminders": (QT_TRANSLATE_NOOP("PaperworkDialog", "Reminder slips for yellow cards (提示单, PDF)"), "pdf"),
    "supervision": (QT_TRANSLATE_NOOP("PaperworkDialog", "Supervision sheets for red cards (盯办单, PDF)"), "pdf"),
    "ledger": (QT_TRANSLATE_NOOP("PaperworkDialog", "Ledger of overdue items (台账, XLSX)"), "xlsx"),
}
FILE_NAMES = {"weekly": "周清单", "reminders": "提示单", "supervision": "盯办单", "ledger": "逾期事项台账"}


class PaperworkDialog(QDialog):
    def __init__(self, desk: DeskServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle(self.tr("Paperwork for overdue items"))
        self.setMinimumWidth(560)
        self.kind = QComboBox()
        for key, (text, _ext) in SHEETS.items():
            self.kind.addItem(self.tr(text), key)
        self.count = QLabel()
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Sheet"), self.kind)
        form.addRow("", self.count)
        form.addRow(self.tr("File"), where)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.outcome)
        lay.addWidget(self.buttons)
        self._week: WeeklyList = weekly_list(desk.db, desk.now())
        self.kind.currentIndexChanged.connect(lambda _i: self._changed())
        self._changed()

    def _changed(self) -> None:
        key = str(self.kind.currentData())
        n = len(sheet_items(key, self._week.items)) if key != "ledger" else len(self._week.items)
        self.count.setText(self.tr("%1 items (%2)").replace("%1", str(n)).replace("%2", self._week.week))
        ext = SHEETS[key][1]
        folder = Path(self.path.text()).parent if self.path.text() else Path.home()
        self.path.setText(str(folder / f"{self._week.township}{FILE_NAMES[key]}-{self._week.week}.{ext}"))

    def _browse(self) -> None:
        ext = SHEETS[str(self.kind.currentData())][1]
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), f"*.{ext}")
        if path:
            self.path.setText(path)

    def export(self) -> bool:
        key = str(self.kind.currentData())
        path = self.path.text().strip()
        now_local = to_local(self._desk.now())
        try:
            if key == "ledger":
                rows = write_ledger(self._week.items, path, now_local, self._week.township)
                text = self.tr("%1: %2 items written.").replace("%1", path).replace("%2", str(rows))
            else:
                items, pages = write_sheets(key, self._week, path, now_local)
                text = (self.tr("%1: %2 items, %3 pages written.").replace("%1", path).replace("%2", str(items))
                        .replace("%3", str(pages)))
        except (OSError, ValueError) as exc:
            self.outcome.setText(describe(exc) if isinstance(exc, ValueError) else f"{path}: {exc.strerror or exc}")
            return False
        self.outcome.setText(text)
        return True
