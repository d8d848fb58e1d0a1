"""Runs one closed-loop step: opens its dialog, calls the service, leaves the refresh to change events."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desk.services.incidents import IncidentDraft
from desk.ui.incident_dialogs import DispatchDialog, EvaluateDialog, NoteDialog, RegisterDialog


class IncidentActions(QObject):
    def __init__(self, desk, parent: QWidget):
        super().__init__(parent)
        self._desk = desk
        self._parent = parent

    def register_dialog(self, lon: float, lat: float) -> RegisterDialog:
        dlg = RegisterDialog(self._desk.geo.locate, lon, lat, self._parent)
        dlg.submit = lambda: self._desk.incidents.register(self._desk.actor, IncidentDraft(**dlg.values()))
        return dlg

    def step_dialog(self, step: str, incident_id: int):
        desk, actor, svc = self._desk, self._desk.actor, self._desk.incidents
        if step == "dispatch":
            depts, handlers = desk.dispatch_choices()
            dlg = DispatchDialog(depts, handlers, self._parent)
            dlg.submit = lambda: svc.dispatch(actor, incident_id, dlg.department.currentData(),
                                              dlg.handler.currentData(), dlg.tier.currentData(), dlg.note.text())
        elif step == "accept":
            dlg = NoteDialog(self.tr("Accept incident"), self.tr("Note"), self._parent)
            dlg.submit = lambda: svc.accept(actor, incident_id, dlg.text())
        elif step == "feedback":
            dlg = NoteDialog(self.tr("Record feedback"), self.tr("What was done"), self._parent)
            dlg.submit = lambda: svc.feedback(actor, incident_id, dlg.text())
        elif step == "return":
            dlg = NoteDialog(self.tr("Return for rework"), self.tr("Reason"), self._parent)
            dlg.submit = lambda: svc.return_for_rework(actor, incident_id, dlg.text())
        elif step == "close":
            dlg = NoteDialog(self.tr("Close incident"), self.tr("Closing note"), self._parent)
            dlg.submit = lambda: svc.close(actor, incident_id, dlg.text())
        elif step == "evaluate":
            dlg = EvaluateDialog(self._parent)
            dlg.submit = lambda: svc.evaluate(actor, incident_id, dlg.satisfaction.value(), dlg.note.text())
        else:
            raise KeyError(step)
        return dlg
