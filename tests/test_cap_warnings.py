"""CAP 1.2 warnings: the standard's own examples and the Chinese profile import; updates supersede,
cancellations cancel; a malformed file is named and nothing is stored; our warnings export as CAP."""
from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import AuditRecord, Warning
from desk.domain import cap_alert as cap
from desk.domain.clock import to_local
from desk.services import emergency_ops as em
from desk.services.accounts import SYSTEM_ACTOR
from desk.services.errors import BadInput
from desk.services.warnings_cap import export_cap, import_cap, list_warnings

OASIS = Path(__file__).parent / "data" / "cap_oasis"
CHINESE = files("desk").joinpath("resources/warnings")


def _count(desk, model=Warning) -> int:
    with desk.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _warning(desk, identifier) -> Warning:
    with desk.db.session() as s:
        return s.scalars(select(Warning).where(Warning.identifier == identifier)).one()


@pytest.mark.parametrize("name,level,hazard", [
    ("homeland_security.xml", "orange", "general"),  # "Code ORANGE" in the headline
    ("thunderstorm.xml", "orange", "general"),  # Severe
    ("earthquake.xml", "blue", "general"),  # Minor; an Update of a message not stored here
    ("amber.xml", "orange", "general"),
])
def test_the_standards_own_examples_import(desk, name, level, hazard):
    audits = _count(desk, AuditRecord)
    result = import_cap(desk.ops, SYSTEM_ACTOR, OASIS / name)
    assert (result.level, result.hazard) == (level, hazard) and result.action == "created"
    assert _count(desk, AuditRecord) == audits + 1
    stored = _warning(desk, result.identifier)
    assert stored.source == "cap" and stored.cap_xml.startswith("<?xml")


def test_the_thunderstorm_keeps_its_polygon_geocodes_and_expiry(desk):
    import_cap(desk.ops, SYSTEM_ACTOR, OASIS / "thunderstorm.xml")
    w = _warning(desk, "KSTO1055887203")
    ring = json.loads(w.geometry)["coordinates"][0][0]
    assert ring[0] == [-120.14, 38.47] and ring[0] == ring[-1]  # lat,lon pairs turned to lon,lat
    assert w.geocode.startswith("SAME=006109") and w.expires_at.isoformat() == "2003-06-17T23:00:00"


def test_the_chinese_profile_update_and_cancel(desk):
    first = import_cap(desk.ops, SYSTEM_ACTOR, CHINESE.joinpath("rainstorm_yellow.xml").read_bytes())
    w = _warning(desk, first.identifier)
    assert (w.level, w.hazard, w.event, w.issuer) == ("yellow", "rain", "暴雨", "青溪县气象台")
    assert w.area == "青岚镇竹坞村、龙潭村" and "50毫米" in w.text  # the zh-CN info of the two
    assert to_local(w.effective_at).isoformat() == "2026-07-01T08:00:00" and "Rainstorm Yellow" in w.cap_xml
    assert import_cap(desk.ops, SYSTEM_ACTOR, CHINESE.joinpath("rainstorm_yellow.xml").read_bytes()).action == \
        "unchanged"
    update = import_cap(desk.ops, SYSTEM_ACTOR, CHINESE.joinpath("geohazard_orange_update.xml").read_bytes())
    assert (update.action, update.level, update.hazard) == ("updated", "orange", "landslide")
    assert _warning(desk, first.identifier).state == "superseded"
    cancel = import_cap(desk.ops, SYSTEM_ACTOR, CHINESE.joinpath("geohazard_cancel.xml").read_bytes())
    assert cancel.action == "cancelled" and _warning(desk, update.identifier).state == "cancelled"
    states = {r.id: r.state for r in list_warnings(desk.db, desk.now(), all_=True)}
    assert states[first.identifier] == "superseded" and states[update.identifier] == "cancelled"
    assert first.identifier not in {r.id for r in list_warnings(desk.db, desk.now())}


