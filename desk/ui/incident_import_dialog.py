"""Importing incidents a county platform exported (CSV or XLSX), from the desk.

The dialog reads the file on a worker and shows it before anything is written: the first rows with the
grid each point falls to (or 待分配网格 when no grid is within 300 m), and every bad row by its row
number and field. Import is offered only for a file with no problem; it writes everything or nothing,
on the GUI thread like every write, with a progress bar kept moving by the service's callback."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QListWidget, QMessageBox, QProgressBar, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desk.ui.errors import describe
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.services.desk import DeskServices

# More rows would only slow the table down: the operator checks a sample, the problems list is complete.
PREVIEW_ROWS = 200
HEADERS = (
    QT_TRANSLATE_NOOP("IncidentImportDialog", "ID"),
    QT_TRANSLATE_NOOP("IncidentImportDialog", "Reported"),
    QT_TRANSLATE_NOOP("IncidentImportDialog", "Category"),
    QT_TRANSLATE_NOOP("IncidentImportDialog", "Description"),
    QT_TRANSLATE_NOOP("IncidentImportDialog", "Longitude"),
    QT_TRANSLATE_NOOP("IncidentImportDialog", "Latitude"),
    QT_TRANSLATE_NOOP("IncidentImportDialog", "Grid"),
)
UNASSIGNED = QT_TRANSLATE_NOOP("IncidentImportDialog", "Grid to be assigned (待分配网格)")
# For the File menu's file picker: _t(FILE_FILTER).
FILE_FILTER = QT_TRANSLATE_NOOP("IncidentImportDialog", "Incident exports (*.csv *.xlsx)")


def _t(text: str) -> str:
    return QCoreApplication.translate("IncidentImportDialog", text)


class IncidentImportDialog(QDialog):
    previewed = Signal()  # a preview (or the reason there is none) has been shown; tests wait on it
    imported = Signal(object)  # the IncidentImportResult

    def __init__(self, desk: DeskServices, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._path = Path(path)
        self._reads = Reads(self)
        self.preview: Any = None
        self.result: Any = None
        self.result_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Import incidents: %1").replace("%1", self._path.name))
        self.resize(1000, 640)

        self.status = QLabel(self.tr("Reading…"))
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_t(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems_title = QLabel(self.tr("Problems (nothing is imported until every row is fixed)"))
        self.problems_title.setProperty("role", "title")
        self.problems = QListWidget()
        self.progress = QProgressBar()
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 3)
        lay.addWidget(self.problems_title)
        lay.addWidget(self.problems, 1)
        lay.addWidget(self.progress)
        lay.addWidget(self.buttons)
        self._show_problems_box(False)
        self.reload()

    # -- preview ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file again (on a worker); nothing is written."""
        from desk.services.incident_import import read_incidents

        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Reading…"))
        path, db, now = self._path, self._desk.db, self._desk.now()
        self._reads.run("preview", lambda: read_incidents(path, db, now), self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.preview = None
        self.status.setText(self._describe(exc))
        self.previewed.emit()

    def _show(self, preview: Any) -> None:
        self.preview = preview
        rows = preview.rows[:PREVIEW_ROWS]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.external_id, r.reported_at.strftime("%Y-%m-%d %H:%M"), r.item_name or r.category,
                     r.title, f"{r.lon:.6f}", f"{r.lat:.6f}", r.grid_name if not r.unassigned else _t(UNASSIGNED))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 3:
                    item.setToolTip(r.description)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.problems.clear()
        for p in preview.problems:
            self.problems.addItem(self._problem_line(p))
        self._show_problems_box(bool(preview.problems))
        self.status.setText(self._summary(preview))
        self.import_button.setEnabled(bool(preview.ok))
        self.previewed.emit()

    def _summary(self, preview: Any) -> str:
        text = self.tr("%1 rows read.").replace("%1", str(len(preview.rows) + len({p.row for p in preview.problems})))
        if len(preview.rows) > PREVIEW_ROWS:
            text += " " + self.tr("The first %1 are shown.").replace("%1", str(PREVIEW_ROWS))
        if preview.problems:
            text += " " + self.tr("%1 problems: fix the file and open it again.").replace(
                "%1", str(len(preview.problems)))
        elif preview.unassigned:
            text += " " + self.tr("%1 lie more than 300 m from every grid and will be imported without one "
                                  "(待分配网格).").replace("%1", str(len(preview.unassigned)))
        return text

    def _show_problems_box(self, visible: bool) -> None:
        self.problems_title.setVisible(visible)
        self.problems.setVisible(visible)

    def _problem_line(self, problem: Any) -> str:
        if not problem.row:
            return f"{problem.label}: {problem.message}"
        return (self.tr("Row %1, %2: %3").replace("%1", str(problem.row)).replace("%2", problem.label)
                .replace("%3", problem.message))

    def _describe(self, exc: BaseException) -> str:
        code = getattr(exc, "code", None)
        params = getattr(exc, "params", {}) or {}
        if code == "incidents_unreadable":
            return self.tr("%1 cannot be imported: %2").replace("%1", self._path.name).replace(
                "%2", str(params.get("reason", "")))
        if code == "incidents_rejected":
            return self.tr("Nothing was imported from %1: fix these rows and try again.").replace(
                "%1", self._path.name)
        return describe(exc)

    # -- import -----------------------------------------------------------------------------
    def run_import(self) -> None:
        from desk.services.incident_import import import_incidents

        self.import_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        try:
            result = import_incidents(self._desk.ops, self._desk.actor, self._path, self._progressed)
        except Exception as exc:  # noqa: BLE001 - worded for the operator; the file may have changed since
            self.progress.setVisible(False)
            self.status.setText(self._describe(exc))
            problems = (getattr(exc, "params", {}) or {}).get("problems", [])
            self.problems.clear()
            for p in problems:
                self.problems.addItem(self._problem_line(p))
            self._show_problems_box(bool(problems))
            return
        self.result = result
        self.imported.emit(result)
        message = self.tr("%1 incidents imported from %2.").replace("%1", str(result.imported)).replace(
            "%2", self._path.name)
        if result.unassigned:
            message += "\n" + self.tr("Grid to be assigned (待分配网格): %1").replace("%1", "、".join(result.unassigned))
        self.accept()
        # Not modal: the result stays readable while the operator looks at the queue it changed.
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), message,
                          QMessageBox.StandardButton.Ok, self.parentWidget())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.result_box = box

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        # The write runs on the GUI thread (writes publish change sets there): keep the bar painting, but
        # take no clicks meanwhile, which could start another write inside this one.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
