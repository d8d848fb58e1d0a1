"""What an operator sees in each view, in Chinese, on the demo township."""
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

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


def _loaded(view, qtbot, timeout=10000):
    """A view reads on a worker; its first result arrives through the event loop, never before this."""
    with qtbot.waitSignal(view.loaded, timeout=timeout):
        pass
    # Reads that go on after the first result (the queue's rates) finish too: the view is settled.
    qtbot.waitUntil(lambda: not view._reads.busy(), timeout=timeout)
    return view


def test_queue_lists_open_incidents_with_cards_first(zh_app, desk, bridge, qtbot):
    from desk.ui.queue_view import QueueView

    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    _loaded(view, qtbot)
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
    _loaded(view, qtbot)
    # The most urgent is selected at once, its record shown and its steps offered.
    assert view.table.currentIndex().row() == 0
    row = view.model.row_at(0)
    assert row.code in view.detail_title.text()
    allowed = {a.value for a in desk.incident_detail(row.id).actions}
    assert {s for s, a in view.step_actions.items() if a.isEnabled()} == allowed
    with qtbot.waitSignal(view.incident_selected, timeout=1000) as picked:
        view.table.selectRow(1)
    assert picked.args == [view.model.row_at(1).id]
    view.table.selectRow(0)
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
    before = desk.info()["open_incidents"]
    win.show()
    qtbot.waitUntil(lambda: win.status.red.text() != "", timeout=5000)  # the first count may come from a worker
    red_before = win.status.red.text()
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
    new_id = max(r.id for r in desk.queue())
    assert _js(map_view.map, "window.desk.incidentCount()", qtbot) == before + 1
    assert _js(map_view.map, f"window.desk.incidentCard({new_id})", qtbot) == "none"

    # The queue was hidden behind the map: it reads again when shown, and the new one is there.
    with qtbot.waitSignal(queue.loaded, timeout=10000):
        win.show_view("queue")
    assert queue.model.rowCount() == before + 1

    # Dispatch, feedback, close from the queue; the selection stays on the incident throughout.
    assert queue.select_incident(new_id)
    queue.run_step("dispatch")
    queue._open_dialog.buttons.accepted.emit()
    assert desk.incident_detail(new_id).row.status == "dispatched"
    qtbot.waitUntil(lambda: queue.model.row_at(queue.model.row_of(new_id)).status == "dispatched", timeout=5000)
    assert queue.model.row_at(queue.proxy.mapToSource(queue.table.currentIndex()).row()).id == new_id
    queue.run_step("feedback")
    queue._open_dialog.buttons.accepted.emit()  # empty feedback is refused, the dialog stays
    assert queue._open_dialog.error.isVisible() and queue._open_dialog.error.text() == "请填写反馈内容。"
    queue._open_dialog.note.setPlainText("已修复")
    queue._open_dialog.buttons.accepted.emit()
    assert queue.trail_model.rowCount() == 3  # the record follows the operator's own step at once
    assert queue.trail_model.item(2, 2).text() == "反馈"
    with qtbot.waitSignal(queue.loaded, timeout=10000):
        queue.reload()  # a reload (the minute tick, F5) keeps the selection on the same incident
    assert queue.model.row_at(queue.proxy.mapToSource(queue.table.currentIndex()).row()).id == new_id
    assert queue.detail_title.text().endswith("村道路灯损坏")
    # Separation of duties: the one who registered it does not close it; the UI does not offer it.
    assert not queue.step_actions["close"].isEnabled()
    from desk.services.desk import open_desk

    leader = open_desk(desk.db.target, login="leader", clock=desk.clock)
    try:
        leader.incidents.close(leader.actor, new_id, "已核实")
    finally:
        leader.close()
    bridge.poll()  # the leader's seat is another process as far as this desk can tell
    qtbot.waitUntil(lambda: queue.model.row_of(new_id) == -1, timeout=5000)  # closed ones leave the queue
    assert queue.model.rowCount() == before
    # And the map: hidden behind the queue it may wait to be shown before it catches up.
    win.show_view("map")
    qtbot.waitUntil(lambda: _js(map_view.map, "window.desk.incidentCount()", qtbot) == before, timeout=5000)
    qtbot.waitUntil(lambda: win.status.red.text() == red_before, timeout=5000)


