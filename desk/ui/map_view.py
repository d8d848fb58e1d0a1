"""Live grid map: governance grids and police cells overlaid, stations, hazards, shelters, routes,
and open incidents coloured by card, updated from change events without reloading the page.

Everything the map reads runs on a worker (`desk.ui.worker.Reads`): the page (base layers and the
folium build) and the incidents. What the page shows is remembered per incident, as the JSON it was
sent, so an update sends only the markers that differ: a minute tick that turns five cards red pushes
five markers, not every one. A hidden map reads nothing; it notes what it missed and catches up with
one read when shown (a diff of the incidents it missed, or one full read after a tick or a reload)."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from desk.domain.changes import ChangeSet, Entity
from desk.domain.incident_filter import IncidentFilter
from desk.domain.gcj02 import gcj02_to_wgs84, shift_geojson, wgs84_to_gcj02
from desk.map.page import BaseMapSpec, MapLayers, build_page
from desk.map.tiles import install as install_tiles
from desk.map.widget import MapWidget, PageCall, encode_feature, encoded_incidents_js, remove_incidents_js
from desk.ui import theme
from desk.ui.incident_actions import IncidentActions
from desk.ui.incident_filter_bar import FilterBar, FilterState
from desk.ui.labels import keys, label
from desk.ui.map_card import MapCard
from desk.ui.map_search import MapSearch
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.services.base_map import BaseMap
    from desk.services.desk import DeskServices
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.incident_dialogs import RegisterDialog

log = logging.getLogger(__name__)

# Layers baked into the page: a change to any of them rebuilds it.
STATIC = (Entity.GRID, Entity.POLICE_CELL, Entity.ADMIN_UNIT, Entity.HAZARD_POINT, Entity.SHELTER,
          Entity.EVACUATION_ROUTE, Entity.WORKSTATION, Entity.PATROL_AREA, Entity.TOWNSHIP, Entity.BASE_FEATURE,
          Entity.SETTING)  # a setting may choose another base map

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
    "badge_yellow": QT_TRANSLATE_NOOP("MapPage", "Y"),
    "badge_red": QT_TRANSLATE_NOOP("MapPage", "R"),
    "cluster": QT_TRANSLATE_NOOP("MapPage", "Group of incidents (red / yellow count)"),
    "status_registered": QT_TRANSLATE_NOOP("MapPage", "Not yet dispatched"),
    "heat": QT_TRANSLATE_NOOP("MapPage", "Incidents, last 30 days (density)"),
    "population": QT_TRANSLATE_NOOP("MapPage", "Population"),
    "officer_count": QT_TRANSLATE_NOOP("MapPage", "Number of officers"),
    "pattern": QT_TRANSLATE_NOOP("MapPage", "Grid–cell pattern"),
    "pattern_one_to_one": QT_TRANSLATE_NOOP("MapPage", "One grid, one cell"),
    "pattern_one_grid_many_cells": QT_TRANSLATE_NOOP("MapPage", "One grid, several cells"),
    "pattern_one_cell_many_grids": QT_TRANSLATE_NOOP("MapPage", "One cell, several grids"),
    "measure_open": QT_TRANSLATE_NOOP("MapPage", "Open incidents"),
    "measure_card": QT_TRANSLATE_NOOP("MapPage", "Worst card"),
    "measure_households": QT_TRANSLATE_NOOP("MapPage", "Households"),
    "measure_population": QT_TRANSLATE_NOOP("MapPage", "Population"),
    "measure_visits_overdue": QT_TRANSLATE_NOOP("MapPage", "Home visits overdue"),
    "no_data": QT_TRANSLATE_NOOP("MapPage", "No data"),
    "staff": QT_TRANSLATE_NOOP("MapPage", "Staff on duty"),
    "role": QT_TRANSLATE_NOOP("MapPage", "Role"),
    "at": QT_TRANSLATE_NOOP("MapPage", "Last known at"),
    "gauges": QT_TRANSLATE_NOOP("MapPage", "Gauges"),
    "gauge_rain": QT_TRANSLATE_NOOP("MapPage", "Rain gauge"),
    "gauge_river": QT_TRANSLATE_NOOP("MapPage", "River gauge"),
    "value": QT_TRANSLATE_NOOP("MapPage", "Reading"),
    "level": QT_TRANSLATE_NOOP("MapPage", "Level"),
    "level_normal": QT_TRANSLATE_NOOP("MapPage", "Normal"),
    "level_warn": QT_TRANSLATE_NOOP("MapPage", "Warning"),
    "level_danger": QT_TRANSLATE_NOOP("MapPage", "Danger"),
    "coverage": QT_TRANSLATE_NOOP("MapPage", "Patrol coverage today"),
    "coverage_done": QT_TRANSLATE_NOOP("MapPage", "Patrols done"),
    "coverage_full": QT_TRANSLATE_NOOP("MapPage", "All planned patrols done"),
    "coverage_part": QT_TRANSLATE_NOOP("MapPage", "Some done"),
    "coverage_none": QT_TRANSLATE_NOOP("MapPage", "None done"),
    "search": QT_TRANSLATE_NOOP("MapPage", "Search result"),
    "zoom_in": QT_TRANSLATE_NOOP("MapPage", "Zoom in"),
    "zoom_out": QT_TRANSLATE_NOOP("MapPage", "Zoom out"),
    "layers": QT_TRANSLATE_NOOP("MapPage", "Layers"),
}


# Missed more incidents than this while hidden: one full read is cheaper than a diff by ids.
FULL_READ_ABOVE = 500


@dataclass
class _Update:
    """What an incident read found that the page does not show yet (built on the worker)."""

    scripts: list[str] = field(default_factory=list)
    shown: dict[int, str] = field(default_factory=dict)  # id → its feature as sent
    gone: list[int] = field(default_factory=list)


def _encoded(fc: Mapping[str, Any]) -> dict[int, str]:
    return {int(f["properties"]["id"]): encode_feature(f) for f in fc.get("features", [])}


def _full_update(fc: Mapping[str, Any], shown: Mapping[int, str]) -> _Update:
    """Every open incident against what the page shows: only the differences are sent."""
    found = _encoded(fc)
    if not shown:  # a fresh page: everything, in one call
        return _Update([encoded_incidents_js(found.values(), replace=True)] if found else [], found, [])
    changed = {i: js for i, js in found.items() if shown.get(i) != js}
    gone = [i for i in shown if i not in found]
    return _script(changed, gone)


def _diff_update(diff: tuple[Mapping[str, Any], list[int]], shown: Mapping[int, str]) -> _Update:
    """Some incidents read again: those that changed are sent, those that left the map removed."""
    upsert, removed = diff
    changed = {i: js for i, js in _encoded(upsert).items() if shown.get(i) != js}
    return _script(changed, [i for i in removed if i in shown])


def _script(changed: dict[int, str], gone: list[int]) -> _Update:
    scripts = []
    if gone:
        scripts.append(remove_incidents_js(gone))
    if changed:
        scripts.append(encoded_incidents_js(changed.values()))
    return _Update(scripts, changed, gone)


# Live overlays read apart from the incidents: a change to any of these reads them again.
OVERLAY_ENTITIES = (Entity.STAFF_POSITION, Entity.STAFF, Entity.SHIFT, Entity.GAUGE, Entity.GAUGE_READING,
                    Entity.PATROL_AREA)

MODES = {
    "cluster": QT_TRANSLATE_NOOP("MapView", "Clustered incidents"),
    "points": QT_TRANSLATE_NOOP("MapView", "Every incident"),
    "heat": QT_TRANSLATE_NOOP("MapView", "Heat map, last 30 days"),
}
MEASURES = {
    "": QT_TRANSLATE_NOOP("MapView", "Grids: no fill"),
    "open": QT_TRANSLATE_NOOP("MapView", "Grids by open items"),
    "card": QT_TRANSLATE_NOOP("MapView", "Grids by worst card"),
    "households": QT_TRANSLATE_NOOP("MapView", "Grids by households"),
    "population": QT_TRANSLATE_NOOP("MapView", "Grids by population"),
    "visits_overdue": QT_TRANSLATE_NOOP("MapView", "Grids by home visits overdue"),
}
# Measures that move with the incidents (and with the clock): read again after incident changes.
LIVE_MEASURES = ("open", "card", "visits_overdue")


def shift_layers(layers: dict[str, Any]) -> dict[str, Any]:
    """Every static layer and the bounds in GCJ-02, to sit on GCJ-02 tiles."""
    out = {key: (shift_geojson(value) if isinstance(value, dict) else value) for key, value in layers.items()}
    if layers.get("bounds"):
        (south, west), (north, east) = layers["bounds"]
        (w2, s2), (e2, n2) = wgs84_to_gcj02(west, south), wgs84_to_gcj02(east, north)
        out["bounds"] = ((s2, w2), (n2, e2))
    return out


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class MapView(QWidget):
    """The map tab (and the wall's map, read-only).

    Registering starts here: the window's `incident.register` action is handed in, shown on this
    toolbar, and arms click-to-register; the next click opens the register dialog at that point.
    The incident filter is shared with the queue (the window hands both the same state)."""

    incident_activated = Signal(int)
    incidents_pushed = Signal()  # an incident read has been handed to the page (tests wait on it)
    drawn = Signal()  # the page has painted the current data (screenshots wait on it)

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None,
                 read_only: bool = False, register_action: QAction | None = None,
                 filter_state: FilterState | None = None):
        super().__init__(parent)
        self._desk = desk
        self._read_only = read_only
        self._picking = False
        self.register_action = None if read_only else register_action
        self.filter_state = filter_state if filter_state is not None else FilterState(self)
        self._actions = IncidentActions(desk, self)
        self._open_dialog: RegisterDialog | None = None  # tests reach the dialog through this
        self._pages = QTemporaryDir()  # one page per window; removed with it
        self._reads = Reads(self)
        # What the page shows (id → the feature as sent) and what it still has to be told.
        self._shown: dict[int, str] = {}
        self._need_full = True
        self._unapplied: set[int] = set()
        self._next_slot: PageCall | None = None  # the place in the page's call order kept for the next read
        self._page_serial = 0  # a new page shows nothing: reads made for the old one are void
        self._stale = False  # incidents changed while hidden
        self._stale_page = False  # the static layers changed while hidden
        self._stale_extras = False  # overlays, measure or heat changed while hidden
        self._drawn = False
        self._page_file: Path | None = None
        self._shift = False  # the base tiles are GCJ-02: everything sent to the page is shifted
        self._overlays: dict[str, Any] = {}  # what the page was last sent, for an export
        self._measure_values: dict[str, object] | None = None
        self.mode = "cluster"
        self.measure = ""
        self.pushes = 0  # incident reads handed to the page (tests count them)
        self.map = MapWidget(self)
        self.map.ready.connect(self._on_ready)
        self.map.incident_clicked.connect(self._on_incident_clicked)
        self.map.map_clicked.connect(self._on_map_clicked)
        self.map.feature_clicked.connect(self._on_feature_clicked)
        self.map.frame_painted.connect(self._on_frame)
        self.card = MapCard()
        self.card.hide()
        self.card.incident_chosen.connect(self._on_item_chosen)
        self.card.step_requested.connect(self._run_step)
        self.card.closed.connect(lambda: self.map.run_js("window.desk.selectFeature(null, null);"))
        self.info = QLabel()
        self.info.setProperty("role", "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        if not read_only:
            lay.addWidget(self._build_toolbar())
            filters = QToolBar()
            self.filter_bar = FilterBar(self.filter_state, desk.unit_choices)
            filters.addWidget(self.filter_bar)
            filters.addSeparator()
            filters.addWidget(self.info)
            lay.addWidget(filters)
        split = QSplitter()
        split.addWidget(self.map)
        split.addWidget(self.card)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.filter_state.changed.connect(self._on_filter)
        bridge.changed.connect(self._on_changes)
        self.load()

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if self.register_action is not None:
            bar.addAction(self.register_action)
            bar.addSeparator()
        self.search = MapSearch(self._desk.search)
        self.search.chosen.connect(self.show_hit)
        bar.addWidget(self.search)
        bar.addSeparator()
        self.mode_box = QComboBox()
        self.mode_box.setAccessibleName(self.tr("How incidents are drawn"))
        for key, text in MODES.items():
            self.mode_box.addItem(QCoreApplication.translate("MapView", text), key)
        self.mode_box.currentIndexChanged.connect(lambda _i: self.set_mode(self.mode_box.currentData()))
        bar.addWidget(self.mode_box)
        self.measure_box = QComboBox()
        self.measure_box.setAccessibleName(self.tr("What the grid fill shows"))
        for key, text in MEASURES.items():
            self.measure_box.addItem(QCoreApplication.translate("MapView", text), key)
        self.measure_box.currentIndexChanged.connect(lambda _i: self.set_measure(self.measure_box.currentData()))
        bar.addWidget(self.measure_box)
        return bar

    @property
    def ready(self) -> bool:
        return self.map.is_ready

    @property
    def is_drawn(self) -> bool:
        """The page is up and has painted the incidents, overlays and fill last read for it."""
        return self._drawn

    @property
    def picking(self) -> bool:
        """Armed for click-to-register: the next click on the map opens the register dialog."""
        return self._picking

    @property
    def incident_filter(self) -> IncidentFilter:
        return self.filter_state.value

    # -- the page -------------------------------------------------------------------------------
    def load(self) -> None:
        """Build the page (base layers and folium, on a worker) and load it; the incidents follow."""
        self._stale_page = False
        self._drawn = False
        lang = "en" if QLocale().language() == QLocale.Language.English else "zh_CN"
        name = theme.current_name()
        values = {kind: {key: label(kind, key) for key in keys(kind)}
                  for kind in ("risk", "patrol_area", "theme", "fusion")}
        texts = {key: QCoreApplication.translate("MapPage", text) for key, text in PAGE_LABELS.items()}
        desk, out, controls = self._desk, Path(self._pages.path()), not self._read_only

        def build() -> tuple[Path, BaseMap]:
            base = desk.base_map()
            layers = desk.map_layers()
            if base.kind == "vector":
                layers["base"] = desk.base_features()
            if base.shift_to_gcj02:
                layers = shift_layers(layers)
            spec = (BaseMapSpec("tiles", base.tile_url, base.attribution, base.min_zoom, base.max_zoom)
                    if base.tile_url else BaseMapSpec("none" if base.kind == "none" else "vector"))
            page = build_page(MapLayers(**layers), out, name, lang, value_labels=values, labels=texts, base=spec,
                              controls=controls)
            return page, base

        self.map.set_background("#0d1520" if name == "dark" else "#eef1f4")
        self._reads.run("page", build, self._load_built)

    def _load_built(self, built: tuple[Path, BaseMap]) -> None:
        page, base = built
        self._page_file = page
        self._shift = base.shift_to_gcj02
        # The tiles' source: the MBTiles file behind desk-tiles://, or exactly the intranet server.
        if base.kind == "mbtiles":
            install_tiles(self.map.view.page().profile(), base.mbtiles_path)
        elif base.kind == "xyz":
            from desk.services.base_map import xyz_prefix

            self.map.allow_prefix(xyz_prefix(base.xyz_url))
        if base.problem:
            log.warning("base map: %s", base.problem)
            self.info.setText(self.tr("The chosen base map cannot be used; the township's own map is drawn instead."))
        self.map.load_page(page)

    def _on_ready(self) -> None:
        # A new page shows no incidents: everything goes to it, whatever was sent to the old one.
        self._page_serial += 1
        self._shown = {}
        self._need_full = True
        self._drawn = False
        if self._picking:
            self.map.set_pick_mode(True)  # a rebuilt page starts out of pick mode
        if self.mode != "cluster":
            self.map.run_js(f"window.desk.setIncidentMode({_js(self.mode)});")
        self._request()
        self._read_extras()

    def _on_frame(self) -> None:
        if not self._drawn and self.map.is_ready and not self._need_full and not self._reads.busy():
            self._drawn = True
            self.drawn.emit()

    def _check_drawn(self) -> None:
        """Once the first incidents and extras are handed over, ask the page to paint and say so."""
        if not self._drawn and not self._need_full and not self._reads.busy():
            self.map.request_frame()

    def _on_changes(self, changes: ChangeSet) -> None:
        static = changes.touches(*STATIC)
        timed = changes.touches(Entity.CLOCK, Entity.DATABASE)
        ids = changes.ids(Entity.INCIDENT)
        overlays = changes.touches(*OVERLAY_ENTITIES, Entity.CLOCK, Entity.DATABASE)
        # A visit recorded moves the overdue counts when the grids are filled by them.
        overlays |= self.measure == "visits_overdue" and changes.touches(Entity.VISIT, Entity.HOUSEHOLD)
        if not (static or timed or ids or overlays):
            return
        self._stale_page |= static
        self._need_full |= timed  # cards turn yellow and red with the clock, not only with writes
        self._unapplied |= ids
        if len(self._unapplied) > FULL_READ_ABOVE:
            self._need_full = True
        extras = overlays or bool(ids) and (self.measure in LIVE_MEASURES or self.mode == "heat")
        if not self.isVisible():
            self._stale = True  # read when shown, once
            self._stale_extras |= extras
            return
        if self._stale_page:
            self.load()  # the new page's ready reads the incidents
            return
        if ids or timed:
            self._request()
        if extras:
            self._read_extras()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale_page:
            self.load()
        else:
            if self._stale:
                self._request()
            if self._stale_extras:
                self._read_extras()
        self._stale = self._stale_extras = False

    def _on_filter(self, _f: IncidentFilter) -> None:
        self._need_full = True
        self._request()
        if self.measure in LIVE_MEASURES or self.mode == "heat":
            self._read_extras()

    # -- incidents ------------------------------------------------------------------------------
    def _request(self) -> None:
        """Incidents to send: keep their place in the page's call order (a call made after this one,
        such as a highlight, runs after the markers it may need), then read when the worker is free."""
        if not self.map.is_ready:
            return  # the page's ready reads everything
        if not self.isVisible():
            self._stale = True
            return
        if self._next_slot is None:
            self._next_slot = self.map.reserve()
        self._submit()

    def _submit(self) -> None:
        # One read in flight: changes that come meanwhile go into the next one, so a busy feed never
        # starves the map of results.
        if self._reads.busy("incidents"):
            return
        slot, self._next_slot = self._next_slot, None
        if not (self._need_full or self._unapplied):
            if slot is not None:
                self.map.fill(slot, None)
            return
        if slot is None:
            if not self.isVisible():
                self._stale = True  # what came in while the last read ran waits until the map is shown
                return
            slot = self.map.reserve()
        desk, serial, shown, f = self._desk, self._page_serial, dict(self._shown), self.incident_filter
        full = self._need_full
        ids = frozenset(self._unapplied)
        page = self._to_page
        if full:
            def read() -> _Update:
                return _full_update(page(desk.map_incidents(f)), shown)
        else:
            def read() -> _Update:
                upsert, gone = desk.map_incident_diff(ids, f)
                return _diff_update((page(upsert), gone), shown)
        self._reads.run("incidents", read,
                        lambda update: self._apply(update, slot, serial, full, ids, f),
                        lambda exc: self._failed(exc, slot))

    def _apply(self, update: _Update, slot: PageCall, serial: int, full: bool, covered: frozenset[int],
               f: IncidentFilter) -> None:
        if serial != self._page_serial:
            self.map.fill(slot, None)  # made for a page that has been replaced; the new one reads anew
            self._submit()
            return
        self.map.fill(slot, "".join(update.scripts) or None)
        self._shown.update(update.shown)
        for i in update.gone:
            self._shown.pop(i, None)
        if full and f == self.incident_filter:
            self._need_full = False
        self._unapplied -= covered
        self.pushes += 1
        self.incidents_pushed.emit()
        self._submit()
        self._check_drawn()

    def _failed(self, exc: BaseException, slot: PageCall) -> None:
        # A locked or vanished file: keep what the page shows; the next change or tick reads it all.
        log.warning("reading the map's incidents failed: %s", type(exc).__name__)
        self.map.fill(slot, None)
        self._need_full = True
        if self._next_slot is not None:
            slot, self._next_slot = self._next_slot, None
            self.map.fill(slot, None)

    @property
    def shown_incidents(self) -> int:
        """How many incident markers the page has been sent."""
        return len(self._shown)

    # -- overlays, grid fill, heat ----------------------------------------------------------------
    def _read_extras(self) -> None:
        """Staff positions, gauges and patrol coverage; the grid fill and the heat layer if shown."""
        if not self.map.is_ready:
            return
        if not self.isVisible():
            self._stale_extras = True
            return
        desk, measure, mode, f, serial = self._desk, self.measure, self.mode, self.incident_filter, self._page_serial

        page, shifted = self._to_page, self._shift

        def read() -> tuple[dict[str, Any], dict[str, object] | None, list[str]]:
            overlays = {role: page(fc) for role, fc in desk.map_overlays().items()}
            scripts = [f"window.desk.setOverlay({_js(role)},{_js(fc)});" for role, fc in overlays.items()]
            values = None
            if measure:
                values = {str(k): v for k, v in desk.grid_measure(measure, f).items()}
                scripts.append(f"window.desk.setGridMeasure({_js(measure)},{_js(values)});")
            if mode == "heat":
                points = desk.heat_points(f)
                if shifted:
                    points = [[*reversed(wgs84_to_gcj02(lon, lat)), w] for lat, lon, w in points]
                scripts.append(f"window.desk.setHeat({_js(points)});")
            return overlays, values, scripts

        def apply(result: tuple[dict[str, Any], dict[str, object] | None, list[str]]) -> None:
            overlays, values, scripts = result
            if serial == self._page_serial:
                self._overlays, self._measure_values = overlays, values
                self.map.run_js("".join(scripts))
            self._check_drawn()

        self._reads.run("extras", read, apply, lambda exc: log.warning("reading map overlays failed: %s",
                                                                       type(exc).__name__))

    def set_mode(self, mode: str) -> None:
        """Clustered markers, every marker, or the 30-day heat map."""
        if mode not in MODES or mode == self.mode:
            return
        self.mode = mode
        if not self._read_only and self.mode_box.currentData() != mode:
            self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
        self.map.run_js(f"window.desk.setIncidentMode({_js(mode)});")
        if mode == "heat":
            self._read_extras()

    def set_measure(self, measure: str) -> None:
        """Fill the grids by a measure ("" for no fill)."""
        if measure not in MEASURES or measure == self.measure:
            return
        self.measure = measure
        if not self._read_only and self.measure_box.currentData() != measure:
            self.measure_box.setCurrentIndex(self.measure_box.findData(measure))
        if measure:
            self._read_extras()
        else:
            self.map.run_js("window.desk.setGridMeasure(null,{});")

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
        self.info.setText(self.tr("Click on the map where the incident happened") if on else "")

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
        if self._shift:  # the page is drawn in GCJ-02 to match its tiles; the data is WGS-84
            lon, lat = gcj02_to_wgs84(lon, lat)
        self.register_at(lat, lon)

    def _to_page(self, fc: dict[str, Any]) -> dict[str, Any]:
        """Data as the page draws it: shifted to GCJ-02 when the base tiles are (runs on workers)."""
        return shift_geojson(fc) if self._shift else fc

    def _on_incident_clicked(self, incident_id: int) -> None:
        if self._read_only:
            return
        self.show_incident(incident_id)
        self.incident_activated.emit(incident_id)

    def show_incident(self, incident_id: int) -> None:
        """Highlight an incident (panning to it, opening its cluster) and show its card and steps."""
        self.map.highlight_incident(incident_id)
        if self._read_only:
            return
        detail = self._desk.incident_detail(incident_id)
        if detail is not None:
            self.card.show_incident(detail)

    def _on_item_chosen(self, incident_id: int) -> None:
        self.show_incident(incident_id)
        self.incident_activated.emit(incident_id)

    def _run_step(self, step: str, incident_id: int) -> None:
        dlg = self._actions.step_dialog(step, incident_id)
        dlg.accepted.connect(lambda: self.show_incident(incident_id))
        dlg.open()

    def _on_feature_clicked(self, role: str, ident: int) -> None:
        if self._read_only or role not in ("grids", "cells"):
            return
        self.show_area(role, ident)

    def show_area(self, role: str, ident: int) -> None:
        """Outline a grid or police cell and show its card."""
        card = self._desk.area_card(role, ident)
        if card is None:
            return
        self.map.run_js(f"window.desk.selectFeature({_js(role)},{_js(int(ident))});")
        self.card.show_area(card)

    def focus(self, role: str, ident: int) -> None:
        """Show any object on the map (a hazard point, a shelter, a patrol area, a grid...)."""
        self.map.focus(role, int(ident))
        if role in ("grids", "cells") and not self._read_only:
            self.show_area(role, ident)
        elif role == "incidents":
            self.show_incident(ident)

    def show_hit(self, hit: object) -> None:
        """Take a search hit: a grid, cell or village is focused; an incident is selected; a group or an
        address gets a marker, and on an armed register pick it is the point registered."""
        kind, ident = getattr(hit, "kind"), getattr(hit, "id")
        role = {"grid": "grids", "cell": "cells", "unit": "units", "incident": "incidents"}.get(kind)
        if role is not None and ident is not None:
            self.focus(role, int(ident))
            if role == "incidents":
                self.incident_activated.emit(int(ident))
            return
        lon, lat = float(getattr(hit, "lon")), float(getattr(hit, "lat"))
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                   "properties": {"id": 1, "name": getattr(hit, "label")}}
        marker = self._to_page({"type": "FeatureCollection", "features": [feature]})
        self.map.run_js(f"window.desk.setOverlay('search',{_js(marker)});")
        self.map.focus("search", 1)
        if self._picking:
            self.register_at(lat, lon)

    # -- export ---------------------------------------------------------------------------------
    def export_html(self, out_dir: Path) -> Path | None:
        """The map as it is now (incidents, overlays, fill) as a folder that opens in any browser."""
        if self._page_file is None:
            return None
        incidents = {"type": "FeatureCollection", "features": [json.loads(js) for js in self._shown.values()]}
        measure = (self.measure, self._measure_values or {}) if self.measure else None
        from desk.map.export import export_html

        try:
            return export_html(self._page_file, Path(out_dir), incidents, self._overlays, measure)
        except OSError as exc:
            log.warning("map export failed: %s", exc)
            return None

    def export_png(self, path: Path) -> Path | None:
        """What the map shows, as a PNG picture."""
        return Path(path) if self.map.save_png(Path(path)) else None
