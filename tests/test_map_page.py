"""The map page itself on the demo township: clusters by worst card, markers restyled only when their
card or status changes, labels that never pile up, live overlays, a vector base, and a page that
never reaches the network except an allowed intranet tile server."""
from __future__ import annotations

import json
from typing import Any

import pytest


def _js(qtbot, widget, code: str) -> Any:
    box: dict[str, Any] = {}
    widget.evaluate(code, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"]


@pytest.fixture
def view(zh_app, desk, qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.map_view import MapView

    bridge = ChangeBridge(desk, poll=False, clock=False)
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1000, 750)
    v = MapView(desk, bridge, read_only=True)
    QVBoxLayout(host).addWidget(v)
    with qtbot.waitSignal(v.drawn, timeout=60000):
        host.show()
    yield v
    bridge.stop()
    assert v.map.js_errors == []
    assert v.map.blocked_urls == []


def test_clusters_show_their_worst_card_and_red_yellow_counts(view, qtbot):
    clusters = json.loads(_js(qtbot, view.map, "JSON.stringify(window.desk.clusterState())"))
    assert clusters, "zoomed out to the township, incidents are clustered"
    for c in clusters:
        assert c["shown"] == c["actual"]
        worst = "red" if c["actual"]["red"] else "yellow" if c["actual"]["yellow"] else "none"
        assert c["worst"] == worst
    assert any(c["worst"] == "red" for c in clusters)
    assert any("红" in (c["badges"] or "") for c in clusters)  # badges in Chinese, not R/Y


def test_an_unchanged_marker_is_not_restyled(view, desk, qtbot):
    feature = desk.map_incidents()["features"][0]
    before = _js(qtbot, view.map, "window.desk.restyleCount()")
    same = json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False)
    _js(qtbot, view.map, f"window.desk.upsertIncidents({same})")
    assert _js(qtbot, view.map, "window.desk.restyleCount()") == before
    changed = dict(feature, properties={**feature["properties"], "card": "red" if feature["properties"]["card"]
                                        != "red" else "yellow"})
    other = json.dumps({"type": "FeatureCollection", "features": [changed]}, ensure_ascii=False)
    _js(qtbot, view.map, f"window.desk.upsertIncidents({other})")
    assert _js(qtbot, view.map, "window.desk.restyleCount()") == before + 1


def _overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            ax0, ay0, ax1, ay1 = a["box"]
            bx0, by0, bx1, by1 = b["box"]
            if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                out.append((a["text"], b["text"]))
    return out


def test_labels_come_with_zoom_and_never_overlap(view, qtbot):
    shown = {}
    for zoom in (12, 14, 16):
        _js(qtbot, view.map, f"window.desk._map.setZoom({zoom}, {{animate: false}}); true")
        qtbot.wait(50)
        labels = json.loads(_js(qtbot, view.map, "JSON.stringify(window.desk.visibleLabels())"))
        assert _overlapping(labels) == [], zoom
        shown[zoom] = {l["role"] for l in labels}
    assert "units" in shown[12]
    assert "grids" in shown[16] and "grids" not in shown[12]  # grid names only when zoomed in


def test_overlays_and_the_vector_base_are_drawn(view, desk, qtbot):
    overlays = desk.map_overlays()
    for role in ("staff", "gauges", "coverage"):
        assert _js(qtbot, view.map, f"window.desk.overlayCount('{role}')") == len(overlays[role]["features"]) > 0
    assert _js(qtbot, view.map, "window.desk._hasBase === true") is True


def test_only_an_allowed_intranet_prefix_gets_through(zh_app, qtbot, tmp_path):
    from desk.map.page import MapLayers, build_page
    from desk.map.widget import MapWidget

    widget = MapWidget()
    qtbot.addWidget(widget)
    widget.allow_prefix("http://10.0.0.5:8080/tiles/")
    with pytest.raises(ValueError):
        widget.allow_prefix("http://tiles")
    page = build_page(MapLayers(), tmp_path)
    with qtbot.waitSignal(widget.ready, timeout=30000):
        widget.load_page(page)
        widget.show()
    probe = ("['http://10.0.0.5:8080/tiles/1/0/0.png', 'http://10.0.0.5:8080/other.png', "
             "'https://example.com/x.png'].forEach(function (u) { var i = new Image(); i.src = u; }); true")
    _js(qtbot, widget, probe)
    qtbot.waitUntil(lambda: len(widget.blocked_urls) >= 2, timeout=10000)
    assert sorted(widget.blocked_urls) == ["http://10.0.0.5:8080/other.png", "https://example.com/x.png"]
