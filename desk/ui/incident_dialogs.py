"""Dialogs for each step of the closed loop. A failed submit keeps the dialog and what was typed."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget)

from desk.ui.errors import describe
from desk.ui.labels import keys, label


class StepDialog(QDialog):
    """Calls `submit` on OK; if it raises a ValueError or PermissionError the message is shown inline."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setProperty("card", "red")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.submit: Callable[[], object] | None = None

    def _submit(self) -> None:
        try:
            if self.submit is not None:
                self.submit()
        except (ValueError, PermissionError) as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return
        self.accept()


def _combo(kind: str, parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for key in keys(kind):
        box.addItem(label(kind, key), key)
    return box


class RegisterDialog(StepDialog):
    def __init__(self, locate: Callable[[float, float], object], lon: float, lat: float,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Register incident"), parent)
        self._locate = locate
        self.title = QLineEdit()
        self.category = _combo("category", self)
        self.matter = _combo("matter", self)
        self.matter.setCurrentIndex(1)
        self.source = _combo("source", self)
        self.lon = QDoubleSpinBox(decimals=6, minimum=-180, maximum=180, singleStep=0.001, value=lon)
        self.lat = QDoubleSpinBox(decimals=6, minimum=-90, maximum=90, singleStep=0.001, value=lat)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.address = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(80)
        self.reporter_name = QLineEdit()
        self.reporter_phone = QLineEdit()
        self.reporter_phone.setInputMask("")
        f = self.form
        f.addRow(self.tr("Title"), self.title)
        f.addRow(self.tr("Category"), self.category)
        f.addRow(self.tr("Matter"), self.matter)
        f.addRow(self.tr("Source"), self.source)
        f.addRow(self.tr("Longitude"), self.lon)
        f.addRow(self.tr("Latitude"), self.lat)
        f.addRow(self.tr("Grid / police cell"), self.where)
        f.addRow(self.tr("Address"), self.address)
        f.addRow(self.tr("Description"), self.description)
        f.addRow(self.tr("Reporter"), self.reporter_name)
        f.addRow(self.tr("Reporter phone"), self.reporter_phone)
        self.lon.valueChanged.connect(self._update_where)
        self.lat.valueChanged.connect(self._update_where)
        self._update_where()

    def _update_where(self) -> None:
        try:
            loc = self._locate(self.lon.value(), self.lat.value())
        except ValueError as exc:
            self.where.setText(describe(exc))
            return
        if not loc.inside:
            self.where.setText(self.tr("Outside every grid: pick a point inside the township"))
        else:
            self.where.setText(f"{loc.unit_name} · {loc.grid_name} · {loc.cell_name}")

    def values(self) -> dict:
        return dict(title=self.title.text(), category=self.category.currentData(), matter=self.matter.currentData(),
                    source=self.source.currentData(), lon=self.lon.value(), lat=self.lat.value(),
                    description=self.description.toPlainText(), address=self.address.text(),
                    reporter_name=self.reporter_name.text(), reporter_phone=self.reporter_phone.text())


class DispatchDialog(StepDialog):
    def __init__(self, departments, handlers, parent: QWidget | None = None):
        super().__init__(self.tr("Dispatch incident"), parent)
        self.department = QComboBox()
        for d in departments:
            self.department.addItem(d.label, d.id)
        self.handler = QComboBox()
        self.handler.addItem(self.tr("(department decides)"), None)
        for h in handlers:
            self.handler.addItem(f"{h.label} · {label('role', h.group)}", h.id)
        self.tier = _combo("tier", self)
        self.note = QLineEdit()
        self.form.addRow(self.tr("Department"), self.department)
        self.form.addRow(self.tr("Handler"), self.handler)
        self.form.addRow(self.tr("Handling level"), self.tier)
        self.form.addRow(self.tr("Note"), self.note)


class NoteDialog(StepDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(110)
        self.form.addRow(prompt, self.note)

    def text(self) -> str:
        return self.note.toPlainText()


class EvaluateDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Resident's evaluation"), parent)
        self.satisfaction = QSpinBox(minimum=1, maximum=5, value=5)
        self.note = QLineEdit()
        self.form.addRow(self.tr("Satisfaction (1–5)"), self.satisfaction)
        self.form.addRow(self.tr("Note"), self.note)
