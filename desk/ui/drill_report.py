"""The drill's after-action report as PDF (Chinese fonts embedded): goals against what happened, each
action's time against its target, what was missed, the score, the timeline; marked 演练 throughout."""
from __future__ import annotations

from html import escape
from pathlib import Path

from desk.domain.drill import Goals
from desk.services.drills import DrillResult
from desk.ui.overdue_pdf import _STYLE, write_pdf

SOURCES = {"operator": "值班员", "warning": "预警", "threshold": "雨量阈值", "action": "联动行动", "evacuation": "转移安置",
           "drill": "演练情景"}


def report_html(result: DrillResult, goals: Goals, township: str) -> str:
    s = result.score

    def minutes(value: float | None) -> str:
        return "未完成" if value is None else f"{value:.0f} 分钟"

    rows = "".join(
        f"<tr><td>{escape(a.text)}</td><td>{a.due_minutes:.0f} 分钟</td><td>{minutes(a.done_minutes)}</td>"
        f"<td class='{'red' if a.late else ''}'>{'超时' if a.done_minutes is not None and a.late else ('未完成' if a.late else '按时')}"
        "</td></tr>" for a in s.actions)
    missed = "".join(f"<li>{escape(m)}</li>" for m in s.missed) or "<li>无</li>"
    timeline = "".join(f"<tr><td>{t:%H:%M:%S}</td><td>{escape(SOURCES.get(src, src))}</td><td>{escape(text)}</td></tr>"
                       for t, src, text in result.timeline)
    goals_rows = (f"<tr><td>转移目标</td><td>{goals.evacuate_minutes:.0f} 分钟内转移 {goals.evacuate_households} 户</td>"
                  f"<td>{minutes(s.evacuation_minutes)}</td></tr>"
                  f"<tr><td>信息报送</td><td>预警后 {goals.inform_minutes:.0f} 分钟内启动响应</td>"
                  f"<td>{minutes(s.activation_minutes)}</td></tr>"
                  f"<tr><td>救援力量到场</td><td>{goals.on_site_minutes:.0f} 分钟内</td><td>见各项行动</td></tr>")
    return (f"<html><head><style>{_STYLE}</style></head><body>"
            f"<h1>【演练】{escape(township)}{escape(result.scenario)}评估报告</h1>"
            f"<p class='sub'>演练开始 {result.started_local:%Y-%m-%d %H:%M} · 演练数据，不计入实际工作统计</p>"
            f"<h2>得分：{s.score:.0f} 分</h2>"
            "<table class='list' width='100%' cellspacing='0'><tr><th>项目</th><th>目标</th><th>实际</th></tr>"
            f"{goals_rows}</table>"
            "<h3>联动行动</h3><table class='list' width='100%' cellspacing='0'><tr><th>行动</th><th>时限</th>"
            f"<th>完成用时</th><th>结果</th></tr>{rows}</table>"
            f"<h3>超时与未完成</h3><ul>{missed}</ul>"
            "<h3>时间线</h3><table class='list' width='100%' cellspacing='0'><tr><th>时间</th><th>来源</th>"
            f"<th>事件</th></tr>{timeline}</table></body></html>")


def write_report(result: DrillResult, goals: Goals, township: str, path: str | Path) -> int:
    return write_pdf(report_html(result, goals, township), path)
