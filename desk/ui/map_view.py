"""Live grid map: governance grids and police cells overlaid, stations, hazards, shelters, routes,
and open incidents coloured by card, updated from change events without reloading the page."""
from __future__ import annotations

from desk.domain.changes import Entity

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QTemporaryDir, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QVBoxLayout, QWidget

from desk.map.page import MapLayers, build_page
from desk.map.widget import MapWidget
from desk.ui import theme
from desk.ui.actions import make_action
from desk.ui.incident_actions import IncidentActions
from desk.ui.labels import keys, label
from desk.ui.widgets import CardBadge

TICK_MS = 60_000  # cards turn yellow and red with the clock, not only with writes

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
    incident_activated = Signal(int)

    def __init__(self, desk, bridge, parent=None, read_only: bool = False):
        super().__init__(parent)
        self._desk = desk
        self._read_only = read_only
        self._actions = IncidentActions(desk, self)
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
            self.register_action = make_action("incident.register", self)
            self.register_action.setCheckable(True)
            self.register_action.toggled.connect(self._set_picking)
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
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._push_all)
        self._tick.start(TICK_MS)
        self.load()

    @property
    def ready(self) -> bool:
        return self.map.is_ready

    def load(self) -> None:
        lang = "en" if QLocale().language() == QLocale.Language.English else "zh_CN"
        name = theme.current_name()
        values = {kind: {key: label(kind, key) for key in keys(kind)} for kind in ("risk", "patrol_area", "theme")}
        texts = {key: QCoreApplication.translate("MapPage", text) for key, text in PAGE_LABELS.items()}
        page = build_page(MapLayers(**self._desk.map_layers()), self._pages.path(), name, lang,
                          value_labels=values, labels=texts)
        self.map.set_background("#0d1520" if name == "dark" else "#eef1f4")
        self.map.load_page(page)

    def _on_ready(self) -> None:
        self._push_all()

    def _push_all(self) -> None:
        self.map.set_incidents(self._desk.map_incidents())

    def _on_changes(self, changes) -> None:
        if changes.touches(Entity.GRID, Entity.POLICE_CELL, Entity.ADMIN_UNIT, Entity.HAZARD_POINT, Entity.SHELTER, Entity.EVACUATION_ROUTE,
                           Entity.WORKSTATION, Entity.PATROL_AREA):
            self.load()
            return
        ids = changes.ids(Entity.INCIDENT)
        if ids:
            upsert, gone = self._desk.map_incident_diff(ids)
            if upsert["features"]:
                self.map.upsert_incidents(upsert)
            if gone:
                self.map.remove_incidents(gone)

    # -- interaction ----------------------------------------------------------------------------
    def _set_picking(self, on: bool) -> None:
        self.map.set_pick_mode(on)
        if on:
            self.info.setText(self.tr("Click on the map where the incident happened"))
            self.card.set_card("none")

    def _on_map_clicked(self, lat: float, lon: float) -> None:
        if self._read_only:
            return
        self.register_action.setChecked(False)
        dlg = self._actions.register_dialog(lon, lat)
        dlg.open()
        self._open_dialog = dlg  # tests reach the dialog through this

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
