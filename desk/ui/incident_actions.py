"""Runs one closed-loop step: opens its dialog, calls the service, leaves the refresh to change events.

Whatever the write raises, the dialog stays open with what was typed and says what happened in the
operator's language: a refusal or a storage fault by its code (desk/ui/errors.py), anything else
as a generic sentence. Nothing the operator typed reaches the log: only the error's type and code."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desk.services.incidents import IncidentDraft
from desk.ui.errors import Unexpected
from desk.ui.incident_dialogs import (ArriveDialog, DispatchDialog, EvaluateDialog, NoteDialog, RegisterDialog,
                                     StepDialog)

if TYPE_CHECKING:
    from desk.domain.permissions import Actor
    from desk.services.desk import DeskServices

log = logging.getLogger(__name__)

T = TypeVar("T")


def guarded(operation: str, call: Callable[[], T]) -> Callable[[], T]:
    """A dialog's submit that turns every failure into one the dialog shows (it shows ValueError and
    PermissionError, which coded refusals and storage errors are)."""

    def submit() -> T:
        try:
            return call()
        except (ValueError, PermissionError) as exc:
            code = getattr(exc, "code", None)
            if code is None and not isinstance(exc, PermissionError):
                # An uncoded ValueError is a fault, not a refusal; its text may hold what was typed.
                log.error("%s failed: %s", operation, type(exc).__name__)
                raise Unexpected(operation) from None
            log.info("%s refused: %s %s", operation, type(exc).__name__, code or "")
            raise
        except Exception as exc:
            log.error("%s failed: %s", operation, type(exc).__name__)
            raise Unexpected(operation) from None

    return submit


def guarded_call(operation: str, call: Callable[[], T]) -> T | Exception:
    """`guarded(operation, call)()` for a button with no dialog: the refusal is returned for the caller
    to show, never raised into the event loop."""
    try:
        return guarded(operation, call)()
    except (ValueError, PermissionError) as exc:
        return exc


class IncidentActions(QObject):
    def __init__(self, desk: DeskServices, parent: QWidget):
        super().__init__(parent)
        self._desk = desk
        self._parent = parent

    def register_dialog(self, lon: float, lat: float) -> RegisterDialog:
        dlg = RegisterDialog(self._desk.geo.locate, lon, lat, self._parent, geocode=self._desk.geocode)
        dlg.submit = guarded("incident.register",
                             lambda: self._desk.incidents.register(self._desk.actor, IncidentDraft(**dlg.values())))
        return dlg

    def step_dialog(self, step: str, incident_id: int) -> StepDialog:
        desk, actor, svc = self._desk, self._desk.actor, self._desk.incidents
        dlg: StepDialog
        call: Callable[[], object]
        if step == "dispatch":
            depts, handlers = desk.dispatch_choices()
            dispatch = DispatchDialog(depts, handlers, self._parent)
            dlg = dispatch
            call = lambda: svc.dispatch(actor, incident_id, dispatch.department.currentData(),  # noqa: E731
                                        dispatch.handler.currentData(), dispatch.tier.currentData(),
                                        dispatch.note.text())
        elif step in ("accept", "feedback", "return", "close"):
            titles = {
                "accept": (self.tr("Accept incident"), self.tr("Note")),
                "feedback": (self.tr("Record feedback"), self.tr("What was done")),
                "return": (self.tr("Return for rework"), self.tr("Reason")),
                "close": (self.tr("Close incident"), self.tr("Closing note")),
            }
            services: dict[str, Callable[[Actor, int, str], object]] = {
                "accept": svc.accept, "feedback": svc.feedback, "return": svc.return_for_rework, "close": svc.close}
            note = NoteDialog(*titles[step], self._parent)
            dlg = note
            call = lambda: services[step](actor, incident_id, note.text())  # noqa: E731
        elif step == "arrive":
            detail = desk.incident_detail(incident_id)
            arrive = ArriveDialog(detail.may_arrive if detail is not None else (), self._parent)
            dlg = arrive
            call = lambda: svc.arrive(actor, incident_id, arrive.professional, arrive.note.text())  # noqa: E731
        elif step == "evaluate":
            evaluate = EvaluateDialog(self._parent)
            dlg = evaluate
            call = lambda: svc.evaluate(actor, incident_id, evaluate.satisfaction.value(),  # noqa: E731
                                        evaluate.note.text())
        else:
            raise KeyError(step)
        dlg.submit = guarded(f"incident.{step}", call)
        return dlg
