"""Residents from a county platform's export: UTF-8, GBK and XLSX files go in whole; a file with any
bad row (a wrong check digit, a birth date or gender that disagrees with the ID number, an unknown grid
or group, a bad phone, an ID number twice) is refused with every problem named by row, and nothing is
written; importing again updates instead of doubling; the household shows up on the visit list."""
from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import Grid, GroupMember, Household, Resident
from desk.cli import main
from desk.domain.identity import CHECK, WEIGHTS, NotAnIdNumber, check_id_number
from desk.services.errors import BadInput
from desk.services.resident_import import import_residents

HEADER = ["户号", "地址", "姓名", "性别", "出生日期", "身份证号", "手机号", "人员类别", "网格编码", "与户主关系"]


def make_id(born: date, gender: str, seq: int = 12) -> str:
    body = f"339901{born:%Y%m%d}{seq:02d}{1 if gender == 'M' else 2}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def _grid(desk) -> str:
    with desk.db.session() as s:
        return s.scalar(select(Grid.code).where(Grid.households > 0).order_by(Grid.id))


def _rows(grid: str) -> list[list[str]]:
    a, b, c = date(1958, 3, 9), date(1961, 7, 1), date(1990, 12, 30)
    return [
        ["T-0001", "云溪村3组8号", "周德福", "男", "1958-03-09", make_id(a, "M", 11), "13905710001", "刑满释放人员", grid,
         "户主"],
        ["T-0001", "云溪村3组8号", "吴秀英", "女", "1961/7/1", make_id(b, "F", 12), "", "留守老人", grid, "配偶"],
        ["T-0002", "云溪村3组9号", "周小军", "男", "", make_id(c, "M", 13), "0571-88886666", "", grid, "户主"],
    ]


def _write(path, rows, encoding="utf-8-sig"):
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _admin(desk):
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    return DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)


def _count(desk, model):
    with desk.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_id_numbers_are_checked_by_gb_11643():
    number = make_id(date(1958, 3, 9), "M")
    assert check_id_number(number.lower()) == (number.upper(), date(1958, 3, 9), "M")
    with pytest.raises(NotAnIdNumber, match="check digit"):
        check_id_number(number[:17] + ("0" if number[17] != "0" else "1"))
    with pytest.raises(NotAnIdNumber, match="15-digit"):
        check_id_number("339901580309121")
    with pytest.raises(NotAnIdNumber, match="not a date"):
        body = "33990119581341121"
        check_id_number(body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_file_goes_in_whole_and_again_updates(desk, tmp_path, encoding):
    path = _write(tmp_path / "residents.csv", _rows(_grid(desk)), encoding)
    households, persons = _count(desk, Household), _count(desk, Resident)
    r = import_residents(_admin(desk).ops, _admin(desk).actor, path)
    assert (r.households_added, r.persons_added, r.memberships_added) == (2, 3, 2)
    assert (_count(desk, Household), _count(desk, Resident)) == (households + 2, persons + 3)
    with desk.db.session() as s:
        h = s.scalars(select(Household).where(Household.code == "T-0001")).one()
        assert h.head_name == "周德福" and h.police_cell_id is not None and h.housing_confirmed_at is not None
        people = s.scalars(select(Resident).where(Resident.household_id == h.id).order_by(Resident.id)).all()
        assert [(p.relation, p.gender, p.birth_date) for p in people] == [
            ("head", "M", date(1958, 3, 9)), ("spouse", "F", date(1961, 7, 1))]
        other = s.scalars(select(Resident).join(Household).where(Household.code == "T-0002")).one()
        assert other.phone == "0571-88886666"
    again = import_residents(_admin(desk).ops, _admin(desk).actor, path)
    assert (again.households_added, again.persons_added, again.persons_updated, again.memberships_added) == (0, 0, 3, 0)
    assert _count(desk, Resident) == persons + 3
    # The released prisoner joined today: on the visit list once his first interval (15 days) has run.
    from datetime import timedelta

    from desk.services.reads.visits import Query

    desk.clock.now += timedelta(days=16)
    due = [r for r in desk.visits_due(Query(group="released_prisoner")) if r.code == "T-0001"]
    assert len(due) == 1 and due[0].kind == "person" and due[0].name == "周*福"


def test_an_xlsx_export_goes_in(desk, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in _rows(_grid(desk)):
        sheet.append(row)
    path = tmp_path / "residents.xlsx"
    book.save(path)
    assert import_residents(_admin(desk).ops, _admin(desk).actor, path).persons_added == 3


def test_a_bad_file_is_refused_with_every_row_named_and_nothing_written(desk, tmp_path):
    grid = _grid(desk)
    rows = _rows(grid)
    rows[0][5] = rows[0][5][:17] + ("0" if rows[0][5][17] != "0" else "1")  # wrong check digit
    rows[1][4] = "1961-07-02"  # disagrees with the ID number
    rows[2][8] = "NO-SUCH-GRID"
    rows.append(["T-0003", "云溪村3组10号", "王五", "女", "", make_id(date(1990, 12, 30), "M", 14), "12345", "外星人",
                 grid, ""])  # gender disagrees, bad phone, unknown group
    rows.append(list(_rows(grid)[2]))  # the same ID number as row 4
    rows[-1][0] = "T-0004"
    path = _write(tmp_path / "bad.csv", rows, "gbk")
    before = (_count(desk, Household), _count(desk, Resident), _count(desk, GroupMember))
    with pytest.raises(BadInput) as exc:
        import_residents(_admin(desk).ops, _admin(desk).actor, path)
    found = {(p.row, p.field) for p in exc.value.params["problems"]}
    assert {(2, "id_number"), (3, "birth_date"), (4, "grid_code"), (5, "gender"), (5, "phone"), (5, "group"),
            (6, "id_number")} <= found
    assert (_count(desk, Household), _count(desk, Resident), _count(desk, GroupMember)) == before
    assert main(["import", "residents", str(path), "--db", str(desk.db.target)]) == 2


def test_an_id_number_on_file_in_another_household_is_refused(desk, tmp_path):
    with desk.db.session() as s:
        person = s.scalars(select(Resident).order_by(Resident.id)).first()
    row = _rows(_grid(desk))[2]
    row[5] = person.id_number
    row[3] = "男" if person.gender == "M" else "女"
    path = _write(tmp_path / "dup.csv", [row])
    with pytest.raises(BadInput) as exc:
        import_residents(_admin(desk).ops, _admin(desk).actor, path)
    assert any("already on file" in p.message for p in exc.value.params["problems"])


def test_the_command_line_imports(desk, tmp_path, capsys):
    path = _write(tmp_path / "residents.csv", _rows(_grid(desk)))
    assert main(["import", "residents", str(path), "--db", str(desk.db.target)]) == 0
    assert "2 households added" in capsys.readouterr().out
