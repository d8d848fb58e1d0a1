"""The operator's desk: five views in tabs, actions with shortcuts, a live status bar.

Views are built the first time they are shown (or asked for), so a cold start builds one. The window
mediates between views (a map click selects the incident in the queue); views never call each other.
An empty database shows the first-run page instead of the views."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDialog, QFileDialog, QMainWindow, QMenu, QMessageBox, QStackedWidget, QTabWidget, QVBoxLayout,
                               QWidget)

from desk.domain.changes import ChangeSet, Entity
from desk.ui import icons
from desk.ui.actions import ACTIONS, INCIDENT_STEPS, make_action, offer
from desk.ui.first_run import FirstRunPage
from desk.ui.incident_filter_bar import FilterState
from desk.ui.status_bar import DeskStatusBar
from desk.ui.widgets import demo_caption

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.map_view import MapView
    from desk.ui.queue_view import QueueView

VIEW_IDS = ("map", "queue", "boards", "agenda", "emergency", "visits")

# The window's own actions; the queue's step actions (INCIDENT_STEPS) belong to the queue view.
# The loop's steps and the on-site report belong to the queue (its selection); the rest to the window.
WINDOW_ACTIONS = tuple(sid for sid in ACTIONS
                       if sid.removeprefix("incident.") not in (*INCIDENT_STEPS, "arrive"))


class LazyViews(Mapping[str, QWidget]):
    """The window's views by id; each is built the first time it is looked up or shown."""

    def __init__(self, build: Callable[[str], QWidget]):
        self._build = build
        self._built: dict[str, QWidget] = {}
        self._building: set[str] = set()

    def __getitem__(self, vid: str) -> QWidget:
        if vid not in VIEW_IDS:
            raise KeyError(vid)
        view = self._built.get(vid)
        if view is None:
            if vid in self._building:
                raise RuntimeError(f"the {vid} view asked for itself while being built")
            self._building.add(vid)
            try:
                view = self._built[vid] = self._build(vid)
            finally:
                self._building.discard(vid)
        return view

    def __contains__(self, vid: object) -> bool:
        return vid in VIEW_IDS  # without building it

    def __iter__(self) -> Iterator[str]:
        return iter(VIEW_IDS)

    def __len__(self) -> int:
        return len(VIEW_IDS)

    def is_built(self, vid: str) -> bool:
        return vid in self._built

    @property
    def built(self) -> tuple[str, ...]:
        return tuple(vid for vid in VIEW_IDS if vid in self._built)


