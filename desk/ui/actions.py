"""Actions as data: one table serves menus, toolbars, shortcuts and tests.

A window makes one QAction per entry (two actions with one shortcut make Qt ignore both). What an
action needs the signed-in role to hold comes from the domain's table of operations, so the UI offers
exactly what the services would accept."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desk.domain.permissions import OPERATIONS, Actor, Perm
from desk.ui import icons

from desk.ui.translate_noop import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # source text, translated in context "Actions"
    icon: str
    shortcut: str = ""
    tip: str = ""


ACTIONS: dict[str, ActionSpec] = {a.id: a for a in (
    ActionSpec("view.map", QT_TRANSLATE_NOOP("Actions", "Grid map"), "view.map", "Ctrl+1"),
    ActionSpec("view.queue", QT_TRANSLATE_NOOP("Actions", "Incident queue"), "view.queue", "Ctrl+2"),
    ActionSpec("view.boards", QT_TRANSLATE_NOOP("Actions", "Staff boards"), "view.boards", "Ctrl+3"),
    ActionSpec("view.agenda", QT_TRANSLATE_NOOP("Actions", "Joint meeting"), "view.agenda", "Ctrl+4"),
    ActionSpec("view.emergency", QT_TRANSLATE_NOOP("Actions", "Emergency linkage"), "view.emergency", "Ctrl+5"),
    ActionSpec("view.visits", QT_TRANSLATE_NOOP("Actions", "Home visits"), "view.visits", "Ctrl+6"),
    ActionSpec("incident.register", QT_TRANSLATE_NOOP("Actions", "Register incident…"), "action.register", "Ctrl+N",
               QT_TRANSLATE_NOOP("Actions", "Register a new incident; on the map, click where it happened")),
    ActionSpec("incident.dispatch", QT_TRANSLATE_NOOP("Actions", "Dispatch…"), "action.dispatch", "Ctrl+D"),
    ActionSpec("incident.accept", QT_TRANSLATE_NOOP("Actions", "Accept"), "action.accept", "Ctrl+H"),
    ActionSpec("incident.arrive", QT_TRANSLATE_NOOP("Actions", "On site…"), "action.accept",
               tip=QT_TRANSLATE_NOOP("Actions", "Record that a handler, or the professional forces, reached the "
                                                "scene (key O in the queue)")),
    ActionSpec("incident.feedback", QT_TRANSLATE_NOOP("Actions", "Record feedback…"), "action.feedback", "Ctrl+B"),
    ActionSpec("incident.return", QT_TRANSLATE_NOOP("Actions", "Return for rework…"), "action.return", "Ctrl+R"),
    ActionSpec("incident.close", QT_TRANSLATE_NOOP("Actions", "Close…"), "action.close", "Ctrl+Shift+C"),
    ActionSpec("incident.evaluate", QT_TRANSLATE_NOOP("Actions", "Evaluate…"), "action.evaluate", "Ctrl+E"),
    ActionSpec("map.find", QT_TRANSLATE_NOOP("Actions", "Find on map…"), "action.locate", "Ctrl+F",
               QT_TRANSLATE_NOOP("Actions", "Find a grid, village, group, incident number or address on the map")),
    ActionSpec("map.export_html", QT_TRANSLATE_NOOP("Actions", "Export map as web page…"), "action.export",
               tip=QT_TRANSLATE_NOOP("Actions", "A folder that opens in any browser, with no network, for a "
                                                "presentation laptop")),
    ActionSpec("map.export_png", QT_TRANSLATE_NOOP("Actions", "Export map as picture…"), "action.export"),
    ActionSpec("gis.import", QT_TRANSLATE_NOOP("Actions", "Import grids, police cells or villages…"),
               "action.import"),
    ActionSpec("address.import", QT_TRANSLATE_NOOP("Actions", "Import address gazetteer…"), "action.import"),
    ActionSpec("incident.import", QT_TRANSLATE_NOOP("Actions", "Import incidents (CSV or XLSX)…"), "action.import",
               tip=QT_TRANSLATE_NOOP("Actions", "Incidents exported by a county platform; a file with any bad "
                                                "row is refused whole")),
    ActionSpec("review.draw", QT_TRANSLATE_NOOP("Actions", "Checks after closing…"), "action.evaluate",
               tip=QT_TRANSLATE_NOOP("Actions", "The month's random 10% quality review and the follow-up visits "
                                                "(回头看): draw them, record each verdict")),
    ActionSpec("paperwork.export", QT_TRANSLATE_NOOP("Actions", "Paperwork for overdue items…"), "action.export",
               tip=QT_TRANSLATE_NOOP("Actions", "Weekly list, reminder slips and supervision sheets (PDF), the "
                                                "ledger (XLSX)")),
    ActionSpec("app.refresh", QT_TRANSLATE_NOOP("Actions", "Refresh"), "action.refresh", "F5",
               QT_TRANSLATE_NOOP("Actions", "Read everything again from the database")),
    ActionSpec("app.quit", QT_TRANSLATE_NOOP("Actions", "Quit"), "action.quit", "Ctrl+Q"),
    ActionSpec("app.about", QT_TRANSLATE_NOOP("Actions", "About"), "action.about"),
)}

# Queue steps in lifecycle order, keyed by desk.domain.lifecycle.Action values.
INCIDENT_STEPS = ("dispatch", "accept", "feedback", "return", "close", "evaluate")


def required_permission(spec_id: str) -> Perm | None:
    """The permission an action's operation needs (action ids are operation names), None for reading."""
    return OPERATIONS.get(spec_id)


def offered_to(spec_id: str, actor: Actor) -> bool:
    perm = required_permission(spec_id)
    return perm is None or actor.can(perm)


def make_action(spec_id: str, parent: QWidget) -> QAction:
    spec = ACTIONS[spec_id]
    action = QAction(icons.icon(spec.icon), QCoreApplication.translate("Actions", spec.text), parent)
    action.setObjectName(spec.id)
    if spec.shortcut:
        action.setShortcut(QKeySequence(spec.shortcut))
    if spec.tip:
        action.setToolTip(QCoreApplication.translate("Actions", spec.tip))
    return action


def offer(action: QAction, actor: Actor) -> QAction:
    """Hide an action the actor's role may never take: no menu entry, no button, no live shortcut."""
    action.setVisible(offered_to(action.objectName(), actor))
    return action
