"""Importing incidents a county platform exported: CSV in any of its encodings, XLSX, Chinese or English
headers; all or nothing, every bad row named by its row number (header = row 1) and field."""
from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from shapely import union_all
from shapely.geometry import shape
from sqlalchemy import func, select

from db.models import AuditRecord, Grid, Incident, IncidentEvent
from desk.services.errors import BadInput
from desk.services.incident_import import ImportProblem, import_incidents, read_incidents

ZH = ("事件编号", "上报时间", "事件类型", "事件描述", "来源", "经度", "纬度", "状态")
EN = ("id", "reported_at", "category", "description", "source", "lon", "lat", "status")


@pytest.fixture
def admin(desk):
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    return DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)


@pytest.fixture
def places(desk) -> dict:
    """A point inside grid 1, one 100 m outside the township's grids, one 5 km out."""
    with desk.db.session() as s:
        grids = {g.id: shape(json.loads(g.geojson)) for g in s.scalars(select(Grid))}
    inside = grids[1].representative_point()
    edge = union_all(list(grids.values()))
    west = min(edge.exterior.coords if edge.geom_type == "Polygon"
               else (c for g in edge.geoms for c in g.exterior.coords), key=lambda c: c[0])
    near = shape({"type": "Point", "coordinates": (west[0] - 0.001, west[1])})  # about 100 m west
    closest = min(g.distance(near) for g in grids.values())
    near_grids = {gid for gid, g in grids.items() if g.distance(near) < closest + 1e-6}
    return {"inside": (inside.x, inside.y), "near": (near.x, near.y), "near_grids": near_grids,
            "far": (west[0] - 0.05, west[1])}


def _csv(tmp_path: Path, rows: list[tuple], header: tuple = ZH, encoding: str = "utf-8",
         name: str = "export.csv") -> Path:
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _count(desk, model=Incident) -> int:
    with desk.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _imported(desk, external_id: str) -> Incident:
    with desk.db.session() as s:
        inc = s.scalars(select(Incident).where(Incident.external_id == external_id)).one()
        s.expunge(inc)
        return inc


def _good_rows(places) -> list[tuple]:
    lon, lat = places["inside"]
    return [
        ("C-001", "2025-06-01 08:30", "邻里纠纷", "张三与李四因宅基地边界发生争执，双方情绪激动，请尽快调解", "网格员上报", lon, lat, ""),
        ("C-002", "2025/06/01 09:15", "矛盾纠纷", "欠款未还", "12345热线", lon, lat, "办结"),
        ("C-003", "2025-06-02 10:00:30", "盗窃", "电动车被盗", "义警报告", lon, lat, "处理"),
    ]


# -- reading and importing ----------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_with_chinese_headers_in_each_encoding(admin, desk, places, tmp_path, encoding):
    before, audits = _count(desk), _count(desk, AuditRecord)
    path = _csv(tmp_path, _good_rows(places), encoding=encoding)
    result = import_incidents(admin.ops, admin.actor, path)
    assert (result.imported, result.unassigned) == (3, [])
    assert _count(desk) == before + 3
    first = _imported(desk, "C-001")
    # Beijing time in the file, naive UTC in the database; the code is of the registration's day.
    assert first.registered_at == datetime(2025, 6, 1, 0, 30)
    assert first.code.startswith("SJ20250601-") and first.code in result.codes
    assert (first.item_type, first.category, first.matter, first.source) == (
        "neighbour_dispute", "dispute", "grid", "grid_worker")
    assert first.title == "张三与李四因宅基地边界发生争执，双方情绪激动，请尽快调解"[:30]
    where = desk.geo.locate(*places["inside"])
    assert (first.grid_id, first.cell_id) == (where.grid_id, where.cell_id) and first.grid_id is not None
    assert first.status == "registered" and first.dispatched_at is None
    assert first.close_due_at is not None and first.due_at is not None and first.red_at is not None
    # The class name means its general type; the second date format; a status beyond registered.
    second = _imported(desk, "C-002")
    assert (second.item_type, second.status) == ("dispute_other", "closed")
    assert second.registered_at == datetime(2025, 6, 1, 1, 15)
    assert second.dispatched_at == second.answered_at == second.closed_at == second.registered_at
    assert second.evaluated_at is None and second.red_at is None and second.due_at is None
    third = _imported(desk, "C-003")
    assert (third.item_type, third.matter, third.source, third.status) == ("theft", "police", "volunteer",
                                                                          "handling")
    assert third.answered_at == third.registered_at and third.answer_due_at is not None
    # One audit record for the whole file, one register event per incident.
    assert _count(desk, AuditRecord) == audits + 1
    with desk.db.session() as s:
        audit = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
        assert (audit.operation, audit.note) == ("incident.import", "import incidents export.csv")
        events = s.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == first.id)).all()
        assert [(e.action, e.note) for e in events] == [("register", "导入：export.csv")]