class MainWindow(QMainWindow):
    """`view` is the tab the window opens on: only that view is built at start (the map's page alone
    costs about a second at county scale, wasted on a desk that opens on the queue)."""

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, view: str = "map"):
        super().__init__()
        if view not in VIEW_IDS:
            raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEW_IDS)}")
        self._desk = desk
        self._bridge = bridge
        self._acts: dict[str, QAction] = {}
        for sid in WINDOW_ACTIONS:
            act = offer(make_action(sid, self), desk.actor)
            self.addAction(act)  # live shortcut whatever the menu bar does
            self._acts[sid] = act
        self._acts["incident.register"].setCheckable(True)  # checked while the map waits for the click

        self._open_dialog: QDialog | None = None  # the dialog a menu entry opened last (tests reach it here)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, QWidget] = {}
        for vid in VIEW_IDS:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            spec = ACTIONS[f"view.{vid}"]
            self.tabs.addTab(page, icons.icon(spec.icon), QCoreApplication.translate("Actions", spec.text))
            self._pages[vid] = page
        self.tabs.setCurrentIndex(VIEW_IDS.index(view))  # before currentChanged is connected: builds nothing
        # The desk's map and queue show the same incidents: one filter for both (the wall has its own).
        self.incident_filter = FilterState(self)
        self.views = LazyViews(self._build_view)
        self.first_run = FirstRunPage(desk.db.target)
        self.first_run.recheck.connect(self._recheck)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.first_run)
        self.setCentralWidget(self.stack)
        self.status = DeskStatusBar(desk, bridge, self)
        self.setStatusBar(self.status)
        self._build_menus()
        self.tabs.currentChanged.connect(self._on_tab)
        bridge.changed.connect(self._on_changes)
        self.check_township()

    # -- actions --------------------------------------------------------------------------------
    def action(self, spec_id: str) -> QAction | None:
        """The one QAction of this window for an ACTIONS entry; a step's is the queue's, once built."""
        if spec_id in self._acts:
            return self._acts[spec_id]
        step = spec_id.removeprefix("incident.")
        if step in INCIDENT_STEPS and self.views.is_built("queue"):
            return self._queue().step_actions.get(step)
        if step == "arrive" and self.views.is_built("queue"):
            return self._queue().arrive_action
        return None

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for sid in ("gis.import", "address.import", "incident.import"):
            file_menu.addAction(offer(self._acts[sid], self._desk.actor))
        file_menu.addSeparator()
        file_menu.addAction(self._acts["paperwork.export"])
        file_menu.addAction(self._acts["map.export_html"])
        file_menu.addAction(self._acts["map.export_png"])
        file_menu.addSeparator()
        file_menu.addAction(self._acts["app.refresh"])
        file_menu.addSeparator()
        file_menu.addAction(self._acts["app.quit"])
        view_menu = bar.addMenu(self.tr("&View"))
        for vid in VIEW_IDS:
            act = self._acts[f"view.{vid}"]
            act.triggered.connect(lambda _=False, v=vid: self.show_view(v))
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self._acts["map.find"])
        self.incident_menu: QMenu = bar.addMenu(self.tr("&Incident"))
        self.incident_menu.addAction(self._acts["incident.register"])
        self.incident_menu.addAction(offer(self._acts["review.draw"], self._desk.actor))
        self.incident_menu.addSeparator()
        self._offer_incident_menu()
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._acts["app.about"])
        self._acts["incident.register"].triggered.connect(self._register)
        self._acts["app.refresh"].triggered.connect(self.refresh)
        self._acts["map.find"].triggered.connect(self.find_on_map)
        self._acts["map.export_html"].triggered.connect(self._export_html)
        self._acts["map.export_png"].triggered.connect(self._export_png)
        self._acts["gis.import"].triggered.connect(self._import_gis)
        self._acts["address.import"].triggered.connect(self._import_addresses)
        self._acts["incident.import"].triggered.connect(self._import_incidents)
        self._acts["review.draw"].triggered.connect(self._reviews)
        self._acts["paperwork.export"].triggered.connect(self._paperwork)
        self._acts["app.quit"].triggered.connect(self.close)
        self._acts["app.about"].triggered.connect(self._about)

    def _adopt_steps(self, queue: QueueView) -> None:
        """The queue's step actions join the Incident menu (so their shortcuts work from every view);
        the role's impossible ones are hidden everywhere."""
        self.incident_menu.addSeparator()
        for step in INCIDENT_STEPS:
            act = queue.step_actions.get(step)
            if act is None:
                continue
            offer(act, self._desk.actor)
            self.incident_menu.addAction(act)
            self.addAction(act)
        self._offer_incident_menu()

    def _offer_incident_menu(self) -> None:
        """An auditor or an admin takes no incident steps: no empty Incident menu for them."""
        offered = any(a.isVisible() and not a.isSeparator() for a in self.incident_menu.actions())
        self.incident_menu.menuAction().setVisible(offered)

    # -- views ----------------------------------------------------------------------------------
    def _build_view(self, vid: str) -> QWidget:
        desk, bridge = self._desk, self._bridge
        view: QWidget
        if vid == "map":
            from desk.ui.map_view import MapView

            map_view = MapView(desk, bridge, register_action=self._acts["incident.register"],
                               filter_state=self.incident_filter)
            map_view.incident_activated.connect(self._select_in_queue)
            view = map_view
        elif vid == "queue":
            from desk.ui.queue_view import QueueView

            queue = QueueView(desk, bridge, filter_state=self.incident_filter)
            queue.incident_selected.connect(self._show_on_map)
            queue.register_requested.connect(lambda: self._acts["incident.register"].trigger())
            self._adopt_steps(queue)
            view = queue
        elif vid == "boards":
            from desk.ui.boards_view import BoardsView

            boards = BoardsView(desk, bridge)
            boards.focus_requested.connect(self.focus_on_map)
            view = boards
        elif vid == "agenda":
            from desk.ui.agenda_view import AgendaView

            view = AgendaView(desk, bridge)
        elif vid == "emergency":
            from desk.ui.emergency_view import EmergencyView

            emergency = EmergencyView(desk, bridge)
            emergency.focus_requested.connect(self.focus_on_map)
            view = emergency
        else:
            from desk.ui.visits_view import VisitsView

            view = VisitsView(desk, bridge)
        layout = self._pages[vid].layout()
        assert layout is not None
        layout.addWidget(view)
        return view

    def current_view_id(self) -> str:
        return VIEW_IDS[self.tabs.currentIndex()]

    def show_view(self, vid: str) -> QWidget | None:
        """Build (if need be) and show a view; on the first-run page there are no views to show."""
        if self.stack.currentWidget() is not self.tabs:
            return None
        self.tabs.setCurrentIndex(VIEW_IDS.index(vid))
        return self.views[vid]

    def _on_tab(self, index: int) -> None:
        vid = VIEW_IDS[index]
        if self.views.is_built("map") and vid != "map":
            self._map().set_picking(False)  # a pick armed on the map ends when the operator leaves it
        if self.stack.currentWidget() is self.tabs:
            self.views[vid]

    def _map(self) -> MapView:
        return self.views["map"]  # type: ignore[return-value]

    def _queue(self) -> QueueView:
        return self.views["queue"]  # type: ignore[return-value]

    def _register(self, checked: bool) -> None:
        """Ctrl+N from any view: on the map, arm click-to-register; pressed again, disarm."""
        if checked and self.show_view("map") is None:
            self._acts["incident.register"].setChecked(False)
            return
        self._map().set_picking(checked)

    def _show_on_map(self, incident_id: int) -> None:
        # Only a map already built follows the queue: building one for every selection would be waste.
        if self.views.is_built("map"):
            self._map().show_incident(incident_id)

    def focus_on_map(self, role: str, ident: int) -> None:
        """Another view asks to see something on the map (a hazard point, a shelter, a patrol area)."""
        map_view = self.show_view("map")
        if map_view is not None:
            self._map().focus(role, ident)

    def _select_in_queue(self, incident_id: int) -> None:
        # Built if need be: the operator clicked an incident, its steps (Ctrl+D…) should work at once.
        self._queue().select_incident(incident_id)

    def find_on_map(self) -> None:
        """Ctrl+F: the map, with the keyboard in its search box."""
        if self.show_view("map") is not None:
            edit = self._map().search.edit
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            edit.selectAll()

    def _export_html(self) -> None:
        if self.show_view("map") is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the map into a folder"))
        if folder:
            self._report_export(self._map().export_html(Path(folder)))

    def _export_png(self) -> None:
        if self.show_view("map") is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the map as a picture"), "map.png",
                                              self.tr("PNG pictures (*.png)"))
        if path:
            self._report_export(self._map().export_png(Path(path)))

    def _import_gis(self) -> None:
        from desk.ui.gis_import_dialog import GisImportDialog

        dlg = GisImportDialog(self._desk, self)
        dlg.open()

    def _import_addresses(self) -> None:
        from desk.ui.gis_import_dialog import import_addresses

        import_addresses(self._desk, self)

    def _import_incidents(self, _checked: bool = False, path: str | None = None) -> None:
        from desk.ui.incident_import_dialog import FILE_FILTER, IncidentImportDialog

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import incidents"), "",
                                                  QCoreApplication.translate("IncidentImportDialog", FILE_FILTER))
        if path:
            dlg = IncidentImportDialog(self._desk, path, self)
            dlg.open()
            self._open_dialog = dlg

    def _reviews(self) -> None:
        from desk.ui.review_window import ReviewDialog

        dlg = ReviewDialog(self._desk, self)
        dlg.open()
        self._open_dialog = dlg

    def _paperwork(self) -> None:
        from desk.ui.overdue_export_dialog import PaperworkDialog

        dlg = PaperworkDialog(self._desk, self)
        dlg.open()
        self._open_dialog = dlg

    def _report_export(self, written: Path | None) -> None:
        if written is None:
            QMessageBox.warning(self, self.tr("Export"), self.tr("The map could not be written there."))
        else:
            self.status.showMessage(self.tr("Map exported to %1").replace("%1", str(written)), 10_000)

    # -- the database ---------------------------------------------------------------------------
    def check_township(self) -> bool:
        """Views over a township, or the first-run page over an empty database."""
        has = self._desk.has_township()
        self.stack.setCurrentWidget(self.tabs if has else self.first_run)
        for sid in ("view.map", "view.queue", "view.boards", "view.agenda", "view.emergency", "view.visits",
                    "incident.register"):
            self._acts[sid].setEnabled(has)
        if has:
            self.views[self.current_view_id()]
        self._update_title()
        return has

    def _recheck(self) -> None:
        if not self.check_township():
            self.first_run.still_empty()

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(Entity.DATABASE, Entity.TOWNSHIP):
            self.check_township()

    def refresh(self) -> None:
        """F5: catch up with other seats and have every view read everything again."""
        self._bridge.reload()

    def _update_title(self) -> None:
        parts = [self.tr("Township command desk"), self._desk.actor.login]
        if self._desk.is_demo():
            parts.append(demo_caption())
        self.setWindowTitle(" — ".join(parts))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.tr(
            "Township command desk: grid map, incident queue, staff boards, joint meetings and emergency "
            "linkage over one database.\nDatabase: %1").replace("%1", self._desk.db.target))
