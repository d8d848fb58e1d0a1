"""The desk's map view as an operator uses it: one filter with the queue, selection both ways, cards for
grids and cells, search, focus asked by other views, heat and grid fill, a screenshot that waits for
the data, and export."""
from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import QSize

from desk.domain.incident_filter import IncidentFilter


def _js(qtbot, widget, code: str) -> Any:
    box: dict[str, Any] = {}
    widget.evaluate(code, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"]


@pytest.fixture
def window(zh_app, desk, qtbot):
    """The desk window on the map, its data drawn, and its queue built."""
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.main_window import MainWindow

    bridge = ChangeBridge(desk, poll=False, clock=False)
    win = MainWindow(desk, bridge)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    map_view = win.views["map"]
    with qtbot.waitSignal(map_view.drawn, timeout=60000):
        win.show()
    queue = win.views["queue"]
    qtbot.waitUntil(lambda: queue.model.rowCount() > 0, timeout=10000)
    win.show_view("map")
    yield win
    bridge.stop()
    assert map_view.map.js_errors == []
    assert map_view.map.blocked_urls == []  # nothing on the page asked for the network


def _count(qtbot, map_view) -> int:
    return int(_js(qtbot, map_view.map, "window.desk.incidentCount()"))


def test_the_filter_acts_on_map_and_queue_together(window, desk, qtbot):
    map_view, queue = window.views["map"], window.views["queue"]
    total = queue.model.rowCount()
    assert _count(qtbot, map_view) == total == queue.proxy.rowCount()
    red = sum(1 for i in range(total) if queue.model.row_at(i).card.value == "red")
    assert 0 < red < total

    # The red chip on the map's bar: the map and the queue both show the red ones only.
    with qtbot.waitSignals([map_view.incidents_pushed, queue.loaded], timeout=10000):  # the queue reads in SQL
        map_view.filter_bar.card_buttons["red"].click()
    assert queue.proxy.rowCount() == red
    assert _count(qtbot, map_view) == red
    assert queue.filter_bar.card_buttons["red"].isChecked()  # the queue's bar shows the same filter
    assert "shown" in queue.summary.text() or "显示" in queue.summary.text()

    # Narrowed further from the queue's side (police matters), then cleared.
    with qtbot.waitSignals([map_view.incidents_pushed, queue.loaded], timeout=10000):  # the queue reads in SQL
        window.incident_filter.set(window.incident_filter.value.with_values(natures=["police"]))
    expected = {r.id for r in desk.queue() if r.card.value == "red" and r.matter == "police"}
    assert {queue.proxy.index(i, 0).data(queue.model.ROW_ROLE).id for i in range(queue.proxy.rowCount())} == expected
    assert _count(qtbot, map_view) == len(expected)
    with qtbot.waitSignals([map_view.incidents_pushed, queue.loaded], timeout=10000):  # the queue reads in SQL
        map_view.filter_bar.clear_button.click()
    assert _count(qtbot, map_view) == total == queue.proxy.rowCount()


def test_the_wall_keeps_its_own_filter(window, wall_desk, qtbot):
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.wall import WallWindow

    bridge = ChangeBridge(wall_desk, poll=False, clock=False)
    wall = WallWindow(wall_desk, bridge)
    qtbot.addWidget(wall)
    window.incident_filter.set(IncidentFilter(cards=frozenset({"red"})))
    assert wall.incident_filter.value.is_empty
    assert wall.queue.filter_state is wall.incident_filter and wall.map.filter_state is wall.incident_filter
    bridge.stop()


def test_selection_goes_both_ways(window, desk, qtbot):
    map_view, queue = window.views["map"], window.views["queue"]
    # Selected in the queue: the map highlights it.
    target = queue.model.row_at(queue.model.rowCount() - 1).id
    assert queue.select_incident(target)
    qtbot.waitUntil(lambda: _js(qtbot, map_view.map, "window.desk.highlightedIncident()") == target, timeout=10000)
    # Clicked on the map: selected in the queue, its card and its next steps beside the map.
    other = queue.model.row_at(0).id
    map_view.map.run_js(f"window.desk._reportIncident({other});")
    qtbot.waitUntil(lambda: queue._current_id == other, timeout=10000)
    assert map_view.card.isVisible() and map_view.card.ident == other
    allowed = {a.value for a in desk.incident_detail(other).actions}
    assert set(map_view.card.step_buttons) == allowed and allowed


def test_a_grid_click_opens_its_card_and_its_items_select(window, desk, qtbot):
    map_view, queue = window.views["map"], window.views["queue"]
    row = next(queue.model.row_at(i) for i in range(queue.model.rowCount()) if queue.model.row_at(i).grid)
    grid = next(f["properties"] for f in desk.map_layers()["grids"]["features"]
                if f["properties"]["name"] == row.grid)
    with qtbot.waitSignal(map_view.map.feature_clicked, timeout=10000):
        map_view.map.run_js(f"window.desk._reportFeature('grids', {grid['id']});")
    card = map_view.card
    assert card.isVisible() and card.role == "grids" and card.ident == grid["id"]
    assert grid["code"] in [card.form.itemAt(i).widget().text() for i in range(card.form.count())
                            if card.form.itemAt(i).widget() is not None]
    assert card.items.count() == sum(1 for i in range(queue.model.rowCount()) if queue.model.row_at(i).grid == row.grid)
    assert _js(qtbot, map_view.map, "JSON.stringify(window.desk.selectedFeature())").find(str(grid["id"])) >= 0
    # An item in the card: selected in the queue too.
    first = card.items.item(0)
    chosen = first.data(256)
    card.items.itemActivated.emit(first)
    qtbot.waitUntil(lambda: queue._current_id == chosen, timeout=10000)


def test_other_views_ask_the_map_to_focus(window, desk, qtbot):
    emergency = window.show_view("emergency")
    qtbot.waitUntil(lambda: emergency.hazard_model.rowCount() > 0, timeout=10000)
    hazard_id = emergency.hazard_model.item(0, 0).data(256)
    emergency.hazard_view.activated.emit(emergency.hazard_model.index(0, 0))
    assert window.current_view_id() == "map"
    map_view = window.views["map"]
    hazard = next(f for f in desk.map_layers()["hazards"]["features"] if f["properties"]["id"] == hazard_id)
    lon, lat = hazard["geometry"]["coordinates"]
    centre = "JSON.stringify(window.desk._map.getCenter())"
    qtbot.waitUntil(lambda: abs(json.loads(_js(qtbot, map_view.map, centre))["lng"] - lon) < 1e-4, timeout=10000)
    assert abs(json.loads(_js(qtbot, map_view.map, centre))["lat"] - lat) < 1e-4


def test_a_patrol_on_the_boards_shows_its_area_on_the_map(window, desk, qtbot):
    boards = window.show_view("boards")
    qtbot.waitUntil(lambda: boards.patrol_model.rowCount() > 0, timeout=10000)
    area_id = boards.patrol_model.item(0, 0).data(256)
    boards.patrol_view.activated.emit(boards.patrol_model.index(0, 2))
    assert window.current_view_id() == "map"
    map_view = window.views["map"]
    area = next(f for f in desk.map_layers()["areas"]["features"] if f["properties"]["id"] == area_id)
    from shapely.geometry import shape

    centre = shape(area["geometry"]).centroid
    point = "JSON.stringify(window.desk._map.getCenter())"
    qtbot.waitUntil(lambda: abs(json.loads(_js(qtbot, map_view.map, point))["lng"] - centre.x) < 0.01, timeout=10000)
    bounds = json.loads(_js(qtbot, map_view.map, "JSON.stringify(window.desk._map.getBounds())"))
    assert bounds["_southWest"]["lat"] <= centre.y <= bounds["_northEast"]["lat"]


def test_grid_fill_and_heat_modes(window, desk, qtbot):
    map_view = window.views["map"]
    map_view.measure_box.setCurrentIndex(map_view.measure_box.findData("open"))
    qtbot.waitUntil(lambda: _js(qtbot, map_view.map, "(window.desk.gridMeasure() || {}).measure") == "open", timeout=10000)
    map_view.mode_box.setCurrentIndex(map_view.mode_box.findData("heat"))
    qtbot.waitUntil(lambda: (_js(qtbot, map_view.map, "window.desk.heatCount()") or 0) > 0, timeout=10000)
    assert _js(qtbot, map_view.map, "window.desk.incidentMode()") == "heat"


def test_search_finds_and_shows(window, desk, qtbot):
    map_view = window.views["map"]
    grid = desk.map_layers()["grids"]["features"][3]["properties"]
    search = map_view.search
    search.edit.setText(grid["code"])
    with qtbot.waitSignal(search.searched, timeout=10000):
        search.run()
    assert search.hits and search.hits[0].kind == "grid" and search.hits[0].id == grid["id"]
    search._take(0)
    assert map_view.card.isVisible() and map_view.card.ident == grid["id"]


def test_the_screenshot_waits_for_the_markers(window, desk, qtbot, tmp_path):
    from desk.ui.screenshot import capture

    map_view = window.views["map"]
    path = capture(window, tmp_path / "map.png", QSize(1366, 768), map_view=map_view)
    assert path.stat().st_size > 10_000
    assert map_view.is_drawn and _count(qtbot, map_view) == map_view.shown_incidents > 0


def test_export_html_and_png(window, desk, qtbot, tmp_path):
    map_view = window.views["map"]
    folder = map_view.export_html(tmp_path / "export")
    assert folder is not None and (folder / "index.html").exists() if folder.is_dir() else folder.exists()
    html = (folder / "index.html" if folder.is_dir() else folder).read_text(encoding="utf-8")
    assert "file://" not in html and "http://" not in html.replace("http://www.w3.org", "")
    png = map_view.export_png(tmp_path / "map.png")
    assert png is not None and png.stat().st_size > 10_000
