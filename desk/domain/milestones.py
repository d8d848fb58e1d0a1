"""The clocks an incident runs against: milestones from a rule table, in minutes, hours or days, on the
calendar or in working days.

A rule says which incidents it applies to (item type, nature, tier; "*" for any), which event starts its
clock and which stops it, the limit, and the card that missing it gives. For one incident the most
specific rule of each code wins, so a township can tighten, loosen or switch off (inactive) a default
for one item type without touching the others.

From the rules and the times the incident's events happened, `schedule` works out every milestone and,
if nobody acts from here on, when the incident turns yellow and red and which deadline comes next.
Those instants are stored on the incident at each step, so SQL counts and sorts cards without loading
rows, and a card "as of" any moment, past or future, is one comparison.

Working days are counted in Beijing time: only the hours of working days run (a weekend or a public
holiday adds nothing), and a weekend day worked instead of a holiday (调休上班) counts.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desk.domain.clock import to_local, to_utc

# What starts and stops a clock, in the order they normally happen. "answered" is the handling unit's
# first answer (accept or feedback); "arrived" a handler on site; "professional" the professional
# forces on site (专业力量介入).
EVENTS = ("registered", "dispatched", "answered", "arrived", "professional", "feedback", "closed")
UNITS = ("minutes", "hours", "days")
CALENDARS = ("calendar", "working")
CARDS = ("none", "yellow", "red")
ANY = "*"


class RuleError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Rule:
    code: str
    start: str
    stop: str
    limit: float
    unit: str
    calendar: str = "calendar"
    card: str = "none"
    item_type: str = ANY
    nature: str = ANY
    tier: str = ANY
    active: bool = True
    position: int = 0

    def check(self) -> None:
        if not self.code:
            raise RuleError("code", "empty")
        for name, value, allowed in (("start_event", self.start, EVENTS), ("stop_event", self.stop, EVENTS),
                                     ("unit", self.unit, UNITS), ("calendar", self.calendar, CALENDARS),
                                     ("card", self.card, CARDS)):
            if value not in allowed:
                raise RuleError(name, f"{value!r} is not one of {', '.join(allowed)}")
        if EVENTS.index(self.stop) <= EVENTS.index(self.start):
            raise RuleError("stop_event", f"{self.stop} does not come after {self.start}")
        if not (isinstance(self.limit, (int, float)) and 0 < self.limit <= 366 * 24 * 60):
            raise RuleError("limit_value", f"{self.limit!r} is not a positive limit")

    @property
    def duration(self) -> timedelta:
        return {"minutes": timedelta(minutes=self.limit), "hours": timedelta(hours=self.limit),
                "days": timedelta(days=self.limit)}[self.unit]

    def applies(self, item_type: str, nature: str, tier: str) -> bool:
        return (self.item_type in (ANY, item_type) and self.nature in (ANY, nature)
                and self.tier in (ANY, tier))

    @property
    def specificity(self) -> int:
        return 4 * (self.item_type != ANY) + 2 * (self.nature != ANY) + (self.tier != ANY)


# Types the plans treat as emergencies: someone on site within 10 minutes, professionals within 30
# (“10分钟内到达现场…30分钟内专业力量介入”).
ON_SITE_TYPES = ("fighting", "domestic_violence", "provocation", "group_dispute", "missing_person")

# Defaults from the plans (../shared/DOMAIN.md). Positions keep the table in the order a reader expects.
DEFAULT_RULES: tuple[Rule, ...] = (
    # 10分钟内分类转办: the command room classifies and routes every item.
    Rule("route", "registered", "dispatched", 10, "minutes", position=10),
    # 2小时内响应: the department a grid matter went to answers.
    Rule("respond", "dispatched", "answered", 2, "hours", nature="grid", position=20),
    # 24小时内答复处置: a police matter answered and handled by the handling unit; missed → red.
    Rule("answer", "registered", "answered", 24, "hours", card="red", nature="police", position=30),
    # Grid matters closed in 3 days, 3日黄牌、6日红牌.
    Rule("close", "registered", "closed", 3, "days", card="yellow", nature="grid", position=40),
    Rule("close_red", "registered", "closed", 6, "days", card="red", nature="grid", position=50),
    # 5分钟响应、15分钟处置: urgent help requests.
    Rule("help_answer", "registered", "answered", 5, "minutes", card="yellow", item_type="help_request",
         position=60),
    Rule("help_handle", "registered", "feedback", 15, "minutes", card="red", item_type="help_request", position=70),
) + tuple(
    rule for i, t in enumerate(ON_SITE_TYPES) for rule in (
        Rule("on_site", "registered", "arrived", 10, "minutes", card="yellow", item_type=t, position=80 + i),
        Rule("professional", "registered", "professional", 30, "minutes", card="red", item_type=t,
             position=90 + i),
    )
)


def rules_for(rules: Iterable[Rule], item_type: str, nature: str, tier: str) -> list[Rule]:
    """The incident's milestones: of each code the most specific rule that applies, if it is active."""
    best: dict[str, Rule] = {}
    for r in rules:
        if r.applies(item_type, nature, tier):
            held = best.get(r.code)
            if held is None or r.specificity > held.specificity:
                best[r.code] = r
    return sorted((r for r in best.values() if r.active), key=lambda r: (r.position, r.code))


