"""The window shell as an operator meets it: every shortcut, lazily built views, the first-run page,
the demo mark, the status bar's pace, the change bridge's clock, and what a failed write says.

What an operator reads is checked in Chinese, the desk's default language (every source string has
its Chinese entry: tests/test_i18n.py); shortcuts and timing are checked with English loaded, the
language an operator may pick instead."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from desk.domain.changes import Change, ChangeSet, Entity, Op
from desk.domain.permissions import Actor
from desk.ui.actions import ACTIONS, INCIDENT_STEPS
from desk.ui.change_bridge import ChangeBridge

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def en_app(qapp):
    from desk.ui import i18n, theme

    i18n.install(qapp, "en")
    theme.apply(qapp, "light")
    yield qapp


@pytest.fixture
def bridge(desk, qtbot):
    b = ChangeBridge(desk, poll=False, clock=False)
    yield b
    b.stop()


def _window(desk, bridge, qtbot):
    from desk.ui.main_window import MainWindow

    win = MainWindow(desk, bridge)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    return win


def _activate(win, qtbot) -> None:
    if QApplication.activeWindow() is not win:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)


def _press(win, spec_id: str, qtbot=None) -> None:
    """The shortcut as the operator types it, to whatever has the focus in the window (which must be
    the active one: given qtbot, it is made so first, as the operator's click on it would)."""
    if qtbot is not None:
        _activate(win, qtbot)
    assert QApplication.activeWindow() is win, "shortcuts go to the active window"
    seq = QKeySequence(ACTIONS[spec_id].shortcut)
    combo = seq[0]
    target = QApplication.focusWidget() or win
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def _js(widget, code, qtbot):
    with qtbot.waitCallback(timeout=5000) as callback:
        widget.evaluate(code, callback)
    return callback.args[0]


def _open_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


# -- one table of actions ---------------------------------------------------------------------------

def test_one_action_per_entry_and_no_shortcut_twice(en_app, desk, bridge, qtbot):
    win = _window(desk, bridge, qtbot)
    win.views["queue"]  # the queue brings its step actions
    shortcuts = [a.shortcut for a in ACTIONS.values() if a.shortcut]
    assert len(shortcuts) == len(set(shortcuts))
    for spec_id in ACTIONS:
        act = win.action(spec_id)
        assert act is not None, spec_id
        same = [a for a in win.findChildren(type(act)) if a.objectName() == spec_id]
        assert same == [act], spec_id  # one QAction for it in the whole window, map toolbar included
    keys = [a.shortcut().toString() for a in win.findChildren(type(act)) if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys))


