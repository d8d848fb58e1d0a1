"""Ninety days of incidents and their audit trail, written with bulk inserts so a county fits in seconds."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate

import shapely
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo import schedule, timeline
from db.demo.catalog import (
    FEEDBACK,
    FOLLOW_UP,
    GRID_SOURCES,
    ITEM_TYPES,
    POLICE_SOURCES,
    PROFILES,
    RETURN_NOTES,
    SOURCE_LABEL,
    ItemType,
)
from db.demo.draw import Weighted
from db.demo.gazetteer import Gazetteer
from db.demo.timeline import Step
from db.demo.world import GridInfo, UnitInfo, World
from db.models import Base, Incident, IncidentEvent
from desk.domain import cards, clock, milestones
from desk.domain.codes import incident_code
from desk.domain.geometry import Locator
from desk.domain.lifecycle import TIERS, Action, Status, is_open

DAYS = 90
BATCH = 5_000
# Incidents per resident relative to a farming village.
RATE = {"agricultural": 1.0, "remote": 0.8, "scenic": 1.2, "market": 1.3}
SCENIC_REST_DAY_FACTOR = 2.3  # tourists on weekends and holidays
REST_DAY_FACTOR = {"scenic": SCENIC_REST_DAY_FACTOR, "market": 1.15}
HOURS = Weighted(enumerate((2, 1, 1, 1, 1, 3, 6, 10, 16, 20, 20, 18, 12, 12, 18, 19, 18, 16, 14, 15, 14, 10, 6, 4)))
TIER_DRAW = Weighted(zip(TIERS, (80, 17, 3)))
SATISFACTION = Weighted.of({5: 55, 4: 30, 3: 10, 2: 3, 1: 2})
SOURCES = {
    "police": Weighted.of(POLICE_SOURCES),
    "grid": Weighted.of({k: v for k, v in GRID_SOURCES.items() if k != "sensor"}),
    # Monitoring alerts only ever report hazards.
    "grid_hazard": Weighted.of(GRID_SOURCES),
}
REWORK_SHARE = 0.03
SPECIAL_GRID_WEIGHT = {"market": 2.0, "scenic": 2.0, "school": 0.3}  # × the unit's mean basic grid
# Incidents held up on purpose so the desk always has cards to show, per incident generated.
STUCK_YELLOW, STUCK_RED, STUCK_POLICE = 0.004, 0.0035, 0.002
PAST_CARDS = 3  # red and yellow cards open at last month's joint meeting


@dataclass
class Planned:
    registered_at: datetime
    unit: UnitInfo
    grid: GridInfo
    cell_id: int | None
    lon: float
    lat: float
    item: ItemType
    matter: str
    source: str
    full: list[Step]  # the whole course it would take
    steps: list[Step]  # what has happened by now
    text: dict[str, str] = field(default_factory=dict)  # title, address, reporter, feedback...
    tier: str = "second"
    satisfaction: int = 5
    stuck: bool = False
    department_id: int | None = None
    handler_id: int | None = None
    code: str = ""
    id: int = 0
    arrived_at: datetime | None = None  # first handler on site (emergencies only)
    professional_at: datetime | None = None  # professional forces on site

    @property
    def plan(self) -> milestones.Schedule:
        """The incident's clocks from the plans' default rules, as the desk stamps them at each step."""
        stamps = timeline.timestamps(self.steps)
        rules = milestones.rules_for(milestones.DEFAULT_RULES, self.item.code, self.matter, self.tier)
        return milestones.schedule(rules, milestones.event_times(
            self.registered_at, dispatched_at=stamps["dispatched_at"], answered_at=self.answered_at,
            arrived_at=self.arrived_at, professional_at=self.professional_at, feedback_at=stamps["feedback_at"],
            closed_at=stamps["closed_at"]))

    @property
    def status(self) -> Status:
        return timeline.status_of(self.steps)

    def status_at(self, moment: datetime) -> Status | None:
        taken = timeline.until(self.steps, moment)
        return timeline.status_of(taken) if taken else None

    @property
    def answered_at(self) -> datetime | None:
        return _answered(self.steps)

    @property
    def answer_due_at(self) -> datetime | None:
        return cards.answer_due(self.matter, self.registered_at, self.item.entry.answer_hours)

    @property
    def close_due_at(self) -> datetime | None:
        return cards.close_due(self.matter, self.registered_at, self.item.entry.close_days)

    def card_at(self, moment: datetime) -> cards.Card:
        status = self.status_at(moment)
        if status is None:
            return cards.Card.NONE
        plan = self.plan
        return cards.Card(milestones.card_at(is_open(status), plan.yellow_at, plan.red_at, moment))


class IncidentPlanner:
    def __init__(self, world: World, gazetteer: Gazetteer):
        self.world = world
        self.gazetteer = gazetteer
        self.rng = world.rng
        self.now = world.now
        self.grid_locator = Locator({g.id: g.geom for g in world.grids.values()})
        self.cell_locator = Locator({c.id: c.geom for c in world.cells.values()})
        self.items = {p: Weighted((t, t.weights[i]) for t in ITEM_TYPES) for i, p in enumerate(PROFILES)}
        self.grids = {u.id: Weighted(zip(world.grids_of(u), _grid_weights(world.grids_of(u)))) for u in world.units}
        for u in world.units:
            for g in world.grids_of(u):
                shapely.prepare(g.geom)

    def plan(self, count: int) -> list[Planned]:
        plans = [self._one(at, unit) for at, unit in self._registrations(count)]
        self._hold_up(plans)
        self._cover_statuses(plans)
        for p in plans:
            self._assign(p)
        _number(plans)
        return plans

    # --- when and where -------------------------------------------------------------------

    def _registrations(self, count: int) -> list[tuple[datetime, UnitInfo]]:
        today = self.world.today
        local_now = clock.to_local(self.now)
        slots: list[tuple[date, UnitInfo]] = []
        weights: list[float] = []
        for back in range(DAYS - 1, -1, -1):
            day = today - timedelta(days=back)
            elapsed = 1.0 if back else (local_now - datetime.combine(day, time())).total_seconds() / 86_400
            for unit in self.world.units:
                slots.append((day, unit))
                weights.append(unit.population * RATE[unit.profile] * _day_factor(unit.profile, day) * elapsed)
        drawn = self.rng.choices(slots, cum_weights=list(accumulate(weights)), k=count)
        return sorted(((self._moment(day), unit) for day, unit in drawn), key=lambda pair: pair[0])

    def _moment(self, day: date) -> datetime:
        """A registration time on a local day, busier in office hours, never after now."""
        latest = self.now - timedelta(minutes=1)
        for _ in range(10):
            hour = HOURS.pick(self.rng)
            at = clock.to_utc(datetime.combine(day, time(hour)) + timedelta(seconds=self.rng.randrange(3600)))
            if at <= latest:
                return at
        start = clock.to_utc(datetime.combine(day, time()))
        return start + timedelta(seconds=self.rng.randrange(max(1, int((latest - start).total_seconds()))))

    def _one(self, registered_at: datetime, unit: UnitInfo) -> Planned:
        rng = self.rng
        item = self.items[unit.profile].pick(rng)
        matter = "police" if rng.random() < item.police else "grid"
        source = _source(matter, item).pick(rng)
        grid = self.grids[unit.id].pick(rng)
        lon, lat = geo.random_point(rng, grid.geom)
        located = self.grid_locator.find(lon, lat)
        grid = self.world.grids[located] if located is not None else grid
        rework = 1 if rng.random() < REWORK_SHARE else 0
        urgent = ("help" if item.code == "help_request" else
                  "on_site" if item.code in milestones.ON_SITE_TYPES else "")
        full = timeline.full_course(rng, matter, registered_at, rework, urgent=urgent)
        plan = Planned(registered_at, self.world.unit(grid.unit_id), grid, self.cell_locator.find(lon, lat), lon, lat,
                       item, matter, source, full, timeline.until(full, self.now))
        if urgent == "on_site" and len(full) > 1:
            # Someone on site within minutes of the dispatch, the professionals (police) soon after.
            arrived = full[1].at + timedelta(minutes=rng.uniform(1, 8))
            professional = registered_at + timedelta(minutes=rng.uniform(12, 33))
            plan.arrived_at = arrived if arrived <= self.now else None
            plan.professional_at = professional if professional <= self.now else None
        plan.text = self._text(plan)
        plan.tier = TIER_DRAW.pick(rng)
        plan.satisfaction = SATISFACTION.pick(rng)
        return plan

    def _text(self, p: Planned) -> dict[str, str]:
        rng, people = self.rng, self.world.people
        # Where it happened, as the gazetteer names it: the nearest house number in town, the group in a village.
        entry = self.gazetteer.nearest(p.unit.id, p.lon, p.lat)
        address = entry.text if entry is not None else p.unit.name
        a, b = people.surname(), people.surname()
        while b == a:
            b = people.surname()
        title = rng.choice(p.item.titles).format(a=a + "某", b=b + "某", place=address, n=rng.randint(3, 15))
        gender = rng.choice("MF")
        return {
            "title": title,
            "address": address,
            "description": f"{SOURCE_LABEL[p.source]}：{title}。{rng.choice(FOLLOW_UP[p.item.tone])}",
            "reporter_name": people.name(gender),
            "reporter_phone": people.phone(),
            "feedback": rng.choice(FEEDBACK[p.item.tone]),
        }

    # --- incidents that got stuck ---------------------------------------------------------

    def _hold_up(self, plans: list[Planned]) -> None:
        """A few grid matters stuck for 3–6 days (yellow) or longer (red), and police calls never answered."""
        n = len(plans)
        day = timedelta(days=1)
        hour = timedelta(hours=1)
        self._stick(plans, "grid", (3 * day + 2 * hour, 6 * day - 2 * hour), max(4, round(n * STUCK_YELLOW)),
                    (Status.DISPATCHED, Status.HANDLING, Status.HANDLING, Status.FEEDBACK))
        self._stick(plans, "grid", (6 * day + 2 * hour, 30 * day), max(4, round(n * STUCK_RED)),
                    (Status.HANDLING, Status.HANDLING, Status.DISPATCHED, Status.FEEDBACK))
        self._stick(plans, "police", (timedelta(hours=26), 6 * day),
                    max(2, round(n * STUCK_POLICE)), (Status.REGISTERED,))
        # Last month's joint meeting had red and yellow cards of its own to go through.
        held_at = schedule.at_local(schedule.last_joint_day(self.world.today), schedule.JOINT_MEETING_AT)
        self._drag(plans, held_at, (6 * day + 2 * hour, 20 * day), PAST_CARDS)
        self._drag(plans, held_at, (3 * day + 2 * hour, 6 * day - 2 * hour), PAST_CARDS)

    def _stick(self, plans: list[Planned], matter: str, ages: tuple[timedelta, timedelta], count: int,
               statuses: tuple[Status, ...]) -> None:
        young, old = self.now - ages[0], self.now - ages[1]
        pool = [p for p in plans if p.matter == matter and not p.stuck and old <= p.registered_at <= young
                and not _reworked(p.full)]
        for p in self.rng.sample(pool, min(count, len(pool))):
            p.stuck = True
            p.steps = timeline.until(timeline.stop_at(p.full, self.rng.choice(statuses)), self.now)

    def _drag(self, plans: list[Planned], moment: datetime, ages: tuple[timedelta, timedelta], count: int) -> None:
        """Grid matters of the given age at `moment` that were still being handled then, and closed later."""
        young, old = moment - ages[0], moment - ages[1]
        pool = [p for p in plans if p.matter == "grid" and not p.stuck and old <= p.registered_at <= young
                and not _reworked(p.full)]
        for p in self.rng.sample(pool, min(count, len(pool))):
            p.stuck = True
            done = moment + timedelta(hours=self.rng.uniform(20, 96))
            p.full = timeline.full_course(self.rng, p.matter, p.registered_at, 0, handled_by=done)
            p.steps = timeline.until(p.full, self.now)

    def _cover_statuses(self, plans: list[Planned]) -> None:
        """Small demos might miss a status by chance; cut the latest incident that passed through it."""
        present = Counter(p.status for p in plans)
        for status in Status:
            if present[status]:
                continue
            for p in reversed(plans):
                if not p.stuck and p.status is not status and timeline.reaches(p.steps, status):
                    present[p.status] -= 1
                    p.steps = timeline.stop_at(p.steps, status)
                    present[status] += 1
                    break

    # --- who handles it -------------------------------------------------------------------

    def _assign(self, p: Planned) -> None:
        if not timeline.reaches(p.steps, Status.DISPATCHED):
            return
        world, rng = self.world, self.rng
        if p.matter == "police":
            p.department_id = world.departments["police_station"]
            officers = world.officers_by_cell.get(p.cell_id or 0) or next(iter(world.officers_by_cell.values()))
            p.handler_id = rng.choice(officers)
            return
        kinds = p.item.departments
        kind = rng.choices(kinds, weights=range(len(kinds) + 1, 1, -1))[0]
        p.department_id = world.departments[kind]
        if kind == "village_committee":
            p.handler_id = world.grid_worker_by_grid[p.grid.id]
        else:
            p.handler_id = rng.choice(world.department_staff[p.department_id])


def _answered(steps: Sequence[Step]) -> datetime | None:
    """The handling unit's first answer (accepting or giving feedback), which stops a police clock."""
    return next((s.at for s in steps if s.action in (Action.ACCEPT, Action.FEEDBACK)), None)


