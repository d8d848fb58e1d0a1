"""Recording a home visit in a few keystrokes: the usual visitors are already chosen (the area's
officer, the grid's worker), the cursor waits in the findings, Ctrl+Enter saves. And the joint visit
planned for a quarter."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QLineEdit, QPlainTextEdit, QWidget

from desk.domain.visits import MODES, RISKS
from desk.ui.incident_dialogs import StepDialog
from desk.ui.labels import label


def fill_people(box: QComboBox, rows: Sequence[tuple[int, str]], none: str | None, current: int | None) -> None:
    if none is not None:
        box.addItem(none, None)
    for ident, name in rows:
        box.addItem(name, ident)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)


class VisitDialog(StepDialog):
    def __init__(self, household: str, members: Sequence[tuple[int, str]], officers: Sequence[tuple[int, str]],
                 workers: Sequence[tuple[int, str]], volunteers: Sequence[tuple[int, str]], officer_id: int | None,
                 worker_id: int | None, now_local: datetime, parent: QWidget | None = None):
        super().__init__(self.tr("Record a visit to %1").replace("%1", household), parent)
        moment = QDateTime(QDate(now_local.year, now_local.month, now_local.day),
                           QTime(now_local.hour, now_local.minute))
        self.at = QDateTimeEdit(moment)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setMaximumDateTime(moment.addSecs(59))
        self.person = QComboBox()
        fill_people(self.person, members, self.tr("The whole household"), None)
        self.mode = QComboBox()
        for m in MODES:
            self.mode.addItem(label("visit_mode", m), m)
        self.officer = QComboBox()
        fill_people(self.officer, officers, self.tr("— no officer —"), officer_id)
        self.worker = QComboBox()
        fill_people(self.worker, workers, self.tr("— no grid worker —"), worker_id)
        self.volunteer = QComboBox()
        fill_people(self.volunteer, volunteers, self.tr("— no volunteer —"), None)
        self.findings = QPlainTextEdit()
        self.findings.setTabChangesFocus(True)
        self.findings.setPlaceholderText(self.tr("What was found: circumstances, requests, hazards, moods"))
        self.risk = QComboBox()
        self.risk.addItem(self.tr("No dispute"), "")
        for r in RISKS:
            self.risk.addItem(label("visit_risk", r), r)
        self.follow_up = QLineEdit()
        self.follow_up.setMaxLength(2000)
        self.follow_up.setPlaceholderText(self.tr("What happens next, e.g. 下周回访"))
        for name, widget in ((self.tr("Findings"), self.findings), (self.tr("Dispute risk"), self.risk),
                             (self.tr("Follow-up"), self.follow_up), (self.tr("When"), self.at),
                             (self.tr("About"), self.person), (self.tr("How"), self.mode),
                             (self.tr("Officer"), self.officer), (self.tr("Grid worker"), self.worker),
                             (self.tr("Volunteer"), self.volunteer)):
            self.form.addRow(name, widget)
        # Ctrl+Enter saves from the findings, where the cursor waits (a plain Enter is a new line there).
        self.findings.installEventFilter(self)
        self.findings.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.findings and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._submit()
            return True
        return super().eventFilter(watched, event)

    def when(self) -> datetime:
        d, t = self.at.date(), self.at.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class JointPlanDialog(StepDialog):
    def __init__(self, grid: str, planned: QDate, parent: QWidget | None = None):
        super().__init__(self.tr("Joint visit in %1").replace("%1", grid), parent)
        self.day = QDateEdit(planned)
        self.day.setCalendarPopup(True)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("e.g. 民警+网格员+志愿者，重点走访独居老人"))
        self.form.addRow(self.tr("Planned for"), self.day)
        self.form.addRow(self.tr("Note"), self.note)