def test_every_shortcut_does_what_it_says(en_app, desk, bridge, qtbot):
    # A grid worker's report, taken to feedback by the desk: one the duty operator may close (separation of
    # duties keeps the operator from closing what the operator registered; major matters go to the leader).
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices
    from desk.services.incidents import IncidentDraft

    worker = DeskServices(desk.db, actor_for(desk.db, "grid01"), desk.clock)
    spot = desk.queue()[0]
    reported, _ = worker.incidents.register(worker.actor, IncidentDraft(
        title="路灯不亮", item_type="路灯损坏", source="grid_worker", lon=spot.lon, lat=spot.lat))
    desk.incidents.dispatch(desk.actor, reported, desk.dispatch_choices()[0][0].id)
    desk.incidents.feedback(desk.actor, reported, "已报修")
    win = _window(desk, bridge, qtbot)
    tested: set[str] = set()

    # Ctrl+1…6: the tab changes and the view is built then, not before.
    assert win.views.built == ("map",)
    for vid in ("queue", "boards", "agenda", "emergency", "visits", "map"):
        _press(win, f"view.{vid}", qtbot)
        assert win.current_view_id() == vid
        assert win.views.is_built(vid)
        tested.add(f"view.{vid}")

    map_view = win.views["map"]
    qtbot.waitUntil(lambda: map_view.ready, timeout=30000)
    register = win.action("incident.register")

    # Ctrl+N on the map arms click-to-register: crosshair in the page, the button pressed.
    _press(win, "incident.register", qtbot)
    assert map_view.picking and register.isChecked()
    assert _js(map_view.map, "window.desk.pickMode()", qtbot) is True
    assert "Click on the map" in map_view.info.text()
    _press(win, "incident.register", qtbot)  # again: disarmed
    assert not map_view.picking and not register.isChecked()
    assert _js(map_view.map, "window.desk.pickMode()", qtbot) is False

    # Ctrl+N from another view goes to the map, armed; leaving the map disarms.
    _press(win, "view.agenda", qtbot)
    _press(win, "incident.register", qtbot)
    assert win.current_view_id() == "map" and map_view.picking
    assert _js(map_view.map, "window.desk.pickMode()", qtbot) is True
    _press(win, "view.queue", qtbot)
    assert not map_view.picking and not register.isChecked()
    assert _js(map_view.map, "window.desk.pickMode()", qtbot) is False
    _press(win, "incident.register", qtbot)
    assert win.current_view_id() == "map" and map_view.picking
    # The click that follows opens the register dialog at that point.
    with qtbot.waitSignal(map_view.map.map_clicked, timeout=5000):
        map_view.map.run_js("window.desk._map.fire('click', {latlng: window.desk._map.getCenter()});")
    assert map_view._open_dialog is not None and map_view._open_dialog.isVisible()
    assert not map_view.picking
    map_view._open_dialog.reject()
    tested.add("incident.register")

    # Ctrl+F from another view: the map, with the keyboard in its search box.
    _press(win, "view.agenda", qtbot)
    _press(win, "map.find", qtbot)
    assert win.current_view_id() == "map"
    qtbot.waitUntil(lambda: map_view.search.edit.hasFocus(), timeout=2000)
    tested.add("map.find")

    # F5: every view is asked to read everything again.
    with qtbot.waitSignal(bridge.changed, timeout=1000, check_params_cb=lambda cs: cs.reloaded):
        _press(win, "app.refresh", qtbot)
    tested.add("app.refresh")

    # The queue's steps: each shortcut opens its dialog when the selected incident allows the step,
    # and nothing when it does not.
    _press(win, "view.queue", qtbot)
    queue = win.views["queue"]
    qtbot.waitUntil(lambda: queue.model.rowCount() > 0, timeout=10000)
    # One incident per status, the one that allows this account the most steps (separation of duties
    # keeps the operator from closing what the operator registered).
    by_status: dict[str, int] = {}
    most: dict[str, int] = {}
    for i in range(queue.model.rowCount()):
        row = queue.model.row_at(i)
        steps = len(desk.incident_detail(row.id).actions)
        if steps > most.get(row.status, -1):
            by_status[row.status], most[row.status] = row.id, steps
    assert {"registered", "dispatched", "feedback"} <= set(by_status)
    for status, incident_id in by_status.items():
        assert queue.select_incident(incident_id)
        allowed = {a.value for a in desk.incident_detail(incident_id).actions}
        for step in INCIDENT_STEPS:
            act = win.action(f"incident.{step}")
            assert act.isEnabled() == (step in allowed), (status, step)
            queue._open_dialog = None
            _press(win, f"incident.{step}", qtbot)
            dialogs = _open_dialogs()
            if step in allowed:
                assert queue._open_dialog is not None and dialogs == [queue._open_dialog], (status, step)
                queue._open_dialog.reject()
                tested.add(f"incident.{step}")
            else:
                assert queue._open_dialog is None and dialogs == [], (status, step)
    # Evaluation applies to closed incidents, which have left the open queue: its shortcut is off.
    assert not win.action("incident.evaluate").isEnabled()
    tested.add("incident.evaluate")

    # Ctrl+Q closes the desk.
    _press(win, "app.quit", qtbot)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)
    tested.add("app.quit")

    assert tested == {a.id for a in ACTIONS.values() if a.shortcut}


