"""The demo's map data: a vector base map, the address gazetteer, and staff check-ins on patrol."""
from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
import shapely
from shapely.geometry import Point
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import demo
from db.demo.basemap import centreline
from db.demo.scales import COUNTY
from db.engine import make_engine, make_session_factory, migrate
from db.models import (Address, AdminUnit, BaseFeature, Gauge, HazardPoint, Incident, PatrolArea, Shift,
                       ShiftAssignment, StaffPosition, Township)
from desk.domain import geometry
from desk.domain.address_text import search_key
from desk.services.database import Database
from tests.conftest import NOW

GROUP = re.compile(r"^(?P<unit>.+村)(?P<n>\d+)组$")
HOUSE = re.compile(r"^(?P<unit>.+社区)(?P<street>.+?[路街])(?P<n>\d+)号$")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    engine = make_engine(tmp_path_factory.mktemp("mapdata") / "township.sqlite")
    migrate(engine)
    factory = make_session_factory(engine)
    counts = demo.generate(factory, now=NOW)
    with factory() as s:
        s.info["counts"] = counts
        yield s
    engine.dispose()


def features(s: Session, kind: str) -> list[BaseFeature]:
    return list(s.scalars(select(BaseFeature).where(BaseFeature.kind == kind)))


def units(s: Session) -> dict[str, AdminUnit]:
    return {u.name: u for u in s.scalars(select(AdminUnit))}


def test_counts_are_reported(session):
    counts = session.info["counts"]
    for model, key in ((BaseFeature, "base_feature"), (Address, "address"), (StaffPosition, "staff_position")):
        assert counts[key] == session.scalar(select(func.count()).select_from(model)) > 0


def test_roads_rivers_water_contours_and_relief(session):
    kinds = Counter(session.scalars(select(BaseFeature.kind)))
    assert set(kinds) == {"road", "river", "water", "contour", "relief"}
    assert sum(kinds.values()) <= 300
    town = geometry.parse(session.scalars(select(Township)).one().geojson)
    for f in session.scalars(select(BaseFeature)):
        geom = geometry.parse(f.geojson)
        assert geom.is_valid and not geom.is_empty, (f.kind, f.name)
        assert (f.min_lon, f.min_lat, f.max_lon, f.max_lat) == geometry.bbox(geom)
        assert geom.distance(town) < 0.05, (f.kind, f.name)  # the township and a margin round it


def test_roads_reach_every_village_and_follow_the_trunk_road_patrols(session):
    roads = features(session, "road")
    ranks = Counter(r.rank for r in roads)
    assert ranks[1] >= 1 and ranks[2] >= 1 and ranks[3] == 6
    network = shapely.union_all([geometry.parse(r.geojson) for r in roads])
    for unit in units(session).values():
        assert network.intersects(geometry.parse(unit.geojson)), unit.name
    trunk = shapely.union_all([geometry.parse(r.geojson) for r in roads if r.rank == 1])
    for area in session.scalars(select(PatrolArea).where(PatrolArea.kind == "road")):
        shape = geometry.parse(area.geojson)
        # Most of the patrolled stretch lies on the road of the same number.
        assert trunk.intersection(shape).length > 0.7 * centreline(shape).length, area.name
        assert any(area.name.startswith(r.name) for r in roads if r.rank == 1), area.name


def test_the_town_streets_carry_the_names_incident_addresses_use(session):
    streets = {r.name: geometry.parse(r.geojson) for r in features(session, "road") if r.rank == 3}
    assert set(streets) == {"青岚街", "新民路", "溪滨路", "文昌路", "解放街", "集贸路"}
    community = geometry.parse(units(session)["青岚社区"].geojson)
    assert all(community.contains(line) for line in streets.values())


def test_rivers_pass_the_river_gauges_and_the_flood_points(session):
    rivers = features(session, "river")
    assert any(r.name == "青溪" and r.rank == 1 for r in rivers)
    water = shapely.union_all([geometry.parse(r.geojson) for r in rivers])
    for g in session.scalars(select(Gauge).where(Gauge.kind == "river")):
        assert water.distance(Point(g.lon, g.lat)) < 1e-5, g.name
    for h in session.scalars(select(HazardPoint).where(HazardPoint.kind == "flood")):
        assert water.distance(Point(h.lon, h.lat)) < 1e-5, h.name
    lakes = features(session, "water")
    assert any(w.name.endswith("水库") for w in lakes) and any(w.name.endswith("山塘") for w in lakes)


def test_contours_are_levels_in_metres_and_relief_bands_are_ranked(session):
    levels = sorted(c.rank for c in features(session, "contour"))
    assert len(levels) == len(set(levels)) >= 10
    assert all(level % 25 == 0 for level in levels)
    relief = features(session, "relief")
    assert sorted(r.rank for r in relief) == [1, 2, 3, 4, 5]
    bands = [geometry.parse(r.geojson) for r in sorted(relief, key=lambda r: r.rank)]
    for low, high in zip(bands, bands[1:]):
        assert low.intersection(high).area < 1e-6 * low.area  # bands do not overlap


