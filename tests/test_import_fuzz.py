"""The importers fuzzed (hypothesis): whatever a file holds, an import either goes in whole or is refused
with a coded error (BadInput and kin), never a crash, and a refused file leaves nothing behind."""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.models import AuditRecord, Household, Incident, Resident, Warning
from desk.services.accounts import actor_for
from desk.services.desk import DeskServices
from desk.services.errors import DeskError
from desk.services.incident_import import import_incidents
from desk.services.resident_import import import_residents
from desk.services.warnings_cap import import_cap

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
RESIDENT_HEADER = ["户号", "地址", "姓名", "性别", "出生日期", "身份证号", "手机号", "人员类别", "网格编码"]
INCIDENT_HEADER = ["编号", "上报时间", "事项类型", "描述", "来源", "经度", "纬度", "状态", "标题", "地址"]


def _counts(desk) -> tuple[int, ...]:
    with desk.db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0
                     for m in (Household, Resident, Incident, Warning, AuditRecord))


def _csv(header, rows, encoding) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


@pytest.fixture
def admin(desk):
    return DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)


def _import_or_refuse(desk, call) -> None:
    before = _counts(desk)
    try:
        call()
    except DeskError:
        assert _counts(desk) == before  # refused: nothing half-written
        return
    assert _counts(desk) != before  # went in: whole


@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=11), max_size=6), encoding=st.sampled_from(["utf-8", "gbk"]))
def test_resident_files_never_crash_or_half_write(admin, tmp_path_factory, rows, encoding):
    path = tmp_path_factory.mktemp("fuzz") / "residents.csv"
    path.write_bytes(_csv(RESIDENT_HEADER, rows, encoding))
    _import_or_refuse(admin, lambda: import_residents(admin.ops, admin.actor, path))


@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_a_resident_workbook_or_csv(admin, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for name in ("junk.csv", "junk.xlsx"):
        path = folder / name
        path.write_bytes(data)
        _import_or_refuse(admin, lambda: import_residents(admin.ops, admin.actor, path))


# Rows that look like a county export, some fields sane, some not: past the header into the row checks.
incident_rows = st.lists(st.tuples(
    st.one_of(st.just("E1"), cells), st.one_of(st.just("2026-11-20 08:30"), cells),
    st.one_of(st.just("邻里纠纷"), cells), cells, st.one_of(st.just("网格员上报"), cells),
    st.one_of(st.just("118.41"), st.floats(allow_nan=True).map(str), cells),
    st.one_of(st.just("29.87"), st.floats(allow_nan=True).map(str), cells),
    st.one_of(st.just("已办结"), cells), cells, cells).map(list), max_size=5)


@FUZZ
@given(rows=st.one_of(incident_rows, st.lists(st.lists(cells, max_size=10), max_size=5)),
       encoding=st.sampled_from(["utf-8", "gbk"]))
def test_incident_files_never_crash_or_half_write(admin, tmp_path_factory, rows, encoding):
    path = tmp_path_factory.mktemp("fuzz") / "incidents.csv"
    path.write_bytes(_csv(INCIDENT_HEADER, rows, encoding))
    _import_or_refuse(admin, lambda: import_incidents(admin.ops, admin.actor, path))


@FUZZ
@given(body=st.one_of(st.binary(max_size=300), cells.map(lambda t: (
    "<?xml version='1.0'?><alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'><identifier>"
    + t + "</identifier><info><event>" + t + "</event></info></alert>").encode("utf-8", errors="replace"))))
def test_cap_messages_never_crash_or_half_write(desk, body):
    _import_or_refuse(desk, lambda: import_cap(desk.ops, desk.actor, body))
