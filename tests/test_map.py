"""The grid map: the folium page (no network, local assets) and MapWidget's JS bridge."""
from __future__ import annotations

import os

# Before PySide6 is imported and any QApplication exists: headless Chromium, no GPU, and no
# sandbox (it cannot start as root in a container). The lead's conftest should own these.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

import copy  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import unquote, urlparse  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtWebEngineCore import QWebEngineSettings  # noqa: E402

from desk.map import MapLayers, build_page, render_page  # noqa: E402
from desk.map.page import PAGE_SCRIPTS, PAGE_STYLES, RESOURCES_DIR, data_bounds  # noqa: E402
from desk.map.widget import MapWidget  # noqa: E402


def _square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _incident(incident_id: int, card: str, lon: float, lat: float) -> dict[str, Any]:
    return _feature(_point(lon, lat), id=incident_id, code=f"SJ-{incident_id:04d}",
                    title=f"邻里纠纷 {incident_id}", card=card, status="handling", category="矛盾纠纷")


@pytest.fixture
def layers() -> MapLayers:
    """Two grids side by side and one police cell straddling both: the overlap the map is for."""
    return MapLayers(
        grids=_collection(
            _feature(_square(110.00, 30.00, 110.01, 30.01), id=1, code="G-01", name="青山一网格",
                     unit="青山村", kind="basic"),
            _feature(_square(110.01, 30.00, 110.02, 30.01), id=2, code="G-02", name="集镇专属网格",
                     unit="青山村", kind="special"),
        ),
        cells=_collection(
            _feature(_square(110.005, 30.002, 110.015, 30.008), id=1, code="JG-01", name="一号警格",
                     officers="王警官"),
        ),
        units=_collection(_feature(_square(109.999, 29.999, 110.021, 30.011), id=1, name="青山村")),
        areas=_collection(_feature(_square(110.012, 30.004, 110.018, 30.009), id=1, name="集镇主街",
                                   kind="street")),
        workstations=_collection(_feature(_point(110.010, 30.006), id=1, name="青山警网融合工作站",
                                          theme="人民调解纾困")),
        hazards=_collection(_feature(_point(110.003, 30.003), id=1, name="后山滑坡点", risk="高",
                                     households=5, persons=12)),
        shelters=_collection(_feature(_point(110.017, 30.002), id=1, name="党群服务中心",
                                      capacity=200, occupancy=0)),
        routes=_collection(_feature({"type": "LineString", "coordinates": [
            [110.003, 30.003], [110.010, 30.000], [110.017, 30.002]]}, id=1, name="一号撤离路线")),
        bounds=((30.0, 110.0), (30.01, 110.02)),
    )


@pytest.fixture
def page_path(layers: MapLayers, tmp_path: Path) -> Path:
    return build_page(layers, tmp_path)


# ---- the page (no Qt) ----

def test_page_has_no_remote_urls(page_path: Path) -> None:
    html = page_path.read_text(encoding="utf-8")
    assert "http://" not in html
    assert "https://" not in html
    assert "//cdn" not in html and "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_page_links_only_vendored_files(page_path: Path) -> None:
    html = page_path.read_text(encoding="utf-8")
    links = re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', html)
    assert [Path(unquote(urlparse(link).path)) for link in links] == [*PAGE_SCRIPTS, *PAGE_STYLES]
    for link in links:
        url = urlparse(link)
        assert url.scheme == "file", link
        path = Path(unquote(url.path))
        assert path.is_file(), link
        assert path.is_relative_to(RESOURCES_DIR / "web"), link


def test_page_themes_and_languages(layers: MapLayers) -> None:
    light = render_page(layers, labels={"cells": "警格"})
    dark = render_page(layers, theme="dark", lang="en")
    assert "--desk-background: #eef1f4" in light
    assert "--desk-background: #0d1520" in dark
    assert json.dumps("警格") in light  # folium writes labels as JSON (ASCII-escaped)
    assert '"Police cells"' in dark
    with pytest.raises(ValueError):
        render_page(layers, theme="neon")