def test_external_write_reaches_the_queue_within_a_poll(zh_app, desk, db_path, clock, qtbot):
    from desk.services.desk import open_desk
    from desk.services.incidents import IncidentDraft
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.queue_view import QueueView

    live = ChangeBridge(desk)  # polls every 500 ms like the app
    view = QueueView(desk, live)
    qtbot.addWidget(view)
    view.show()
    _loaded(view, qtbot)
    before = view.model.rowCount()
    other = open_desk(db_path, login="duty", create_demo=False, clock=clock)
    try:
        from shapely.geometry import shape

        p = shape(other.map_layers()["grids"]["features"][0]["geometry"]).representative_point()
        other.incidents.register(other.actor, IncidentDraft("另一席位登记", item_type="治安隐患", source="patrol",
                                                            lon=p.x, lat=p.y))
        qtbot.waitUntil(lambda: view.model.rowCount() == before + 1, timeout=1000)
    finally:
        other.close()
        live.stop()


def test_a_hidden_view_reads_nothing_until_it_is_shown(zh_app, desk, bridge, qtbot):
    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft
    from desk.ui.agenda_view import AgendaView
    from desk.ui.queue_view import QueueView

    agenda = _loaded(AgendaView(desk, bridge), qtbot)
    queue = _loaded(QueueView(desk, bridge), qtbot)
    for view in (agenda, queue):
        qtbot.addWidget(view)
    open_before = agenda.tiles["open"].text()
    read_agenda, read_queue = [], []
    agenda.loaded.connect(lambda: read_agenda.append(1))
    queue.loaded.connect(lambda: read_queue.append(1))
    p = shape(desk.map_layers()["grids"]["features"][2]["geometry"]).representative_point()
    for i in range(3):
        desk.incidents.register(desk.actor, IncidentDraft(f"隐藏时登记{i}", "dispute", "grid", "patrol", p.x, p.y))
    bridge.tick()
    # Neither is showing: no read was started, the figures are the old ones.
    assert not agenda._reads.busy() and not queue._reads.busy()
    assert agenda.tiles["open"].text() == open_before and read_agenda == [] and read_queue == []
    with qtbot.waitSignal(agenda.loaded, timeout=10000):
        agenda.show()
    assert agenda.tiles["open"].text() == str(int(open_before) + 3)
    with qtbot.waitSignal(queue.loaded, timeout=10000):
        queue.show()
    assert queue.model.rowCount() == int(open_before) + 3


def test_queue_columns_are_sized_without_asking_the_rows(zh_app, desk, bridge, qtbot, monkeypatch):
    from desk.ui.queue_model import QueueModel
    from desk.ui.queue_view import QueueView

    calls = []
    original = QueueModel.data
    monkeypatch.setattr(QueueModel, "data", lambda self, index, role=0: calls.append(role) or original(
        self, index, role))
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    view.resize(1600, 900)
    view.show()
    _loaded(view, qtbot)
    qtbot.waitExposed(view)
    # Only the rows on screen are asked for, not every row of the queue.
    visible_rows = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize() + 2
    assert len(calls) < visible_rows * len(view.model.columns) * 12
    header = view.table.horizontalHeader()
    for name in ("card", "remaining", "code", "status", "registered"):
        i = view.model.columns.index(name)
        widest = max(view.table.fontMetrics().horizontalAdvance(str(view.model.index(r, i).data() or ""))
                     for r in range(view.model.rowCount()))
        assert header.sectionSize(i) >= widest, name  # nothing is cut off


