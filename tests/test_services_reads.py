from desk.domain.cards import Card
from desk.services.reads.info import INFO_KEYS


def test_info_counts_the_demo_township(desk):
    counts = desk.info()
    assert tuple(counts) == INFO_KEYS
    assert counts["units"] == 13
    assert 55 <= counts["grids"] <= 65
    assert 4 <= counts["workstations"] <= 5
    assert 130 <= counts["volunteers"] <= 160
    assert 1300 <= counts["incidents"] <= 1700
    assert counts["yellow"] > 0 and counts["red"] > 0
    assert counts["open_incidents"] >= counts["yellow"] + counts["red"]
    assert 6 <= counts["hazard_points"] <= 10
    assert counts["routes"] == 4
    assert counts["readings"] >= counts["gauges"] * 72
    # The households the hazard points threaten are on file, and four cadres per village for the call list.
    assert counts["households"] > 0 and counts["persons"] >= counts["households"]
    assert counts["village_cadres"] == 4 * counts["units"]


def test_queue_is_open_incidents_most_urgent_first(desk):
    rows = desk.queue()
    assert rows and all(r.is_open for r in rows)
    ranks = [r.card.rank for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert rows[0].card is Card.RED
    assert len(rows) == desk.info()["open_incidents"]


def test_map_layers_and_incidents(desk):
    layers = desk.map_layers()
    assert len(layers["grids"]["features"]) == desk.info()["grids"]
    assert len(layers["cells"]["features"]) == desk.info()["police_cells"]
    (s, w), (n, e) = layers["bounds"]
    assert 118.68 <= w < e <= 118.88 and 28.88 <= s < n <= 29.04
    incidents = desk.map_incidents()["features"]
    assert len(incidents) == desk.info()["open_incidents"]
    assert {f["properties"]["card"] for f in incidents} == {"none", "yellow", "red"}


def test_boards_show_rosters_and_who_is_on_duty(desk):
    snap = desk.boards()
    assert snap.on_duty_total > 0
    for board in snap.stations:
        assert board.roster["community_police"] and not board.gaps
    assert any(st.on_duty for st in snap.stations)
    assert len(snap.patrols) == 8 and all(len(p.shifts) >= 2 for p in snap.patrols)
    assert len(snap.teams) == 13
    assert snap.corps.party_share >= 0.4 and snap.corps.women_share >= 0.2


def test_agenda_draws_on_cards_and_earlier_actions(desk):
    snap = desk.agenda()
    assert snap.meeting is not None and snap.meeting.status == "planned"
    assert snap.previous is not None
    assert snap.agenda.section("red") and snap.agenda.section("actions")
    assert snap.agenda.stats.open_now == desk.info()["open_incidents"]
    assert 0 < snap.agenda.stats.closed <= snap.agenda.stats.registered


def test_emergency_snapshot(desk):
    snap = desk.emergency()
    assert snap.level.value != "none" and snap.warnings
    assert any(g.kind == "river" for g in snap.gauges)
    assert all(len(g.values) >= 70 for g in snap.gauges)
    assert snap.hazards and all(h.monitor and h.shelter for h in snap.hazards)
    assert snap.steps


def test_status_snapshot_matches_info(desk):
    st = desk.status()
    info = desk.info()
    assert (st.open_red, st.open_yellow, st.open_total) == (info["red"], info["yellow"], info["open_incidents"])
    assert st.on_duty > 0


def _register(desk, title, item_type="邻里纠纷", grid=0):
    from shapely.geometry import shape

    from desk.services.incidents import IncidentDraft

    p = shape(desk.map_layers()["grids"]["features"][grid]["geometry"]).representative_point()
    new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(title, item_type=item_type, source="patrol",
                                                                  lon=p.x, lat=p.y, reporter_name="王小明",
                                                                  reporter_phone="13900001111"))
    return new_id


def test_partial_rows_carry_names_and_say_when_an_incident_left_the_queue(desk, db_path, clock):
    from desk.services.desk import open_desk

    new_id = _register(desk, "村口路灯不亮")
    (row,) = desk.queue_rows([new_id])
    assert row.is_open and row.grid and row.cell and row.unit and row.title == "村口路灯不亮"
    assert row == next(r for r in desk.queue() if r.id == new_id)  # the same row as in the full read
    department = desk.dispatch_choices()[0][0].id
    desk.incidents.dispatch(desk.actor, new_id, department)
    desk.incidents.feedback(desk.actor, new_id, "已修复")
    leader = open_desk(db_path, login="leader", clock=clock)
    try:
        leader.incidents.close(leader.actor, new_id)
    finally:
        leader.close()
    (row,) = desk.queue_rows([new_id])
    assert not row.is_open and row.department
    assert desk.queue_rows([]) == []


def test_police_clock_runs_until_the_handler_answers_not_the_dispatch(desk, clock):
    from datetime import timedelta

    start = clock.now
    new_id = _register(desk, "可疑车辆停放", item_type="可疑人员车辆")
    clock.now = start + timedelta(hours=1)
    desk.incidents.dispatch(desk.actor, new_id, desk.dispatch_choices()[0][0].id)
    clock.now = start + timedelta(hours=25)  # dispatched at once, but nobody answered in 24 h
    (row,) = desk.queue_rows([new_id])
    assert row.matter == "police" and row.card is Card.RED and row.milestone == "answer"
    assert {f["properties"]["id"]: f["properties"]["card"] for f in desk.map_incidents()["features"]}[new_id] == "red"
    assert any(e.incident_id == new_id for e in desk.agenda().agenda.section("red"))

    other = _register(desk, "可疑人员徘徊", item_type="可疑人员车辆")
    desk.incidents.dispatch(desk.actor, other, desk.dispatch_choices()[0][0].id)
    desk.incidents.accept(desk.actor, other)  # answered in time: no card, and no clock left to run
    clock.now = start + timedelta(hours=60)
    (row,) = desk.queue_rows([other])
    assert row.card is Card.NONE and row.remaining is None


def test_detail_masks_the_reporter_for_every_role_and_offers_only_allowed_steps(desk, db_path, clock):
    from desk.services.desk import open_desk

    new_id = _register(desk, "邻里噪音纠纷")
    detail = desk.incident_detail(new_id)
    assert detail.reporter_phone == "139****1111" and "小明" not in detail.reporter_name
    assert [a.value for a in detail.actions] == ["dispatch"]
    desk.incidents.dispatch(desk.actor, new_id, desk.dispatch_choices()[0][0].id)
    desk.incidents.feedback(desk.actor, new_id, "已调解")
    # The registrar may not close what they registered (separation of duties): not offered.
    assert [a.value for a in desk.incident_detail(new_id).actions] == ["return"]
    leader = open_desk(db_path, login="leader", clock=clock)
    auditor = open_desk(db_path, login="audit", clock=clock)
    try:
        seen = leader.incident_detail(new_id)
        assert seen.reporter_phone == "139****1111"  # masked until revealed, and the reveal is audited
        assert {a.value for a in seen.actions} == {"return", "close"}
        assert auditor.incident_detail(new_id).actions == []  # the auditor only reads
    finally:
        leader.close()
        auditor.close()
