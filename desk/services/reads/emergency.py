"""Emergency linkage: warning level, gauges with 72 h series, hazard points, shelters, plan steps."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (ActionTemplate, ActivationAction, AdminUnit, Department, DrillRun, EmergencyActivation,
                       EmergencyEvent,
                       EvacuationCount, EvacuationRoute, Gauge, GaugeReading, HazardPoint, PatrolArea,
                       PatrolAreaHazard, ResponsePlan, Shelter, ShelterCheckIn, Staff, UserAccount)
from desk.domain.clock import to_local
from desk.domain.masking import mask_phone
from desk.domain.permissions import Actor, Perm
from desk.domain.warnings import (GaugeAssessment, Level, assess_gauge, current_level, patrols_stopped_in_hazard_areas,
                                  plan_levels, step_applies)
from desk.services.database import Database
from desk.services.emergency_ops import thresholds_for, threatened_on_file
from desk.services.reads.evacuation import EvacuationBoard, evacuation_board
from desk.services.reads.status import active_warnings

SERIES_HOURS = 72
LOG_LINES = 200  # the significant-events log shown, newest first


@dataclass(frozen=True)
class GaugeSeries:
    id: int
    code: str
    name: str
    kind: str
    unit: str
    warn_value: float
    danger_value: float
    times: tuple[float, ...]  # epoch seconds (UTC)
    values: tuple[float, ...]
    assessment: GaugeAssessment


@dataclass(frozen=True)
class WarningRow:
    id: int
    hazard: str
    level: Level
    issued_local: datetime
    issuer: str
    area: str
    text: str
    source: str = "manual"  # manual | cap | gauge
    reason: str = ""  # a gauge warning: which threshold, what rain


@dataclass(frozen=True)
class HazardRow:
    id: int
    code: str
    name: str
    kind: str
    unit: str
    risk: str
    households: int
    persons: int
    monitor: str
    monitor_phone: str
    shelter: str
    route: str
    signs: str
    last_inspected_local: datetime | None = None


@dataclass(frozen=True)
class ShelterRow:
    id: int
    name: str
    unit: str
    capacity: int
    occupancy: int
    supplies: str = ""


@dataclass(frozen=True)
class PlanStep:
    plan: str
    level: Level
    position: int
    text: str
    department: str
    target_minutes: int


@dataclass(frozen=True)
class ActivationRow:
    id: int
    plan: str
    hazard: str
    level: Level
    started_local: datetime
    reason: str
    drill: bool


@dataclass(frozen=True)
class ActionRow:
    id: int
    level: Level
    position: int
    text: str
    department: str
    due_at: datetime  # UTC: the view counts down to it
    state: str
    done_at: datetime | None


@dataclass(frozen=True)
class LogRow:
    at_local: datetime
    source: str
    text: str
    told: str
    actor: str


@dataclass(frozen=True)
class EvacuationRow:
    hazard_point_id: int
    name: str
    households_to_move: int
    persons_to_move: int
    households_moved: int
    persons_moved: int
    persons_checked_in: int
    shelter_id: int | None
    shelter: str


@dataclass(frozen=True)
class WarningListRow:
    id: int
    identifier: str  # a CAP warning's own identifier
    source: str  # manual | cap | gauge
    hazard: str
    level: Level
    effective_local: datetime
    expires_local: datetime | None
    issuer: str
    area: str
    why: str


@dataclass(frozen=True)
class PastDrill:
    id: int
    scenario: str
    started_local: datetime
    score: float | None


@dataclass(frozen=True)
class Proposal:
    """A warning above the emergency record's level: the desk proposes activating (or raising) it."""

    hazard: str
    level: Level
    reason: str
    warning_id: int


