"""The map's live overlays on the demo: staff at their last check-in, gauges, today's patrol coverage."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.models import PatrolArea, Shift, ShiftAssignment, Staff, StaffPosition
from desk.domain import clock as desk_clock
from desk.services.reads.emergency import gauge_states
from desk.services.reads.overlays import map_overlays
from tests.conftest import NOW


def by_id(fc: dict) -> dict[int, dict]:
    return {f["properties"]["id"]: f for f in fc["features"]}


def test_three_collections(desk):
    overlays = desk.map_overlays()
    assert set(overlays) == {"staff", "gauges", "coverage"}
    assert all(fc["type"] == "FeatureCollection" for fc in overlays.values())


def test_staff_on_patrol_today_at_their_latest_check_in(desk):
    staff = by_id(desk.map_overlays()["staff"])
    assert staff  # 10:00: the 06:00–08:00 patrols have reported
    with desk.db.session() as s:
        for staff_id, f in staff.items():
            person = s.get(Staff, staff_id)
            latest = s.scalars(select(StaffPosition).where(StaffPosition.staff_id == staff_id,
                                                           StaffPosition.at <= NOW)
                               .order_by(StaffPosition.at.desc())).first()
            assert f["properties"] == {"id": staff_id, "name": person.name, "role": person.role,
                                       "at": desk_clock.to_local(latest.at).isoformat() + "+08:00"}
            assert f["geometry"] == {"type": "Point", "coordinates": [latest.lon, latest.lat]}
        reporting = set(s.scalars(select(StaffPosition.staff_id).where(StaffPosition.at <= NOW)))
    assert set(staff) == reporting


def test_staff_not_on_duty_or_inactive_or_long_silent_are_not_drawn(desk):
    with desk.db.write_factory.begin() as s:
        shown = sorted(by_id(desk.map_overlays()["staff"]))
        on_patrol = set(s.scalars(select(ShiftAssignment.staff_id)))
        idle = s.scalars(select(Staff.id).where(Staff.id.not_in(on_patrol), Staff.active.is_(True))).first()
        s.add(StaffPosition(staff_id=idle, at=NOW - timedelta(minutes=5), lon=118.78, lat=28.96))
        s.get(Staff, shown[0]).active = False
    staff = by_id(map_overlays(desk.db, NOW)["staff"])
    assert idle not in staff and shown[0] not in staff and set(shown[1:]) <= set(staff)
    # Half a day after the last check-in nobody is drawn: no position is better than a stale one.
    assert map_overlays(desk.db, NOW + timedelta(hours=13))["staff"]["features"] == []


def test_a_later_check_in_moves_the_marker(desk):
    first = next(iter(by_id(desk.map_overlays()["staff"])))
    with desk.db.write_factory.begin() as s:
        s.add(StaffPosition(staff_id=first, at=NOW - timedelta(minutes=1), lon=118.7812, lat=28.9634))
    f = by_id(desk.map_overlays()["staff"])[first]
    assert f["geometry"]["coordinates"] == [118.7812, 28.9634]
    assert f["properties"]["at"].startswith(desk_clock.to_local(NOW - timedelta(minutes=1)).isoformat()[:16])


def test_gauges_with_their_value_and_level(desk):
    gauges = by_id(desk.map_overlays()["gauges"])
    with desk.db.session() as s:
        states = {g.id: g for g in gauge_states(s, NOW)}
    assert set(gauges) == set(states)
    for gid, f in gauges.items():
        g, p = states[gid], f["properties"]
        assert p["name"] == g.name and p["kind"] == g.kind and p["unit"] == g.unit
        assert p["value"] == g.assessment.value and p["level"] == g.assessment.state.value
        if g.kind == "rain":
            day = [v for t, v in zip(g.times, g.values)
                   if t > (NOW - timedelta(hours=24) - datetime(1970, 1, 1)).total_seconds()]
            assert p["value"] == round(sum(day), 2)
        else:
            assert p["value"] == g.values[-1]
    levels = Counter(f["properties"]["level"] for f in gauges.values())
    assert levels["warn"] >= 1  # the storm: the wettest gauge is over its 24 h warning line
    # A day without readings: no value to show, and nothing to warn about.
    quiet = by_id(map_overlays(desk.db, NOW + timedelta(days=2))["gauges"])
    assert all(f["properties"]["value"] is None and f["properties"]["level"] == "normal" for f in quiet.values())


def test_patrol_coverage_today(desk):
    coverage = by_id(desk.map_overlays()["coverage"])
    with desk.db.session() as s:
        areas = {a.id: a for a in s.scalars(select(PatrolArea))}
        shifts = list(s.scalars(select(Shift).where(Shift.kind == "patrol")))
    assert set(coverage) == set(areas)
    for area_id, f in coverage.items():
        p = f["properties"]
        mine = [sh for sh in shifts if sh.patrol_area_id == area_id]
        assert p["name"] == areas[area_id].name and p["kind"] == areas[area_id].kind
        assert p["planned"] == len(mine)
        assert p["done"] == sum(sh.starts_at <= NOW for sh in mine)  # every patrol begun so far reported
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert 0 < sum(f["properties"]["done"] for f in coverage.values()) < sum(
        f["properties"]["planned"] for f in coverage.values())
    # Tomorrow nothing is rostered yet.
    tomorrow = map_overlays(desk.db, NOW + timedelta(days=1))["coverage"]["features"]
    assert all(f["properties"]["planned"] == f["properties"]["done"] == 0 for f in tomorrow)


def test_a_patrol_counts_only_with_a_crew_check_in_inside_its_window(desk):
    with desk.db.write_factory.begin() as s:
        later = s.scalars(select(Shift).where(Shift.kind == "patrol", Shift.starts_at > NOW)
                          .order_by(Shift.starts_at)).first()
        crew = s.scalars(select(ShiftAssignment.staff_id).where(ShiftAssignment.shift_id == later.id)).all()
        outsider = s.scalar(select(func.max(Staff.id)))
        area = later.patrol_area_id
        # Before the shift, by someone else, and tagged with another area: none of these count.
        s.add(StaffPosition(staff_id=crew[0], at=later.starts_at - timedelta(minutes=10), lon=1, lat=1,
                            patrol_area_id=area))
        s.add(StaffPosition(staff_id=outsider, at=later.starts_at + timedelta(minutes=10), lon=1, lat=1,
                            patrol_area_id=area))
        s.add(StaffPosition(staff_id=crew[0], at=later.starts_at + timedelta(minutes=10), lon=1, lat=1,
                            patrol_area_id=area + 1))
    during = later.starts_at + timedelta(minutes=30)
    before = by_id(map_overlays(desk.db, during)["coverage"])[area]["properties"]["done"]
    with desk.db.write_factory.begin() as s:
        s.add(StaffPosition(staff_id=crew[-1], at=later.starts_at + timedelta(minutes=20), lon=1, lat=1,
                            patrol_area_id=area))
    assert by_id(map_overlays(desk.db, during)["coverage"])[area]["properties"]["done"] == before + 1
    # A check-in still in the future of `now` does not count yet.
    early = later.starts_at + timedelta(minutes=15)
    assert by_id(map_overlays(desk.db, early)["coverage"])[area]["properties"]["done"] == before
