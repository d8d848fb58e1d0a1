"""The operator's desk: five views in tabs, actions with shortcuts, a live status bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from desk.ui import icons
from desk.ui.actions import ACTIONS, make_action
from desk.ui.agenda_view import AgendaView
from desk.ui.boards_view import BoardsView
from desk.ui.emergency_view import EmergencyView
from desk.ui.map_view import MapView
from desk.ui.queue_view import QueueView
from desk.ui.status_bar import DeskStatusBar

VIEW_IDS = ("map", "queue", "boards", "agenda", "emergency")


class MainWindow(QMainWindow):
    def __init__(self, desk, bridge):
        super().__init__()
        self._desk = desk
        self.setWindowTitle(self.tr("Township command desk") + f" — {desk.actor.login}")
        self.views = {
            "map": MapView(desk, bridge),
            "queue": QueueView(desk, bridge),
            "boards": BoardsView(desk, bridge),
            "agenda": AgendaView(desk, bridge),
            "emergency": EmergencyView(desk, bridge),
        }
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for vid in VIEW_IDS:
            spec = ACTIONS[f"view.{vid}"]
            self.tabs.addTab(self.views[vid], icons.icon(spec.icon), QCoreApplication.translate("Actions", spec.text))
        self.setCentralWidget(self.tabs)
        self.status = DeskStatusBar(desk, bridge, self)
        self.setStatusBar(self.status)
        # The window mediates between views; views never call each other.
        self.views["map"].incident_activated.connect(self._show_in_queue_later)
        self._build_menus()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for i, vid in enumerate(VIEW_IDS):
            act = make_action(f"view.{vid}", self)
            act.triggered.connect(lambda _=False, idx=i: self.tabs.setCurrentIndex(idx))
            view_menu.addAction(act)
        incident_menu = bar.addMenu(self.tr("&Incident"))
        register = make_action("incident.register", self)
        register.triggered.connect(self._register_on_map)
        incident_menu.addAction(register)
        queue = self.views["queue"]
        for step, act in queue.step_actions.items():
            incident_menu.addAction(act)
        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def show_view(self, vid: str) -> None:
        self.tabs.setCurrentWidget(self.views[vid])

    def _register_on_map(self) -> None:
        self.show_view("map")
        self.views["map"].register_action.setChecked(True)

    def _show_in_queue_later(self, incident_id: int) -> None:
        self.views["queue"].select_incident(incident_id)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.tr(
            "Township command desk: grid map, incident queue, staff boards, joint meetings and emergency "
            "linkage over one database.\nDatabase: %1").replace("%1", self._desk.db.target))
