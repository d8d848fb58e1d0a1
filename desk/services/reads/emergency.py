"""Emergency linkage: warning level, gauges with 72 h series, hazard points, shelters, plan steps."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (ActionTemplate, AdminUnit, Department, EvacuationRoute, Gauge, GaugeReading, HazardPoint,
                       ResponsePlan, Shelter, Staff)
from desk.domain.clock import to_local
from desk.domain.masking import mask_phone
from desk.domain.permissions import Actor, Perm
from desk.domain.warnings import (GaugeAssessment, Level, assess_gauge, current_level, patrols_stopped_in_hazard_areas,
                                  plan_levels, step_applies)
from desk.services.database import Database
from desk.services.reads.status import active_warnings

SERIES_HOURS = 72


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


@dataclass(frozen=True)
class ShelterRow:
    id: int
    name: str
    unit: str
    capacity: int
    occupancy: int


@dataclass(frozen=True)
class PlanStep:
    plan: str
    level: Level
    position: int
    text: str
    department: str
    target_minutes: int


@dataclass(frozen=True)
class EmergencySnapshot:
    level: Level
    warnings: list[WarningRow]
    gauges: list[GaugeSeries]
    hazards: list[HazardRow]
    shelters: list[ShelterRow]
    steps: list[PlanStep]
    patrols_stopped: bool


def gauge_states(s: Session, now: datetime) -> list[GaugeSeries]:
    since = now - timedelta(hours=SERIES_HOURS)
    out = []
    for g in s.scalars(select(Gauge).order_by(Gauge.kind, Gauge.id)):
        rows = s.execute(select(GaugeReading.at, GaugeReading.value)
                         .where(GaugeReading.gauge_id == g.id, GaugeReading.at > since, GaugeReading.at <= now)
                         .order_by(GaugeReading.at)).all()
        epoch = datetime(1970, 1, 1)
        out.append(GaugeSeries(g.id, g.code, g.name, g.kind, g.unit, g.warn_value, g.danger_value,
                               tuple((at - epoch).total_seconds() for at, _ in rows), tuple(v for _, v in rows),
                               assess_gauge(g.kind, list(rows), g.warn_value, g.danger_value, now)))
    return out


def emergency_snapshot(db: Database, actor: Actor, now: datetime) -> EmergencySnapshot:
    reveal = actor.can(Perm.VIEW_STAFF_CONTACT)
    with db.session() as s:
        units: dict[int | None, str] = dict(s.execute(select(AdminUnit.id, AdminUnit.name)).all())
        shelters = {sh.id: sh for sh in s.scalars(select(Shelter).order_by(Shelter.id))}
        routes: dict[int | None, str] = dict(s.execute(select(EvacuationRoute.id, EvacuationRoute.name)).all())
        depts: dict[int | None, str] = dict(s.execute(select(Department.id, Department.name)).all())
        staff = {p.id: p for p in s.scalars(select(Staff).where(Staff.role == "hazard_monitor"))}
        warnings = [WarningRow(w.id, w.hazard, Level(w.level), to_local(w.issued_at), w.issuer, w.area, w.text)
                    for w in active_warnings(s, now)]
        level = current_level(w.level for w in warnings)
        hazards = []
        for h in s.scalars(select(HazardPoint).order_by(HazardPoint.id)):
            mon = staff.get(h.monitor_id) if h.monitor_id else None
            hazards.append(HazardRow(
                h.id, h.code, h.name, h.kind, units.get(h.unit_id, ""), h.risk, h.households, h.persons,
                mon.name if mon else "", (mon.phone if reveal else mask_phone(mon.phone)) if mon else "",
                shelters[h.shelter_id].name if h.shelter_id in shelters else "", routes.get(h.route_id, ""), h.signs))
        steps = []
        levels = plan_levels((w.hazard, w.level) for w in warnings)
        if levels:
            plans = {p.id: p for p in s.scalars(select(ResponsePlan))}
            for t in s.scalars(select(ActionTemplate).order_by(ActionTemplate.plan_id, ActionTemplate.position)):
                plan = plans[t.plan_id]
                if step_applies(t.level, plan.hazard, levels):
                    steps.append(PlanStep(plan.name, Level(t.level), t.position, t.text,
                                          depts.get(t.department_id, ""), t.target_minutes))
        return EmergencySnapshot(
            level, warnings, gauge_states(s, now), hazards,
            [ShelterRow(sh.id, sh.name, units.get(sh.unit_id, ""), sh.capacity, sh.occupancy)
             for sh in shelters.values()],
            steps, patrols_stopped_in_hazard_areas(level))
