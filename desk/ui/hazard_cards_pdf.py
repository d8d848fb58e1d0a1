"""A hazard point's two cards as PDF, one card a page, in the forms townships hand out: 防灾工作明白卡
for the monitor and the village, 避险明白卡 for each threatened household on file (its address, size and who
needs help leaving; the head's name where the role may print it, else a line to write it in)."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from desk.services.reads.hazard_cards import HazardCard
from desk.ui.overdue_pdf import _STYLE, write_pdf

KINDS = {"landslide": "滑坡", "collapse": "崩塌", "debris_flow": "泥石流", "flood": "山洪（易涝）"}
RISKS = {"high": "高", "medium": "中", "low": "低"}
SIGNAL = "鸣锣、口哨、手摇报警器及村应急广播；夜间加用手电"


def _table(rows: Sequence[tuple[str, str]]) -> str:
    return "<table class='form' width='100%' cellspacing='0'>" + "".join(
        f"<tr><td class='k'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"


def cards_html(cards: Sequence[HazardCard], township: str) -> str:
    pages = []
    for n, c in enumerate(cards):
        where = f"{c.village}（{c.lon:.5f}, {c.lat:.5f}）"
        work = _table([
            ("隐患点", f"{c.name}（{c.code}）"), ("位置", where), ("类型", KINDS.get(c.kind, c.kind)),
            ("风险等级", RISKS.get(c.risk, c.risk)), ("威胁对象", f"{c.households} 户 {c.persons} 人"),
            ("变形迹象", c.signs or "—"), ("监测人", f"{c.monitor}  {c.monitor_phone}"),
            ("监测要求", "汛期每日巡查；降雨期间加密巡查，发现裂缝扩大、异响、泥水涌出立即报告"),
            ("预警信号", SIGNAL), ("撤离路线", f"{c.route}（约 {c.route_km:.1f} 公里）" if c.route else "—"),
            ("避险场所", f"{c.shelter}（可容纳 {c.shelter_capacity} 人）" if c.shelter else "—"),
            ("报警电话", "镇综治中心值班室、110、119")])
        brk = " style='page-break-before: always'" if n else ""
        pages.append(f"<div{brk}><h1>{escape(township)}地质灾害防灾工作明白卡</h1>{work}"
                     "<p>发放单位：__________　　持卡人：__________　　日期：__________</p></div>")
        # One card per household on file; a point with none on file gets one blank card to fill in by hand.
        for home in c.households_on_file or (None,):
            household = _table([
                ("户主姓名", (home.head if home is not None else "") or "______________"),
                ("住址", home.address if home is not None else "______________"),
                ("家庭人数", f"{home.persons} 人" if home is not None else "______ 人"),
                ("需协助撤离", "、".join(home.needs) if home is not None and home.needs else "—"),
                ("隐患点", c.name), ("险情可能", f"{KINDS.get(c.kind, c.kind)}，威胁本户生命财产安全"),
                ("预警信号", SIGNAL), ("撤离路线", c.route or "—"), ("避险场所", c.shelter or "—"),
                ("监测人", f"{c.monitor}  {c.monitor_phone}"), ("报警电话", "镇综治中心值班室、110、119")])
            pages.append(f"<div style='page-break-before: always'><h1>{escape(township)}地质灾害避险明白卡</h1>"
                         f"{household}<p>听到预警信号或发现险情，立即按上述路线撤离至避险场所，不要返回取物。</p></div>")
    return f"<html><head><style>{_STYLE}</style></head><body>" + "".join(pages) + "</body></html>"


def write_cards(cards: Sequence[HazardCard], township: str, path: str | Path) -> int:
    return write_pdf(cards_html(cards, township), path)
