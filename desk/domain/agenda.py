"""The joint-meeting agenda, built from the data: statistics, cards, cross-department items,
risk assessment (研判) and the state of earlier action items."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SECTIONS = ("stats", "red", "yellow", "cross_dept", "risk", "actions")


@dataclass(frozen=True)
class PeriodStats:
    registered: int
    closed: int
    open_now: int
    overdue_now: int
    satisfaction: float | None  # mean of evaluated, 1..5

    @property
    def closed_rate(self) -> float:
        return self.closed / self.registered if self.registered else 1.0


@dataclass(frozen=True)
class CardedIncident:
    id: int
    code: str
    title: str
    card: str  # yellow | red
    age_days: float
    department: str
    unit: str


@dataclass(frozen=True)
class ActionState:
    id: int
    title: str
    department: str
    due: date
    done: bool

    def overdue(self, today: date) -> bool:
        return not self.done and self.due < today


@dataclass(frozen=True)
class RiskRule:
    """What the agenda's risk assessment (研判) counts as a risk. Every active warning counts; a gauge
    once it is past normal; a hazard point of the listed risk grades; a grid with at least
    `hotspot_min_open` open incidents, the `hotspots` busiest of them."""

    hazard_grades: tuple[str, ...] = ("high",)
    hotspot_min_open: int = 3
    hotspots: int = 3

    def hazard_counts(self, grade: str) -> bool:
        return grade in self.hazard_grades

    def hot_grids(self, open_by_grid: dict[int, int]) -> list[tuple[int, int]]:
        ranked = sorted(open_by_grid.items(), key=lambda kv: (-kv[1], kv[0]))[: self.hotspots]
        return [(grid, n) for grid, n in ranked if n >= self.hotspot_min_open]


RISK_RULE = RiskRule()


@dataclass(frozen=True)
class RiskNote:
    kind: str  # warning | gauge | hazard | hotspot
    subject: str  # what it is about: a warning's hazard, a gauge, a hazard point, a grid
    value: str  # warning level key, gauge reading, persons threatened, open incidents


@dataclass(frozen=True)
class AgendaEntry:
    section: str
    title: str
    detail: str = ""
    incident_id: int | None = None
    action_id: int | None = None
    state: str = ""  # red | yellow for cards; open | overdue | done for actions


@dataclass
class Agenda:
    stats: PeriodStats
    entries: list[AgendaEntry] = field(default_factory=list)

    def section(self, name: str) -> list[AgendaEntry]:
        return [e for e in self.entries if e.section == name]


def _where(c: CardedIncident) -> str:
    return " · ".join(part for part in (c.unit, c.department) if part)


# Cross-department matters are those decided above the community level.
CROSS_DEPT_TIERS = ("first", "special")


def build_agenda(stats: PeriodStats, carded: list[CardedIncident], cross_dept: list[CardedIncident],
                 risks: list[RiskNote], actions: list[ActionState], today: date) -> Agenda:
    """Entries carry data and a state key; the UI adds headings and translated labels."""
    agenda = Agenda(stats)
    add = agenda.entries.append
    reds = sorted((c for c in carded if c.card == "red"), key=lambda c: -c.age_days)
    yellows = sorted((c for c in carded if c.card == "yellow"), key=lambda c: -c.age_days)
    for c in reds:
        add(AgendaEntry("red", f"{c.code} {c.title}", _where(c), c.id, state="red"))
    for c in yellows:
        add(AgendaEntry("yellow", f"{c.code} {c.title}", _where(c), c.id, state="yellow"))
    for c in cross_dept:
        add(AgendaEntry("cross_dept", f"{c.code} {c.title}", _where(c), c.id, state=c.card))
    for r in risks:
        add(AgendaEntry("risk", r.subject, r.value, state=r.kind))
    # Earlier action items: overdue first, then open, then done.
    def order(a: ActionState) -> tuple:
        return (not a.overdue(today), a.done, a.due)
    for a in sorted(actions, key=order):
        state = "done" if a.done else ("overdue" if a.overdue(today) else "open")
        add(AgendaEntry("actions", a.title, f"{a.department} · {a.due.isoformat()}", action_id=a.id, state=state))
    return agenda