MINIMAL = """<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">{alert}</alert>"""
HEAD = ("<identifier>X1</identifier><sender>s</sender><sent>2026-07-01T08:00:00+08:00</sent><status>Actual</status>"
        "<msgType>Alert</msgType><scope>Public</scope>")
INFO = ("<info><category>Met</category><event>暴雨</event><urgency>Expected</urgency><severity>{severity}</severity>"
        "<certainty>Likely</certainty><area><areaDesc>全镇</areaDesc>{polygon}</area></info>")


@pytest.mark.parametrize("text,where", [
    ("no xml at all", "file"),
    ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "file"),
    ('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>', "alert"),
    (MINIMAL.format(alert=HEAD.replace("<identifier>X1</identifier>", "") + INFO.format(severity="Minor", polygon="")),
     "alert/identifier"),
    (MINIMAL.format(alert=HEAD + INFO.format(severity="Bad", polygon="")), "info[1]/severity"),
    (MINIMAL.format(alert=HEAD + INFO.format(severity="Minor",
                                             polygon="<polygon>1,1 2,2 3,3 4,4</polygon>")), "info[1]/area[1]/polygon"),
    (MINIMAL.format(alert=HEAD.replace("Alert</msgType>", "Cancel</msgType>")), "alert/references"),
])
def test_a_malformed_message_is_named_and_nothing_stored(desk, text, where):
    before = _count(desk)
    with pytest.raises(BadInput) as refused:
        import_cap(desk.ops, SYSTEM_ACTOR, text.encode())
    assert refused.value.params["field"] == where
    assert _count(desk) == before


def test_test_messages_and_unknown_cancels_are_refused(desk):
    text = MINIMAL.format(alert=HEAD.replace("Actual", "Test") + INFO.format(severity="Minor", polygon=""))
    with pytest.raises(BadInput, match="Test"):
        import_cap(desk.ops, SYSTEM_ACTOR, text.encode())
    cancel = MINIMAL.format(alert=HEAD.replace("Alert</msgType>", "Cancel</msgType>")
                            + "<references>s,NOPE,2026-07-01T08:00:00+08:00</references>")
    with pytest.raises(BadInput, match="names no warning"):
        import_cap(desk.ops, SYSTEM_ACTOR, cancel.encode())


def test_a_township_warning_exports_as_cap_and_reads_back(desk):
    wid = em.issue_warning(desk.ops, desk.actor, "landslide", "orange", "竹坞村", "后山出现裂缝", "青岚镇政府")
    data = export_cap(desk.db, str(wid))
    message = cap.parse(data)
    info = message.info()
    assert (cap.level_of(info), cap.hazard_of(info), info.areas[0].desc) == ("orange", "landslide", "竹坞村")
    # Imported elsewhere, it is the same warning.
    result = import_cap(desk.ops, SYSTEM_ACTOR, data)
    back = _warning(desk, result.identifier)
    assert (back.level, back.hazard, back.area) == ("orange", "landslide", "竹坞村")


def test_cli_import_and_warnings_listing(db_path, tmp_path, capsys):
    from desk.cli import main

    assert main(["import", "cap", str(OASIS / "thunderstorm.xml"), "--db", str(db_path)]) == 0
    assert "KSTO1055887203 created (orange general)" in capsys.readouterr().out
    bad = tmp_path / "bad.xml"
    bad.write_text("<alert/>", encoding="utf-8")
    assert main(["import", "cap", str(bad), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "not a valid CAP 1.2 message" in err and "Traceback" not in err
    assert main(["warnings", "--db", str(db_path), "--json", "--all"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"id", "source", "hazard", "level", "area", "effective", "expires", "state"}
    assert any(r["id"] == "KSTO1055887203" and r["state"] == "expired" for r in rows)
    assert main(["warnings", "--db", str(db_path), "--json"]) == 0
    assert all(r["state"] == "active" for r in json.loads(capsys.readouterr().out))
    out = tmp_path / "w.xml"
    assert main(["warnings", "--db", str(db_path), "--cap", "KSTO1055887203", "--out", str(out)]) == 0
    assert cap.parse(out.read_bytes()).identifier == "KSTO1055887203"