def test_english_headers_title_address_and_nature(admin, desk, places, tmp_path):
    lon, lat = places["inside"]
    header = EN + ("nature", "title", "address")
    path = _csv(tmp_path, [("E1", "2025-06-03 14:00", "public_security_hazard", "路口无灯", "patrol", lon, lat,
                            "dispatched", "grid", "路口隐患", "青岚路1号")], header=header)
    assert import_incidents(admin.ops, admin.actor, path).imported == 1
    inc = _imported(desk, "E1")
    assert (inc.title, inc.address, inc.matter, inc.source, inc.status) == ("路口隐患", "青岚路1号", "grid", "patrol",
                                                                            "dispatched")
    assert inc.dispatched_at == inc.registered_at and inc.answered_at is None


def test_xlsx_with_date_cells_and_numeric_ids(admin, desk, places, tmp_path):
    from openpyxl import Workbook

    lon, lat = places["inside"]
    book = Workbook()
    sheet = book.active
    sheet.append(list(ZH))
    sheet.append([1001, datetime(2025, 6, 4, 9, 0), "噪声扰民", "夜间施工", "群众来访", lon, lat, "反馈"])
    sheet.append(["X-2", "2025/06/04 10:30", "治安与安全隐患", "井盖缺失", "监测预警", str(lon), str(lat), None])
    path = tmp_path / "export.xlsx"
    book.save(path)
    result = import_incidents(admin.ops, admin.actor, path)
    assert result.imported == 2
    inc = _imported(desk, "1001")
    assert (inc.item_type, inc.status, inc.registered_at) == ("noise_nuisance", "feedback", datetime(2025, 6, 4, 1))
    assert inc.feedback_at == inc.registered_at
    assert _imported(desk, "X-2").item_type == "security_other"


def test_a_point_near_a_grid_takes_it_a_far_one_waits_for_assignment(admin, desk, places, tmp_path):
    rows = [("N1", "2025-06-05 08:00", "求助", "老人走失后找到", "110警情", *places["near"], ""),
            ("F1", "2025-06-05 08:10", "求助", "山里求助", "110警情", *places["far"], "")]
    path = _csv(tmp_path, rows)
    preview = read_incidents(path, desk.db, desk.now())
    assert preview.ok and preview.unassigned == ["F1"]
    result = import_incidents(admin.ops, admin.actor, path)
    assert result.unassigned == ["F1"]
    assert _imported(desk, "N1").grid_id in places["near_grids"]
    far = _imported(desk, "F1")
    assert far.grid_id is None and far.code in result.codes


def test_every_bad_row_is_named_and_nothing_is_written(admin, desk, places, tmp_path):
    lon, lat = places["inside"]
    rows = [
        ("G1", "2025-06-01 08:00", "邻里纠纷", "好的一行", "网格员上报", lon, lat, ""),  # row 2: fine
        ("G2", "2025-06-01 08:00", "邻里纠纷", "经度错", "网格员上报", 200.0, lat, ""),  # 3
        ("G3", "2025-02-30 08:00", "邻里纠纷", "没有这一天", "网格员上报", lon, lat, ""),  # 4
        ("G1", "2025-06-01 08:00", "邻里纠纷", "编号重复", "网格员上报", lon, lat, ""),  # 5
        ("G5", "2025-06-01 08:00", "邻里纠纷", "", "网格员上报", lon, lat, ""),  # 6
        ("G6", "2025-06-01 08:00", "外星人", "类型不明", "网格员上报", lon, lat, ""),  # 7
        ("G7", "2025-06-01 08:00", "邻里纠纷", "来源不明", "飞鸽传书", lon, lat, ""),  # 8
        ("G8", "2025-06-01 08:00", "邻里纠纷", "状态不明", "网格员上报", lon, lat, "搁置"),  # 9
        ("G9", "2025-06-01 08:00", "邻里纠纷", "纬度不是数", "网格员上报", lon, "abc", ""),  # 10
        ("G10", "2025-06-01", "邻里纠纷", "没有时刻", "网格员上报", lon, lat, ""),  # 11
        ("G11", "2099-06-01 08:00", "邻里纠纷", "未来", "网格员上报", lon, lat, ""),  # 12
    ]
    path = _csv(tmp_path, rows, header=ZH)
    before, audits = _count(desk), _count(desk, AuditRecord)
    with pytest.raises(BadInput) as caught:
        import_incidents(admin.ops, admin.actor, path)
    exc = caught.value
    assert exc.code == "incidents_rejected"
    problems = exc.params["problems"]
    assert all(isinstance(p, ImportProblem) for p in problems)
    assert [(p.row, p.field) for p in problems] == [
        (3, "lon"), (4, "reported_at"), (5, "id"), (6, "description"), (7, "category"), (8, "source"),
        (9, "status"), (10, "lat"), (11, "reported_at"), (12, "reported_at")]
    assert exc.params["count"] == 10
    assert str(problems[0]) == "row 3, 经度/lon: 200.0 is not a longitude"
    assert "row 5" in str(exc) and "G1 is also on row 2" in str(exc)
    assert (_count(desk), _count(desk, AuditRecord)) == (before, audits)