@dataclass(frozen=True)
class WorkCalendar:
    """Which local days are worked: Monday to Friday, less public holidays, plus the weekend days worked
    instead (调休上班)."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def is_working(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """`start` (naive UTC) plus `duration` of working-day time, as naive UTC."""
        cursor = to_local(start)
        left = duration
        for _ in range(3 * 366):  # a year of holidays in a row would be a broken calendar, not a clock
            day_end = datetime.combine(cursor.date() + timedelta(days=1), time())
            if self.is_working(cursor.date()):
                room = day_end - cursor
                if left <= room:
                    return to_utc(cursor + left)
                left -= room
            cursor = day_end
        raise RuleError("holiday", "no working day within three years")

    def working_between(self, start: datetime, end: datetime) -> timedelta:
        """Working-day time from `start` to `end` (naive UTC): how much of a working clock has run."""
        if end <= start:
            return timedelta(0)
        cursor, stop = to_local(start), to_local(end)
        total = timedelta(0)
        while cursor < stop:
            day_end = min(stop, datetime.combine(cursor.date() + timedelta(days=1), time()))
            if self.is_working(cursor.date()):
                total += day_end - cursor
            cursor = day_end
        return total


CALENDAR_DAYS = WorkCalendar()


@dataclass(frozen=True)
class MilestoneState:
    rule: Rule
    started: datetime | None  # when its start event happened (None: not yet)
    due: datetime | None
    met: datetime | None  # when its stop event happened, or the incident closed first

    @property
    def pending(self) -> bool:
        return self.due is not None and self.met is None

    @property
    def missed_at(self) -> datetime | None:
        """When it was (or will be, if nobody acts) missed; None if it was met in time or has not started."""
        if self.due is None:
            return None
        if self.met is not None and self.met <= self.due:
            return None
        return self.due

    def late(self, now: datetime) -> bool:
        missed = self.missed_at
        return missed is not None and missed <= now


@dataclass(frozen=True)
class Schedule:
    milestones: tuple[MilestoneState, ...]
    yellow_at: datetime | None  # when the incident turns yellow if nobody acts (None: never)
    red_at: datetime | None
    due_at: datetime | None  # the earliest deadline still running (overdue ones included)
    due_code: str  # that deadline's milestone


def schedule(rules: Iterable[Rule], times: Mapping[str, datetime | None],
             calendar: WorkCalendar = CALENDAR_DAYS) -> Schedule:
    """Every milestone of one incident from the times its events happened (naive UTC; missing = not yet).

    Closing stops every clock: a milestone whose own stop never came is met, or missed, at the close."""
    closed = times.get("closed")
    states = []
    for rule in rules:
        started = times.get(rule.start)
        if started is None:
            states.append(MilestoneState(rule, None, None, None))
            continue
        if rule.calendar == "working":
            due = calendar.add(started, rule.duration)
        else:
            due = started + rule.duration
        met = times.get(rule.stop) or closed
        states.append(MilestoneState(rule, started, due, met))
    yellow = [m.missed_at for m in states if m.rule.card == "yellow" and m.missed_at is not None]
    red = [m.missed_at for m in states if m.rule.card == "red" and m.missed_at is not None]
    pending = sorted((m for m in states if m.pending), key=lambda m: (m.due, m.rule.position))
    head = pending[0] if pending else None
    return Schedule(tuple(states), min(yellow) if yellow else None, min(red) if red else None,
                    head.due if head is not None else None, head.rule.code if head is not None else "")


def card_at(is_open: bool, yellow_at: datetime | None, red_at: datetime | None, now: datetime) -> str:
    """The card an incident shows at `now` from its stored instants: only open incidents carry one."""
    if not is_open:
        return "none"
    if red_at is not None and red_at <= now:
        return "red"
    if yellow_at is not None and yellow_at <= now:
        return "yellow"
    return "none"


def event_times(registered_at: datetime, *, dispatched_at: datetime | None = None,
                answered_at: datetime | None = None, arrived_at: datetime | None = None,
                professional_at: datetime | None = None, feedback_at: datetime | None = None,
                closed_at: datetime | None = None) -> dict[str, datetime | None]:
    """The event times `schedule` reads, from an incident's columns. A return for rework empties the
    feedback time, so a handling clock runs again until new feedback comes."""
    return {"registered": registered_at, "dispatched": dispatched_at, "answered": answered_at,
            "arrived": arrived_at, "professional": professional_at, "feedback": feedback_at,
            "closed": closed_at}
