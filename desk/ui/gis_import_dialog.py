"""Importing map layers and the address gazetteer from the desk.

The GIS dialog reads the chosen file on a worker and shows it before anything is written: the
features on a map, each problem by feature, and which column feeds each field (the operator can pick
another, for files that name things their own way). Import is offered only for a file with no
problem, and writes everything or nothing."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTemporaryDir, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from desk.map.page import MapLayers, build_page
from desk.map.widget import MapWidget
from desk.ui.errors import describe, describe_problem
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.services.desk import DeskServices

LAYERS = {
    "grid": QT_TRANSLATE_NOOP("GisImportDialog", "Governance grids"),
    "police": QT_TRANSLATE_NOOP("GisImportDialog", "Police cells"),
    "unit": QT_TRANSLATE_NOOP("GisImportDialog", "Villages and communities"),
}
TARGETS = {
    "grid": ("code", "name", "unit", "households", "population"),
    "police": ("code", "name", "officer"),
    "unit": ("code", "name", "households", "population"),
}
TARGET_NAMES = {
    "code": QT_TRANSLATE_NOOP("GisImportDialog", "Code"),
    "name": QT_TRANSLATE_NOOP("GisImportDialog", "Name"),
    "unit": QT_TRANSLATE_NOOP("GisImportDialog", "Village/community"),
    "households": QT_TRANSLATE_NOOP("GisImportDialog", "Households"),
    "population": QT_TRANSLATE_NOOP("GisImportDialog", "Population"),
    "officer": QT_TRANSLATE_NOOP("GisImportDialog", "Responsible officer"),
}
FILE_FILTER = QT_TRANSLATE_NOOP("GisImportDialog", "GIS layers (*.geojson *.json *.zip)")


def _t(text: str) -> str:
    return QCoreApplication.translate("GisImportDialog", text)


class GisImportDialog(QDialog):
    previewed = Signal()  # a preview has been read and shown (tests wait on it)
    imported = Signal(object)  # the ImportResult

    def __init__(self, desk: DeskServices, parent: QWidget | None = None, path: str | Path | None = None):
        super().__init__(parent)
        self._desk = desk
        self._reads = Reads(self)
        self._pages = QTemporaryDir()
        self._page_serial = 0
        self.preview: Any = None
        self.result_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Import map layer"))
        self.resize(1100, 720)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("GeoJSON file or zipped Shapefile"))
        self.path.editingFinished.connect(self.reload)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        self.layer = QComboBox()
        for key, text in LAYERS.items():
            self.layer.addItem(_t(text), key)
        self.layer.currentIndexChanged.connect(self._layer_changed)
        self.repair = QCheckBox(self.tr("Repair invalid polygons"))
        self.repair.setToolTip(self.tr("Fix self-intersecting polygons (make_valid); each repair is listed"))
        self.repair.toggled.connect(self.reload)
        self.township = QLineEdit()
        self.township.setPlaceholderText(self.tr("Township name (first import into a new database)"))
        self.township.setVisible(not desk.has_township())
        self.township.textChanged.connect(self._update_ok)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(self.layer)
        top.addWidget(self.repair)
        top.addWidget(self.township)

        self.fields = QFormLayout()
        self.field_boxes: dict[str, QComboBox] = {}
        fields_box = QWidget()
        fields_box.setLayout(self.fields)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QListWidget()
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        head = QLabel(self.tr("Which column is which"))
        head.setProperty("role", "title")
        sl.addWidget(head)
        sl.addWidget(fields_box)
        sl.addWidget(self.status)
        sl.addWidget(self.problems, 1)
        self.map = MapWidget()
        split = QSplitter()
        split.addWidget(side)
        split.addWidget(self.map)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 720])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.buttons)
        self._build_fields([])
        if path is not None:
            self.path.setText(str(path))
            self.reload()

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a GIS layer"), "", _t(FILE_FILTER))
        if path:
            self.path.setText(path)
            self.reload()

    def _layer_changed(self) -> None:
        self._build_fields(self.preview.columns if self.preview is not None else [])
        self.reload()

    def _build_fields(self, columns: list[str]) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.field_boxes = {}
        for target in TARGETS[self.layer.currentData()]:
            box = QComboBox()
            box.addItem(self.tr("(found by name)"), None)
            for c in columns:
                box.addItem(c, c)
            box.currentIndexChanged.connect(self.reload)
            self.fields.addRow(_t(TARGET_NAMES[target]), box)
            self.field_boxes[target] = box

    def chosen_fields(self) -> dict[str, str]:
        return {t: b.currentData() for t, b in self.field_boxes.items() if b.currentData()}

    def reload(self) -> None:
        """Read the file again with the current choices (on a worker); nothing is written."""
        text = self.path.text().strip()
        self.import_button.setEnabled(False)
        if not text:
            return
        desk, layer, fields, repair = self._desk, self.layer.currentData(), self.chosen_fields(), self.repair.isChecked()
        self.status.setText(self.tr("Reading…"))
        self._reads.run("preview", lambda: desk.gis_preview(text, layer, fields or None, repair=repair), self._show,
                        lambda exc: self.status.setText(describe(exc)))

    def _show(self, preview: Any) -> None:
        known = [self.field_boxes[t].itemData(i) for t in self.field_boxes for i in range(self.field_boxes[t].count())]
        self.preview = preview
        if preview.columns and not set(preview.columns) <= set(known):
            chosen = self.chosen_fields()
            self._build_fields(preview.columns)
            for target, column in chosen.items():
                box = self.field_boxes.get(target)
                if box is not None:
                    box.blockSignals(True)
                    box.setCurrentIndex(max(0, box.findData(column)))
                    box.blockSignals(False)
        self.problems.clear()
        if preview.error:
            self.status.setText(describe(_refusal(preview)))
        else:
            used = "; ".join(f"{_t(TARGET_NAMES[t])} ← {c}" for t, c in preview.fields.items())
            self.status.setText(self.tr("%1 features. Columns used: %2").replace("%1", str(len(preview.features)))
                                .replace("%2", used))
            for p in preview.problems:
                self.problems.addItem(describe_problem(p))
            for r in preview.repairs:
                self.problems.addItem(self.tr("Repaired: %1").replace("%1", r))
        self._update_ok()
        self._show_map(preview)
        self.previewed.emit()

    def _update_ok(self) -> None:
        ok = self.preview is not None and bool(self.preview.ok)
        self.import_button.setEnabled(ok and (self._desk.has_township() or bool(self.township.text().strip())))

    def _show_map(self, preview: Any) -> None:
        fc: dict[str, Any] = (preview.collection() if not preview.error
                              else {"type": "FeatureCollection", "features": []})
        self._page_serial += 1
        out = Path(self._pages.path()) / f"p{self._page_serial}"
        layers = {"grid": MapLayers(grids=fc), "police": MapLayers(cells=fc), "unit": MapLayers(units=fc)}
        page = build_page(layers[preview.layer], out)
        self.map.load_page(page)

    def run_import(self) -> None:
        text = self.path.text().strip()
        try:
            result = self._desk.gis_import(text, self.layer.currentData(), self.chosen_fields() or None,
                                           repair=self.repair.isChecked(),
                                           township=self.township.text().strip() or None)
        except Exception as exc:  # noqa: BLE001 - worded for the operator; the dialog and its choices stay
            lines = [describe(exc)] + [describe_problem(p) for p in getattr(exc, "params", {}).get("problems", [])]
            self.status.setText("\n".join(lines[:20]))
            return
        self.imported.emit(result)
        message = self.tr("%1 created, %2 updated.").replace("%1", str(result.created)).replace(
            "%2", str(result.updated))
        if result.units_created:
            message += "\n" + self.tr("Villages/communities created: %1").replace("%1", "、".join(result.units_created))
        for line in result.warnings:
            message += "\n" + line
        self.accept()
        # Not modal: the result stays readable while the operator looks at the map it changed.
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), message,
                          QMessageBox.StandardButton.Ok, self.parentWidget())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.result_box = box


def _refusal(preview: Any) -> BaseException:
    from desk.services.gis_import import refusal

    return refusal(preview)


def import_addresses(desk: DeskServices, parent: QWidget | None = None, path: str | None = None) -> Any:
    """Pick a CSV or XLSX gazetteer and import it; the outcome (or every bad row) is shown."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, _t("Import address gazetteer"), "",
                                              _t("Address gazetteers (*.csv *.xlsx)"))
    if not path:
        return None
    try:
        result = desk.address_import(path)
    except Exception as exc:  # noqa: BLE001 - worded for the operator
        lines = [describe(exc)] + [describe_problem(p) for p in getattr(exc, "params", {}).get("problems", [])][:20]
        box = QMessageBox(QMessageBox.Icon.Warning, _t("Import address gazetteer"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, parent)
        box.open()
        return exc
    text = _t("%1 addresses added, %2 updated.").replace("%1", str(result.created)).replace("%2", str(result.updated))
    if result.unmatched_units:
        text += "\n" + _t("Villages/communities not in this database: %1").replace("%1", "、".join(result.unmatched_units))
    box = QMessageBox(QMessageBox.Icon.Information, _t("Import address gazetteer"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return result