def test_roles_are_offered_only_their_actions(en_app, db_path, clock, qtbot):
    from desk.services.desk import open_desk

    auditor = open_desk(db_path, login="audit", clock=clock)
    bridge = ChangeBridge(auditor, poll=False, clock=False)
    try:
        win = _window(auditor, bridge, qtbot)
        register = win.action("incident.register")
        assert not register.isVisible()
        assert register not in [a for a in win.incident_menu.actions() if a.isVisible()]
        before = win.current_view_id()
        _press(win, "view.queue", qtbot)
        _press(win, "incident.register", qtbot)  # nothing: an auditor only reads
        assert win.current_view_id() == "queue" != before
        assert not win.views["map"].picking
        assert all(not win.action(f"incident.{s}").isVisible() for s in INCIDENT_STEPS)
        assert not win.incident_menu.menuAction().isVisible()  # no empty Incident menu
        assert win.action("view.boards").isVisible() and win.action("app.refresh").isVisible()
    finally:
        bridge.stop()
        auditor.close()

    leader = open_desk(db_path, login="leader", clock=clock)
    bridge = ChangeBridge(leader, poll=False, clock=False)
    try:
        win = _window(leader, bridge, qtbot)
        win.views["queue"]
        visible = {s for s in INCIDENT_STEPS if win.action(f"incident.{s}").isVisible()}
        assert visible == {"dispatch", "return", "close", "evaluate"}  # a leader reviews, does not handle
        assert not win.action("incident.register").isVisible()
        assert win.incident_menu.menuAction().isVisible()
    finally:
        bridge.stop()
        leader.close()


# -- lazy views ---------------------------------------------------------------------------------------

def test_building_a_view_leaves_the_desk_active(en_app, desk, bridge, qtbot):
    """A view built on first show must not open a window of its own, even for a moment: the desk
    would lose the keyboard, and every shortcut with it, until the operator clicks it again."""
    from PySide6.QtCore import QEvent, QObject

    win = _window(desk, bridge, qtbot)
    qtbot.waitUntil(lambda: win.views["map"].ready, timeout=30000)
    stray: list[str] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and getattr(obj, "isWindow", lambda: False)() and obj is not win:
                stray.append(type(obj).__name__)
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        for vid in ("queue", "boards", "agenda", "emergency"):
            _press(win, f"view.{vid}")
            assert win.views.is_built(vid)
            with qtbot.waitSignal(bridge.changed, timeout=1000):  # a round through the event loop
                bridge.reload()
            assert stray == [] and QApplication.activeWindow() is win, (vid, stray)
    finally:
        QApplication.instance().removeEventFilter(watch)


def test_only_the_shown_view_is_built_at_start(en_app, desk, bridge, qtbot):
    from desk.ui.main_window import MainWindow

    win = MainWindow(desk, bridge)
    qtbot.addWidget(win)
    assert win.views.built == ("map",)
    assert "boards" in win.views and win.views.built == ("map",)  # asking does not build
    boards = win.views["boards"]  # looking one up builds it, hidden
    assert win.views.built == ("map", "boards") and not boards.isVisible()
    win.show()
    assert win.show_view("agenda") is win.views["agenda"]
    assert win.tabs.currentWidget().isAncestorOf(win.views["agenda"])
    assert set(win.views.built) == {"map", "boards", "agenda"}


