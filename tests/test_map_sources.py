"""What the map draws besides incidents: live overlays, the vector base and gazetteer the demo ships,
the base-map settings, GCJ-02 tiles with WGS-84 data, and the register dialog's address lookup."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db.models import Address
from desk.domain.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02
from desk.services.errors import BadInput


@pytest.fixture
def admin(desk):
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    return DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)


def test_overlays_show_staff_gauges_and_patrol_coverage(desk):
    overlays = desk.map_overlays()
    assert set(overlays) == {"staff", "gauges", "coverage"}
    staff = overlays["staff"]["features"]
    assert staff and all({"id", "name", "role", "at"} <= set(f["properties"]) for f in staff)
    gauges = {f["properties"]["id"]: f["properties"] for f in overlays["gauges"]["features"]}
    snapshot = {g.id: g for g in desk.emergency().gauges}
    assert set(gauges) == set(snapshot)
    for gid, g in gauges.items():
        assert g["level"] in ("normal", "warn", "danger")
        # The level the map shows is the one the emergency view's gauge table shows.
        assert g["level"] == {"ok": "normal"}.get(snapshot[gid].assessment.state.value,
                                                  snapshot[gid].assessment.state.value)
    coverage = overlays["coverage"]["features"]
    assert coverage and all(0 <= f["properties"]["done"] <= f["properties"]["planned"] for f in coverage)
    assert any(f["properties"]["planned"] for f in coverage)


def test_the_demo_base_map_reads_as_a_place(desk):
    kinds = {f["properties"]["kind"] for f in desk.base_features()["features"]}
    assert {"road", "river", "water", "contour"} <= kinds
    roads = [f for f in desk.base_features()["features"] if f["properties"]["kind"] == "road"]
    assert any(f["properties"]["name"] for f in roads)


def test_the_demo_gazetteer_holds_groups_and_street_numbers_where_they_are(desk):
    with desk.db.session() as s:
        rows = s.scalars(select(Address)).all()
    groups = [a for a in rows if a.text.endswith("组")]
    streets = [a for a in rows if a.text.endswith("号")]
    assert groups and streets
    for a in groups[::7] + streets[::25]:
        where = desk.geo.locate(a.lon, a.lat)
        assert where.inside and where.unit_name == a.unit_name, a.text


def test_base_map_settings_are_checked(admin, desk, tmp_path):
    from desk.services.settings import update_setting

    assert desk.base_map().kind == "vector" and not desk.base_map().shift_to_gcj02
    with pytest.raises(BadInput):
        update_setting(admin.ops, admin.actor, "map.xyz", "http://tiles.local/{z}/{x}.png")  # no {y}
    with pytest.raises(BadInput):
        update_setting(admin.ops, admin.actor, "map.mbtiles", str(tmp_path / "missing.mbtiles"))
    with pytest.raises(BadInput):
        update_setting(admin.ops, admin.actor, "map.base", "xyz")  # no server set yet
    update_setting(admin.ops, admin.actor, "map.xyz", "http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png")
    update_setting(admin.ops, admin.actor, "map.base", "xyz")
    update_setting(admin.ops, admin.actor, "map.crs", "gcj02")
    update_setting(admin.ops, admin.actor, "map.attribution", "县自然资源局 2026")
    base = desk.base_map()
    assert (base.kind, base.tile_url, base.shift_to_gcj02, base.attribution) == (
        "xyz", "http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png", True, "县自然资源局 2026")


def _js(qtbot, widget, code):
    box = {}
    widget.evaluate(code, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"]


def test_gcj02_tiles_get_shifted_overlays_and_clicks_come_back_in_wgs84(zh_app, admin, desk, qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from desk.services.settings import update_setting
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.map_view import MapView

    update_setting(admin.ops, admin.actor, "map.xyz", "http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png")
    update_setting(admin.ops, admin.actor, "map.base", "xyz")
    update_setting(admin.ops, admin.actor, "map.crs", "gcj02")
    bridge = ChangeBridge(desk, poll=False, clock=False)
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(900, 700)
    view = MapView(desk, bridge)
    QVBoxLayout(host).addWidget(view)
    with qtbot.waitSignal(view.drawn, timeout=60000):
        host.show()
    feature = desk.map_incidents()["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    shown = json.loads(_js(qtbot, view.map, f"JSON.stringify(window.desk._markers.get({feature['properties']['id']})"
                                             ".getLatLng())"))
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert shown["lng"] == pytest.approx(glon, abs=1e-6) and shown["lat"] == pytest.approx(glat, abs=1e-6)
    assert abs(glon - lon) > 1e-4  # the shift is real: hundreds of metres in China
    # A click on the shifted map registers at the true (WGS-84) point.
    view.set_picking(True)
    view._on_map_clicked(glat, glon)
    dlg = view._open_dialog
    assert dlg is not None
    assert dlg.lon.value() == pytest.approx(lon, abs=1e-5) and dlg.lat.value() == pytest.approx(lat, abs=1e-5)
    dlg.reject()
    # Only the configured intranet server may be asked for tiles; it is not running here, nothing else was asked.
    assert all(url.startswith("http://10.0.0.5:8080/tiles/") for url in view.map.blocked_urls) or \
        view.map.blocked_urls == []
    bridge.stop()
    assert gcj02_to_wgs84(glon, glat) == pytest.approx((lon, lat), abs=1e-6)


def test_the_register_dialog_finds_a_typed_address(zh_app, desk, qtbot):
    from PySide6.QtWidgets import QWidget

    from desk.ui.incident_actions import IncidentActions

    with desk.db.session() as s:
        street = s.scalars(select(Address).where(Address.text.like("%号"))).first()
    parent = QWidget()
    qtbot.addWidget(parent)
    dlg = IncidentActions(desk, parent).register_dialog(118.0, 28.0)
    typed = street.text[street.text.index("社区") + 2:] if "社区" in street.text else street.text
    dlg.address.setText(typed)
    assert dlg.look_up_address()
    assert dlg.lon.value() == pytest.approx(street.lon, abs=1e-6) and dlg.lat.value() == pytest.approx(street.lat,
                                                                                                        abs=1e-6)
    assert street.text in dlg.found.text()
    dlg.address.setText("没有这个地址1号")
    assert not dlg.look_up_address() and dlg.lon.value() == pytest.approx(street.lon, abs=1e-6)


def test_the_setting_command_chooses_the_base_map(db_path, tmp_path):
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "desk", "setting", *args, "--db", str(db_path)],
                              capture_output=True, text=True, timeout=120)

    done = run("map.xyz", "http://10.0.0.5/tiles/{z}/{x}/{y}.png")
    assert done.returncode == 0, done.stderr
    assert "map.xyz = http://10.0.0.5/tiles/{z}/{x}/{y}.png" in done.stdout
    assert run("map.base", "xyz").returncode == 0
    listed = run()
    assert "map.base = xyz" in listed.stdout and "map.crs = " in listed.stdout
    refused = run("map.base", "satellite")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