@dataclass(frozen=True)
class EmergencySnapshot:
    level: Level
    warnings: list[WarningRow]
    gauges: list[GaugeSeries]
    hazards: list[HazardRow]
    shelters: list[ShelterRow]
    steps: list[PlanStep]
    patrols_stopped: bool
    activation: ActivationRow | None = None
    actions: list[ActionRow] = field(default_factory=list)
    log: list[LogRow] = field(default_factory=list)
    evacuation: list[EvacuationRow] = field(default_factory=list)
    proposal: Proposal | None = None
    suspended_patrol_areas: list[str] = field(default_factory=list)
    rain_thresholds_24h: list[tuple[str, float]] = field(default_factory=list)  # (level, mm) drawn on the chart
    warning_rows: list[WarningListRow] = field(default_factory=list)  # every warning in force, for its table
    drills: list[PastDrill] = field(default_factory=list)  # past drills with their scores, newest first
    board: EvacuationBoard | None = None  # households by name, the unaccounted, the call list


def gauge_states(s: Session, now: datetime, drill: bool = False) -> list[GaugeSeries]:
    """Each gauge's readings over the last 72 h: the real ones, or during a drill the drill's own."""
    since = now - timedelta(hours=SERIES_HOURS)
    out = []
    for g in s.scalars(select(Gauge).order_by(Gauge.kind, Gauge.id)):
        rows = s.execute(select(GaugeReading.at, GaugeReading.value)
                         .where(GaugeReading.gauge_id == g.id, GaugeReading.at > since, GaugeReading.at <= now,
                                GaugeReading.drill.is_(drill))
                         .order_by(GaugeReading.at)).all()
        epoch = datetime(1970, 1, 1)
        out.append(GaugeSeries(g.id, g.code, g.name, g.kind, g.unit, g.warn_value, g.danger_value,
                               tuple((at - epoch).total_seconds() for at, _ in rows), tuple(v for _, v in rows),
                               assess_gauge(g.kind, list(rows), g.warn_value, g.danger_value, now)))
    return out


