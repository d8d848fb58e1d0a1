"""Home visits (入户走访) and the groups they follow: each group's rule (so many visits a month, a quarter
or a year), when a household or person is next due and whether they are overdue as of any moment, the
quarterly joint visit, visit notes that repeat earlier ones (内容雷同), and the figures the plans ask
for. Pure rules: no Qt, no SQL."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

MODES = ("in_person", "phone", "video")
RISKS = ("red", "yellow", "blue")  # a dispute's risk grade: 红/黄/蓝
CONFIRM_DAYS = 30  # a file's core items confirmed at least this often
SIMILAR = 0.9  # notes this alike are flagged as repeating an earlier one
SIMILAR_MIN_CHARS = 12  # shorter notes ("正常", "无异常") repeat honestly


class Period(str, Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def days(self) -> float:
        return {"month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}[self.value]


@dataclass(frozen=True)
class Rule:
    count: int  # visits at least this many times
    period: Period  # in each such period

    @property
    def interval(self) -> timedelta:
        """The longest a subject may go between visits and keep the rule: 2 a month → 15 days."""
        return timedelta(days=int(self.period.days / max(1, self.count)))

    def describe(self) -> str:
        return f"{ {'month': '每月', 'quarter': '每季度', 'year': '每年'}[self.period.value]}不少于{self.count}次"


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    kind: str  # key | care | must | household
    subject: str  # person | household
    rule: Rule
    must_visit: bool = False  # one of 五必访
    officer_only: bool = False  # only a visit with the community officer counts (民警入户)


KEY, CARE, MUST, HOUSEHOLD = "key", "care", "must", "household"
DEFAULT_GROUPS: tuple[Group, ...] = (
    # 6类重点人群…一人一策…每月不少于2次
    Group("community_correction", "社区矫正对象", KEY, "person", Rule(2, Period.MONTH), must_visit=True),
    Group("released_prisoner", "刑满释放人员", KEY, "person", Rule(2, Period.MONTH), must_visit=True),
    Group("drug_rehab", "社区戒毒康复人员", KEY, "person", Rule(2, Period.MONTH), must_visit=True),
    Group("severe_mental", "严重精神障碍患者", KEY, "person", Rule(2, Period.MONTH), must_visit=True),
    Group("petitioner", "重点信访人员", KEY, "person", Rule(2, Period.MONTH), must_visit=True),
    Group("cult", "涉邪教人员", KEY, "person", Rule(2, Period.MONTH), must_visit=True),
    # 关爱群体：每季度不少于2次，定期探访率达到100%
    Group("left_behind_elderly", "留守老人", CARE, "person", Rule(2, Period.QUARTER)),
    Group("children_difficulty", "困境儿童", CARE, "person", Rule(2, Period.QUARTER)),
    Group("mental_disorder", "精神障碍患者", CARE, "person", Rule(2, Period.QUARTER)),
    Group("living_alone", "独居人员", CARE, "person", Rule(2, Period.QUARTER)),
    Group("disabled", "残疾人", CARE, "person", Rule(2, Period.QUARTER)),
    # 五必访: the two not already key groups above
    Group("difficult_family", "困难家庭", MUST, "household", Rule(1, Period.MONTH), must_visit=True),
    Group("elderly_alone", "孤寡老人", MUST, "person", Rule(1, Period.MONTH), must_visit=True),
    Group("dispute_party", "矛盾纠纷当事人", MUST, "person", Rule(1, Period.MONTH), must_visit=True),
    # Every household: once a quarter by anyone, and once a year by the officer of its area.
    Group("household", "普通住户", HOUSEHOLD, "household", Rule(1, Period.QUARTER)),
    Group("officer_yearly", "民警年度入户", HOUSEHOLD, "household", Rule(1, Period.YEAR), officer_only=True),
)
EVERY_HOUSEHOLD = ("household", "officer_yearly")  # groups every household belongs to without being put in them


class DueState(str, Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"  # due within the next seven days
    LATER = "later"


@dataclass(frozen=True)
class Due:
    last: datetime | None
    due_at: datetime
    state: DueState


def due(rule: Rule, last_visit: datetime | None, since: datetime, as_of: datetime, today_end: datetime) -> Due:
    """When the subject is next due under `rule`: an interval after the last visit (or after it joined the
    group when never visited). `today_end` is the end of the local day of `as_of` (UTC, naive)."""
    start = max(last_visit, since) if last_visit is not None else since
    due_at = start + rule.interval
    if due_at < as_of:
        state = DueState.OVERDUE
    elif due_at <= today_end:
        state = DueState.TODAY
    elif due_at <= today_end + timedelta(days=7):
        state = DueState.WEEK
    else:
        state = DueState.LATER
    return Due(last_visit, due_at, state)


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """The first day of the quarter and the first day of the next."""
    m = re.fullmatch(r"(\d{4})Q([1-4])", quarter.strip())
    if not m:
        raise ValueError(f"not a quarter: {quarter!r} (expected e.g. 2026Q4)")
    year, q = int(m.group(1)), int(m.group(2))
    first = date(year, 3 * q - 2, 1)
    nxt = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return first, nxt


def is_joint(officer: bool, grid_worker: bool, volunteer: bool) -> bool:
    """民警+网格员+志愿者: all three went."""
    return officer and grid_worker and volunteer


_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return _NOISE.sub("", text)


def similar(note: str, earlier: Iterable[tuple[int, str]]) -> tuple[int, float] | None:
    """The earlier note (id, text) this one repeats almost word for word, with the ratio; None if none.
    Short notes are never flagged: "无异常" is honest every time."""
    mine = normalise(note)
    if len(mine) < SIMILAR_MIN_CHARS:
        return None
    best: tuple[int, float] | None = None
    for ident, text in earlier:
        theirs = normalise(text)
        if len(theirs) < SIMILAR_MIN_CHARS:
            continue
        m = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
        if m.real_quick_ratio() < SIMILAR or m.quick_ratio() < SIMILAR:
            continue
        ratio = m.ratio()
        if ratio >= SIMILAR and (best is None or ratio > best[1]):
            best = (ident, round(ratio, 3))
    return best


def confirmed_within(confirmed: Sequence[datetime | None], as_of: datetime) -> bool:
    """Every core item confirmed in the last 30 days."""
    return all(c is not None and as_of - c <= timedelta(days=CONFIRM_DAYS) for c in confirmed)


def share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None