def test_unknown_nature_and_swapped_coordinates_are_named(admin, desk, places, tmp_path):
    lon, lat = places["inside"]
    path = _csv(tmp_path, [("S1", "2025-06-01 08:00", "邻里纠纷", "性质不明", "网格员上报", lon, lat, "", "综合事项"),
                           ("S2", "2025-06-01 08:00", "邻里纠纷", "经纬颠倒", "网格员上报", lat, lon, "", "")],
                header=ZH + ("事项性质",))
    preview = read_incidents(path, desk.db, desk.now())
    assert [(p.row, p.field) for p in preview.problems] == [(2, "nature"), (3, "lat")]
    assert not preview.ok


def test_a_second_import_of_the_same_ids_is_refused(admin, desk, places, tmp_path):
    path = _csv(tmp_path, _good_rows(places))
    import_incidents(admin.ops, admin.actor, path)
    before = _count(desk)
    with pytest.raises(BadInput) as caught:
        import_incidents(admin.ops, admin.actor, path)
    assert [(p.row, p.field) for p in caught.value.params["problems"]] == [(2, "id"), (3, "id"), (4, "id")]
    assert "already imported" in caught.value.params["problems"][0].message
    assert _count(desk) == before


def test_unreadable_files_name_what_is_missing(admin, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("编号,时间\n1,2\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        import_incidents(admin.ops, admin.actor, path)
    assert caught.value.code == "incidents_unreadable"
    assert "上报时间/reported_at" in str(caught.value) and "经度/lon" in str(caught.value)
    pdf = tmp_path / "export.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(BadInput) as caught:
        import_incidents(admin.ops, admin.actor, pdf)
    assert caught.value.code == "incidents_unreadable"


def test_an_operator_may_not_import(desk, places, tmp_path):
    from desk.domain.permissions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_incidents(desk.ops, desk.actor, _csv(tmp_path, _good_rows(places)))


def test_a_large_file_imports_in_seconds_with_progress(admin, desk, places, tmp_path):
    lon, lat = places["inside"]
    rows = [(f"L{i:05d}", f"2025-05-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}", "环境卫生", f"垃圾堆放 {i}",
             "网格员上报", lon, lat, ("", "分流", "办结", "评价")[i % 4]) for i in range(3000)]
    path = _csv(tmp_path, rows)
    seen: list[tuple[int, int]] = []
    started = time.perf_counter()
    result = import_incidents(admin.ops, admin.actor, path, lambda done, total: seen.append((done, total)))
    assert time.perf_counter() - started < 10
    assert result.imported == 3000 and len(set(result.codes)) == 3000
    assert seen[0] == (0, 3000) and seen[-1] == (3000, 3000)
    with desk.db.session() as s:
        events = s.scalar(select(func.count()).select_from(IncidentEvent).where(IncidentEvent.note == "导入：export.csv"))
    assert events == 3000


# -- the command line ---------------------------------------------------------------------------

def test_cli_imports_and_lists_the_unassigned(db_path, places, tmp_path, capsys):
    from desk.cli import main

    rows = _good_rows(places) + [("F9", "2025-06-05 08:10", "求助", "山里求助", "110警情", *places["far"], "")]
    path = _csv(tmp_path, rows)
    assert main(["import", "incidents", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: 4 incidents imported" in out
    assert "待分配网格" in out and "F9" in out


def test_cli_refuses_a_bad_file_with_one_line_per_problem(db_path, desk, places, tmp_path, capsys):
    from desk.cli import main

    lon, lat = places["inside"]
    rows = _good_rows(places) + [("B1", "2025-06-01 08:00", "邻里纠纷", "经度错", "网格员上报", 200.0, lat, ""),
                                 ("B2", "2025-06-01 08:00", "外星人", "", "网格员上报", lon, lat, "")]
    path = _csv(tmp_path, rows)
    before = _count(desk)
    assert main(["import", "incidents", str(path), "--db", str(db_path)]) == 2
    captured = capsys.readouterr()
    assert "  row 5, 经度/lon: 200.0 is not a longitude" in captured.err.splitlines()
    assert "  row 6, 事件类型/category: unknown item type or class '外星人'" in captured.err.splitlines()
    assert "  row 6, 事件描述/description: empty" in captured.err.splitlines()
    assert "Traceback" not in captured.err and captured.out == ""
    assert _count(desk) == before
    missing = tmp_path / "none.csv"
    missing.write_text("a,b\n", encoding="utf-8")
    assert main(["import", "incidents", str(missing), "--db", str(db_path)]) == 2
    assert "no column" in capsys.readouterr().err


# -- the dialog ---------------------------------------------------------------------------------

def test_dialog_previews_rows_with_their_grid_and_imports(qtbot, admin, desk, places, tmp_path):
    from desk.ui.incident_import_dialog import IncidentImportDialog

    rows = _good_rows(places) + [("F1", "2025-06-05 08:10", "求助", "山里求助", "110警情", *places["far"], "")]
    dialog = IncidentImportDialog(admin, _csv(tmp_path, rows))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        pass
    assert dialog.table.rowCount() == 4
    assert dialog.table.item(0, 0).text() == "C-001"
    assert dialog.table.item(0, 6).text() == desk.geo.locate(*places["inside"]).grid_name
    assert "待分配网格" in dialog.table.item(3, 6).text()
    assert dialog.import_button.isEnabled() and dialog.problems.count() == 0
    before = _count(desk)
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as signal:
        dialog.import_button.click()
    assert signal.args[0].imported == 4 and signal.args[0].unassigned == ["F1"]
    assert _count(desk) == before + 4
    assert dialog.progress.value() == dialog.progress.maximum()


def test_dialog_lists_problems_and_offers_no_import(qtbot, admin, places, tmp_path):
    from desk.ui.incident_import_dialog import IncidentImportDialog

    lon, lat = places["inside"]
    rows = _good_rows(places) + [("B1", "2025-06-01 08:00", "邻里纠纷", "经度错", "网格员上报", 200.0, lat, "")]
    dialog = IncidentImportDialog(admin, _csv(tmp_path, rows))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        pass
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.count() == 1 and "5" in dialog.problems.item(0).text()
    assert dialog.table.rowCount() == 3


def test_dialog_says_why_a_file_cannot_be_read(qtbot, admin, tmp_path):
    from desk.ui.incident_import_dialog import IncidentImportDialog

    path = tmp_path / "wrong.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    dialog = IncidentImportDialog(admin, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        pass
    assert "wrong.csv" in dialog.status.text() and not dialog.import_button.isEnabled()


def test_open_major_and_special_matters_imported_go_to_the_duty_leader(admin, desk, places, tmp_path):
    from db.models import IncidentNotice
    from desk.services.incident_import import import_incidents

    lon, lat = places["inside"]
    path = tmp_path / "special.csv"
    path.write_text("事件编号,上报时间,事件类型,事件描述,来源,经度,纬度,状态\n"
                    f"T-1,2026-11-20 10:00,群体性纠纷,二十余人聚集,网格员上报,{lon},{lat},处理\n"
                    f"T-2,2026-11-19 10:00,群体性纠纷,已平息,网格员上报,{lon},{lat},办结\n", encoding="utf-8")
    import_incidents(admin.ops, admin.actor, path)
    with desk.db.session() as s:
        kinds = {ext: sorted(k for (k,) in s.execute(select(IncidentNotice.kind).join(
            Incident, Incident.id == IncidentNotice.incident_id).where(Incident.external_id == ext)))
                 for ext in ("T-1", "T-2")}
    assert kinds == {"T-1": ["county_report", "leader_review"], "T-2": []}
