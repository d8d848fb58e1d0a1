"""Paperwork for overdue items: the weekly list, reminder slips and supervision sheets as PDF with the
Chinese font embedded, the ledger as XLSX; from the command line and from the desk."""
from __future__ import annotations

import re

from openpyxl import load_workbook

from desk.domain.clock import to_local
from desk.services.reads.overdue_items import overdue_items, weekly_list

PHONE = re.compile(r"1\d{10}")


def _pages(path) -> int:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    return doc.pageCount()


def test_the_items_are_the_queues_carded_and_late_ones_reddest_first(desk):
    items = overdue_items(desk.db, desk.now())
    queue = desk.queue()
    carded = {r.code for r in queue if r.card.value != "none"}
    late = {r.code for r in queue if r.due_at is not None and r.due_at <= desk.now()}
    assert {i.code for i in items} == carded | late
    ranks = [{"red": 0, "yellow": 1, "none": 2}[i.card] for i in items]
    assert ranks == sorted(ranks)
    assert all(i.overdue_hours >= 0 and i.last_step for i in items)


def test_the_ledger_holds_every_item_under_chinese_headers(desk, tmp_path):
    from desk.services.overdue_ledger import write_ledger

    week = weekly_list(desk.db, desk.now())
    path = tmp_path / "台账.xlsx"
    assert write_ledger(week.items, path, to_local(desk.now()), week.township) == len(week.items)
    sheet = load_workbook(path).active
    assert "逾期事项台账" in sheet["A1"].value and week.township in sheet["A1"].value
    assert [c.value for c in sheet[2]][:3] == ["序号", "事件编号", "事项标题"]
    codes = [sheet.cell(row=r, column=2).value for r in range(3, sheet.max_row + 1)]
    assert codes == [i.code for i in week.items]
    cards = {sheet.cell(row=r, column=15).value: sheet.cell(row=r, column=15).fill.fgColor.rgb
             for r in range(3, sheet.max_row + 1)}
    assert cards["红牌"].endswith("E53935") and cards["黄牌"].endswith("FDD835")
    assert not any(PHONE.search(str(c.value or "")) for row in sheet.iter_rows() for c in row)


def test_sheets_are_pdf_with_the_cjk_font_embedded_one_page_per_slip(zh_app, desk, tmp_path):
    from desk.ui.overdue_pdf import write_sheets

    week = weekly_list(desk.db, desk.now())
    now = to_local(desk.now())
    yellow = sum(i.card == "yellow" for i in week.items)
    red = sum(i.card == "red" for i in week.items)
    for kind, count in (("reminders", yellow), ("supervision", red)):
        path = tmp_path / f"{kind}.pdf"
        assert write_sheets(kind, week, path, now) == (count, count)
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and _pages(path) == count
        assert b"/FontFile" in data and re.search(rb"/BaseFont\s*/[A-Z]{6}\+NotoSans(Serif)?CJK|/BaseFont\s*/\S*CJK",
                                                   data)
    items, pages = write_sheets("weekly", week, tmp_path / "weekly.pdf", now)
    assert items == len(week.items) and pages == _pages(tmp_path / "weekly.pdf") >= 1
    assert not list(tmp_path.glob(".*part"))  # nothing half-written left behind


def test_cli_exports_each_kind_and_refuses_a_wrong_extension(db_path, tmp_path, capsys):
    from desk.cli import main

    assert main(["export", "ledger", "--db", str(db_path), "--out", str(tmp_path / "l.xlsx")]) == 0
    assert "overdue items" in capsys.readouterr().out and (tmp_path / "l.xlsx").stat().st_size > 0
    assert main(["export", "supervision", "--db", str(db_path), "--out", str(tmp_path / "s.pdf"),
                 "--at", "2026-11-23 10:00"]) == 0
    assert "pages" in capsys.readouterr().out
    assert main(["export", "weekly", "--db", str(db_path), "--out", str(tmp_path / "w.xlsx")]) == 2
    assert "writes .pdf" in capsys.readouterr().err
    assert main(["export", "weekly", "--db", str(db_path), "--out", str(tmp_path / "w.pdf"), "--at", "soon"]) == 2
    assert not (tmp_path / "w.pdf").exists()


def test_the_dialog_exports_what_it_counts(zh_app, desk, qtbot, tmp_path):
    from desk.ui.overdue_export_dialog import PaperworkDialog

    dlg = PaperworkDialog(desk)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("reminders"))
    yellow = sum(i.card == "yellow" for i in weekly_list(desk.db, desk.now()).items)
    assert dlg.count.text().startswith(str(yellow))
    dlg.path.setText(str(tmp_path / "提示单.pdf"))
    assert dlg.export()
    assert _pages(tmp_path / "提示单.pdf") == yellow and str(yellow) in dlg.outcome.text()
