from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import Incident, IncidentEvent
from desk.domain.cards import Card
from desk.domain.changes import Entity
from desk.domain.permissions import Actor, PermissionDenied
from desk.services.accounts import actor_for
from desk.services.desk import DeskServices
from desk.services.incidents import IncidentDraft, IncidentError


def _inside_point(desk):
    from shapely.geometry import shape

    grid = desk.map_layers()["grids"]["features"][0]
    p = shape(grid["geometry"]).representative_point()
    return p.x, p.y, grid["properties"]["name"]


def _draft(lon, lat, **kw):
    base = dict(title="邻里噪音纠纷", item_type="邻里纠纷", matter="grid", source="walk_in", lon=lon, lat=lat,
                reporter_name="王小明", reporter_phone="13900001111")
    base.update(kw)
    return IncidentDraft(**base)


def _events(desk, incident_id):
    with desk.db.session() as s:
        return [(e.action, e.from_status, e.to_status) for e in
                s.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                          .order_by(IncidentEvent.id))]


def test_full_closed_loop_writes_audit_and_publishes(desk):
    lon, lat, grid_name = _inside_point(desk)
    seen = []
    desk.hub.subscribe(seen.append)
    new_id, cs = desk.incidents.register(desk.actor, _draft(lon, lat))
    assert cs.ids(Entity.INCIDENT) == {new_id}
    detail = desk.incident_detail(new_id)
    assert detail.row.grid == grid_name and detail.row.cell  # derived from geometry
    assert detail.row.status == "registered"
    depts, handlers = desk.dispatch_choices()
    desk.incidents.dispatch(desk.actor, new_id, depts[0].id, handlers[0].id, tier="first")
    desk.incidents.accept(desk.actor, new_id)
    desk.incidents.feedback(desk.actor, new_id, "已上门调解")
    # 三员分离: the leader, not the registrar, reviews, closes and evaluates.
    leader = DeskServices(desk.db, actor_for(desk.db, "leader"), desk.clock)
    leader.incidents.return_for_rework(leader.actor, new_id, "当事人不满意")
    desk.incidents.feedback(desk.actor, new_id, "再次调解，双方签字")
    leader.incidents.close(leader.actor, new_id, "办结")
    leader.incidents.evaluate(leader.actor, new_id, 5)
    assert _events(desk, new_id) == [
        ("register", "", "registered"), ("dispatch", "registered", "dispatched"),
        ("accept", "dispatched", "handling"), ("feedback", "handling", "feedback"),
        ("return", "feedback", "handling"), ("feedback", "handling", "feedback"),
        ("close", "feedback", "closed"), ("evaluate", "closed", "evaluated")]
    with desk.db.session() as s:
        inc = s.get(Incident, new_id)
        assert inc.rework_count == 1 and inc.satisfaction == 5 and inc.tier == "first"
        assert inc.registered_at <= inc.dispatched_at <= inc.closed_at <= inc.evaluated_at
    assert len(seen) == 5 and all(c.ids(Entity.INCIDENT) == {new_id} for c in seen)  # the leader's hub has 3
    assert new_id not in {r.id for r in desk.queue()}


def test_new_incident_sorts_by_urgency_and_cards_follow_the_clock(desk, clock):
    lon, lat, _ = _inside_point(desk)
    new_id, _ = desk.incidents.register(desk.actor, _draft(lon, lat))
    row = next(r for r in desk.queue() if r.id == new_id)
    # The first clock is the command room's: classified and routed within 10 minutes (no card for it).
    assert row.card is Card.NONE and row.remaining == timedelta(minutes=10) and row.milestone == "route"
    clock.now += timedelta(minutes=5)
    dept = desk.dispatch_choices()[0][0].id
    desk.incidents.dispatch(desk.actor, new_id, dept)
    row = next(r for r in desk.queue() if r.id == new_id)
    # Then the department's answer within 2 hours, and the grid matter's 3 days from registration.
    assert row.milestone == "respond" and row.remaining == timedelta(hours=2)
    clock.now += timedelta(days=3, minutes=1) - timedelta(minutes=5)
    assert next(r for r in desk.queue() if r.id == new_id).card is Card.YELLOW
    clock.now += timedelta(days=3)
    queue = desk.queue()
    assert next(r for r in queue if r.id == new_id).card is Card.RED
    cards = [r.card.rank for r in queue]
    assert cards == sorted(cards, reverse=True)  # red first, then yellow, then the rest