def test_every_village_has_its_groups_inside_it(session):
    by_name = units(session)
    groups: dict[str, list[int]] = {}
    for a in session.scalars(select(Address)):
        unit = by_name[a.unit_name]
        assert a.unit_id == unit.id
        assert geometry.parse(unit.geojson).contains(Point(a.lon, a.lat)), a.text
        assert a.search_key == search_key(a.text)
        m = GROUP.match(a.text)
        if m:
            assert m["unit"] == unit.name
            groups.setdefault(unit.name, []).append(int(m["n"]))
    villages = [u.name for u in by_name.values() if u.kind == "village"]
    assert sorted(groups) == sorted(villages)
    for name, numbers in groups.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)) and 4 <= len(numbers) <= 15, name


def test_the_town_has_house_numbers_along_its_streets(session):
    houses = [(m, a) for a in session.scalars(select(Address)) if (m := HOUSE.match(a.text))]
    assert {m["unit"] for m, _ in houses} == {"青岚社区"}
    per_street = Counter(m["street"] for m, _ in houses)
    assert per_street == {s: 188 for s in ("青岚街", "新民路", "溪滨路", "文昌路", "解放街", "集贸路")}
    found = session.scalars(select(Address).where(Address.search_key == search_key("青岚社区文昌路１５６号"))).one()
    assert found.text == "青岚社区文昌路156号"
    streets = {r.name: geometry.parse(r.geojson) for r in features(session, "road") if r.rank == 3}
    for m, a in houses:
        assert streets[m["street"]].distance(Point(a.lon, a.lat)) < 0.0003, a.text  # by its street (~30 m)


def test_incident_addresses_come_from_the_gazetteer(session):
    gazetteer = {a.text: a for a in session.scalars(select(Address))}
    incidents = list(session.scalars(select(Incident)))
    assert incidents and all(i.address in gazetteer for i in incidents)
    for i in incidents[:300]:
        entry = gazetteer[i.address]
        assert entry.unit_id == i.unit_id
        # The nearest entry of its unit.
        mine = [a for a in gazetteer.values() if a.unit_id == i.unit_id]
        best = min(mine, key=lambda a: (a.lon - i.lon) ** 2 + (a.lat - i.lat) ** 2)
        assert (best.lon - i.lon) ** 2 + (best.lat - i.lat) ** 2 == (entry.lon - i.lon) ** 2 + (entry.lat - i.lat) ** 2


def test_staff_check_in_inside_their_patrol_area_while_on_shift(session):
    positions = list(session.scalars(select(StaffPosition)))
    assert positions
    areas = {a.id: geometry.parse(a.geojson) for a in session.scalars(select(PatrolArea))}
    shifts = {s.id: s for s in session.scalars(select(Shift).where(Shift.kind == "patrol"))}
    windows: dict[tuple[int, int], list[tuple]] = {}
    for a in session.scalars(select(ShiftAssignment)):
        sh = shifts.get(a.shift_id)
        if sh is not None:
            windows.setdefault((a.staff_id, sh.patrol_area_id), []).append((sh.starts_at, sh.ends_at))
    for p in positions:
        assert p.at <= NOW and p.at >= NOW - timedelta(days=2)
        assert areas[p.patrol_area_id].contains(Point(p.lon, p.lat))
        assert any(start <= p.at <= end for start, end in windows[(p.staff_id, p.patrol_area_id)])
    # Every patrol that has started by now has reports from each of its crew, 20-30 minutes apart.
    started = [sh for sh in shifts.values() if sh.starts_at <= NOW - timedelta(minutes=5)]
    assert started
    for sh in started:
        crew = session.scalars(select(ShiftAssignment.staff_id).where(ShiftAssignment.shift_id == sh.id)).all()
        for staff_id in crew:
            times = sorted(p.at for p in positions if p.staff_id == staff_id and sh.starts_at <= p.at <= sh.ends_at)
            assert times, (sh.id, staff_id)
            assert all(timedelta(minutes=20) <= b - a <= timedelta(minutes=30) for a, b in zip(times, times[1:]))


def test_generate_takes_an_incident_count(tmp_path):
    db = Database(tmp_path / "small.sqlite")
    counts = demo.generate(db.write_factory, now=NOW, incidents=300)
    assert counts["incident"] == 300
    with pytest.raises(ValueError):
        demo.generate(Database(tmp_path / "none.sqlite").write_factory, now=NOW, incidents=0)
    db.dispose()


def test_county_map_data_stays_small(tmp_path):
    engine = make_engine(tmp_path / "county.sqlite")
    migrate(engine)
    factory = make_session_factory(engine)
    counts = demo._generate(factory, COUNTY.with_incidents(500).without_residents(), now=NOW)
    assert counts["base_feature"] <= 300
    assert counts["staff_position"] <= 50_000
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Address).where(Address.text.like("%组"))) >= 45 * 4
        assert {r for r in s.scalars(select(BaseFeature.kind))} == {"road", "river", "water", "contour", "relief"}
    engine.dispose()