def test_build_page_leaves_the_callers_data_alone(layers: MapLayers, tmp_path: Path) -> None:
    before = copy.deepcopy(layers)
    build_page(layers, tmp_path, theme="dark")
    assert layers == before


def test_bounds_default_to_the_data(layers: MapLayers) -> None:
    (south, west), (north, east) = data_bounds(layers)
    assert (south, west, north, east) == pytest.approx((29.999, 109.999, 30.011, 110.021))
    assert data_bounds(MapLayers()) is None
    assert "[[18.0, 73.0], [54.0, 135.0]]" in render_page(MapLayers())  # no geometry yet: China


# ---- the widget ----

def _js(qtbot, widget: MapWidget, expression: str) -> Any:
    with qtbot.waitCallback(timeout=5000) as callback:
        widget.evaluate(expression, callback)
    return callback.args[0]


def _canvas_pixel(qtbot, widget: MapWidget, layer: str, dx: float, dy: float) -> str:
    """The colour the shared canvas holds at a layer's point plus (dx, dy) pixels, as #rrggbb."""
    return _js(qtbot, widget, f"""(function (l) {{
        var r = window.desk._renderer, b = r._bounds, p = l._point;
        var d = r._ctx.getImageData(Math.round(p.x + {dx} - b.min.x), Math.round(p.y + {dy} - b.min.y), 1, 1).data;
        return '#' + [d[0], d[1], d[2]].map(v => v.toString(16).padStart(2, '0')).join('');
    }})({layer})""")


@pytest.fixture
def new_widget(qtbot) -> Iterator[Callable[[], MapWidget]]:
    """Makes MapWidgets and deletes them at teardown, pass or fail."""
    made: list[MapWidget] = []

    def make() -> MapWidget:
        widget = MapWidget()
        qtbot.addWidget(widget)
        made.append(widget)
        return widget

    yield make
    # Delete the pages now, not at interpreter exit: a page outliving the web profile makes Qt
    # warn "Release of profile requested but WebEnginePage still not deleted".
    for widget in made:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def map_widget(qtbot, new_widget: Callable[[], MapWidget], page_path: Path) -> Iterator[MapWidget]:
    widget = new_widget()
    widget.resize(800, 600)
    widget.show()
    with qtbot.waitSignal(widget.ready, timeout=20000):
        widget.load_page(page_path)
    assert widget.is_ready
    yield widget
    assert widget.js_errors == []
    assert widget.blocked_urls == []


THREE = _collection(
    _incident(1, "none", 110.004, 30.006),
    _incident(2, "yellow", 110.008, 30.004),
    _incident(3, "red", 110.014, 30.007),
)


def test_incidents_set_upsert_remove(qtbot, map_widget: MapWidget) -> None:
    map_widget.set_incidents(THREE)
    assert _js(qtbot, map_widget, "window.desk.incidentCount()") == 3
    assert _js(qtbot, map_widget, "window.desk.incidentCard(2)") == "yellow"
    assert _js(qtbot, map_widget, "window.desk.incidentCard(3)") == "red"
    # Shape, not only colour: carded incidents carry a badge (a dark square with a glyph).
    map_widget.request_frame()
    with qtbot.waitSignal(map_widget.frame_painted, timeout=5000):
        pass
    # (The badge's square sits at the circle's upper right: radius 9 for red, 8 for yellow.)
    assert _canvas_pixel(qtbot, map_widget, "window.desk._markers.get(3)", 9 - 2, -9 - 7) == "#3b0000"
    assert _canvas_pixel(qtbot, map_widget, "window.desk._markers.get(2)", 8 - 2, -8 - 7) == "#000000"
    assert _canvas_pixel(qtbot, map_widget, "window.desk._markers.get(1)", 0, 0) == "#607d8b"

    map_widget.upsert_incidents(_collection(_incident(2, "red", 110.009, 30.005)))
    assert _js(qtbot, map_widget, "window.desk.incidentCount()") == 3
    assert _js(qtbot, map_widget, "window.desk.incidentCard(2)") == "red"

    map_widget.remove_incidents([1])
    assert _js(qtbot, map_widget, "window.desk.incidentCount()") == 2
    assert _js(qtbot, map_widget, "window.desk.incidentCard(1) === null") is True

    # setIncidents replaces: what is not in the new set goes.
    map_widget.set_incidents(_collection(_incident(7, "none", 110.01, 30.005)))
    assert _js(qtbot, map_widget, "window.desk.incidentCount()") == 1