def test_the_map_page_module_does_not_import_folium():
    code = ("import sys, desk.ui.map_view, desk.map.page; "
            "assert 'folium' not in sys.modules, 'folium imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# -- first run and the demo mark ---------------------------------------------------------------------

@pytest.fixture
def empty_desk(tmp_path, clock):
    from desk.services.database import Database
    from desk.services.desk import DeskServices

    db = Database(tmp_path / "new.sqlite", create=True)
    d = DeskServices(db, Actor(None, "admin", "admin"), clock)
    yield d
    d.close()


def test_an_empty_database_opens_on_the_first_run_page(zh_app, empty_desk, qtbot):
    from db.demo import generate

    bridge = ChangeBridge(empty_desk, poll=False, clock=False)
    try:
        win = _window(empty_desk, bridge, qtbot)
        page = win.first_run
        assert win.stack.currentWidget() is page and win.views.built == ()
        text = page.text()
        assert "数据库为空" in text and "请按以下顺序导入真实数据" in text
        assert f"数据库：{empty_desk.db.target}" in text
        order = ["1. 乡镇、村（社区）及网格（GeoJSON）", "2. 警格（GeoJSON）", "3. 工作站与人员（CSV 或 XLSX）",
                 "4. 事件（CSV 或 XLSX）"]
        positions = [text.index(step) for step in order]
        assert positions == sorted(positions)
        assert "python -m desk import grids FILE.geojson --db" in text
        assert "python -m desk import grids FILE.geojson --layer police --db" in text
        assert "5. 地址库（地名地址，CSV 或 XLSX）" in text and "python -m desk import addresses FILE.csv --db" in text
        # What this version cannot import yet is marked, and the mark explained.
        lines = text.splitlines()
        assert [l for l in lines if "import workstations" in l][0].endswith("*")
        assert not [l for l in lines if "import addresses" in l][0].endswith("*")
        assert not [l for l in lines if "import incidents" in l][0].endswith("*")
        assert page.pending.isVisibleTo(page)
        assert "python -m desk demo --db" in text and "desk-demo.sqlite" in text
        assert not win.action("view.queue").isEnabled()  # no views to go to yet
        assert "只想先看看？" in text and "演示数据" in text  # the demo hint names the mark it will carry
        assert not win.status.demo.isVisible() and "演示数据" not in win.windowTitle()

        qtbot.mouseClick(page.check, Qt.MouseButton.LeftButton)
        assert win.stack.currentWidget() is page
        assert page.check.text() == "重新检查"
        assert page.note.text() == "数据库中仍然没有乡镇数据。"

        # A township arrives (written by another process): the views take over by themselves.
        generate(empty_desk.db.write_factory, scale="township", now=empty_desk.now())
        bridge.poll()
        assert win.stack.currentWidget() is win.tabs and win.views.built == ("map",)
        assert win.action("view.queue").isEnabled()
        qtbot.waitUntil(win.status.demo.isVisible, timeout=2000)  # the status bar's next recount
        assert win.status.demo.text() == "演示数据"
        assert win.status.demo.toolTip() == "本数据库是虚构的演示乡镇，不是真实数据"
        assert win.windowTitle().endswith("演示数据")
    finally:
        bridge.stop()


def test_the_demo_is_marked_in_the_status_bar_and_title(zh_app, desk, bridge, qtbot):
    win = _window(desk, bridge, qtbot)
    assert desk.is_demo()
    mark = win.status.demo
    assert mark.isVisible() and mark.property("demo") is True
    assert mark.text() and mark.text() in win.windowTitle()
    assert win.windowTitle().startswith("综治中心指挥台")
    # Coloured: the mark's background is the theme's demo colour, not the status bar's.
    from desk.ui import theme

    image = mark.grab().toImage()
    assert image.pixelColor(image.width() // 2, 3).name() == theme.color("demo")


def test_demo_mark_never_opens_a_window_of_its_own(en_app, qtbot):
    from PySide6.QtWidgets import QWidget, QVBoxLayout

    from desk.ui.widgets import DemoMark

    mark = DemoMark(True)
    assert not mark.isVisible()  # a parentless widget shown would be a window of its own
    host = QWidget()
    qtbot.addWidget(host)
    QVBoxLayout(host).addWidget(mark)
    host.show()
    assert mark.isVisible()
    mark.set_demo(False)
    assert not mark.isVisible()
    mark.set_demo(True)
    assert mark.isVisible()


# -- status bar and bridge -----------------------------------------------------------------------------

def test_status_bar_recounts_at_most_once_a_second(en_app, desk, bridge, qtbot):
    from desk.ui.status_bar import DeskStatusBar

    bar = DeskStatusBar(desk, bridge)
    qtbot.addWidget(bar)
    first = bar.refreshes
    burst = ChangeSet((Change(Entity.INCIDENT, Op.UPDATED, (1,)),), external=True)
    for _ in range(50):
        bridge.changed.emit(burst)
    assert bar.refreshes <= first + 1  # at once only if the last recount is a second old
    qtbot.waitUntil(lambda: bar.refreshes == first + 1 and not bar._pending.isActive(), timeout=2000)
    with qtbot.waitSignal(bar._pending.timeout, timeout=2000):
        for _ in range(50):
            bridge.changed.emit(burst)
    assert bar.refreshes == first + 2
    # Changes it does not show are not counted for.
    bridge.changed.emit(ChangeSet((Change(Entity.GAUGE_READING, Op.CREATED, (1,)),)))
    assert not bar._pending.isActive()


def test_the_minute_tick_moves_the_status_bar(zh_app, desk, clock, qtbot):
    from datetime import timedelta

    from desk.ui.status_bar import DeskStatusBar

    bridge = ChangeBridge(desk, poll=False, clock=False)
    try:
        bar = DeskStatusBar(desk, bridge)
        qtbot.addWidget(bar)
        before = bar.red.text()
        clock.now = clock.now + timedelta(days=7)  # a quiet week: yellow cards turn red
        with qtbot.waitSignal(bridge.changed, timeout=1000,
                              check_params_cb=lambda cs: Entity.CLOCK in cs.entities()):
            bridge.tick()
        expected = f"未办结红牌：{desk.status().open_red}"
        assert expected != before
        # A recount already under way may land first; the tick's own recount follows within the second.
        qtbot.waitUntil(lambda: bar.red.text() == expected, timeout=2000)
    finally:
        bridge.stop()


def test_bridge_polls_until_paused_and_catches_up_on_resume(en_app, desk, db_path, clock, qtbot):
    from shapely.geometry import shape

    from desk.services.desk import open_desk
    from desk.services.incidents import IncidentDraft

    live = ChangeBridge(desk, clock=False)
    other = open_desk(db_path, login="duty", clock=clock)
    seen: list[ChangeSet] = []
    live.changed.connect(seen.append)
    try:
        assert live.polling
        live.pause()
        assert not live.polling
        p = shape(other.map_layers()["grids"]["features"][0]["geometry"]).representative_point()
        draft = IncidentDraft(title="另一席位登记", item_type="邻里纠纷", source="walk_in", lon=p.x, lat=p.y)
        new_id, _ = other.incidents.register(other.actor, draft)
        with qtbot.assertNotEmitted(live.changed, wait=1200):
            pass
        with qtbot.waitSignal(live.changed, timeout=1000) as blocker:
            live.resume()
        assert live.polling and new_id in blocker.args[0].ids(Entity.INCIDENT)
        assert len(seen) == 1  # once, coalesced
    finally:
        other.close()
        live.stop()


def test_clock_tick_is_a_timer_of_the_bridge(en_app, desk, qtbot):
    from desk.ui import change_bridge

    b = ChangeBridge(desk, poll=False)
    try:
        assert b._clock_timer.isActive() and b._clock_timer.interval() == change_bridge.CLOCK_MS == 60_000
        with qtbot.waitSignal(b.changed, timeout=1000, check_params_cb=lambda cs: Entity.CLOCK in cs.entities()):
            b._clock_timer.timeout.emit()
    finally:
        b.stop()
    assert not b._clock_timer.isActive()


# -- failed writes and logging ---------------------------------------------------------------------------

def _register_dialog(desk, qtbot):
    from shapely.geometry import shape

    from desk.ui.incident_actions import IncidentActions
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    p = shape(desk.map_layers()["grids"]["features"][0]["geometry"]).representative_point()
    dlg = IncidentActions(desk, host).register_dialog(p.x, p.y)
    dlg.title.setText("村道路灯损坏")
    dlg.reporter_name.setText("张三丰")
    dlg.reporter_phone.setText("13700002222")
    dlg.open()
    return dlg


@pytest.mark.parametrize("code, words", [
    ("storage_locked", "数据库暂时被其他席位占用，请稍后重试。"),
    ("storage_full", "磁盘已满，未保存任何内容。"),
    ("storage_failed", "数据库保存失败，未保存任何内容。"),
])
def test_a_storage_fault_is_worded_and_the_dialog_keeps_what_was_typed(zh_app, desk, qtbot, monkeypatch,
                                                                       code, words):
    from desk.services.errors import StorageError

    def fail(*_args, **_kwargs):
        raise StorageError(code, "the database could not take the write")

    monkeypatch.setattr(desk.incidents, "register", fail)
    dlg = _register_dialog(desk, qtbot)
    dlg.buttons.accepted.emit()
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.error.isVisible() and words in dlg.error.text()
    assert dlg.title.text() == "村道路灯损坏" and dlg.reporter_phone.text() == "13700002222"


def test_an_unknown_fault_gets_a_plain_sentence_and_a_log_line_without_personal_data(zh_app, desk, qtbot,
                                                                                       monkeypatch, caplog):
    def fail(*_args, **_kwargs):
        raise RuntimeError("INSERT failed for 张三丰 13700002222 110105194912310021")

    monkeypatch.setattr(desk.incidents, "register", fail)
    dlg = _register_dialog(desk, qtbot)
    with caplog.at_level(logging.INFO):
        dlg.buttons.accepted.emit()
    assert dlg.isVisible() and dlg.error.isVisible()
    assert dlg.error.text().startswith("操作出错，未保存任何内容。")
    assert "13700002222" not in dlg.error.text() and "张三丰" not in dlg.error.text()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged
    assert "13700002222" not in logged and "张三丰" not in logged
    assert all(r.exc_info is None for r in caplog.records)
    assert dlg.reporter_name.text() == "张三丰"


def test_log_records_are_scrubbed_of_phones_ids_and_exception_messages(tmp_path):
    from desk.logs import configure_logging

    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    path = configure_logging(path=tmp_path / "logs" / "desk.log")
    try:
        log = logging.getLogger("desk.test")
        log.warning("reporter %s called from %s about %s", "张三丰", "13700002222", "11010519491231002X")
        log.info("landline 5551234, coordinate 110.0123456, mobile 137 0000 2222")
        try:
            raise ValueError("could not write row ('张三丰', '13700002222')")
        except ValueError:
            log.exception("register failed")
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_desk", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(saved[0])
        logging.captureWarnings(False)
    assert "13700002222" not in text and "11010519491231002X" not in text and "5551234" not in text
    assert "137 0000 2222" not in text
    assert "*********22" in text and "1101**********002X" in text
    assert "110.0123456" in text  # coordinates are not phone numbers
    assert "register failed" in text and "ValueError" in text and "test_ui_shell.py" in text
    assert "could not write row" not in text  # an exception's message may carry what was typed
    assert path.parent.name == "logs"


def test_log_file_rotates_at_a_megabyte(tmp_path):
    from logging.handlers import RotatingFileHandler

    from desk.logs import LOG_BACKUPS, LOG_BYTES, configure_logging

    root = logging.getLogger()
    level = root.level
    configure_logging(path=tmp_path / "desk.log")
    try:
        files = [h for h in root.handlers if isinstance(h, RotatingFileHandler) and getattr(h, "_desk", False)]
        assert len(files) == 1 and (files[0].maxBytes, files[0].backupCount) == (LOG_BYTES, LOG_BACKUPS) == (
            1_000_000, 5)
        configure_logging(path=tmp_path / "desk.log")  # again: replaced, not doubled
        assert len([h for h in root.handlers if getattr(h, "_desk", False)]) == 2
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_desk", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
        logging.captureWarnings(False)


def test_a_screenshot_shows_the_cards_laid_out_not_squeezed(zh_app, desk, bridge, tmp_path, qtbot):
    """Cards drawn when the data arrives take a few layout passes to reach their height; the picture
    is taken after them, so no card is squeezed below the height its names need."""
    from PySide6.QtCore import QSize

    from desk.ui.main_window import MainWindow
    from desk.ui.screenshot import capture

    win = MainWindow(desk, bridge, view="boards")
    qtbot.addWidget(win)
    boards = win.show_view("boards")
    capture(win, tmp_path / "boards.png", QSize(1366, 768), None, [(boards.loaded, 1)])
    grid = boards.stations_grid
    panels = [grid.itemAt(i).widget() for i in range(grid.count())]
    assert panels and all(p.height() >= p.minimumSizeHint().height() for p in panels)