def test_bad_input_is_refused_and_nothing_is_written(desk):
    lon, lat, _ = _inside_point(desk)
    before = desk.info()["incidents"]
    with pytest.raises(IncidentError, match="outside every grid"):
        desk.incidents.register(desk.actor, _draft(100.0, 20.0))
    with pytest.raises(IncidentError, match="title is empty"):
        desk.incidents.register(desk.actor, _draft(lon, lat, title="  "))
    with pytest.raises(IncidentError, match="not a phone number"):
        desk.incidents.register(desk.actor, _draft(lon, lat, reporter_phone="call me"))
    with pytest.raises(IncidentError, match="not on Earth"):
        desk.incidents.register(desk.actor, _draft(lon, 200.0))
    assert desk.info()["incidents"] == before


def test_wrong_step_and_wrong_role_are_refused(desk):
    lon, lat, _ = _inside_point(desk)
    new_id, _ = desk.incidents.register(desk.actor, _draft(lon, lat))
    with pytest.raises(IncidentError, match="cannot close"):
        desk.incidents.close(desk.actor, new_id)
    with pytest.raises(PermissionDenied):
        desk.incidents.register(Actor(None, "wall", "wall"), _draft(lon, lat))
    grid_worker = actor_for(desk.db, "grid01")
    with pytest.raises(PermissionDenied):
        desk.incidents.dispatch(grid_worker, new_id, desk.dispatch_choices()[0][0].id)
    assert [e[0] for e in _events(desk, new_id)] == ["register"]


def test_incident_codes_are_daily_sequences(desk):
    lon, lat, _ = _inside_point(desk)
    a, _ = desk.incidents.register(desk.actor, _draft(lon, lat))
    b, _ = desk.incidents.register(desk.actor, _draft(lon, lat))
    ca, cb = desk.incident_detail(a).row.code, desk.incident_detail(b).row.code
    assert ca[:11] == cb[:11] and int(cb[-4:]) == int(ca[-4:]) + 1


def test_personal_data_is_masked_for_roles_without_the_right(desk, wall_desk):
    lon, lat, _ = _inside_point(desk)
    new_id, _ = desk.incidents.register(desk.actor, _draft(lon, lat))
    assert wall_desk.incident_detail(new_id).reporter_phone == "139****1111"
    assert desk.incident_detail(new_id).reporter_phone == "139****1111"  # operators see it masked too
    from desk.services.desk import DeskServices

    leader = DeskServices(desk.db, actor_for(desk.db, "leader"), desk.clock)
    # Masked by default for every role; a leader may reveal it, and the reveal is audited.
    assert leader.incident_detail(new_id).reporter_phone == "139****1111"
    assert leader.reveal_personal(new_id, "reporter_phone") == "13900001111"
    assert all("****" in h.monitor_phone for h in wall_desk.emergency().hazards if h.monitor_phone)
    phones = [p.phone for b in wall_desk.boards().stations for ps in b.roster.values() for p in ps]
    assert phones and all("****" in p for p in phones if p)


def test_second_process_write_is_seen_through_the_change_log(desk, db_path, clock):
    from desk.services.desk import open_desk

    other = open_desk(db_path, login="duty", create_demo=False, clock=clock)
    try:
        lon, lat, _ = _inside_point(desk)
        seen = []
        desk.hub.subscribe(seen.append)
        new_id, _ = other.incidents.register(other.actor, _draft(lon, lat))
        assert not other.poll_external()  # its own write is not news to itself
        found = desk.poll_external()
        assert found.external and found.ids(Entity.INCIDENT) == {new_id}
        assert seen == [found]
        assert not desk.poll_external()
    finally:
        other.close()


def test_a_step_racing_another_seat_is_refused_not_overwritten(desk, db_path, clock):
    """Two seats dispatch one incident at the same moment: writes take turns, the later one finds the
    incident already dispatched and is refused; nothing is lost or applied twice."""
    import threading

    from desk.services.desk import open_desk

    lon, lat, _ = _inside_point(desk)
    new_id, _ = desk.incidents.register(desk.actor, _draft(lon, lat))
    depts, handlers = desk.dispatch_choices()
    seats = [open_desk(db_path, clock=clock) for _ in range(2)]
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def dispatch(seat, handler):
        start.wait()
        try:
            seat.incidents.dispatch(seat.actor, new_id, depts[0].id, handler.id)
            outcomes.append("done")
        except IncidentError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=dispatch, args=(seat, h)) for seat, h in zip(seats, handlers[:2])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seat in seats:
        seat.close()
    assert sorted(outcomes) == ["done", "wrong_step"]
    assert [e[0] for e in _events(desk, new_id)] == ["register", "dispatch"]
