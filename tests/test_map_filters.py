"""One incident filter for the map and the queue; grid fill measures, heat, and the grid/cell card."""
from __future__ import annotations

from datetime import timedelta

from desk.domain.incident_filter import NO_FILTER, IncidentFilter
from desk.domain.lifecycle import OPEN_STATUSES

OPEN = {s.value for s in OPEN_STATUSES}


def _ids(fc) -> set[int]:
    return {f["properties"]["id"] for f in fc["features"]}


def test_an_empty_filter_shows_every_open_incident(desk):
    rows = desk.queue()
    assert NO_FILTER.is_empty and NO_FILTER.active_count == 0
    assert _ids(desk.map_incidents()) == {r.id for r in rows}


def test_each_criterion_narrows_map_and_queue_alike(desk):
    rows = desk.queue()
    now = desk.now()
    unit_id = next(r.unit_id for r in rows if r.unit_id is not None)
    filters = [
        IncidentFilter(cards=frozenset({"red"})),
        IncidentFilter(cards=frozenset({"yellow", "red"})),
        IncidentFilter(natures=frozenset({"police"})),
        IncidentFilter(classes=frozenset({"dispute"})),
        IncidentFilter(unit_ids=frozenset({unit_id})),
        IncidentFilter(statuses=frozenset({"feedback"})),
        IncidentFilter(max_age_days=3),
        IncidentFilter(cards=frozenset({"none"}), natures=frozenset({"grid"}), max_age_days=30),
    ]
    for f in filters:
        expected = {r.id for r in rows if f.matches(card=r.card.value, nature=r.matter, item_class=r.category,
                                                     unit_id=r.unit_id, status=r.status,
                                                     registered_at=r.registered_at, now=now)}
        shown = _ids(desk.map_incidents(f))
        assert shown == expected, f
        assert 0 < len(shown) < len(rows), f  # the demo has some of each, and not only those


def test_the_age_criterion_counts_from_the_desks_clock(desk, clock):
    f = IncidentFilter(max_age_days=1)
    today = _ids(desk.map_incidents(f))
    clock.now += timedelta(days=2)
    assert _ids(desk.map_incidents(f)) < today or not today


def test_a_diff_removes_what_leaves_the_filter(desk):
    rows = desk.queue()
    red = [r.id for r in rows if r.card.value == "red"]
    calm = [r.id for r in rows if r.card.value == "none"]
    f = IncidentFilter(cards=frozenset({"red"}))
    upsert, gone = desk.map_incident_diff(red[:2] + calm[:2], f)
    assert _ids(upsert) == set(red[:2])
    assert gone == sorted(calm[:2])


def test_toggling_and_replacing_criteria():
    f = NO_FILTER.toggled("cards", "red").toggled("cards", "yellow")
    assert f.cards == {"red", "yellow"} and f.active_count == 1
    assert f.toggled("cards", "red").cards == {"yellow"}
    g = f.with_values(natures=["police"], max_age_days=7)
    assert g.natures == frozenset({"police"}) and g.max_age_days == 7 and g.active_count == 3
    assert g.with_values(cards=(), natures=(), max_age_days=None).is_empty


def test_grid_measures(desk):
    rows = desk.queue()
    open_by_grid = desk.grid_measure("open")
    assert sum(open_by_grid.values()) == sum(1 for r in rows if r.grid)
    worst = desk.grid_measure("card")
    assert set(worst) == set(open_by_grid) and set(worst.values()) <= {"none", "yellow", "red"}
    assert "red" in worst.values()
    households = desk.grid_measure("households")
    layers = desk.map_layers()
    assert households == {f["properties"]["id"]: f["properties"]["households"] for f in layers["grids"]["features"]}
    police = desk.grid_measure("open", IncidentFilter(natures=frozenset({"police"})))
    assert sum(police.values()) == sum(1 for r in rows if r.grid and r.matter == "police")


def test_heat_points_cover_the_last_thirty_days_binned(desk):
    points = desk.heat_points()
    assert points and all(len(p) == 3 and p[2] >= 1 for p in points)
    assert len({(p[0], p[1]) for p in points}) == len(points)  # one entry per bin
    fewer = desk.heat_points(IncidentFilter(classes=frozenset({"dispute"})))
    assert sum(p[2] for p in fewer) < sum(p[2] for p in points)


def test_cells_carry_their_fusion_pattern_and_officer_count(desk):
    cells = desk.map_layers()["cells"]["features"]
    patterns = {f["properties"]["pattern"] for f in cells}
    assert patterns <= {"one_to_one", "one_grid_many_cells", "one_cell_many_grids"}
    assert len(patterns) >= 2
    for f in cells:
        p = f["properties"]
        assert p["officer_count"] == (len(p["officers"].split("、")) if p["officers"] else 0)


def test_a_grid_card_names_its_people_and_lists_its_open_items(desk):
    rows = desk.queue()
    grid_name = next(r.grid for r in rows if r.grid)
    grid = next(f["properties"] for f in desk.map_layers()["grids"]["features"]
                if f["properties"]["name"] == grid_name)
    card = desk.area_card("grids", grid["id"])
    assert card.code == grid["code"] and card.unit == grid["unit"]
    assert card.households == grid["households"] and card.population == grid["population"]
    assert card.grid_workers and card.officers and card.workstations and card.related
    assert {i.id for i in card.open_items} == {r.id for r in rows if r.grid == grid_name}
    ranks = [{"red": 2, "yellow": 1, "none": 0}[i.card] for i in card.open_items]
    assert ranks == sorted(ranks, reverse=True)


def test_a_cell_card_has_its_pattern_and_grids(desk):
    cell = desk.map_layers()["cells"]["features"][0]["properties"]
    card = desk.area_card("cells", cell["id"])
    assert card.pattern == cell["pattern"] and card.related
    assert card.households is None
    assert desk.area_card("cells", 999_999) is None
