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
