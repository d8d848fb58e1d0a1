"""MapWidget: the folium-built map page in a QWebEngineView, talking to Python over QWebChannel.

Same shape as Anki's aqt/webview.py: qwebchannel.js is injected as a QWebEngineScript, the page
calls a bridge QObject, and JS calls made before the page is ready are queued, then flushed in
order once the page says so. Nothing ever blocks on a nested event loop.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFile, QIODevice, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

log = logging.getLogger(__name__)
js_log = logging.getLogger("desk.map.js")

BRIDGE_NAME = "deskBridge"
_MAIN_WORLD = QWebEngineScript.ScriptWorldId.MainWorld.value
# Schemes a local page legitimately uses; anything else (http, https, ws, ftp...) is refused, unless
# it starts with a prefix the widget was told to allow (an intranet tile server: allow_prefix).
# desk-tiles: MBTiles the app serves itself (a URL scheme handler installed elsewhere).
_LOCAL_SCHEMES = frozenset({"file", "qrc", "data", "blob", "about", "desk-tiles"})
_PREFIX_SCHEMES = ("http", "https")
INCIDENT_MODES = ("cluster", "points", "heat")
GRID_MEASURES = ("open", "card", "households", "population", "visits_overdue")
OVERLAYS = ("staff", "gauges", "coverage", "search")
# Diagnostics lists are capped: the wall display runs for weeks.
_KEEP = 200

# Runs after qwebchannel.js in the same injected script. The page's desk-map.js and this
# channel may come up in either order; each side looks for the other (see attachHost).
_CONNECT_JS = """
;(function () {
  "use strict";
  if (typeof qt === "undefined" || !qt.webChannelTransport) {
    console.error("desk: qt.webChannelTransport is missing; the map cannot report clicks");
    return;
  }
  new QWebChannel(qt.webChannelTransport, function (channel) {
    var host = channel.objects.%s;
    window.__deskHost = host;
    if (window.desk && window.desk.attachHost) window.desk.attachHost(host);
  });
})();
""" % BRIDGE_NAME


def _bridge_script() -> QWebEngineScript:
    source = QFile(":/qtwebchannel/qwebchannel.js")
    if not source.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(f"cannot read qwebchannel.js from Qt resources: {source.errorString()}")
    try:
        qwebchannel_js = bytes(source.readAll().data()).decode("utf-8")
    finally:
        source.close()
    script = QWebEngineScript()
    script.setName("desk-bridge")
    script.setSourceCode(qwebchannel_js + _CONNECT_JS)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(_MAIN_WORLD)
    script.setRunsOnSubFrames(False)
    return script


def _to_js(value: Any) -> str:
    """A JSON literal is a JS literal; NaN is refused rather than sent as an invalid value."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


# The page's incident calls as code: pure functions, so a worker thread can build a large update's
# JSON and the GUI thread only hands the text to the page.
def set_incidents_js(fc: Mapping[str, Any]) -> str:
    return f"window.desk.setIncidents({_to_js(fc)});"


def upsert_incidents_js(fc: Mapping[str, Any]) -> str:
    return f"window.desk.upsertIncidents({_to_js(fc)});"


def remove_incidents_js(ids: Iterable[int]) -> str:
    return f"window.desk.removeIncidents({_to_js([int(i) for i in ids])});"


def encode_feature(feature: Mapping[str, Any]) -> str:
    """One feature as the JSON the page receives (equal texts: the page would draw the same marker)."""
    return _to_js(feature)


def encoded_incidents_js(encoded: Iterable[str], replace: bool = False) -> str:
    """setIncidents (replace) or upsertIncidents with features already encoded by `encode_feature`."""
    method = "setIncidents" if replace else "upsertIncidents"
    return f'window.desk.{method}({{"type":"FeatureCollection","features":[{",".join(encoded)}]}});'


@dataclass
class PageCall:
    """One call to the page, waiting its turn; a reserved place is not `filled` yet."""

    code: str | None
    callback: Callable[[Any], None] | None
    filled: bool = True


class _Bridge(QObject):
    """The object the page calls. Slot names are camelCase because JS calls them by name."""

    page_ready = Signal()
    frame_painted = Signal()
    map_clicked = Signal(float, float)
    incident_clicked = Signal(int)
    feature_clicked = Signal(str, int)

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 - called from JS
        self.page_ready.emit()

    @Slot()
    def framePainted(self) -> None:  # noqa: N802
        self.frame_painted.emit()

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:  # noqa: N802
        self.map_clicked.emit(lat, lon)

    @Slot(int)
    def incidentClicked(self, incident_id: int) -> None:  # noqa: N802
        self.incident_clicked.emit(incident_id)

    @Slot(str, int)
    def featureClicked(self, role: str, feature_id: int) -> None:  # noqa: N802
        self.feature_clicked.emit(role, feature_id)