def test_reporter_is_masked_until_a_leader_reveals_it(zh_app, desk, db_path, clock, bridge, qtbot):
    from desk.services.desk import open_desk
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.queue_view import QueueView

    view = _loaded(QueueView(desk, bridge), qtbot)
    qtbot.addWidget(view)
    view.show()
    assert not view.reveal.isVisible()  # an operator sees residents' data masked, and cannot ask
    assert not PHONE.search(view.detail.toPlainText())
    leader = open_desk(db_path, login="leader", clock=clock)
    leader_bridge = ChangeBridge(leader, poll=False, clock=False)
    try:
        seat = _loaded(QueueView(leader, leader_bridge), qtbot)
        qtbot.addWidget(seat)
        seat.show()
        row = next(seat.model.row_at(i) for i in range(seat.model.rowCount())
                   if PHONE_MASKED.search(leader.incident_detail(seat.model.row_at(i).id).reporter_phone))
        assert seat.select_incident(row.id)
        assert seat.reveal.isVisible() and not PHONE.search(seat.detail.toPlainText())
        seat.reveal.click()
        assert PHONE.search(seat.detail.toPlainText()) and not seat.reveal.isVisible()
        seat.select_incident(seat.model.row_at(0).id if seat.model.row_at(0).id != row.id
                             else seat.model.row_at(1).id)
        assert not PHONE.search(seat.detail.toPlainText())  # the next incident is masked again
    finally:
        leader_bridge.stop()
        leader.close()


def test_boards_show_each_station_and_who_is_on_duty(zh_app, desk, bridge, qtbot):
    from desk.ui.boards_view import BoardsView, StationPanel

    view = BoardsView(desk, bridge)
    qtbot.addWidget(view)
    _loaded(view, qtbot)
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
    _loaded(view, qtbot)
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
    _loaded(view, qtbot)
    snap = desk.emergency()
    assert view.banner.property("level") == snap.level.value
    assert "预警" in view.banner.text.text()
    # Every station is reachable from the picker (wettest first); the chart draws the picked one with its
    # 24 h accumulation and the four 24 h thresholds, labelled, and no legend over the data.
    charts = view.charts
    rains = [g for g in snap.gauges if g.kind == "rain"]
    assert charts.rain_pick.count() == len(rains)
    assert charts.shown("rain").assessment.value == max(g.assessment.value for g in rains)
    assert len(charts.accum.getData()[0]) >= 70
    assert [line.value() for line in charts.level_lines] == [mm for _, mm in snap.rain_thresholds_24h]
    assert "蓝色" in charts.level_lines[0].label.textItem.toPlainText()
    assert charts.rain.getPlotItem().legend is None
    charts.rain_pick.setCurrentIndex(charts.rain_pick.count() - 1)
    assert charts.shown("rain").id == charts.rain_pick.itemData(charts.rain_pick.count() - 1)
    ticks = charts.rain.getPlotItem().getAxis("bottom").tickStrings([1_700_000_000.0], 1.0, 3600)
    assert ticks[0].replace(":", "").replace("-", "").isdigit()  # figures, never English month names
    assert view.hazard_model.rowCount() == desk.info()["hazard_points"]
    assert view.steps_model.rowCount() == len(snap.steps) > 0


PHONE = re.compile(r"1\d{10}")
PHONE_MASKED = re.compile(r"1\d\d\*{4}\d{4}")
ID_NUMBER = re.compile(r"\d{17}[\dX]")


def test_wall_is_read_only_and_masks_personal_data(zh_app, wall_desk, qtbot):
    from desk.ui import theme
    from desk.ui.wall import WallWindow

    theme.apply(zh_app, "dark")
    bridge = ChangeBridge(wall_desk, poll=False)
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        qtbot.waitUntil(lambda: wall.queue.model.rowCount() > 0 and wall.tiles["red"].text() != "", timeout=10000)
        assert not hasattr(wall.queue, "toolbar") and wall.queue.step_actions == {}
        shown = [lab.text() for lab in wall.findChildren(QLabel)]
        m = wall.queue.model
        shown += [str(m.index(r, c).data() or "") for r in range(m.rowCount()) for c in range(m.columnCount())]
        blob = "\n".join(shown)
        assert not PHONE.search(blob) and not ID_NUMBER.search(blob)
        assert wall.tiles["red"].text() == str(wall_desk.status().open_red)
        assert wall.demo.text() == "演示数据" and not wall.demo.isHidden()  # the demo says it is one
    finally:
        bridge.stop()
        theme.apply(zh_app, "light")


