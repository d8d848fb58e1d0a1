"""Checks after closing: the month's quality sample (a random 10%) and follow-up visits (回头看), drawn
once, each incident's verdict recorded by a reviewer who did not close it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.domain import sampling
from desk.services import review_draws
from desk.ui.errors import describe
from desk.ui.translate_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desk.services.desk import DeskServices

KIND_NAMES = {
    "quality": QT_TRANSLATE_NOOP("ReviewDialog", "Quality review (random 10%)"),
    "follow_up": QT_TRANSLATE_NOOP("ReviewDialog", "Follow-up visit (回头看)"),
}
VERDICT_NAMES = {
    "good": QT_TRANSLATE_NOOP("ReviewDialog", "Good"),
    "acceptable": QT_TRANSLATE_NOOP("ReviewDialog", "Acceptable"),
    "poor": QT_TRANSLATE_NOOP("ReviewDialog", "Poor"),
    "resolved": QT_TRANSLATE_NOOP("ReviewDialog", "Resolved"),
    "recurred": QT_TRANSLATE_NOOP("ReviewDialog", "Problem came back"),
    "unreachable": QT_TRANSLATE_NOOP("ReviewDialog", "Could not be reached"),
}


class ReviewDialog(QDialog):
    def __init__(self, desk: DeskServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle(self.tr("Checks after closing"))
        self.resize(900, 560)
        self.kind = QComboBox()
        for key in sampling.KINDS:
            self.kind.addItem(self.tr(KIND_NAMES[key]), key)
        self.month = QLineEdit(sampling.previous_month(desk.now()))
        self.month.setInputMask("9999-99")
        self.month.setMaximumWidth(90)
        self.draw_button = QPushButton(self.tr("Draw"))
        self.draw_button.setToolTip(self.tr("Draw this month's sample from the incidents closed in it; a month is "
                                            "drawn once, and the draw is on record"))
        self.draw_button.clicked.connect(self.draw)
        head = QHBoxLayout()
        head.addWidget(self.kind)
        head.addWidget(QLabel(self.tr("Month")))
        head.addWidget(self.month)
        head.addWidget(self.draw_button)
        head.addStretch(1)
        self.summary = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Title"), self.tr("Department"),
                                              self.tr("Verdict"), self.tr("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())
        self.verdict = QComboBox()
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.save = QPushButton(self.tr("Record verdict"))
        self.save.clicked.connect(self.record)
        self.error = QLabel()
        self.error.setProperty("card", "red")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Verdict"), self.verdict)
        form.addRow(self.tr("Note"), self.note)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addWidget(self.save, 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(self.error)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.month.editingFinished.connect(self.refresh)
        self._rows: list[review_draws.ReviewRow] = []
        self.refresh()

    @property
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _fail(self, exc: BaseException) -> None:
        self.error.setText(describe(exc))
        self.error.show()

    def draw(self) -> None:
        self.error.hide()
        try:
            review_draws.draw(self._desk.ops, self._desk.actor, self.current_kind, self.month.text())
        except (ValueError, PermissionError) as exc:
            self._fail(exc)
            return
        self.refresh()

    def refresh(self) -> None:
        kind, month = self.current_kind, self.month.text()
        self.verdict.clear()
        for key in sampling.VERDICTS[kind]:
            self.verdict.addItem(self.tr(VERDICT_NAMES[key]), key)
        try:
            self._rows = review_draws.reviews(self._desk.db, kind, month)
            done = review_draws.summary(self._desk.db, kind, month)
        except ValueError as exc:
            self._fail(exc)
            return
        self.error.hide()
        self.table.setRowCount(len(self._rows))
        for n, r in enumerate(self._rows):
            texts = (r.code, r.title, r.department, self.tr(VERDICT_NAMES[r.verdict]) if r.verdict else "", r.note)
            for c, text in enumerate(texts):
                self.table.setItem(n, c, QTableWidgetItem(text))
        text = self.tr("%1 drawn, %2 reviewed").replace("%1", str(done.drawn)).replace("%2", str(done.reviewed))
        if kind == "quality" and done.good_share is not None:
            text += " · " + self.tr("good %1").replace("%1", f"{done.good_share:.0%}")
        if not done.drawn:
            text = self.tr("Not drawn yet for this month")
        self.summary.setText(text)
        self.draw_button.setEnabled(not done.drawn)
        self.save.setEnabled(bool(self._rows))
        if self._rows:
            self.table.setCurrentCell(0, 0)

    def _show_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._rows):
            r = self._rows[row]
            index = self.verdict.findData(r.verdict)
            if index >= 0:
                self.verdict.setCurrentIndex(index)
            self.note.setText(r.note)

    def record(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._rows):
            return
        self.error.hide()
        try:
            review_draws.record(self._desk.ops, self._desk.actor, self._rows[row].id, str(self.verdict.currentData()),
                                self.note.text())
        except (ValueError, PermissionError) as exc:
            self._fail(exc)
            return
        self.refresh()
        self.table.setCurrentCell(min(row + 1, len(self._rows) - 1), 0)  # on to the next one