def emergency_snapshot(db: Database, actor: Actor, now: datetime, drill: bool = False,
                       wall: bool = False) -> EmergencySnapshot:
    """The emergency picture at `now`; with `drill`, the running drill's own (its warnings, rain, record
    and log), never mixed with the real one. On the `wall`, residents' names are masked and no phone shows."""
    reveal = actor.can(Perm.VIEW_STAFF_CONTACT) and not wall
    with db.session() as s:
        units: dict[int | None, str] = dict(s.execute(select(AdminUnit.id, AdminUnit.name)).all())
        shelters = {sh.id: sh for sh in s.scalars(select(Shelter).order_by(Shelter.id))}
        routes: dict[int | None, str] = dict(s.execute(select(EvacuationRoute.id, EvacuationRoute.name)).all())
        depts: dict[int | None, str] = dict(s.execute(select(Department.id, Department.name)).all())
        staff = {p.id: p for p in s.scalars(select(Staff).where(Staff.role == "hazard_monitor"))}
        warnings = [WarningRow(w.id, w.hazard, Level(w.level), to_local(w.issued_at), w.issuer, w.area, w.text,
                               w.source, w.reason) for w in active_warnings(s, now, drill)]
        level = current_level(w.level for w in warnings)
        hazards = []
        on_file = threatened_on_file(s)
        for h in s.scalars(select(HazardPoint).order_by(HazardPoint.id)):
            mon = staff.get(h.monitor_id) if h.monitor_id else None
            households, persons = on_file.get(h.id, (h.households, h.persons))
            hazards.append(HazardRow(
                h.id, h.code, h.name, h.kind, units.get(h.unit_id, ""), h.risk, households, persons,
                mon.name if mon else "", (mon.phone if reveal else mask_phone(mon.phone)) if mon else "",
                shelters[h.shelter_id].name if h.shelter_id in shelters else "", routes.get(h.route_id, ""), h.signs,
                to_local(h.last_inspected_at) if h.last_inspected_at else None))
        steps = []
        levels = plan_levels((w.hazard, w.level) for w in warnings)
        if levels:
            plans = {p.id: p for p in s.scalars(select(ResponsePlan))}
            for t in s.scalars(select(ActionTemplate).order_by(ActionTemplate.plan_id, ActionTemplate.position)):
                plan = plans[t.plan_id]
                if step_applies(t.level, plan.hazard, levels):
                    steps.append(PlanStep(plan.name, Level(t.level), t.position, t.text,
                                          depts.get(t.department_id, ""), t.target_minutes))
        record = s.scalars(select(EmergencyActivation).where(EmergencyActivation.ended_at.is_(None),
                                                             EmergencyActivation.drill.is_(drill))
                           .order_by(EmergencyActivation.id.desc())).first()
        activation, actions, evacuation, board = None, [], [], None
        if record is not None:
            plan_row = s.get(ResponsePlan, record.plan_id)
            activation = ActivationRow(record.id, plan_row.name if plan_row else "", plan_row.hazard if plan_row else "",
                                       Level(record.level), to_local(record.started_at), record.reason, record.drill)
            actions = [ActionRow(a.id, Level(a.level), a.position, a.text, depts.get(a.department_id, ""), a.due_at,
                                 a.state, a.done_at)
                       for a in s.scalars(select(ActivationAction).where(ActivationAction.activation_id == record.id)
                                          .order_by(ActivationAction.position, ActivationAction.id))]
            checked: dict[int | None, int] = dict(s.execute(
                select(ShelterCheckIn.hazard_point_id, func.sum(ShelterCheckIn.persons))
                .where(ShelterCheckIn.activation_id == record.id).group_by(ShelterCheckIn.hazard_point_id)).all())
            points = {h.id: h for h in s.scalars(select(HazardPoint))}
            for c in s.scalars(select(EvacuationCount).where(EvacuationCount.activation_id == record.id)
                               .order_by(EvacuationCount.hazard_point_id)):
                p = points[c.hazard_point_id]
                evacuation.append(EvacuationRow(
                    p.id, p.name, c.households_to_move, c.persons_to_move, c.households_moved, c.persons_moved,
                    int(checked.get(p.id) or 0), p.shelter_id,
                    shelters[p.shelter_id].name if p.shelter_id in shelters else ""))
            if evacuation:
                board = evacuation_board(s, actor, now, record.id, wall)
        names: dict[int | None, str] = dict(s.execute(select(UserAccount.id, UserAccount.display_name)).all())
        log = [LogRow(to_local(e.at), e.source, e.text, e.told, names.get(e.actor_id, ""))
               for e in s.scalars(select(EmergencyEvent).where(EmergencyEvent.drill.is_(drill))
                                  .order_by(EmergencyEvent.at.desc(), EmergencyEvent.id.desc()).limit(LOG_LINES))]
        proposal = None
        top = max(active_warnings(s, now, drill), key=lambda w: Level(w.level).rank, default=None)
        if top is not None and (record is None or Level(top.level).rank > Level(record.level).rank):
            proposal = Proposal(top.hazard, Level(top.level), top.reason or top.text or top.area, top.id)
        suspended = []
        if patrols_stopped_in_hazard_areas(level):
            suspended = list(s.scalars(select(PatrolArea.name).distinct()
                                       .join(PatrolAreaHazard, PatrolAreaHazard.patrol_area_id == PatrolArea.id)
                                       .order_by(PatrolArea.name)))
        return EmergencySnapshot(
            level, warnings, gauge_states(s, now, drill), hazards,
            [ShelterRow(sh.id, sh.name, units.get(sh.unit_id, ""), sh.capacity, sh.occupancy, sh.supplies)
             for sh in shelters.values()],
            steps, patrols_stopped_in_hazard_areas(level), activation, actions, log, evacuation, proposal,
            suspended, sorted(((lv, mm) for w, lv, mm in thresholds_for(s)[0] if w == 24),
                              key=lambda t: t[1]),
            [WarningListRow(w.id, w.identifier or "", w.source, w.hazard, Level(w.level),
                            to_local(w.effective_at or w.issued_at), to_local(w.expires_at) if w.expires_at else None,
                            w.issuer, w.area, w.reason or w.text) for w in active_warnings(s, now, drill)],
            [PastDrill(r.id, r.scenario, to_local(r.started_at), r.score)
             for r in s.scalars(select(DrillRun).order_by(DrillRun.started_at.desc()).limit(20))],
            board)
