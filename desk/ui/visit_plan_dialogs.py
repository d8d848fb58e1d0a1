"""A key person's plan (一人一策): who answers for them (officer, grid worker, volunteer), how often they
are visited (the group's rule, or the plan's own), notes; and the person's visit groups, ticked."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from desk.domain.visits import Period
from desk.ui.incident_dialogs import StepDialog
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.visit_dialogs import fill_people

PERIODS = {
    "": QT_TRANSLATE_NOOP("PlanDialog", "As the group's rule says"),
    "month": QT_TRANSLATE_NOOP("PlanDialog", "times a month"),
    "quarter": QT_TRANSLATE_NOOP("PlanDialog", "times a quarter"),
    "year": QT_TRANSLATE_NOOP("PlanDialog", "times a year"),
}


class PlanDialog(StepDialog):
    def __init__(self, person: str, officers: Sequence[tuple[int, str]], workers: Sequence[tuple[int, str]],
                 volunteers: Sequence[tuple[int, str]], officer_id: int | None, worker_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Plan for %1 (一人一策)").replace("%1", person), parent)
        self.officer, self.worker, self.volunteer = QComboBox(), QComboBox(), QComboBox()
        fill_people(self.officer, officers, self.tr("— none —"), officer_id)
        fill_people(self.worker, workers, self.tr("— none —"), worker_id)
        fill_people(self.volunteer, volunteers, self.tr("— none —"), None)
        self.count = QSpinBox()
        self.count.setRange(1, 31)
        self.count.setValue(2)
        self.period = QComboBox()
        for key, text in PERIODS.items():
            self.period.addItem(self.tr(text), key)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Measures, what to watch for, whom to call"))
        for name, widget in ((self.tr("Officer"), self.officer), (self.tr("Grid worker"), self.worker),
                             (self.tr("Volunteer"), self.volunteer), (self.tr("Visits"), self.count),
                             (self.tr("Per"), self.period), (self.tr("Notes"), self.notes)):
            self.form.addRow(name, widget)

    def frequency(self) -> tuple[int | None, str | None]:
        period = self.period.currentData()
        return (self.count.value(), period) if period in {p.value for p in Period} else (None, None)


class GroupsDialog(StepDialog):
    """The visit groups a person is in: ticking puts them in from today, unticking takes them out."""

    def __init__(self, person: str, groups: Sequence[tuple[str, str]], held: set[str], parent: QWidget | None = None):
        super().__init__(self.tr("Groups of %1").replace("%1", person), parent)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.ticks: dict[str, QCheckBox] = {}
        for code, name in groups:
            tick = QCheckBox(name)
            tick.setChecked(code in held)
            lay.addWidget(tick)
            self.ticks[code] = tick
        self.held = set(held)
        self.form.addRow(self.tr("Groups"), box)

    def changes(self) -> list[tuple[str, bool]]:
        return [(code, tick.isChecked()) for code, tick in self.ticks.items()
                if tick.isChecked() != (code in self.held)]