def _reworked(steps: Sequence[Step]) -> bool:
    return any(s.action is Action.RETURN for s in steps)


def _grid_weights(grids: list[GridInfo]) -> list[float]:
    basics = [g.population for g in grids if not g.special_type] or [1]
    mean = sum(basics) / len(basics)
    return [SPECIAL_GRID_WEIGHT[g.special_type] * mean if g.special_type else max(g.population, 1) for g in grids]


def _source(matter: str, item: ItemType) -> Weighted[str]:
    if matter == "police":
        return SOURCES["police"]
    return SOURCES["grid_hazard" if item.hazard else "grid"]


def _day_factor(profile: str, day: date) -> float:
    return REST_DAY_FACTOR.get(profile, 0.9) if schedule.is_rest_day(day) else 1.0


def _number(plans: list[Planned]) -> None:
    """SJ + local registration date + that day's sequence."""
    per_day: Counter[date] = Counter()
    for p in plans:
        day = clock.to_local(p.registered_at).date()
        per_day[day] += 1
        p.code = incident_code(day, per_day[day])


# --- writing ---------------------------------------------------------------------------------

def build_incidents(session: Session, world: World, count: int, gazetteer: Gazetteer) -> list[Planned]:
    plans = IncidentPlanner(world, gazetteer).plan(count)
    tables = Base.metadata.tables
    for chunk in _batches(plans):
        session.execute(insert(tables[Incident.__tablename__]), [_incident_row(world, p) for p in chunk])
    # Codes are unique; looking ids up by code keeps the fast executemany path (RETURNING goes row by row).
    ids = dict(session.execute(select(Incident.code, Incident.id)).all())
    for p in plans:
        p.id = ids[p.code]
    written = 0
    for chunk in _batches(plans):
        events = [row for p in chunk for row in _event_rows(world, p)]
        session.execute(insert(tables[IncidentEvent.__tablename__]), events)
        written += len(events)
    world.counts["incident"] += len(plans)
    world.counts["incident_event"] += written
    return plans


