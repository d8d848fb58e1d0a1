"""Which base map the desk draws: settings, their checks through the one write path, and loading."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from db.models import AuditRecord, Setting
from desk.domain.permissions import PermissionDenied
from desk.services import base_map
from desk.services.accounts import actor_for
from desk.services.base_map import BaseMap
from desk.services.errors import BadInput
from desk.services.reads.basemap import base_features
from desk.services.settings import update_setting


def make_mbtiles(path, metadata=None):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                     "tile_data BLOB)")
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", list((metadata or {}).items()))
    conn.close()
    return path


@pytest.fixture
def admin(desk):
    return actor_for(desk.db, "admin")


def setting(desk, key):
    with desk.db.session() as s:
        row = s.get(Setting, key)
        return row.value if row is not None else None


def test_default_is_the_vector_base_in_wgs84(desk):
    assert desk.base_map() == BaseMap("vector", crs="wgs84")
    assert desk.base_map().tile_url == "" and not desk.base_map().shift_to_gcj02


def test_mbtiles_base_with_its_zooms_and_attribution(desk, admin, tmp_path):
    path = make_mbtiles(tmp_path / "county.mbtiles", {"format": "png", "minzoom": "10", "maxzoom": "17",
                                                       "attribution": '<a href="http://x">青溪县测绘院</a> 2026'})
    update_setting(desk.ops, admin, "map.mbtiles", str(path))
    update_setting(desk.ops, admin, "map.base", "mbtiles")
    update_setting(desk.ops, admin, "map.crs", "gcj02")
    chosen = desk.base_map()
    assert chosen == BaseMap("mbtiles", mbtiles_path=str(path.resolve()), crs="gcj02",
                             attribution="青溪县测绘院 2026", min_zoom=10, max_zoom=17)
    assert chosen.tile_url == "desk-tiles://local/{z}/{x}/{y}" and chosen.shift_to_gcj02
    update_setting(desk.ops, admin, "map.attribution", "  底图：青溪县\n测绘院  ")
    assert desk.base_map().attribution == "底图：青溪县 测绘院"


def test_xyz_base_from_an_intranet_server(desk, admin):
    url = "http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png"
    update_setting(desk.ops, admin, "map.xyz", f" {url} ")
    update_setting(desk.ops, admin, "map.base", "xyz")
    chosen = desk.base_map()
    assert chosen.kind == "xyz" and chosen.xyz_url == url == chosen.tile_url and chosen.crs == "wgs84"
    assert base_map.xyz_prefix(url) == "http://10.1.2.3:8080/tiles/"
    assert (chosen.min_zoom, chosen.max_zoom) == (0, 18)


def test_the_vector_base_ignores_a_gcj02_setting(desk, admin):
    update_setting(desk.ops, admin, "map.crs", "gcj02")
    assert desk.base_map().crs == "wgs84"


@pytest.mark.parametrize(("key", "value", "code"), [
    ("map.base", "osm", "unknown_value"),
    ("map.crs", "bd09", "unknown_value"),
    ("map.size", "big", "unknown_value"),
    ("map.xyz", "http://10.1.2.3/tiles/{z}/{x}.png", "bad_tile_url"),
    ("map.xyz", "ftp://10.1.2.3/{z}/{x}/{y}.png", "bad_tile_url"),
    ("map.xyz", "http://{s}.tiles.local/{z}/{x}/{y}.png", "bad_tile_url"),
    ("map.xyz", "file:///tiles/{z}/{x}/{y}.png", "bad_tile_url"),
    ("map.attribution", "图" * 201, "too_long"),
    ("map.mbtiles", "", "bad_mbtiles"),
    ("map.mbtiles", "/no/such/file.mbtiles", "bad_mbtiles"),
])
def test_bad_values_are_refused_with_what_was_wrong(desk, admin, key, value, code):
    with pytest.raises(BadInput) as caught:
        update_setting(desk.ops, admin, key, value)
    assert caught.value.code == code and caught.value.params["field"] == "setting"
    assert setting(desk, key) is None


def test_an_mbtiles_path_must_be_an_mbtiles_file(desk, admin, tmp_path):
    text = tmp_path / "notes.mbtiles"
    text.write_text("tiles go here", encoding="utf-8")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE grid (id)").connection.close()
    for path, reason in ((text, "not a readable MBTiles"), (other, "no tiles table"), (tmp_path, "no such")):
        with pytest.raises(BadInput, match=reason):
            update_setting(desk.ops, admin, "map.mbtiles", str(path))


def test_a_tile_base_needs_its_source_first(desk, admin):
    for kind in ("mbtiles", "xyz"):
        with pytest.raises(BadInput) as caught:
            update_setting(desk.ops, admin, "map.base", kind)
        assert caught.value.code == "base_not_set"
    update_setting(desk.ops, admin, "map.base", "none")
    assert desk.base_map().kind == "none"


def test_a_vanished_mbtiles_file_falls_back_to_vector_and_says_why(desk, admin, tmp_path):
    path = make_mbtiles(tmp_path / "gone.mbtiles")
    update_setting(desk.ops, admin, "map.mbtiles", str(path))
    update_setting(desk.ops, admin, "map.base", "mbtiles")
    path.unlink()
    chosen = desk.base_map()
    assert chosen.kind == "vector" and "no such MBTiles file" in chosen.problem


def test_settings_are_audited_and_need_the_admin(desk, admin):
    update_setting(desk.ops, admin, "map.crs", "gcj02")
    with desk.db.session() as s:
        audit = s.scalars(select(AuditRecord).where(AuditRecord.note == "map.crs")).one()
    assert "gcj02" in audit.changes
    with pytest.raises(PermissionDenied):
        update_setting(desk.ops, desk.actor, "map.crs", "wgs84")  # the duty operator
    assert setting(desk, "map.crs") == "gcj02"


def test_base_features_read(desk):
    fc = base_features(desk.db)
    assert fc["type"] == "FeatureCollection"
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert set(kinds) == {"relief", "water", "contour", "river", "road"}
    order = ["relief", "water", "contour", "river", "road"]
    assert kinds == sorted(kinds, key=order.index)  # painted bottom to top
    for f in fc["features"]:
        assert set(f["properties"]) == {"id", "kind", "name", "rank"}
        assert f["geometry"]["type"] in ("LineString", "MultiLineString", "Polygon", "MultiPolygon")
    roads = [f["properties"]["rank"] for f in fc["features"] if f["properties"]["kind"] == "road"]
    assert roads == sorted(roads, reverse=True)  # minor roads under major ones
    assert desk.base_features() == fc
