"""The visits view as an officer's desk uses it: the list of overdue and due, narrowed by grid and
group; a household's file beside it; a visit recorded from the list by keyboard (Enter, type,
Ctrl+Enter) that takes the household off the list; a finding registered as an incident; the joint
visit planned; the figures; names masked for the operator."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtCore import QEvent

from desk.ui.change_bridge import ChangeBridge


def _view(desk, qtbot):
    from desk.ui.visits_view import VisitsView

    bridge = ChangeBridge(desk, poll=False, clock=False)
    view = VisitsView(desk, bridge)
    qtbot.addWidget(view)
    view.resize(1920, 1040)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.show()
    return view, bridge


def test_record_a_visit_from_the_list_by_keyboard(zh_app, desk, qtbot):
    view, bridge = _view(desk, qtbot)
    assert view.due_model.rowCount() > 0 and "逾期" in view.summary.text()
    first = view.due_model.item(0, 0).text()
    assert first == "已逾期"
    # Household rows only, narrowed to one grid.
    view.group.setCurrentIndex(view.group.findData("household"))
    qtbot.waitUntil(lambda: all(view.due_model.item(r, 4).text() == "普通住户"
                                for r in range(view.due_model.rowCount())), timeout=10000)
    before = view.due_model.rowCount()
    view.due_view.setFocus()
    view.due_view.setCurrentIndex(view.due_model.index(0, 0))
    code = view.due_model.item(0, 2).text()
    assert view._file is not None and view._file.code == code
    assert "*" in view.file_head.text()  # the operator reads masked names
    view.due_view.activated.emit(view.due_model.index(0, 0))  # Enter on the row
    dlg = view.open_dialog
    assert dlg is not None and dlg.worker.currentData() is not None  # the grid's worker already chosen
    dlg.findings.setPlainText("入户核实，家中老人身体健康，反映村口路灯不亮。")
    with qtbot.waitSignal(view.loaded, timeout=10000):
        QKeyEventSender.ctrl_return(dlg)
    assert not dlg.isVisible()
    codes = [view.due_model.item(r, 2).text() for r in range(view.due_model.rowCount())]
    assert code not in codes and view.due_model.rowCount() == before - 1
    bridge.stop()


class QKeyEventSender:
    @staticmethod
    def ctrl_return(widget):
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(widget.findings, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                                          Qt.KeyboardModifier.ControlModifier))
        QApplication.processEvents()


def test_file_history_incident_joint_plan_and_figures(zh_app, desk, qtbot):
    view, bridge = _view(desk, qtbot)
    view.due_view.setCurrentIndex(view.due_model.index(0, 0))
    f = view._file
    assert view.members_model.rowCount() == len(f.members) and view.history_model.rowCount() == len(f.visits)
    assert "*" in view.members_model.item(0, 2).text()  # ID numbers masked
    with qtbot.waitSignal(view.loaded, timeout=10000):
        outcome = view.finding_to_incident()
    assert isinstance(outcome, tuple)
    view.show_file()
    assert view.history_model.item(0, 6).text() == str(outcome[0])
    assert desk.incident_detail(outcome[0]).visit.endswith(f.code)  # the incident names its visit
    # The joint visit planned for a grid not yet planned.
    view.tabs.setCurrentIndex(1)
    row = next(r for r in range(view.joint_model.rowCount()) if view.joint_model.item(r, 4).text() == "未计划") \
        if any(view.joint_model.item(r, 4).text() == "未计划" for r in range(view.joint_model.rowCount())) else 0
    view.joint_view.setCurrentIndex(view.joint_model.index(row, 0))
    dlg = view.plan_joint()
    dlg.note.setText("联合走访独居老人")
    with qtbot.waitSignal(view.loaded, timeout=10000):
        dlg.buttons.accepted.emit()
    assert view.joint_model.item(row, 2).text() != ""
    # Figures: the whole township first, then each grid.
    assert view.figure_model.item(0, 0).text() == "全镇" and view.figure_model.rowCount() > 10
    assert view.figure_model.item(0, 2).text().endswith("%")
    bridge.stop()


def test_the_window_has_a_visits_tab(zh_app, desk, qtbot):
    from desk.ui.main_window import MainWindow

    bridge = ChangeBridge(desk, poll=False, clock=False)
    win = MainWindow(desk, bridge, view="visits")
    qtbot.addWidget(win)
    assert win.tabs.tabText(win.tabs.currentIndex()) == "入户走访"
    assert win.views["visits"].__class__.__name__ == "VisitsView"
    bridge.stop()


def test_the_map_fills_grids_by_visits_overdue_and_the_wall_counts_them(zh_app, desk, wall_desk, qtbot):
    from desk.domain.visits import DueState
    from desk.services.reads.visits import Query
    from desk.ui.wall import WallWindow

    values = desk.grid_measure("visits_overdue")
    overdue = desk.visits_due(Query(states=(DueState.OVERDUE,)))
    assert sum(values.values()) == len(overdue) and all(isinstance(v, int) for v in values.values())
    bridge = ChangeBridge(wall_desk, poll=False, clock=False)
    wall = WallWindow(wall_desk, bridge)
    qtbot.addWidget(wall)
    qtbot.waitUntil(lambda: wall.tiles["visits"].text() == str(len(overdue)), timeout=15000)
    bridge.stop()


def test_the_leader_reveals_one_field_and_it_is_audited(zh_app, desk, qtbot):
    from sqlalchemy import func, select

    from db.models import AuditRecord, Resident
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    leader = DeskServices(desk.db, actor_for(desk.db, "leader"), desk.clock)
    view, bridge = _view(leader, qtbot)
    view.due_view.setCurrentIndex(view.due_model.index(0, 0))
    assert "*" in view.members_model.item(0, 0).text()  # masked for the leader too, until revealed
    view.members_view.setCurrentIndex(view.members_model.index(0, 0))
    with desk.db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditRecord))
        real = s.get(Resident, view._file.members[0].id).phone
    assert view.reveal("phone") == real and real in view.message.text()
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditRecord)) == before + 1
    operator, op_bridge = _view(desk, qtbot)
    assert operator.reveal_button is None  # the operator may not
    bridge.stop()
    op_bridge.stop()


def test_groups_plan_and_repeated_notes_from_the_view(zh_app, desk, qtbot):
    from sqlalchemy import select

    from db.models import KeyPersonPlan
    from desk.services import visits as vs

    view, bridge = _view(desk, qtbot)
    view.due_view.setCurrentIndex(view.due_model.index(0, 0))
    f = view._file
    view.members_view.setCurrentIndex(view.members_model.index(0, 0))
    dlg = view.edit_groups()
    assert "household" not in dlg.ticks and "released_prisoner" in dlg.ticks
    dlg.ticks["released_prisoner"].setChecked(True)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        dlg.buttons.accepted.emit()
    assert "刑满释放人员" in view.members_model.item(0, 4).text()
    view.members_view.setCurrentIndex(view.members_model.index(0, 0))
    plan = view.edit_plan()
    plan.count.setValue(4)
    plan.period.setCurrentIndex(plan.period.findData("month"))
    plan.notes.setPlainText("每周见面一次")
    with qtbot.waitSignal(view.loaded, timeout=10000):
        plan.buttons.accepted.emit()
    with desk.db.session() as s:
        row = s.scalars(select(KeyPersonPlan).where(KeyPersonPlan.resident_id == f.members[0].id)).one()
        assert (row.count, row.period, row.notes) == (4, "month", "每周见面一次") and row.officer_id is not None
    # A copied note shows on the reviewer's tab.
    worker = desk.visit_choices(f.id).grid_worker_id
    note = "入户走访，家中一切正常，人员稳定，无矛盾纠纷，无安全隐患，已宣传反诈知识。"
    vs.record_visit(desk.ops, desk.actor, f.id, desk.now(), note, grid_worker_id=worker)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        vs.record_visit(desk.ops, desk.actor, f.id, desk.now(), note, grid_worker_id=worker)
    assert view.repeat_model.rowCount() >= 1 and view.repeat_model.item(0, 1).text() == f.code
    # Figures per officer.
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.figures_scope.setCurrentIndex(1)
    assert view.figure_model.rowCount() > 2
    bridge.stop()