def test_a_reserved_place_holds_the_calls_made_after_it(qtbot, map_widget: MapWidget) -> None:
    # An update still being read on a worker keeps its turn: what is called meanwhile runs after it.
    from desk.map.widget import set_incidents_js

    place = map_widget.reserve()
    map_widget.upsert_incidents(_collection(_incident(2, "red", 110.009, 30.005)))
    assert map_widget.waiting == 2
    map_widget.fill(place, set_incidents_js(THREE))
    assert map_widget.waiting == 0
    assert _js(qtbot, map_widget, "window.desk.incidentCount()") == 3
    assert _js(qtbot, map_widget, "window.desk.incidentCard(2)") == "red"  # the later call came second
    # A place with nothing to run after all only lets the calls behind it go.
    place = map_widget.reserve()
    map_widget.remove_incidents([1])
    map_widget.fill(place, None)
    assert _js(qtbot, map_widget, "window.desk.incidentCount()") == 2


def test_frame_painted_follows_what_was_pushed(qtbot, map_widget: MapWidget) -> None:
    # The screenshot waits on this round trip instead of a timer: once it comes back, the
    # markers pushed before it are drawn on the page's canvas.
    map_widget.set_incidents(THREE)
    with qtbot.waitSignal(map_widget.frame_painted, timeout=5000):
        map_widget.request_frame()
    fills = {1: "#607d8b", 2: "#f9a825", 3: "#d32f2f"}
    for incident, fill in fills.items():
        assert _canvas_pixel(qtbot, map_widget, f"window.desk._markers.get({incident})", 0, 0) == fill


def test_frame_request_before_ready_waits_for_the_page(qtbot, new_widget, page_path: Path) -> None:
    widget = new_widget()
    widget.resize(400, 300)
    widget.show()
    widget.request_frame()
    with qtbot.waitSignals([widget.ready, widget.frame_painted], order="strict", timeout=20000):
        widget.load_page(page_path)


def test_calls_before_ready_are_queued_in_order(qtbot, new_widget, page_path: Path) -> None:
    widget = new_widget()
    widget.show()
    widget.set_incidents(THREE)
    widget.remove_incidents([3])
    assert not widget.is_ready
    with qtbot.waitSignal(widget.ready, timeout=20000):
        widget.load_page(page_path)
    assert _js(qtbot, widget, "window.desk.incidentCount()") == 2
    assert widget.js_errors == []


def test_page_loaded_hidden_fits_once_shown(qtbot, new_widget, page_path: Path) -> None:
    # Tabs and docks load the map before it is visible; it must not stay fitted to nothing.
    widget = new_widget()
    with qtbot.waitSignal(widget.ready, timeout=20000):
        widget.load_page(page_path)
    widget.resize(640, 480)
    widget.show()
    fitted = "window.desk._map.getBounds().pad(0.01).contains(window.desk._bounds)"
    qtbot.waitUntil(lambda: _js(qtbot, widget, "window.desk._map.getSize().x") == 640, timeout=5000)
    qtbot.waitUntil(lambda: _js(qtbot, widget, fitted) is True, timeout=5000)
    assert _js(qtbot, widget, "window.desk._map.getZoom()") >= 13
    assert widget.js_errors == []