def _batches(plans: list[Planned]) -> Iterator[list[Planned]]:
    for start in range(0, len(plans), BATCH):
        yield plans[start: start + BATCH]


def _incident_row(world: World, p: Planned) -> dict[str, object]:
    status = p.status
    t = p.text
    return {
        "code": p.code, "title": t["title"], "description": t["description"], "category": p.item.category,
        "item_type": p.item.code, "source": p.source, "matter": p.matter, "tier": p.tier,
        "status": status.value, "lon": p.lon, "lat": p.lat, "address": t["address"], "unit_id": p.unit.id,
        "grid_id": p.grid.id, "cell_id": p.cell_id, "reporter_name": t["reporter_name"],
        "reporter_phone": t["reporter_phone"], "department_id": p.department_id, "handler_id": p.handler_id,
        "registered_by": _registrar(world, p), **timeline.timestamps(p.steps),
        "answered_at": p.answered_at, "answer_due_at": p.answer_due_at, "close_due_at": p.close_due_at,
        "arrived_at": p.arrived_at, "professional_at": p.professional_at, **_clock_columns(p),
        "feedback": t["feedback"] if timeline.reaches(p.steps, Status.FEEDBACK) else "",
        "satisfaction": p.satisfaction if status is Status.EVALUATED else None,
        "rework_count": sum(s.action is Action.RETURN for s in p.steps), "version": 1,
    }


