"""Starting a drill from the emergency view: the scenario (those shipped with the desk, or a file), the
speed (1× to 60×), and whether the script also performs the expected responses (a rehearsal) or the
operators do (a drill proper)."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QPushButton, QSpinBox, QWidget

from desk.domain.drill import Scenario, ScenarioError, parse_scenario
from desk.ui.incident_dialogs import StepDialog

GUI_MAX_SPEED = 60


def shipped_scenarios() -> list[tuple[str, bytes]]:
    """(name, file contents) of the scenarios under resources/drills."""
    out = []
    folder = files("desk").joinpath("resources/drills")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = entry.read_bytes()
            try:
                out.append((parse_scenario(data).name, data))
            except ScenarioError:
                continue
    return out


class DrillDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Start a drill"), parent)
        self.scenario = QComboBox()
        for name, data in shipped_scenarios():
            self.scenario.addItem(name, data)
        browse = QPushButton(self.tr("Open a scenario file…"))
        browse.clicked.connect(self._browse)
        self.speed = QSpinBox()
        self.speed.setRange(1, GUI_MAX_SPEED)
        self.speed.setValue(10)
        self.speed.setSuffix("×")
        self.rehearse = QCheckBox(self.tr("The script also performs the expected responses (rehearsal)"))
        self.form.addRow(self.tr("Scenario"), self.scenario)
        self.form.addRow("", browse)
        self.form.addRow(self.tr("Speed"), self.speed)
        self.form.addRow("", self.rehearse)
        self.chosen: Scenario | None = None

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), "", "*.json")
        if path:
            self.add_file(path)

    def add_file(self, path: str) -> None:
        data = Path(path).read_bytes()
        try:
            name = parse_scenario(data).name
        except ScenarioError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.scenario.addItem(name, data)
        self.scenario.setCurrentIndex(self.scenario.count() - 1)

    def scenario_chosen(self) -> Scenario:
        return parse_scenario(self.scenario.currentData())
