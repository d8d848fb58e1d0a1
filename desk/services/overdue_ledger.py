"""The overdue ledger (台账) as XLSX (openpyxl): one row per item, Chinese headers, the card column
coloured, written all at once (a temporary file beside the target, then renamed: never half a file)."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desk.domain.catalog import CLASS_NAMES
from desk.services.reads.overdue_items import OverdueItem

CARD_NAMES = {"red": "红牌", "yellow": "黄牌", "none": "超时"}
MATTER_NAMES = {"police": "警务事项", "grid": "网格事项"}
TIER_NAMES = {"second": "二级办理", "first": "一级处理", "special": "特事专报"}
STATUS_NAMES = {"registered": "已登记", "dispatched": "已分流", "handling": "处理中", "feedback": "已反馈"}
MILESTONE_NAMES = {"route": "分类转办", "respond": "部门响应", "answer": "答复处置", "close": "办结",
                   "close_red": "办结", "help_answer": "求助响应", "help_handle": "求助处置", "on_site": "到达现场",
                   "professional": "专业力量介入"}
COLUMNS = (("序号", 6), ("事件编号", 18), ("事项标题", 36), ("事项类型", 14), ("事项类别", 14), ("事项性质", 10),
           ("办理层级", 10), ("状态", 8), ("村（社区）", 12), ("网格", 16), ("责任部门", 16), ("承办人", 10),
           ("登记时间", 17), ("已历天数", 9), ("督办等级", 9), ("超时环节", 12), ("截止时间", 17), ("超时小时", 9),
           ("退回次数", 9), ("最近环节", 10), ("最近环节时间", 17))
FILLS = {"red": PatternFill("solid", fgColor="E53935"), "yellow": PatternFill("solid", fgColor="FDD835")}


def ledger_row(n: int, i: OverdueItem) -> list[object]:
    def when(t: datetime | None) -> str:
        return t.strftime("%Y-%m-%d %H:%M") if t else ""

    return [n, i.code, i.title, i.item_type, CLASS_NAMES.get(i.category, i.category),
            MATTER_NAMES.get(i.matter, i.matter), TIER_NAMES.get(i.tier, i.tier), STATUS_NAMES.get(i.status, i.status),
            i.village, i.grid, i.department, i.handler, when(i.registered_local), round(i.days_open, 1),
            CARD_NAMES[i.card], MILESTONE_NAMES.get(i.milestone, i.milestone), when(i.due_local),
            round(i.overdue_hours, 1), i.rework_count, i.last_step, when(i.last_step_local)]


def write_ledger(items: Sequence[OverdueItem], path: str | Path, now_local: datetime, township: str) -> int:
    """Write the ledger; returns the rows written."""
    path = Path(path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "逾期事项台账"
    sheet.append([f"{township}逾期事项台账（截至 {now_local:%Y-%m-%d %H:%M}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(size=14, bold=True)
    sheet.append([name for name, _ in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for n, item in enumerate(items, start=1):
        sheet.append(ledger_row(n, item))
        fill = FILLS.get(item.card)
        if fill is not None:
            sheet.cell(row=n + 2, column=15).fill = fill
    for c, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{len(items) + 2}"
    handle, temp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        book.save(temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return len(items)