def test_pick_mode_click_reaches_python(qtbot, map_widget: MapWidget) -> None:
    map_widget.set_pick_mode(True)
    assert _js(qtbot, map_widget, "window.desk.pickMode()") is True
    assert _js(qtbot, map_widget, "document.querySelector('.desk-pick') !== null") is True
    with qtbot.waitSignal(map_widget.map_clicked, timeout=5000) as blocker:
        map_widget.run_js("window.desk._reportClick(30.0051, 110.0072);")
    assert blocker.args == [pytest.approx(30.0051), pytest.approx(110.0072)]
    assert _js(qtbot, map_widget, "window.desk.pickMode()") is False  # one pick per request

    # The real Leaflet click handler takes the same path.
    map_widget.set_pick_mode(True)
    with qtbot.waitSignal(map_widget.map_clicked, timeout=5000) as blocker:
        map_widget.run_js("window.desk._map.fire('click', {latlng: L.latLng(30.002, 110.011)});")
    assert blocker.args == [pytest.approx(30.002), pytest.approx(110.011)]


def test_clicks_outside_pick_mode_are_not_reported(qtbot, map_widget: MapWidget) -> None:
    with qtbot.assertNotEmitted(map_widget.map_clicked, wait=300):
        map_widget.run_js("window.desk._map.fire('click', {latlng: L.latLng(30.002, 110.011)});")


def test_incident_click_reaches_python(qtbot, map_widget: MapWidget) -> None:
    map_widget.set_incidents(THREE)
    with qtbot.waitSignal(map_widget.incident_clicked, timeout=5000) as blocker:
        map_widget.run_js("window.desk._reportIncident(3);")
    assert blocker.args == [3]
    with qtbot.waitSignal(map_widget.incident_clicked, timeout=5000) as blocker:
        map_widget.run_js("window.desk._markers.get(2).fire('click', "
                          "{latlng: window.desk._markers.get(2).getLatLng()});")
    assert blocker.args == [2]


def test_highlight_and_fly_to(qtbot, map_widget: MapWidget) -> None:
    map_widget.set_incidents(THREE)
    map_widget.highlight_incident(2)
    assert _js(qtbot, map_widget, "window.desk.highlightedIncident()") == 2
    assert _js(qtbot, map_widget, "Array.from(window.desk._markers.values())"
                                  ".filter(m => m.deskState.highlighted).map(m => m.deskId).join()") == "2"
    map_widget.remove_incidents([2])
    assert _js(qtbot, map_widget, "window.desk.highlightedIncident() === null") is True
    map_widget.highlight_incident(None)
    map_widget.fly_to(30.005, 110.01, zoom=16)
    qtbot.waitUntil(lambda: _js(qtbot, map_widget, "window.desk._map.getZoom()") == 16, timeout=5000)


def test_remote_content_and_navigation_are_refused(qtbot, map_widget: MapWidget) -> None:
    map_widget.run_js("window.__remote = 'pending';"
                      "var img = new Image();"
                      "img.onload = () => { window.__remote = 'loaded'; };"
                      "img.onerror = () => { window.__remote = 'refused'; };"
                      "img.src = 'https://tile.example.invalid/1/1/1.png';")
    qtbot.waitUntil(lambda: _js(qtbot, map_widget, "window.__remote") != "pending", timeout=5000)
    assert _js(qtbot, map_widget, "window.__remote") == "refused"

    page_url = map_widget.view.url()
    map_widget.run_js("window.location.href = 'https://example.invalid/';")
    qtbot.wait(300)
    assert map_widget.view.url() == page_url
    assert _js(qtbot, map_widget, "window.desk.ready") is True
    map_widget.js_errors.clear()  # Chromium may report the refused load on the console


def test_interceptor_blocks_what_settings_would_let_through(qtbot, new_widget, page_path: Path) -> None:
    # Second line of defence: even with the setting flipped, nothing leaves the machine.
    # (Flipped before loading: a change on a live page reaches the renderer asynchronously.)
    widget = new_widget()
    settings = widget.view.page().settings()
    settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
    with qtbot.waitSignal(widget.ready, timeout=20000):
        widget.load_page(page_path)
    widget.run_js("new Image().src = 'https://tile.example.invalid/2/2/2.png';")
    qtbot.waitUntil(lambda: bool(widget.blocked_urls), timeout=5000)
    assert widget.blocked_urls == ["https://tile.example.invalid/2/2/2.png"]


