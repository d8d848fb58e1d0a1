"""What an operator sees in each view, in Chinese, on the demo township."""
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desk.ui.change_bridge import ChangeBridge


@pytest.fixture
def bridge(desk, qtbot):
    b = ChangeBridge(desk, poll=False)
    yield b
    b.stop()


def _js(map_widget, code, qtbot):
    box = []
    map_widget.evaluate(code, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def _column(view, name):
    from desk.ui.queue_model import COLUMNS

    return COLUMNS.index(name)


def test_queue_lists_open_incidents_with_cards_first(zh_app, desk, bridge, qtbot):
    from desk.ui.queue_view import QueueView

    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    info = desk.info()
    assert view.model.rowCount() == info["open_incidents"]
    card_col = _column(view, "card")
    first = view.model.index(0, card_col).data()
    assert first == "红牌"
    texts = [view.model.index(i, card_col).data() for i in range(view.model.rowCount())]
    assert texts.count("红牌") == info["red"] and texts.count("黄牌") == info["yellow"]
    assert texts == sorted(texts, key=lambda t: {"红牌": 0, "黄牌": 1}.get(t, 2))
    assert f"{info['open_incidents']} 项未办结" in view.summary.text()
    header = view.model.headerData(_column(view, "remaining"), Qt.Orientation.Horizontal)
    assert header == "剩余时间"


def test_selecting_an_incident_shows_its_record_and_audit_trail(zh_app, desk, bridge, qtbot):
    from desk.ui.queue_view import QueueView

    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    row = view.model.row_at(0)
    assert row.code in view.detail_title.text()
    assert view.trail_model.rowCount() >= 1
    assert view.trail_model.item(0, 2).text() == "登记"
    allowed = {a.value for a in desk.incident_detail(row.id).actions}
    assert {s for s, a in view.step_actions.items() if a.isEnabled()} == allowed


def test_operator_runs_the_closed_loop_and_views_follow(zh_app, desk, bridge, qtbot):
    from desk.ui.main_window import MainWindow

    win = MainWindow(desk, bridge)
    qtbot.addWidget(win)
    queue, map_view = win.views["queue"], win.views["map"]
    before = queue.model.rowCount()
    red_before = win.status.red.text()
    win.show()
    qtbot.waitUntil(lambda: map_view.ready, timeout=30000)
    assert _js(map_view.map, "window.desk.incidentCount()", qtbot) == before

    # Register: the location comes from a map click; grid and cell are derived.
    from shapely.geometry import shape

    grid = desk.map_layers()["grids"]["features"][3]
    p = shape(grid["geometry"]).representative_point()
    map_view.map.map_clicked.emit(p.y, p.x)
    dlg = map_view._open_dialog
    assert grid["properties"]["name"] in dlg.where.text()
    dlg.title.setText("村道路灯损坏")
    dlg.reporter_phone.setText("13700002222")
    dlg.buttons.accepted.emit()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert queue.model.rowCount() == before + 1
    new_id = max(queue.model.row_at(i).id for i in range(queue.model.rowCount()))
    assert _js(map_view.map, "window.desk.incidentCount()", qtbot) == before + 1
    assert _js(map_view.map, f"window.desk.incidentCard({new_id})", qtbot) == "none"

    # Dispatch, feedback, close from the queue.
    assert queue.select_incident(new_id)
    queue.run_step("dispatch")
    queue._open_dialog.buttons.accepted.emit()
    assert desk.incident_detail(new_id).row.status == "dispatched"
    queue.run_step("feedback")
    queue._open_dialog.buttons.accepted.emit()  # empty feedback is refused, the dialog stays
    assert queue._open_dialog.error.isVisible() and queue._open_dialog.error.text() == "请填写反馈内容。"
    queue._open_dialog.note.setPlainText("已修复")
    queue._open_dialog.buttons.accepted.emit()
    assert queue.trail_model.rowCount() == 3
    assert queue.trail_model.item(2, 2).text() == "反馈"
    queue.run_step("close")
    queue._open_dialog.buttons.accepted.emit()
    assert queue.model.row_of(new_id) == -1  # closed incidents leave the open queue
    assert queue.model.rowCount() == before
    assert _js(map_view.map, "window.desk.incidentCount()", qtbot) == before  # and the map
    assert win.status.red.text() == red_before


def test_external_write_reaches_the_queue_within_a_poll(zh_app, desk, db_path, clock, qtbot):
    from desk.services.desk import open_desk
    from desk.services.incidents import IncidentDraft
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.queue_view import QueueView

    live = ChangeBridge(desk)  # polls every 500 ms like the app
    view = QueueView(desk, live)
    qtbot.addWidget(view)
    before = view.model.rowCount()
    other = open_desk(db_path, login="duty", create_demo=False, clock=clock)
    try:
        from shapely.geometry import shape

        p = shape(other.map_layers()["grids"]["features"][0]["geometry"]).representative_point()
        other.incidents.register(other.actor, IncidentDraft("另一席位登记", "safety", "grid", "patrol", p.x, p.y))
        qtbot.waitUntil(lambda: view.model.rowCount() == before + 1, timeout=1000)
    finally:
        other.close()
        live.stop()


def test_boards_show_each_station_and_who_is_on_duty(zh_app, desk, bridge, qtbot):
    from desk.ui.boards_view import BoardsView, StationPanel

    view = BoardsView(desk, bridge)
    qtbot.addWidget(view)
    panels = view.findChildren(StationPanel)
    assert len(panels) == desk.info()["workstations"]
    texts = " ".join(lab.text() for p in panels for lab in p.findChildren(QLabel))
    assert "社区民警" in texts and "当前值班" in texts
    assert "人在岗" in view.summary.text()
    assert view.patrol_model.rowCount() >= 16
    assert view.team_model.rowCount() == 13


def test_agenda_shows_the_next_meeting_from_the_data(zh_app, desk, bridge, qtbot):
    from desk.ui.agenda_view import AgendaView

    view = AgendaView(desk, bridge)
    qtbot.addWidget(view)
    text = view.document.toPlainText()
    for heading in ("红牌事项", "黄牌事项", "风险研判", "前期议定事项"):
        assert heading in text
    red = desk.agenda().agenda.section("red")[0]
    assert red.title in text
    assert "月度联席会议" in view.meeting.text()
    assert view.tiles["open"].text() == str(desk.info()["open_incidents"])


def test_emergency_view_shows_level_gauges_and_hazards(zh_app, desk, bridge, qtbot):
    from desk.ui.emergency_view import EmergencyView

    view = EmergencyView(desk, bridge)
    qtbot.addWidget(view)
    snap = desk.emergency()
    assert view.banner.property("level") == snap.level.value
    assert "预警" in view.banner.text.text()
    curves = view.charts.rain.getPlotItem().listDataItems()
    assert len(curves) == sum(g.kind == "rain" for g in snap.gauges)
    assert len(curves[0].getData()[0]) >= 70
    assert view.hazard_model.rowCount() == desk.info()["hazard_points"]
    assert view.steps_model.rowCount() == len(snap.steps) > 0


PHONE = re.compile(r"1\d{10}")
ID_NUMBER = re.compile(r"\d{17}[\dX]")


def test_wall_is_read_only_and_masks_personal_data(zh_app, wall_desk, qtbot):
    from desk.ui import theme
    from desk.ui.wall import WallWindow

    theme.apply(zh_app, "dark")
    bridge = ChangeBridge(wall_desk, poll=False)
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        assert not hasattr(wall.queue, "toolbar") and wall.queue.step_actions == {}
        shown = [lab.text() for lab in wall.findChildren(QLabel)]
        m = wall.queue.model
        shown += [str(m.index(r, c).data() or "") for r in range(m.rowCount()) for c in range(m.columnCount())]
        blob = "\n".join(shown)
        assert not PHONE.search(blob) and not ID_NUMBER.search(blob)
        assert wall.tiles["red"].text() == str(wall_desk.status().open_red)
    finally:
        bridge.stop()
        theme.apply(zh_app, "light")


def test_english_is_available(qapp, desk, bridge, qtbot):
    from desk.ui import i18n
    from desk.ui.queue_view import QueueView

    i18n.install(qapp, "en")
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    assert view.model.index(0, _column(view, "card")).data() == "Red card"


def test_wall_follows_a_desk_writing_the_same_database(zh_app, desk, wall_desk, qtbot):
    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft
    from desk.ui.wall import WallWindow

    bridge = ChangeBridge(wall_desk)  # polls the change log like the real wall
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        before = int(wall.tiles["open"].text())
        p = shape(desk.map_layers()["grids"]["features"][5]["geometry"]).representative_point()
        desk.incidents.register(desk.actor, IncidentDraft("集镇主街占道经营", "public_service", "grid", "patrol",
                                                          p.x, p.y))
        qtbot.waitUntil(lambda: wall.tiles["open"].text() == str(before + 1), timeout=1000)
        assert wall.queue.model.rowCount() == before + 1
    finally:
        bridge.stop()
