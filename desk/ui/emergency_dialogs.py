"""The emergency record's dialogs: a warning by hand, activating or raising the response, a line in the
significant-events log, households moved, a shelter check-in, stand-down. Each calls one service
operation on OK and shows its refusal inline (StepDialog)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from desk.ui.incident_dialogs import StepDialog
from desk.ui.labels import label

LEVELS = ("blue", "yellow", "orange", "red")
HAZARDS = ("rain", "flood", "landslide")


def _choices(kind: str, keys: tuple[str, ...], parent: QWidget, current: str = "") -> QComboBox:
    box = QComboBox(parent)
    for key in keys:
        box.addItem(label(kind, key), key)
    if current:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


class WarningDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Issue a warning"), parent)
        self.hazard = _choices("hazard", HAZARDS, self)
        self.level = _choices("level", LEVELS, self, "yellow")
        self.area = QLineEdit()
        self.area.setMaxLength(120)
        self.area.setPlaceholderText(self.tr("Which villages or area, e.g. 全镇 or 龙潭村、竹坞村"))
        self.issuer = QLineEdit()
        self.issuer.setMaxLength(64)
        self.issuer.setPlaceholderText(self.tr("e.g. 县气象台"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        for name, widget in ((self.tr("Hazard"), self.hazard), (self.tr("Level"), self.level),
                             (self.tr("Area"), self.area), (self.tr("Issued by"), self.issuer),
                             (self.tr("Text"), self.text)):
            self.form.addRow(name, widget)


class ActivateDialog(StepDialog):
    def __init__(self, hazard: str = "landslide", level: str = "yellow", reason: str = "",
                 parent: QWidget | None = None):
        super().__init__(self.tr("Activate the response"), parent)
        self.hazard = _choices("hazard", HAZARDS, self, hazard)
        self.level = _choices("level", LEVELS, self, level)
        self.reason = QLineEdit(reason)
        self.reason.setMaxLength(300)
        self.reason.setPlaceholderText(self.tr("Why: the warning, the gauge, what was seen"))
        for name, widget in ((self.tr("Plan for"), self.hazard), (self.tr("Level"), self.level),
                             (self.tr("Reason"), self.reason)):
            self.form.addRow(name, widget)


class LogDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Log an event"), parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What happened, where, who reported it"))
        self.told = QLineEdit()
        self.told.setMaxLength(200)
        self.told.setPlaceholderText(self.tr("Who was told, e.g. 县防指、自然资源所"))
        self.form.addRow(self.tr("What happened"), self.text)
        self.form.addRow(self.tr("Who was told"), self.told)


class MovedDialog(StepDialog):
    def __init__(self, name: str, households: int, persons: int, moved_households: int, moved_persons: int,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Households moved from %1").replace("%1", name), parent)
        self.households = QSpinBox()
        self.households.setRange(0, households)
        self.households.setValue(moved_households)
        self.persons = QSpinBox()
        self.persons.setRange(0, persons)
        self.persons.setValue(moved_persons)
        self.form.addRow(self.tr("Households moved (of %1)").replace("%1", str(households)), self.households)
        self.form.addRow(self.tr("Persons moved (of %1)").replace("%1", str(persons)), self.persons)


class CheckInDialog(StepDialog):
    def __init__(self, shelter: str, parent: QWidget | None = None):
        super().__init__(self.tr("Check in at %1").replace("%1", shelter), parent)
        self.household = QLineEdit()
        self.household.setMaxLength(64)
        self.household.setPlaceholderText(self.tr("Head of household, e.g. 王某某户"))
        self.persons = QSpinBox()
        self.persons.setRange(1, 30)
        self.form.addRow(self.tr("Household"), self.household)
        self.form.addRow(self.tr("Persons"), self.persons)


class HouseholdCheckInDialog(StepDialog):
    """A household on file arriving at a shelter: who came (all ticked), and which shelter."""

    def __init__(self, household: str, members: Sequence[tuple[int, str, bool]],
                 shelters: Sequence[tuple[int, str]], shelter_id: int | None, parent: QWidget | None = None):
        super().__init__(self.tr("Check in %1's household").replace("%1", household), parent)
        self.shelter = QComboBox()
        for ident, name in shelters:
            self.shelter.addItem(name, ident)
        if shelter_id is not None:
            self.shelter.setCurrentIndex(max(0, self.shelter.findData(shelter_id)))
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.members: list[tuple[int, QCheckBox]] = []
        for ident, text, here in members:
            tick = QCheckBox(text)
            tick.setChecked(not here)  # someone already checked in there is not counted twice
            tick.setEnabled(not here)
            lay.addWidget(tick)
            self.members.append((ident, tick))
        self.form.addRow(self.tr("Shelter"), self.shelter)
        self.form.addRow(self.tr("Who arrived"), box)

    def chosen(self) -> list[int]:
        return [ident for ident, tick in self.members if tick.isChecked()]

    def shelter_id(self) -> int:
        return int(self.shelter.currentData())


class StandDownDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Stand down"), parent)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("What happened, what was done, who returned home"))
        self.form.addRow(self.tr("Summary"), self.summary)