def test_grab_shows_the_map(qtbot, map_widget: MapWidget) -> None:
    def colours() -> set[int]:
        image = map_widget.grab().toImage()
        return {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}

    # The first frame can lag the ready signal by a few milliseconds.
    qtbot.waitUntil(lambda: len(colours()) > 8, timeout=5000)
    image = map_widget.grab().toImage()
    assert image.width() == 800 and image.height() == 600
    assert image.pixelColor(400, 20).name() == "#eef1f4"  # the plain background, no tiles


def test_tooltips_name_things_in_the_operators_words(qtbot, new_widget, layers: MapLayers,
                                                     tmp_path: Path) -> None:
    widget = new_widget()
    widget.resize(800, 600)
    widget.show()
    page = build_page(layers, tmp_path, value_labels={"risk": {"高": "高风险"}, "patrol_area": {"street": "集镇主街"}},
                      labels={"card_red": "红牌"})
    with qtbot.waitSignal(widget.ready, timeout=20000):
        widget.load_page(page)
    widget.set_incidents(THREE)

    def tooltip(layer: str) -> str:
        return _js(qtbot, widget, f"(l => {{ l.openTooltip(); return l.getTooltip().getElement().textContent; }})"
                                  f"({layer})")

    hazard = tooltip("window.desk._layers.hazards.getLayers()[0]")
    assert "后山滑坡点" in hazard and "高风险" in hazard and "12" in hazard
    area = tooltip("window.desk._layers.areas.getLayers()[0]")
    assert "集镇主街" in area and "street" not in area
    incident = tooltip("window.desk._markers.get(3)")
    assert incident == "SJ-0003 邻里纠纷 3红牌"
    assert widget.js_errors == []


def test_wall_theme_in_english(qtbot, new_widget, layers: MapLayers, tmp_path: Path) -> None:
    widget = new_widget()
    widget.resize(640, 480)
    widget.show()
    with qtbot.waitSignal(widget.ready, timeout=20000):
        widget.load_page(build_page(layers, tmp_path, theme="dark", lang="en"))
    legend = _js(qtbot, widget, "document.querySelector('.desk-legend').textContent")
    assert "Police cells" in legend and "Red card" in legend
    qtbot.waitUntil(lambda: widget.grab().toImage().pixelColor(320, 10).name() == "#0d1520", timeout=5000)
    assert widget.js_errors == []


def test_real_mouse_click_in_pick_mode(qtbot, map_widget: MapWidget) -> None:
    map_widget.set_pick_mode(True)
    assert _js(qtbot, map_widget, "window.desk.pickMode()") is True
    expected = json.loads(_js(qtbot, map_widget,
                              "JSON.stringify(window.desk._map.containerPointToLatLng([400, 300]))"))
    target = map_widget.view.focusProxy()
    with qtbot.waitSignal(map_widget.map_clicked, timeout=5000) as blocker:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    # The operator's click, through Chromium, Leaflet and the bridge: same point within a pixel.
    assert blocker.args == [pytest.approx(expected["lat"], abs=1e-4), pytest.approx(expected["lng"], abs=1e-4)]


# ---- the map view over a database: reads on a worker, stale while hidden, only changes sent ----