def test_english_is_available(qapp, desk, bridge, qtbot):
    from desk.ui import i18n
    from desk.ui.queue_view import QueueView

    i18n.install(qapp, "en")
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    _loaded(view, qtbot)
    assert view.model.index(0, _column(view, "card")).data() == "Red card"


def test_wall_follows_a_desk_writing_the_same_database(zh_app, desk, wall_desk, qtbot):
    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft
    from desk.ui.wall import WallWindow

    bridge = ChangeBridge(wall_desk)  # polls the change log like the real wall
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        wall.show()
        qtbot.waitUntil(lambda: wall.queue.model.rowCount() > 0 and wall.tiles["open"].text() != "", timeout=10000)
        before = int(wall.tiles["open"].text())
        p = shape(desk.map_layers()["grids"]["features"][5]["geometry"]).representative_point()
        desk.incidents.register(desk.actor, IncidentDraft("集镇主街占道经营", "public_service", "grid", "patrol",
                                                          p.x, p.y))
        qtbot.waitUntil(lambda: wall.tiles["open"].text() == str(before + 1), timeout=1000)
        qtbot.waitUntil(lambda: wall.queue.model.rowCount() == before + 1, timeout=1000)
    finally:
        bridge.stop()


def test_after_closing_the_selection_stays_and_evaluation_is_reached_by_keyboard(zh_app, desk, qtbot):
    """办结 takes the incident out of the open queue; the selection must not slide onto the next one
    (a second keypress would close the wrong incident), and 评价 is the next step, by Enter."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtCore import QEvent

    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices
    from desk.ui.queue_view import QueueView

    # The duty leader's seat: major matters (一级) are reviewed and closed by the leader.
    desk = DeskServices(desk.db, actor_for(desk.db, "leader"), desk.clock)
    bridge = ChangeBridge(desk, poll=False, clock=False)
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    _loaded(view, qtbot)
    # An incident awaiting close that the leader did not register (separation of duties).
    waiting = [r.id for r in desk.queue() if r.status == "feedback"
               and "close" in {a.value for a in desk.incident_detail(r.id).actions}]
    assert len(waiting) >= 2
    target = waiting[0]
    assert view.select_incident(target)
    assert view.next_step() == "close"
    # Enter on the row opens the step it waits for.
    view.table.setFocus()
    enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.table, enter)
    dlg = view._open_dialog
    assert dlg is not None and dlg.windowTitle() == "办结事件"
    with qtbot.waitSignal(view.loaded, timeout=10000):
        dlg.buttons.accepted.emit()
    assert desk.incident_detail(target).row.status == "closed"
    qtbot.waitUntil(lambda: view.model.row_of(target) == -1, timeout=5000)
    # Still on the closed incident: nothing else selected, its record shown, close no longer offered.
    assert view._current_id == target and not view.table.currentIndex().isValid()
    assert view.detail_title.text().startswith(desk.incident_detail(target).row.code)
    assert not view.step_actions["close"].isEnabled()
    assert view.step_actions["evaluate"].isEnabled() and view.next_step() == "evaluate"
    view._open_dialog = None
    view.run_next_step()
    assert view._open_dialog is not None and view._open_dialog.windowTitle() == "群众评价"
    view._open_dialog.satisfaction.setValue(4)
    view._open_dialog.buttons.accepted.emit()
    assert desk.incident_detail(target).row.status == "evaluated"
    assert desk.incident_detail(waiting[1]).row.status == "feedback"  # the next one was never touched
    bridge.stop()


def test_countdowns_tick_without_reading_rows(zh_app, desk, clock, qtbot):
    from datetime import timedelta

    from desk.ui.labels import format_remaining
    from desk.ui.queue_view import QueueView

    bridge = ChangeBridge(desk, poll=False, clock=False)
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    view.show()
    _loaded(view, qtbot)
    col = view.model.remaining_column
    assert col >= 0
    row = next(i for i in range(view.model.rowCount()) if view.model.row_at(i).due_at is not None
               and view.model.row_at(i).due_at > clock.now)
    r = view.model.row_at(row)
    # Ten minutes before its deadline the seconds show, and move with the clock: no read, no reset.
    reads = view._reads.busy()
    clock.now = r.due_at - timedelta(minutes=10)
    assert view.model.index(row, col).data() == "10分00秒"
    clock.now += timedelta(seconds=5)
    assert view.model.index(row, col).data() == "9分55秒"
    clock.now = r.due_at + timedelta(hours=2, minutes=3)
    assert view.model.index(row, col).data() == "超时 2小时3分"
    assert view._reads.busy() == reads and view.model.row_at(row) is r
    assert view._ticker.isActive() and view._ticker.interval() == 1000
    view.hide()
    assert not view._ticker.isActive()  # a hidden queue repaints nothing
    assert format_remaining(timedelta(minutes=12, seconds=5)) == "12分钟"  # elsewhere minutes suffice
    bridge.stop()


def test_one_key_per_step_in_the_table(zh_app, desk, qtbot):
    from desk.ui.change_bridge import ChangeBridge as Bridge
    from desk.ui.main_window import MainWindow

    bridge = Bridge(desk, poll=False, clock=False)
    win = MainWindow(desk, bridge)
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    queue = win.show_view("queue")
    _loaded(queue, qtbot)
    registered = next(r.id for r in desk.queue() if r.status == "registered")
    assert queue.select_incident(registered)
    queue.table.setFocus()
    qtbot.waitUntil(queue.table.hasFocus, timeout=2000)
    qtbot.keyClick(queue.table, Qt.Key.Key_C)  # close is not this incident's step: nothing opens
    assert queue._open_dialog is None
    qtbot.keyClick(queue.table, Qt.Key.Key_D)
    assert queue._open_dialog is not None and queue._open_dialog.windowTitle() == "分流事件"
    queue._open_dialog.reject()
    qtbot.keyClick(queue.table, Qt.Key.Key_Slash)
    assert queue.filter.hasFocus()
    qtbot.keyClick(queue.filter, Qt.Key.Key_D)  # typed into the box, not a shortcut
    assert queue.filter.text() == "d"
    queue.table.setFocus()
    qtbot.waitUntil(queue.table.hasFocus, timeout=2000)
    qtbot.keyClick(queue.table, Qt.Key.Key_N)  # N: register, on the map
    assert win.current_view_id() == "map" and win.views["map"].picking
    bridge.stop()


def test_a_newly_red_item_blinks_and_may_sound(zh_app, desk, clock, qtbot):
    from datetime import timedelta

    from desk.ui.queue_model import FLASH_SECONDS
    from desk.ui.queue_view import QueueView

    bridge = ChangeBridge(desk, poll=False, clock=False)
    view = QueueView(desk, bridge)
    qtbot.addWidget(view)
    view.show()
    _loaded(view, qtbot)
    assert view.model.flashing == set()  # what was red at the first read is not news
    view.sound_action.setChecked(True)
    before = {r.id for r in desk.queue() if r.card.value == "red"}
    clock.now += timedelta(days=4)  # grid matters pass six days, police answers fall due
    with qtbot.waitSignal(view.model.newly_red, timeout=10000) as turned:
        with qtbot.waitSignal(view.loaded, timeout=10000):
            desk.tick()
    now_red = {r.id for r in desk.queue() if r.card.value == "red"}
    assert set(turned.args[0]) == now_red - before and turned.args[0]
    assert view.model.flashing == now_red - before and view.beeps == 1
    row = view.model.row_of(turned.args[0][0])
    view.model.flash_tick()
    phases = {view.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None}
    view.model.flash_tick()
    phases.add(view.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None)
    assert phases == {True, False}  # it blinks
    view.model._flash = {i: 0.0 for i in view.model._flash}  # as if FLASH_SECONDS had passed
    assert not view.model.flash_tick() and view.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert FLASH_SECONDS >= 5
    bridge.stop()


def test_the_wall_pages_its_list_and_wears_the_townships_name(zh_app, wall_desk, qtbot):
    from desk.ui.wall import WallWindow

    bridge = ChangeBridge(wall_desk, poll=False, clock=False)
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        wall.resize(1366, 768)
        wall.show()
        qtbot.waitUntil(lambda: wall.queue.model.rowCount() > 0 and wall.tiles["open"].text() != "", timeout=10000)
        assert wall.heading.text().startswith("青岚镇")
        bar = wall.queue.table.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)  # more rows than fit: it must page
        seen = [bar.value()]
        for _ in range(bar.maximum() // max(1, bar.pageStep()) + 2):
            wall.page_queue()
            seen.append(bar.value())
        assert max(seen) == bar.maximum() and seen[-1] == 0  # to the last row, then back to the top
        assert wall._pager.interval() * len(seen) <= 60_000 + wall._pager.interval()  # all seen within a minute
    finally:
        bridge.stop()


def test_the_walls_type_grows_with_its_screen_and_the_rooms_distance(zh_app, desk, wall_desk, qtbot):
    from desk.services.settings import WALL_DISTANCE_KEY, update_setting
    from desk.ui.wall import WallWindow, type_sizes

    assert type_sizes(2160, 4) == tuple(2 * v for v in type_sizes(1080, 4))  # 4K: twice the pixels, same look
    assert type_sizes(1080, 5)[0] > type_sizes(1080, 3)[0]  # a room further away gets bigger type
    bridge = ChangeBridge(wall_desk, poll=False, clock=False)
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        sizes = {}
        for w, h in ((1366, 768), (1920, 1080), (3840, 2160)):
            wall.resize(w, h)
            wall.show()
            qtbot.waitUntil(lambda: wall.height() == h, timeout=3000)
            sizes[h] = wall.tiles["open"].font().pixelSize(), wall.heading.font().pixelSize()
        assert sizes[2160][0] == 2 * sizes[1080][0] and sizes[768][0] < sizes[1080][0]
        assert all(big > 0 and title > 0 for big, title in sizes.values())
    finally:
        bridge.stop()
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    admin = DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)
    update_setting(admin.ops, admin.actor, WALL_DISTANCE_KEY, "6")
    assert wall_desk.wall_distance() == 6.0
    with pytest.raises(ValueError):
        update_setting(admin.ops, admin.actor, WALL_DISTANCE_KEY, "40")


def test_the_wall_flashes_for_a_new_red_card_or_urgent_matter(zh_app, wall_desk, qtbot):
    from dataclasses import replace

    from desk.ui.wall import FLASH_BLINKS, WallWindow

    bridge = ChangeBridge(wall_desk, poll=False, clock=False)
    try:
        wall = WallWindow(wall_desk, bridge)
        qtbot.addWidget(wall)
        wall.show()
        qtbot.waitUntil(lambda: wall.tiles["open"].text() != "", timeout=10000)
        st = wall_desk.status()
        wall._draw_counts(st)  # the same counts again: nothing new
        assert wall.alert.isHidden()
        wall._draw_counts(replace(st, open_red=st.open_red + 1))
        assert not wall.alert.isHidden() and "红牌" in wall.alert.text() and wall._blinker.isActive()
        colours = set()
        for _ in range(FLASH_BLINKS):
            wall._blink()
            colours.add(wall.alert.property("card"))
        assert colours == {"red", "none"} and wall.alert.isHidden() and not wall._blinker.isActive()
        wall._draw_counts(replace(st, open_red=st.open_red + 1, open_urgent=st.open_urgent + 1))
        assert not wall.alert.isHidden() and "带班领导" in wall.alert.text()
    finally:
        bridge.stop()
