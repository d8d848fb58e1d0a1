"""Live grid map: governance grids and police cells overlaid, stations, hazards, shelters, routes,
and open incidents coloured by card, updated from change events without reloading the page."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QVBoxLayout, QWidget

from desk.domain.changes import ChangeSet, Entity
from desk.map.page import MapLayers, build_page
from desk.map.widget import MapWidget
from desk.ui import theme
from desk.ui.incident_actions import IncidentActions
from desk.ui.labels import keys, label
from desk.ui.widgets import CardBadge

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.incident_dialogs import RegisterDialog

    # PySide's stub says it returns object; it returns the source text it marks.
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...  # noqa: N802
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

# Layers baked into the page: a change to any of them rebuilds it.
STATIC = (Entity.GRID, Entity.POLICE_CELL, Entity.ADMIN_UNIT, Entity.HAZARD_POINT, Entity.SHELTER,
          Entity.EVACUATION_ROUTE, Entity.WORKSTATION, Entity.PATROL_AREA, Entity.TOWNSHIP)

# The map page's own texts (legend, layers, tooltip captions), keys of desk.map.page.DEFAULT_LABELS.
PAGE_LABELS = {
    "grids": QT_TRANSLATE_NOOP("MapPage", "Grids"),
    "cells": QT_TRANSLATE_NOOP("MapPage", "Police cells"),
    "units": QT_TRANSLATE_NOOP("MapPage", "Villages/communities"),
    "areas": QT_TRANSLATE_NOOP("MapPage", "Key areas"),
    "workstations": QT_TRANSLATE_NOOP("MapPage", "Workstations"),
    "hazards": QT_TRANSLATE_NOOP("MapPage", "Hazard points"),
    "shelters": QT_TRANSLATE_NOOP("MapPage", "Shelters"),
    "routes": QT_TRANSLATE_NOOP("MapPage", "Evacuation routes"),
    "incidents": QT_TRANSLATE_NOOP("MapPage", "Incidents"),
    "card_none": QT_TRANSLATE_NOOP("MapPage", "No card"),
    "card_yellow": QT_TRANSLATE_NOOP("MapPage", "Yellow card"),
    "card_red": QT_TRANSLATE_NOOP("MapPage", "Red card"),
    "legend": QT_TRANSLATE_NOOP("MapPage", "Legend"),
    "code": QT_TRANSLATE_NOOP("MapPage", "Code"),
    "unit": QT_TRANSLATE_NOOP("MapPage", "Village/community"),
    "kind": QT_TRANSLATE_NOOP("MapPage", "Type"),
    "officers": QT_TRANSLATE_NOOP("MapPage", "Officers"),
    "theme": QT_TRANSLATE_NOOP("MapPage", "Theme"),
    "risk": QT_TRANSLATE_NOOP("MapPage", "Risk"),
    "households": QT_TRANSLATE_NOOP("MapPage", "Households"),
    "persons": QT_TRANSLATE_NOOP("MapPage", "Persons"),
    "capacity": QT_TRANSLATE_NOOP("MapPage", "Capacity"),
    "occupancy": QT_TRANSLATE_NOOP("MapPage", "Sheltered"),
    "kind_basic": QT_TRANSLATE_NOOP("MapPage", "Basic grid"),
    "kind_special": QT_TRANSLATE_NOOP("MapPage", "Special grid"),
}


class MapView(QWidget):
    """The map tab (and the wall's map, read-only).

    Registering starts here: the window's `incident.register` action is handed in, shown on this
    toolbar, and arms click-to-register; the next click opens the register dialog at that point."""

    incident_activated = Signal(int)

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None,
                 read_only: bool = False, register_action: QAction | None = None):
        super().__init__(parent)
        self._desk = desk
        self._read_only = read_only
        self._picking = False
        self.register_action = None if read_only else register_action
        self._actions = IncidentActions(desk, self)
        self._open_dialog: RegisterDialog | None = None  # tests reach the dialog through this
        self._pages = QTemporaryDir()  # one page per window; removed with it
        self.map = MapWidget(self)
        self.map.ready.connect(self._on_ready)
        self.map.incident_clicked.connect(self._on_incident_clicked)
        self.map.map_clicked.connect(self._on_map_clicked)
        self.card = CardBadge()
        self.info = QLabel()
        self.info.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        if not read_only:
            bar = QToolBar()
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            if self.register_action is not None:
                bar.addAction(self.register_action)
                bar.addSeparator()
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(6, 0, 6, 0)
            rl.addWidget(self.card)
            rl.addWidget(self.info, 1)
            bar.addWidget(row)
            lay.addWidget(bar)
        lay.addWidget(self.map, 1)
        bridge.changed.connect(self._on_changes)
        self.load()

    @property
    def ready(self) -> bool:
        return self.map.is_ready

    @property
    def picking(self) -> bool:
        """Armed for click-to-register: the next click on the map opens the register dialog."""
        return self._picking

    def load(self) -> None:
        lang = "en" if QLocale().language() == QLocale.Language.English else "zh_CN"
        name = theme.current_name()
        values = {kind: {key: label(kind, key) for key in keys(kind)} for kind in ("risk", "patrol_area", "theme")}
        texts = {key: QCoreApplication.translate("MapPage", text) for key, text in PAGE_LABELS.items()}
        page = build_page(MapLayers(**self._desk.map_layers()), Path(self._pages.path()), name, lang,
                          value_labels=values, labels=texts)
        self.map.set_background("#0d1520" if name == "dark" else "#eef1f4")
        self.map.load_page(page)

    def _on_ready(self) -> None:
        self._push_all()
        if self._picking:
            self.map.set_pick_mode(True)  # a rebuilt page starts out of pick mode

    def _push_all(self) -> None:
        self.map.set_incidents(self._desk.map_incidents())

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*STATIC):
            self.load()
            return
        if changes.touches(Entity.CLOCK):
            self._push_all()  # cards turn yellow and red with the clock, not only with writes
            return
        ids = changes.ids(Entity.INCIDENT)
        if ids:
            upsert, gone = self._desk.map_incident_diff(ids)
            if upsert["features"]:
                self.map.upsert_incidents(upsert)
            if gone:
                self.map.remove_incidents(gone)

    # -- interaction ----------------------------------------------------------------------------
    def set_picking(self, on: bool) -> None:
        """Arm (or disarm) click-to-register; the register action's checked state follows."""
        on = bool(on) and not self._read_only
        if self.register_action is not None and self.register_action.isChecked() != on:
            self.register_action.setChecked(on)
        if on == self._picking:
            return
        self._picking = on
        self.map.set_pick_mode(on)
        if on:
            self.info.setText(self.tr("Click on the map where the incident happened"))
            self.card.set_card("none")
        else:
            self.info.setText("")

    def register_at(self, lat: float, lon: float) -> RegisterDialog:
        """Open the register dialog for a point (what a click in pick mode does)."""
        self.set_picking(False)
        dlg = self._actions.register_dialog(lon, lat)
        dlg.open()
        self._open_dialog = dlg
        return dlg

    def _on_map_clicked(self, lat: float, lon: float) -> None:
        if self._read_only:
            return
        self.register_at(lat, lon)

    def _on_incident_clicked(self, incident_id: int) -> None:
        if self._read_only:
            return
        detail = self._desk.incident_detail(incident_id)
        if detail is None:
            return
        r = detail.row
        self.card.set_card(r.card.value)
        self.info.setText(f"{r.code} {r.title} · {label('status', r.status)} · {r.grid} / {r.cell}")
        self.map.highlight_incident(incident_id)
        self.incident_activated.emit(incident_id)
