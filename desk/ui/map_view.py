"""Live grid map: governance grids and police cells overlaid, stations, hazards, shelters, routes,
and open incidents coloured by card, updated from change events without reloading the page.

Everything the map reads runs on a worker (`desk.ui.worker.Reads`): the page (base layers and the
folium build) and the incidents. What the page shows is remembered per incident, as the JSON it was
sent, so an update sends only the markers that differ: a minute tick that turns five cards red pushes
five markers, not every one. A hidden map reads nothing; it notes what it missed and catches up with
one read when shown (a diff of the incidents it missed, or one full read after a tick or a reload)."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QVBoxLayout, QWidget

from desk.domain.changes import ChangeSet, Entity
from desk.map.page import MapLayers, build_page
from desk.map.widget import MapWidget, PageCall, encode_feature, encoded_incidents_js, remove_incidents_js
from desk.ui import theme
from desk.ui.incident_actions import IncidentActions
from desk.ui.labels import keys, label
from desk.ui.widgets import CardBadge
from desk.ui.translate_noop import QT_TRANSLATE_NOOP
from desk.ui.worker import Reads

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.incident_dialogs import RegisterDialog

log = logging.getLogger(__name__)

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


class MapView(QWidget):
    """The map tab (and the wall's map, read-only).

    Registering starts here: the window's `incident.register` action is handed in, shown on this
    toolbar, and arms click-to-register; the next click opens the register dialog at that point."""

    incident_activated = Signal(int)
    incidents_pushed = Signal()  # an incident read has been handed to the page (tests wait on it)

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
        self._reads = Reads(self)
        # What the page shows (id → the feature as sent) and what it still has to be told.
        self._shown: dict[int, str] = {}
        self._need_full = True
        self._unapplied: set[int] = set()
        self._next_slot: PageCall | None = None  # the place in the page's call order kept for the next read
        self._page_serial = 0  # a new page shows nothing: reads made for the old one are void
        self._stale = False  # incidents changed while hidden
        self._stale_page = False  # the static layers changed while hidden
        self.pushes = 0  # incident reads handed to the page (tests count them)
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
        """Build the page (base layers and folium, on a worker) and load it; the incidents follow."""
        self._stale_page = False
        lang = "en" if QLocale().language() == QLocale.Language.English else "zh_CN"
        name = theme.current_name()
        values = {kind: {key: label(kind, key) for key in keys(kind)} for kind in ("risk", "patrol_area", "theme")}
        texts = {key: QCoreApplication.translate("MapPage", text) for key, text in PAGE_LABELS.items()}
        desk, out = self._desk, Path(self._pages.path())

        def build() -> Path:
            return build_page(MapLayers(**desk.map_layers()), out, name, lang, value_labels=values, labels=texts)

        self.map.set_background("#0d1520" if name == "dark" else "#eef1f4")
        self._reads.run("page", build, self.map.load_page)

    def _on_ready(self) -> None:
        # A new page shows no incidents: everything goes to it, whatever was sent to the old one.
        self._page_serial += 1
        self._shown = {}
        self._need_full = True
        if self._picking:
            self.map.set_pick_mode(True)  # a rebuilt page starts out of pick mode
        self._request()

    def _on_changes(self, changes: ChangeSet) -> None:
        static = changes.touches(*STATIC)
        timed = changes.touches(Entity.CLOCK, Entity.DATABASE)
        ids = changes.ids(Entity.INCIDENT)
        if not (static or timed or ids):
            return
        self._stale_page |= static
        self._need_full |= timed  # cards turn yellow and red with the clock, not only with writes
        self._unapplied |= ids
        if len(self._unapplied) > FULL_READ_ABOVE:
            self._need_full = True
        if not self.isVisible():
            self._stale = True  # read when shown, once
            return
        if self._stale_page:
            self.load()  # the new page's ready reads the incidents
        else:
            self._request()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale_page:
            self.load()
        elif self._stale:
            self._request()
        self._stale = False

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
        desk, serial, shown = self._desk, self._page_serial, dict(self._shown)
        full = self._need_full
        ids = frozenset(self._unapplied)
        if full:
            def read() -> _Update:
                return _full_update(desk.map_incidents(), shown)
        else:
            def read() -> _Update:
                return _diff_update(desk.map_incident_diff(ids), shown)
        self._reads.run("incidents", read,
                        lambda update: self._apply(update, slot, serial, full, ids),
                        lambda exc: self._failed(exc, slot))

    def _apply(self, update: _Update, slot: PageCall, serial: int, full: bool, covered: frozenset[int]) -> None:
        if serial != self._page_serial:
            self.map.fill(slot, None)  # made for a page that has been replaced; the new one reads anew
            self._submit()
            return
        self.map.fill(slot, "".join(update.scripts) or None)
        self._shown.update(update.shown)
        for i in update.gone:
            self._shown.pop(i, None)
        if full:
            self._need_full = False
        self._unapplied -= covered
        self.pushes += 1
        self.incidents_pushed.emit()
        self._submit()

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