@pytest.fixture
def map_view(zh_app, desk, qtbot):
    """The desk's map (read-only, as on the wall) in a shown window, its first incidents drawn; the
    reads it makes are recorded with the thread they ran on."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.map_view import MapView

    reads: list[tuple[str, bool]] = []
    for name in ("map_incidents", "map_incident_diff"):
        original = getattr(desk, name)

        def recorded(*args, _original=original, _name=name):
            reads.append((_name, threading.current_thread() is threading.main_thread()))
            return _original(*args)

        setattr(desk, name, recorded)
    bridge = ChangeBridge(desk, poll=False, clock=False)
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(800, 600)
    view = MapView(desk, bridge, read_only=True)
    QVBoxLayout(host).addWidget(view)
    with qtbot.waitSignal(view.drawn, timeout=30000):  # incidents, overlays and fill all handed over
        host.show()
    view.reads = reads
    yield view
    bridge.stop()
    assert view.map.js_errors == []


def _open_cards(desk) -> dict[int, str]:
    return {f["properties"]["id"]: f["properties"]["card"] for f in desk.map_incidents()["features"]}


def _register(desk, n: int) -> list[int]:
    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft

    p = shape(desk.map_layers()["grids"]["features"][1]["geometry"]).representative_point()
    return [desk.incidents.register(desk.actor, IncidentDraft(f"地图测试{i}", item_type="邻里纠纷", source="patrol",
                                                              lon=p.x, lat=p.y))[0] for i in range(n)]


def test_the_map_reads_its_incidents_on_a_worker(qtbot, map_view, desk) -> None:
    assert map_view.reads == [("map_incidents", False)]  # the first read, off the GUI thread
    count = len(desk.map_incidents()["features"])
    assert map_view.shown_incidents == count
    assert _js(qtbot, map_view.map, "window.desk.incidentCount()") == count


def test_a_hidden_map_reads_nothing_and_catches_up_once_when_shown(qtbot, map_view, desk) -> None:
    bridge_reads = map_view.reads  # what the view read (through the desk's read models)
    before = map_view.shown_incidents
    pushes = map_view.pushes
    map_view.hide()
    new = _register(desk, 3)  # published on the hub: the map hears of each one
    assert not map_view._reads.busy() and bridge_reads == [("map_incidents", False)]
    # Shown again: one read of the three it missed, by id.
    with qtbot.waitSignal(map_view.incidents_pushed, timeout=10000):
        map_view.show()
    assert bridge_reads[1:] == [("map_incident_diff", False)] and map_view.pushes == pushes + 1
    assert _js(qtbot, map_view.map, "window.desk.incidentCount()") == before + 3
    assert _js(qtbot, map_view.map, f"window.desk.incidentCard({new[0]})") == "none"

    # A tick while hidden (cards move with time) and more writes: still one read when shown, a full one.
    map_view.hide()
    _register(desk, 2)
    desk.tick()
    assert len(bridge_reads) == 2 and not map_view._reads.busy()
    with qtbot.waitSignal(map_view.incidents_pushed, timeout=10000):
        map_view.show()
    assert bridge_reads[2:] == [("map_incidents", False)] and map_view.pushes == pushes + 2
    assert _js(qtbot, map_view.map, "window.desk.incidentCount()") == before + 5


def test_a_tick_sends_only_the_markers_whose_card_changed(qtbot, map_view, desk, clock) -> None:
    from datetime import timedelta

    mark = "window.desk._markers.forEach(m => { m.feature.__sent = 1; }); true"
    resent = "Array.from(window.desk._markers.values()).filter(m => m.feature.__sent !== 1).length"
    # Nothing changed: the tick reads, and the page is sent nothing.
    assert _js(qtbot, map_view.map, mark) is True
    with qtbot.waitSignal(map_view.incidents_pushed, timeout=10000):
        desk.tick()
    assert _js(qtbot, map_view.map, resent) == 0
    # Time moves on until some cards turn (police matters at 24 h, grid matters at 3 and 6 days).
    before = _open_cards(desk)
    for hours in (6, 12, 24, 36, 48, 72, 96, 144):
        clock.now += timedelta(hours=hours)
        after = _open_cards(desk)
        changed = {i for i in after if after[i] != before[i]}
        if changed:
            break
    assert 0 < len(changed) < len(after)
    with qtbot.waitSignal(map_view.incidents_pushed, timeout=10000):
        desk.tick()
    assert _js(qtbot, map_view.map, resent) == len(changed)  # those markers, and no other
    some = min(changed)
    assert _js(qtbot, map_view.map, f"window.desk.incidentCard({some})") == after[some]


def test_a_call_made_after_a_change_waits_for_its_marker(qtbot, map_view, desk) -> None:
    # The new incident's marker comes from a worker; a highlight asked for at once still finds it.
    [new] = _register(desk, 1)
    map_view.map.highlight_incident(new)
    assert _js(qtbot, map_view.map, "window.desk.highlightedIncident()") == new