def _clock_columns(p: Planned) -> dict[str, object]:
    plan = p.plan
    return {"yellow_at": plan.yellow_at, "red_at": plan.red_at, "due_at": plan.due_at, "due_milestone": plan.due_code}


def _registrar(world: World, p: Planned) -> int:
    if p.source == "grid_worker":
        worker = world.grid_worker_by_grid.get(p.grid.id)
        return world.account_by_staff.get(worker, world.accounts["duty"]) if worker else world.accounts["duty"]
    return world.accounts["duty"]


def _event_rows(world: World, p: Planned) -> list[dict[str, object]]:
    accounts = world.accounts
    handler = world.account_by_staff.get(p.handler_id or 0, accounts["duty"])
    actor = {Action.REGISTER: _registrar(world, p), Action.DISPATCH: accounts["duty"], Action.ACCEPT: handler,
             Action.FEEDBACK: handler, Action.RETURN: accounts["leader"], Action.CLOSE: accounts["leader"],
             Action.EVALUATE: accounts["duty"]}
    rows = []
    for n, s in enumerate(p.steps):
        rows.append({"incident_id": p.id, "at": s.at, "actor_id": actor[s.action], "action": s.action.value,
                     "from_status": s.from_status, "to_status": s.to_status.value, "note": _note(world, p, s, n)})
    return rows


def _note(world: World, p: Planned, s: Step, n: int) -> str:
    if s.action is Action.REGISTER:
        return SOURCE_LABEL[p.source]
    if s.action is Action.DISPATCH:
        return f"分流至{world.department_names.get(p.department_id or 0, '')}"
    if s.action is Action.ACCEPT:
        return "已签收"
    if s.action is Action.FEEDBACK:
        return p.text["feedback"]
    if s.action is Action.RETURN:
        return RETURN_NOTES[(p.id + n) % len(RETURN_NOTES)]
    if s.action is Action.CLOSE:
        return "审核通过，予以办结"
    return f"群众评价：{p.satisfaction}星"


def open_cards(plans: list[Planned], moment: datetime) -> list[tuple[Planned, cards.Card]]:
    """Open incidents with a card at `moment`, reddest and oldest first (for meeting agendas)."""
    out = []
    for p in plans:
        status = p.status_at(moment)
        if status is not None and is_open(status):
            card = p.card_at(moment)
            if card is not cards.Card.NONE:
                out.append((p, card))
    return sorted(out, key=lambda pc: (-pc[1].rank, pc[0].registered_at))
