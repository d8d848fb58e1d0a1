"""The queue over the whole history: filtered and sorted in SQL, rows fetched a page at a time, the
selection kept, closed incidents reachable for evaluation."""
from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Incident
from desk.domain.clock import to_local
from desk.domain.incident_filter import OPEN_QUEUE
from desk.services.reads.cards import card_counts_as_of
from desk.ui.change_bridge import ChangeBridge


def _all(desk):
    with desk.db.session() as s:
        return s.execute(select(Incident.id, Incident.status, Incident.registered_at, Incident.item_type,
                                Incident.source, Incident.department_id, Incident.grid_id, Incident.code)).all()


def test_the_default_is_the_open_queue_most_urgent_first(desk):
    assert desk.queue_ids() == [r.id for r in desk.queue()]


def test_scopes_cover_the_whole_history(desk):
    rows = _all(desk)
    by = lambda scope: set(desk.queue_ids(OPEN_QUEUE.with_values(scope=scope)))  # noqa: E731
    assert by("awaiting_evaluation") == {r.id for r in rows if r.status == "closed"}
    assert by("closed") == {r.id for r in rows if r.status in ("closed", "evaluated")}
    assert by("all") == {r.id for r in rows} and len(desk.queue_ids(OPEN_QUEUE.with_values(scope="all"))) == len(rows)
    everything = desk.queue_ids(OPEN_QUEUE.with_values(scope="all"))
    assert everything[:len(desk.queue_ids())] == desk.queue_ids()  # open first, most urgent first
    reg = {r.id: r.registered_at for r in rows}
    closed = everything[len(desk.queue_ids()):]
    assert [reg[i] for i in closed] == sorted((reg[i] for i in closed), reverse=True)  # then newest first