class _LocalOnly(QWebEngineUrlRequestInterceptor):
    """Refuses every request that would leave the machine, whatever the page asks for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []
        self.prefixes: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        if url.scheme().lower() in _LOCAL_SCHEMES:
            return
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        if any(text.startswith(prefix) for prefix in self.prefixes):
            return
        info.block(True)
        log.warning("map page: blocked request to %s", url.toString())
        self.blocked.append(url.toString())
        del self.blocked[:-_KEEP]


class _Page(QWebEnginePage):
    """Keeps navigation local and sends console output to logging, not to Qt's log:
    the page's messages are ours to judge, and Qt's "js" category would be noise."""

    # A new document is coming in the main frame. (loadStarted is no use for this: Qt emits it
    # for refused navigations too, while the current document stays.)
    navigation_accepted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.js_errors: list[str] = []

    def acceptNavigationRequest(self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:  # noqa: N802
        url = QUrl(url)
        if url.scheme().lower() not in ("file", "about", "data"):
            log.warning("map page: refused navigation to %s", url.toString())
            return False
        if is_main_frame:
            self.navigation_accepted.emit()
        return True

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str,
                                 line: int, source: str) -> None:  # noqa: N802
        text = f"{source.rsplit('/', 1)[-1]}:{line}: {message}"
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            js_log.error("%s", text)
            self.js_errors.append(text)
            del self.js_errors[:-_KEEP]
        elif level == QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel:
            js_log.warning("%s", text)
        else:
            js_log.info("%s", text)


class MapWidget(QWidget):
    """The grid map. Load a page from desk.map.page.build_page, then push incidents.

    Calls made before the page is ready are queued and replayed in order. A reload starts a
    fresh page: wait for `ready` again and push the current incidents then. A place reserved in
    the order (`reserve`) holds back later calls until it is filled (`fill`).
    """

    ready = Signal()
    frame_painted = Signal()  # the page painted what was pushed before request_frame()
    map_clicked = Signal(float, float)  # lat, lon of a pick-mode click
    incident_clicked = Signal(int)  # incident id
    feature_clicked = Signal(str, int)  # role ("grids", "cells", "hazards", "staff"...), feature id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        # Calls in call order; a reserved place holds back the calls after it until it is filled.
        self._pending: list[PageCall] = []

        self._view = QWebEngineView(self)
        # No Back/Reload/Inspect menu on an operator's map.
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._page = _Page(self._view)
        self._interceptor = _LocalOnly(self._page)
        self._page.setUrlRequestInterceptor(self._interceptor)

        settings = self._page.settings()
        attr = QWebEngineSettings.WebAttribute
        settings.setAttribute(attr.LocalContentCanAccessFileUrls, True)  # leaflet.js etc. are files
        settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attr.JavascriptCanOpenWindows, False)
        settings.setAttribute(attr.HyperlinkAuditingEnabled, False)
        settings.setAttribute(attr.DnsPrefetchEnabled, False)
        settings.setAttribute(attr.ErrorPageEnabled, False)

        self._bridge = _Bridge(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject(BRIDGE_NAME, self._bridge)
        self._page.setWebChannel(self._channel, _MAIN_WORLD)
        self._page.scripts().insert(_bridge_script())
        self._view.setPage(self._page)

        self._page.navigation_accepted.connect(self._on_navigation)
        self._page.loadFinished.connect(self._on_load_finished)
        self._bridge.page_ready.connect(self._on_page_ready)
        self._bridge.frame_painted.connect(self.frame_painted)
        self._bridge.map_clicked.connect(self.map_clicked)
        self._bridge.incident_clicked.connect(self.incident_clicked)
        self._bridge.feature_clicked.connect(self.feature_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

    # ---- page life cycle ----

    def load_page(self, path: Path) -> None:
        """Load a page written by build_page (by file URL: no size limit, relative files work)."""
        self._ready = False
        self._view.load(QUrl.fromLocalFile(str(Path(path).resolve())))

    def set_background(self, color: str) -> None:
        """The colour shown before the page paints (the theme's map background), to avoid a flash."""
        self._page.setBackgroundColor(QColor(color))

    @property
    def is_ready(self) -> bool:
        return self._ready

    @property
    def view(self) -> QWebEngineView:
        return self._view

    @property
    def js_errors(self) -> list[str]:
        """The latest console errors from the page (each is also logged to desk.map.js)."""
        return self._page.js_errors

    @property
    def blocked_urls(self) -> list[str]:
        """The latest non-local URLs the page tried to fetch and was refused (also logged)."""
        return self._interceptor.blocked

    def allow_prefix(self, prefix: str) -> None:
        """Let requests whose URL starts with exactly this prefix through (an intranet tile server,
        e.g. "http://10.1.2.3/tiles/"); every other http(s) request stays refused and recorded.

        The prefix must be http(s) with a host and at least the "/" after it, so that
        "http://tiles" cannot let "http://tiles.example.com" through. Call it before load_page: the
        page may then reach remote URLs at all (the interceptor is what limits them to the prefix), and
        that setting reaches a page already loaded only later."""
        url = QUrl(prefix, QUrl.ParsingMode.StrictMode)
        if (not url.isValid() or url.scheme().lower() not in _PREFIX_SCHEMES or not url.host()
                or not url.path().startswith("/") or url.hasQuery() or url.hasFragment()):
            raise ValueError(f"not an http(s) URL prefix with a host and a path: {prefix!r}")
        normal = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        if normal not in self._interceptor.prefixes:
            self._interceptor.prefixes.append(normal)
        self._page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)

    @property
    def allowed_prefixes(self) -> list[str]:
        return list(self._interceptor.prefixes)

    def _on_navigation(self) -> None:
        self._ready = False  # calls queue until the new document reports ready

    def _on_load_finished(self, ok: bool) -> None:
        # A refused or aborted navigation also ends with ok=False, but the ready page stays.
        if not ok and not self._ready:
            log.error("map page failed to load: %s", self._page.url().toString())

    def _on_page_ready(self) -> None:
        self._ready = True
        self._drain()
        self.ready.emit()

    def request_frame(self) -> None:
        """Have the page report (`frame_painted`) once it has painted everything pushed so far.

        Two animation frames: the first lays out what earlier calls changed, the second runs after
        that frame was handed to the compositor. Queued like any call until the page is ready."""
        self.run_js("requestAnimationFrame(function () { requestAnimationFrame(function () {"
                    " if (window.__deskHost) window.__deskHost.framePainted(); }); });")

    # ---- running JS ----

    def run_js(self, code: str) -> None:
        """Run code in the page now if it is ready, otherwise once it is (in call order)."""
        self._submit(code, None)

    def evaluate(self, code: str, callback: Callable[[Any], None]) -> None:
        """Like run_js, and hand the expression's value to callback (asynchronously).

        Values cross as QVariant: numbers arrive as float, and JS null/undefined as "" (so test
        for null in the expression itself, e.g. `x === null`)."""
        self._submit(code, callback)

    def reserve(self) -> PageCall:
        """Hold a place in the call order for code that is still being prepared (an incident update
        read on a worker): later calls wait for it, so the page sees them in the order they were made.
        Fill the place with `fill`, with None if there is nothing to run after all."""
        call = PageCall(None, None, filled=False)
        self._pending.append(call)
        return call

    def fill(self, call: PageCall, code: str | None) -> None:
        """Fill a reserved place; it and the calls waiting behind it run now if the page is ready."""
        if call.filled:
            return
        call.code, call.filled = code, True
        self._drain()

    @property
    def waiting(self) -> int:
        """Calls not run yet (the page is not ready, or they wait behind a reserved place)."""
        return len(self._pending)

    def _submit(self, code: str, callback: Callable[[Any], None] | None) -> None:
        if self._ready and not self._pending:
            self._execute(code, callback)
        else:
            self._pending.append(PageCall(code, callback))

    def _drain(self) -> None:
        while self._ready and self._pending and self._pending[0].filled:
            call = self._pending.pop(0)
            if call.code is not None:
                self._execute(call.code, call.callback)

    def _execute(self, code: str, callback: Callable[[Any], None] | None) -> None:
        if callback is None:
            self._page.runJavaScript(code, _MAIN_WORLD)
        else:
            self._page.runJavaScript(code, _MAIN_WORLD, callback)

    # ---- the page API (see resources/web/desk-map/desk-map.js) ----

    def set_incidents(self, fc: Mapping[str, Any]) -> None:
        """Replace all incident markers with the features of a FeatureCollection."""
        self.run_js(set_incidents_js(fc))

    def upsert_incidents(self, fc: Mapping[str, Any]) -> None:
        """Add or update incidents, matched by properties.id."""
        self.run_js(upsert_incidents_js(fc))

    def remove_incidents(self, ids: Iterable[int]) -> None:
        self.run_js(remove_incidents_js(ids))

    def set_pick_mode(self, on: bool) -> None:
        """Crosshair cursor; the next click on the map emits map_clicked and ends pick mode."""
        self.run_js(f"window.desk.setPickMode({_to_js(bool(on))});")

    def fly_to(self, lat: float, lon: float, zoom: int = 15) -> None:
        self.run_js(f"window.desk.flyTo({_to_js(float(lat))}, {_to_js(float(lon))}, {_to_js(int(zoom))});")

    def highlight_incident(self, incident_id: int | None) -> None:
        """Ring one incident (None clears the highlight); a clustered one is zoomed in to."""
        value = None if incident_id is None else int(incident_id)
        self.run_js(f"window.desk.highlightIncident({_to_js(value)});")

    def set_incident_mode(self, mode: str) -> None:
        """"cluster" (grouped when zoomed out), "points" (every incident) or "heat" (the heat layer)."""
        if mode not in INCIDENT_MODES:
            raise ValueError(f"unknown incident mode {mode!r}; expected one of {', '.join(INCIDENT_MODES)}")
        self.run_js(f"window.desk.setIncidentMode({_to_js(mode)});")

    def set_heat(self, points: Iterable[tuple[float, float, float] | tuple[float, float]]) -> None:
        """The heat layer's points: (lat, lon[, weight]) each, e.g. every incident of the last 30 days."""
        self.run_js(f"window.desk.setHeat({_to_js([[float(v) for v in p] for p in points])});")

    def set_grid_measure(self, measure: str | None, values: Mapping[int | str, float | str | None] | None = None,
                         opts: Mapping[str, Any] | None = None) -> None:
        """Fill the grids by a measure ("open", "card", "households", "population"; None clears): values
        by grid id (numbers, or "none"/"yellow"/"red" for "card"); opts {"title": str, "breaks": [..]}."""
        if measure is not None and measure not in GRID_MEASURES:
            raise ValueError(f"unknown grid measure {measure!r}; expected one of {', '.join(GRID_MEASURES)}")
        data = {str(k): v for k, v in (values or {}).items()}
        self.run_js(f"window.desk.setGridMeasure({_to_js(measure)}, {_to_js(data)}, {_to_js(dict(opts or {}))});")

    def set_overlay(self, role: str, fc: Mapping[str, Any]) -> None:
        """Replace a live overlay: "staff", "gauges", "coverage" or "search" (see desk-map.js)."""
        if role not in OVERLAYS:
            raise ValueError(f"unknown overlay {role!r}; expected one of {', '.join(OVERLAYS)}")
        self.run_js(f"window.desk.setOverlay({_to_js(role)}, {_to_js(fc)});")

    def select_feature(self, role: str | None, feature_id: int | None = None) -> None:
        """Outline one feature (None clears the outline)."""
        value = None if feature_id is None else int(feature_id)
        self.run_js(f"window.desk.selectFeature({_to_js(role)}, {_to_js(value)});")

    def focus(self, role: str, feature_id: int, callback: Callable[[bool], None] | None = None) -> None:
        """Bring a feature of any role into view with a brief pulse; callback(found) if given."""
        code = f"window.desk.focus({_to_js(role)}, {_to_js(int(feature_id))}) === true"
        if callback is None:
            self.run_js(code)
        else:
            self.evaluate(code, lambda value: callback(value is True))

    def save_png(self, path: Path | str) -> bool:
        """Save what the view shows now as a PNG; False if it shows nothing yet (a blank view) or the
        file cannot be written. Push, request_frame and wait for frame_painted first to include the
        latest data."""
        image = self._view.grab().toImage()
        if image.isNull() or _blank(image):
            log.warning("map picture not saved: the view shows nothing yet")
            return False
        return bool(image.save(str(path), "PNG"))  # type: ignore[call-overload]  # str at run time (PySide)


def _blank(image: QImage) -> bool:
    """A view that has not painted is one colour (the page background, or black offscreen)."""
    step = max(1, min(image.width(), image.height()) // 40)
    first = image.pixel(0, 0)
    return all(image.pixel(x, y) == first for x in range(0, image.width(), step)
               for y in range(0, image.height(), step))
