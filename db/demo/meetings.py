"""Joint meetings: last month's, held with its agenda and action items; the next ones, planned."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from db.demo import schedule
from db.demo.incidents import Planned, open_cards
from db.demo.world import World
from db.models import ActionItem, AgendaItem, Meeting
from desk.domain import cards
from desk.domain.lifecycle import Status

# (title, department kind, due and done so many days after the meeting)
ACTIONS_DONE = (
    ("红牌事项限期办结，逐件明确责任人", "justice", 7, 5),
    ("景区节假日矛盾纠纷联调机制落地", "police_station", 14, 12),
    ("隐患点群测群防员汛期培训", "natural_resources", 21, 19),
)
# (title, department kind, due in days from today): the first one is overdue.
ACTIONS_OPEN = (
    ("安置点应急物资补充到位", "civil_affairs", -4),
    ("义警队伍月度星级评定", "governance", 5),
    ("独居老人汛期走访全覆盖", "health", 12),
)


def build_meetings(session: Session, world: World, plans: list[Planned]) -> None:
    next_joint = schedule.next_joint_day(world.today)
    held_day = schedule.last_joint_day(world.today)
    held_at = schedule.at_local(held_day, schedule.JOINT_MEETING_AT)
    location = f"{world.scale.seat}综治中心会议室"
    held = Meeting(kind="joint_monthly", title=f"{held_day.year}年{held_day.month}月警网融合联席会议",
                   scheduled_at=held_at, location=location, status="held",
                   minutes="通报上月事件办理情况，研判汛期风险，逐件过堂红黄牌事项，明确责任单位和办结时限。")
    planned_joint = Meeting(kind="joint_monthly", title=f"{next_joint.year}年{next_joint.month}月警网融合联席会议",
                            scheduled_at=schedule.at_local(next_joint, schedule.JOINT_MEETING_AT),
                            location=location, status="planned")
    monday = schedule.next_weekly_day(world.now)
    weekly = Meeting(kind="dispatch_weekly", title=f"第{monday.isocalendar().week}周警网融合调度会",
                     scheduled_at=schedule.at_local(monday, schedule.WEEKLY_MEETING_AT), location=location,
                     status="planned")
    session.add_all([held, planned_joint, weekly])
    session.flush()
    flagged = open_cards(plans, held_at)
    agenda = _agenda(world, held, plans, flagged, held_at)
    actions = _actions(world, held, held_day, held_at, flagged)
    session.add_all([*agenda, *actions])
    world.counts["meeting"] += 3
    world.counts["agenda_item"] += len(agenda)
    world.counts["action_item"] += len(actions)


def _agenda(world: World, meeting: Meeting, plans: list[Planned], flagged: list[tuple[Planned, cards.Card]],
            held_at: datetime) -> list[AgendaItem]:
    items: list[tuple[str, str, str, int | None]] = [("stats", "上月事件办理情况通报", _stats(plans, held_at), None)]
    for card, section, label in ((cards.Card.RED, "red", "红牌"), (cards.Card.YELLOW, "yellow", "黄牌")):
        for p, _ in [pc for pc in flagged if pc[1] is card][:3]:
            items.append((section, f"{label}事项：{p.text['title']}", f"{p.code}，{p.unit.name}，{p.item.name}", p.id))
    items += [
        ("cross_dept", "景区节假日客流与矛盾纠纷联调",
         "派出所、司法所、综治办联合驻点，节假日矛盾纠纷即时调处。", None),
        ("cross_dept", "山林权属纠纷确权调处", "自然资源所提供确权资料，司法所牵头调解。", None),
        ("risk", "汛期地质灾害风险研判", "近期降雨偏多，隐患点需加密巡查，高风险点住户提前转移。", None),
        ("actions", "上次会议议定事项落实情况", "上次议定事项已全部落实。", None),
    ]
    return [AgendaItem(meeting_id=meeting.id, position=n, section=section, title=title[:200], detail=detail,
                       incident_id=incident_id)
            for n, (section, title, detail, incident_id) in enumerate(items, start=1)]


def _stats(plans: list[Planned], held_at: datetime) -> str:
    month = [p for p in plans if held_at - timedelta(days=30) <= p.registered_at < held_at]
    done = [p for p in month if p.status_at(held_at) in (Status.CLOSED, Status.EVALUATED)]
    rated = [p.satisfaction for p in month if p.status_at(held_at) is Status.EVALUATED]
    rate = 100 * len(done) / len(month) if month else 0.0
    score = sum(rated) / len(rated) if rated else 0.0
    return f"受理{len(month)}件，办结{len(done)}件，办结率{rate:.1f}%，群众满意度{score:.2f}分（5分制）。"


def _actions(world: World, meeting: Meeting, held_day: date, held_at: datetime,
             flagged: list[tuple[Planned, cards.Card]]) -> list[ActionItem]:
    red = next((p.id for p, card in flagged if card is cards.Card.RED), None)
    items = [ActionItem(meeting_id=meeting.id, title=title, department_id=world.departments[kind],
                        due_date=held_day + timedelta(days=due), status="done",
                        done_at=held_at + timedelta(days=done, hours=6), incident_id=red if n == 0 else None)
             for n, (title, kind, due, done) in enumerate(ACTIONS_DONE)]
    items += [ActionItem(meeting_id=meeting.id, title=title, department_id=world.departments[kind],
                         due_date=world.today + timedelta(days=due), status="open", done_at=None)
              for title, kind, due in ACTIONS_OPEN]
    return items