def test_each_filter_narrows_in_sql(desk):
    rows = _all(desk)
    everything = OPEN_QUEUE.with_values(scope="all")
    some = rows[len(rows) // 2]
    assert set(desk.queue_ids(everything.with_values(item_types={some.item_type}))) == {
        r.id for r in rows if r.item_type == some.item_type}
    assert set(desk.queue_ids(everything.with_values(sources={some.source}))) == {
        r.id for r in rows if r.source == some.source}
    assert set(desk.queue_ids(everything.with_values(department_ids={some.department_id}))) == {
        r.id for r in rows if r.department_id == some.department_id}
    assert set(desk.queue_ids(everything.with_values(grid_ids={some.grid_id}))) == {
        r.id for r in rows if r.grid_id == some.grid_id}
    day = to_local(some.registered_at).date()
    assert set(desk.queue_ids(everything.with_values(date_from=day, date_to=day))) == {
        r.id for r in rows if to_local(r.registered_at).date() == day}
    assert desk.queue_ids(everything.with_values(text=some.code)) == [some.id]
    grid_name = desk.queue_rows([some.id])[0].grid
    assert some.id in desk.queue_ids(everything.with_values(text=grid_name))
    assert desk.queue_ids(everything.with_values(text="100%_不存在")) == []  # LIKE wildcards are literal


def test_chips_count_every_card_under_the_rest_of_the_filter(desk):
    red_only = OPEN_QUEUE.with_values(base=OPEN_QUEUE.base.with_values(cards={"red"}))
    rows = desk.queue()
    counts = desk.queue_counts(red_only)
    assert counts == {c: sum(r.card.value == c for r in rows) for c in ("none", "yellow", "red")}
    assert len(desk.queue_ids(red_only)) == counts["red"]


def test_the_queue_as_of_a_later_time_matches_info_at(desk):
    later = desk.now() + timedelta(days=2)
    query = OPEN_QUEUE.with_values(as_of=later)
    with desk.db.session() as s:
        expected = card_counts_as_of(s, later)
    assert desk.queue_counts(query) == {c.value: n for c, n in expected.items()}
    assert len(desk.queue_ids(query)) == sum(expected.values())


def test_sorting_by_a_column(desk):
    ids = desk.queue_ids(OPEN_QUEUE.with_values(sort="registered", descending=True))
    rows = {r.id: r for r in desk.queue()}
    times = [rows[i].registered_at for i in ids]
    assert times == sorted(times, reverse=True)
    codes = [rows[i].code for i in desk.queue_ids(OPEN_QUEUE.with_values(sort="code"))]
    assert codes == sorted(codes)


def _view(desk, qtbot, **kw):
    from desk.ui.queue_view import QueueView

    bridge = ChangeBridge(desk, poll=False, clock=False)
    view = QueueView(desk, bridge, **kw)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.show()
    return view, bridge


def test_rows_are_fetched_a_page_at_a_time(zh_app, desk, qtbot, monkeypatch):
    from desk.ui.queue_model import QueueModel

    monkeypatch.setattr(QueueModel, "PAGE", 50)
    view, bridge = _view(desk, qtbot, query=OPEN_QUEUE.with_values(scope="all"))
    model = view.model
    ids = model.ordered_ids()
    assert model.rowCount() == len(ids) > 400
    assert model.cached(ids[-1]) is None  # never painted, never read
    fetched = []
    original = desk.queue_rows
    monkeypatch.setattr(desk, "queue_rows", lambda wanted: fetched.append(list(wanted)) or original(wanted))
    view.model._fetch = desk.queue_rows
    last = model.row_at(len(ids) - 1)
    assert last.id == ids[-1] and len(fetched) == 1 and len(fetched[0]) <= 50
    bridge.stop()


def test_the_operator_reaches_closed_incidents_and_evaluates_by_keyboard(zh_app, desk, qtbot):
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    leader = DeskServices(desk.db, actor_for(desk.db, "leader"), desk.clock)
    view, bridge = _view(leader, qtbot)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.queue_filters.scope.setCurrentIndex(view.queue_filters.scope.findData("awaiting_evaluation"))
    assert view.query.scope == "awaiting_evaluation" and view.model.rowCount() > 0
    target = next(view.model.row_at(i).id for i in range(view.model.rowCount())
                  if "evaluate" in {a.value for a in leader.incident_detail(view.model.row_at(i).id).actions})
    assert view.select_incident(target)
    assert view.next_step() == "evaluate"
    view.run_next_step()
    view._open_dialog.satisfaction.setValue(5)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view._open_dialog.buttons.accepted.emit()
    assert leader.incident_detail(target).row.status == "evaluated"
    qtbot.waitUntil(lambda: view.model.row_of(target) == -1, timeout=5000)  # no longer awaiting evaluation
    assert view._current_id == target
    bridge.stop()


def test_typing_filters_after_a_pause_and_a_header_click_sorts(zh_app, desk, qtbot):
    view, bridge = _view(desk, qtbot)
    code = view.model.row_at(3).code
    view.filter.setText(code[:-1])
    assert view.query.text == ""  # not on the keystroke
    qtbot.waitUntil(lambda: view.query.text == code[:-1], timeout=2000)
    qtbot.waitUntil(lambda: all(view.model.row_at(i).code.startswith(code[:-1])
                                for i in range(view.model.rowCount())) and view.model.rowCount() > 0, timeout=5000)
    view.filter.clear()
    qtbot.waitUntil(lambda: view.query.text == "" and view.model.rowCount() == len(desk.queue_ids()), timeout=5000)
    column = view.model.columns.index("registered")
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    assert view.query.sort == "registered" and view.query.descending
    times = [view.model.row_at(i).registered_at for i in range(view.model.rowCount())]
    assert times == sorted(times, reverse=True)
    bridge.stop()


def test_the_chips_show_live_counts(zh_app, desk, qtbot):
    view, bridge = _view(desk, qtbot)
    red = sum(r.card.value == "red" for r in desk.queue())
    assert view.filter_bar.card_buttons["red"].text().endswith(f" {red}")
    bridge.stop()


def test_bench_queue_prints_its_figures(db_path, capsys):
    from desk.cli import main

    assert main(["bench", "queue", "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("open_ms", "sort_ms", "filter_ms", "tick_ms", "escalate_ms", "naive_fill_ms", "ratio", "rss_mb"):
        assert isinstance(out[key], (int, float)), key
    assert set(out["met"]) == {"open_ms", "sort_ms", "filter_ms", "tick_ms", "escalate_ms", "ratio"}


def test_on_site_report_and_the_clocks_in_the_record(zh_app, desk, clock, qtbot):
    from datetime import timedelta

    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft

    p = shape(desk.map_layers()["grids"]["features"][0]["geometry"]).representative_point()
    new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(title="两人斗殴", item_type="打架斗殴",
                                                                  source="call_110", lon=p.x, lat=p.y))
    desk.incidents.dispatch(desk.actor, new_id, desk.dispatch_choices()[0][0].id)
    view, bridge = _view(desk, qtbot)
    assert view.select_incident(new_id)
    assert view.arrive_action.isEnabled()
    clock.now += timedelta(minutes=6)
    view.table.setFocus()
    qtbot.keyClick(view.table, "O")  # the table's key for the on-site report
    dlg = view._open_dialog
    assert dlg is not None and [dlg.kind.itemData(i) for i in range(dlg.kind.count())] == ["arrived", "professional"]
    dlg.note.setText("民警已到场")
    dlg.buttons.accepted.emit()
    detail = desk.incident_detail(new_id)
    assert detail.may_arrive == ("professional",)
    clocks = {m.code: m for m in detail.milestones}
    assert clocks["on_site"].met_local is not None and not clocks["on_site"].late
    assert clocks["professional"].met_local is None and not clocks["professional"].late
    qtbot.waitUntil(lambda: "民警已到场" in " ".join(view.trail_model.item(r, 4).text()
                                                 for r in range(view.trail_model.rowCount())), timeout=5000)
    html = view.detail.toHtml()
    assert "现场" in html and detail.owner and detail.owner in html  # the clocks and the first receiver
    bridge.stop()
