"""The overdue items' sheets as PDF: the weekly list (周清单), one reminder slip (提示单) per yellow-card
item and one supervision sheet (盯办单) per red-card item, each on its own page.

Rendered by Qt (QTextDocument into QPdfWriter), which embeds the subset of the CJK font it draws with, so
the file reads the same on any machine. The sheets are the township's own forms and are written in
Chinese whatever the desk's language."""
from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desk.domain.catalog import CLASS_NAMES
from desk.services.overdue_ledger import CARD_NAMES, MILESTONE_NAMES, STATUS_NAMES, TIER_NAMES
from desk.services.reads.overdue_items import OverdueItem, WeeklyList

KINDS = ("weekly", "reminders", "supervision")
PREFERRED_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                      "Microsoft YaHei", "SimSun")
REMINDER_DAYS = 2  # a reminder slip asks for the item to be closed within this many days
SUPERVISION_DAYS = 1  # a supervision sheet within this many


def ensure_app() -> QGuiApplication:
    """The Qt application PDF rendering needs; the command line has none, and may have no display.
    A widgets application, so a process that goes on to show widgets (tests, the desk) can."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["desk-export"])
    assert isinstance(app, QGuiApplication)
    return app


def cjk_family() -> str:
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for name in PREFERRED_FAMILIES:
        if name in families:
            return name
    return families[0] if families else ""


def _when(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


_STYLE = """
body { font-size: 10.5pt; }
h1 { font-size: 18pt; text-align: center; margin-bottom: 4pt; }
p.sub { text-align: center; color: #444; margin-top: 0; }
table.list { border-collapse: collapse; }
table.list th { background: #e8e8e8; font-weight: bold; }
table.list td, table.list th { border: 1px solid #555; padding: 3px; }
table.form td { border: 1px solid #555; padding: 6px; }
td.k { background: #f2f2f2; width: 22%; font-weight: bold; }
.red { color: #b71c1c; font-weight: bold; }
.yellow { color: #8a6d00; font-weight: bold; }
"""


def weekly_html(week: WeeklyList, now_local: datetime) -> str:
    head = (("序号", 4), ("事件编号", 13), ("事项标题", 26), ("村（社区）/网格", 14), ("责任部门", 11), ("登记时间", 10),
            ("已历天数", 5), ("督办等级", 5), ("超时环节", 7), ("状态", 5))
    rows = []
    for n, i in enumerate(week.items, start=1):
        rows.append("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in (
            n, i.code, i.title, f"{i.village} {i.grid}", i.department, _when(i.registered_local),
            f"{i.days_open:.1f}")) + f"<td class='{i.card}'>{CARD_NAMES[i.card]}</td>"
            + f"<td>{escape(MILESTONE_NAMES.get(i.milestone, i.milestone))}</td>"
            + f"<td>{escape(STATUS_NAMES.get(i.status, i.status))}</td></tr>")
    period = f"{week.start_local:%Y年%m月%d日}—{week.end_local - timedelta(days=1):%m月%d日}"
    return (f"<html><head><style>{_STYLE} body {{ font-size: 8pt; }}</style></head><body>"
            f"<h1>{escape(week.township)}逾期事项周清单</h1>"
            f"<p class='sub'>{week.week}（{period}） · 制表时间 {now_local:%Y-%m-%d %H:%M}</p>"
            f"<p>本周新登记 {week.new} 件，本周办结 {week.closed} 件，仍逾期 {week.still_overdue} 件"
            f"（红牌 {sum(i.card == 'red' for i in week.items)} 件，黄牌 {sum(i.card == 'yellow' for i in week.items)} 件）。</p>"
            "<table class='list' width='100%' cellspacing='0'><tr>"
            + "".join(f"<th width='{w}%'>{h}</th>" for h, w in head) + "</tr>"
            + "".join(rows) + "</table></body></html>")


def _form(i: OverdueItem, rows: Sequence[tuple[str, str]]) -> str:
    return "<table class='form' width='100%' cellspacing='0'>" + "".join(
        f"<tr><td class='k'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"


def _facts(i: OverdueItem) -> list[tuple[str, str]]:
    return [("事件编号", i.code), ("事项标题", i.title),
            ("事项类型", f"{i.item_type}（{CLASS_NAMES.get(i.category, i.category)}）"),
            ("办理层级", TIER_NAMES.get(i.tier, i.tier)), ("发生地点", f"{i.village} {i.grid}"),
            ("责任部门", i.department), ("承办人", i.handler or "—"), ("登记时间", _when(i.registered_local)),
            ("当前状态", STATUS_NAMES.get(i.status, i.status)),
            ("超时环节", f"{MILESTONE_NAMES.get(i.milestone, i.milestone)}，截止 {_when(i.due_local)}，"
                     f"已超时 {i.overdue_hours:.0f} 小时"),
            ("退回重办", f"{i.rework_count} 次")]


def slips_html(items: Sequence[OverdueItem], kind: str, township: str, now_local: datetime) -> str:
    """One page per item: a reminder slip for a yellow card, a supervision sheet for a red one."""
    title = "逾期事项提示单" if kind == "reminders" else "逾期事项盯办单"
    days = REMINDER_DAYS if kind == "reminders" else SUPERVISION_DAYS
    pages = []
    for n, i in enumerate(items):
        ask = (f"请{i.department or '责任单位'}于 {now_local + timedelta(days=days):%Y年%m月%d日 %H:%M} 前办结并反馈；"
               + ("逾期未办结的，将升级为红牌盯办。" if kind == "reminders" else
                  "由带班领导（指挥长）盯办督导，每日报告进展直至办结。"))
        sign = ("<p>提示人：__________　　签收人：__________　　签收时间：__________</p>" if kind == "reminders" else
                "<p>盯办领导：__________　　责任单位负责人：__________　　签收时间：__________</p>")
        brk = " style='page-break-before: always'" if n else ""
        pages.append(f"<div{brk}><h1>{escape(township)}{title}</h1>"
                     f"<p class='sub'>编号 {escape(i.code)} · {now_local:%Y-%m-%d %H:%M} · "
                     f"<span class='{i.card}'>{CARD_NAMES[i.card]}</span></p>"
                     + _form(i, _facts(i)) + f"<p>{escape(ask)}</p>" + sign + "</div>")
    return f"<html><head><style>{_STYLE}</style></head><body>" + "".join(pages) + "</body></html>"


def write_pdf(html: str, path: str | Path, landscape: bool = False) -> int:
    """Render the HTML to an A4 PDF (the weekly list's wide table in landscape); returns the pages written.
    Written beside the target, then renamed."""
    ensure_app()
    path = Path(path)
    temp = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(temp))
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(path.stem)
    writer.setCreator("desk")
    doc = QTextDocument()
    family = cjk_family()
    if family:
        doc.setDefaultFont(QFont(family, 10))
    doc.setHtml(html)
    # The document lays out in the screen's logical pixels; print_ scales that page to the writer's 300 dpi,
    # so a point in the style sheet is a point on paper.
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    screen = QGuiApplication.primaryScreen()
    scale = (screen.logicalDotsPerInch() if screen is not None else 96.0) / 72.0
    doc.setPageSize(QSizeF(rect.width() * scale, rect.height() * scale))
    pages = doc.pageCount()
    try:
        doc.print_(writer)
        del writer  # flushes and closes the file
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return pages


def sheet_items(kind: str, items: Sequence[OverdueItem]) -> list[OverdueItem]:
    """Which items a kind of sheet is for: reminders for yellow cards, supervision for red ones."""
    if kind == "reminders":
        return [i for i in items if i.card == "yellow"]
    if kind == "supervision":
        return [i for i in items if i.card == "red"]
    return list(items)


def write_sheets(kind: str, week: WeeklyList, path: str | Path, now_local: datetime) -> tuple[int, int]:
    """One kind of sheet for the week's overdue items: (items on it, pages written)."""
    if kind not in KINDS:
        raise ValueError(f"unknown sheet {kind!r}")
    if kind == "weekly":
        return len(week.items), write_pdf(weekly_html(week, now_local), path, landscape=True)
    items = sheet_items(kind, week.items)
    return len(items), write_pdf(slips_html(items, kind, week.township, now_local), path)
