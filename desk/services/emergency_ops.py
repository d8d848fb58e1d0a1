"""Running a flood or landslide night: gauge readings in, thresholds raising warnings with their reason,
a warning entered by hand, a response plan activated at a level (its linkage actions on their clocks),
each action notified, acknowledged and done, the significant-events log, households moved and shelter
check-ins, and stand-down with a summary. Every write is an operation: checked, audited, published."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, insert, select
from sqlalchemy.orm import Session

from db.models import (ActionTemplate, ActivationAction, EmergencyActivation, EmergencyEvent, EvacuationCount, Gauge,
                       GaugeReading, HazardHousehold, HazardPoint, RainThreshold, Resident, ResponsePlan, Shelter,
                       ShelterCheckIn, Warning)
from desk.domain import linkage, rainfall
from desk.domain.changes import Entity, Op
from desk.domain.permissions import Actor
from desk.domain.warnings import PLANS_FOR_WARNING, Level
from desk.services.errors import BadInput
from desk.services.incidents import clean_text
from desk.services.operations import OperationContext, Operations, snapshot

HAZARDS = ("rain", "flood", "landslide", "general")
ACTION_FIELDS = ("state", "notified_at", "acknowledged_at", "done_at")


@dataclass(frozen=True)
class Raised:
    """A warning a gauge raised: at which hazard point, to what level, and why."""

    warning_id: int
    hazard_point: str
    level: str
    reason: str


def _log(op: OperationContext, text: str, source: str, activation_id: int | None = None, told: str = "",
         drill: bool = False) -> None:
    op.session.add(EmergencyEvent(activation_id=activation_id, at=op.now, source=source, text=text[:2000],
                                  told=told[:200], actor_id=op.actor.user_id, drill=drill))


def _open_activation(s: Session, drill: bool = False) -> EmergencyActivation | None:
    return s.scalars(select(EmergencyActivation).where(EmergencyActivation.ended_at.is_(None),
                                                       EmergencyActivation.drill.is_(drill))
                     .order_by(EmergencyActivation.id.desc())).first()


# -- gauges and thresholds --------------------------------------------------------------------------

def thresholds_for(s: Session) -> tuple[list[tuple[int, str, float]], dict[int, list[tuple[int, str, float]]]]:
    """The township's default thresholds, and each hazard point's own where it has some."""
    default: list[tuple[int, str, float]] = []
    own: dict[int, list[tuple[int, str, float]]] = {}
    for t in s.scalars(select(RainThreshold)):
        row = (t.window_hours, t.level, t.value_mm)
        (own.setdefault(t.hazard_point_id, []) if t.hazard_point_id is not None else default).append(row)
    return default or list(rainfall.DEFAULT_THRESHOLDS), own


@dataclass(frozen=True)
class PointLevel:
    point: HazardPoint
    level: Level
    why: rainfall.Crossing


def window_sums(s: Session, gauge_ids: set[int], now: datetime, drill: bool = False) -> dict[int, dict[int, float]]:
    """`rainfall.accumulations` for many gauges in one aggregate query: the sums per window and per day
    back, added up in SQL (a second's batch of readings must not reread five days of them)."""
    age = func.julianday(now) - func.julianday(GaugeReading.at) if s.get_bind().dialect.name == "sqlite" else (
        func.extract("epoch", now - GaugeReading.at) / 86400)
    columns = [func.sum(case((age < w / 24, GaugeReading.value), else_=0.0)) for w in rainfall.WINDOWS]
    columns += [func.sum(case((and_(age >= d, age < d + 1), GaugeReading.value), else_=0.0)) for d in range(5)]
    rows = s.execute(select(GaugeReading.gauge_id, *columns).where(
        GaugeReading.gauge_id.in_(gauge_ids), GaugeReading.at > now - timedelta(days=5), GaugeReading.at <= now,
        GaugeReading.drill.is_(drill)).group_by(GaugeReading.gauge_id)).all()
    out: dict[int, dict[int, float]] = {}
    for gauge_id, *sums in rows:
        windows = {w: round(float(v or 0), 1) for w, v in zip(rainfall.WINDOWS, sums)}
        days = [float(v or 0) for v in sums[len(rainfall.WINDOWS):]]
        windows[rainfall.EFFECTIVE] = round(sum(rainfall.DECAY ** i * mm for i, mm in enumerate(days)), 1)
        out[gauge_id] = windows
    return out


def _merged(default: list[tuple[int, str, float]], own: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
    """A hazard point's own thresholds over the township's: each (window, level) it sets replaces the default."""
    if not own:
        return default
    table = {(w, lv): mm for w, lv, mm in default}
    table.update({(w, lv): mm for w, lv, mm in own})
    return [(w, lv, mm) for (w, lv), mm in table.items()]


def threshold_levels(s: Session, now: datetime, drill: bool = False) -> list[PointLevel]:
    """Each hazard point whose rain reaches a threshold, with the level and the crossing (a read)."""
    default, own = thresholds_for(s)
    points = s.scalars(select(HazardPoint).where(HazardPoint.gauge_id.is_not(None))).all()
    accum = window_sums(s, {p.gauge_id for p in points if p.gauge_id is not None}, now, drill)
    out = []
    for p in points:
        level, why = rainfall.rain_level(accum.get(p.gauge_id or 0, {}), _merged(default, own.get(p.id, [])))
        if why is not None:
            out.append(PointLevel(p, level, why))
    return out


def evaluate_thresholds(op: OperationContext, drill: bool = False) -> list[Raised]:
    """Each hazard point's rain against its thresholds; a level above the point's gauge warning in force
    raises (or creates) that warning, says why, and logs it. Runs inside the caller's operation."""
    s, now = op.session, op.now
    standing = {w.hazard_point_id: w for w in s.scalars(select(Warning).where(
        Warning.source == "gauge", Warning.state == "active", Warning.lifted_at.is_(None),
        Warning.drill.is_(drill)))}
    raised = []
    for hit in threshold_levels(s, now, drill):
        p, level, why = hit.point, hit.level, hit.why
        held = standing.get(p.id)
        if held is not None and Level(held.level).rank >= level.rank:
            continue
        reason = f"{p.name}：{rainfall.describe(why)}"
        hazard = "flood" if p.kind == "flood" else "landslide"
        if held is not None:
            held.level, held.reason, held.text = level.value, reason, reason
            warning = held
        else:
            warning = Warning(hazard=hazard, level=level.value, issued_at=now, effective_at=now, source="gauge",
                              issuer="雨量站阈值", area=p.name[:120], text=reason, reason=reason,
                              hazard_point_id=p.id, drill=drill)
            s.add(warning)
        s.flush()
        raised.append(Raised(warning.id, p.name, level.value, reason))
        activation = _open_activation(s, drill)
        _log(op, f"阈值预警：{reason}，预警级别升至{_LEVEL_NAMES[level.value]}", "threshold",
             activation.id if activation else None, drill=drill)
        op.changes.add(Entity.WARNING, Op.UPDATED if held is not None else Op.CREATED, warning.id)
    return raised


_LEVEL_NAMES = {"blue": "蓝色（Ⅳ级）", "yellow": "黄色（Ⅲ级）", "orange": "橙色（Ⅱ级）", "red": "红色（Ⅰ级）"}


def ingest_readings(ops: Operations, actor: Actor, readings: Sequence[tuple[str, datetime, float]],
                    drill: bool = False) -> list[Raised]:
    """Gauge readings (gauge code, time UTC, value) in one batch, then the thresholds judged at once."""
    with ops.run(actor, "gauge.readings") as op:
        s = op.session
        codes = dict(s.execute(select(Gauge.code, Gauge.id)).all())
        unknown = sorted({code for code, _, _ in readings if code not in codes})
        if unknown:
            raise BadInput("not_found", f"no gauge with code {', '.join(unknown[:5])}", field="gauge",
                           value=unknown[0])
        if readings:
            s.execute(insert(GaugeReading), [{"gauge_id": codes[c], "at": at, "value": float(v), "drill": drill}
                                             for c, at, v in readings])
        op.audit(Entity.GAUGE_READING, None, {"readings": [0, len(readings)]}, note=f"{len(readings)} readings")
        op.changes.add(Entity.GAUGE_READING, Op.CREATED)
        raised = evaluate_thresholds(op, drill)
    return raised


def set_threshold(ops: Operations, actor: Actor, window_hours: int, level: str, value_mm: float,
                  hazard_point_id: int | None = None) -> None:
    """Change (or add) one threshold, the township default or a hazard point's own."""
    if window_hours not in (*rainfall.WINDOWS, rainfall.EFFECTIVE):
        raise BadInput("unknown_value", f"no rain window of {window_hours} h", field="window_hours",
                       value=window_hours)
    if level not in ("blue", "yellow", "orange", "red"):
        raise BadInput("unknown_value", f"unknown level {level}", field="level", value=level)
    if not 0 < value_mm < 2000:
        raise BadInput("out_of_range", f"{value_mm} mm is not a rainfall threshold", field="value_mm", value=value_mm)
    with ops.run(actor, "warning.threshold") as op:
        s = op.session
        row = s.scalars(select(RainThreshold).where(RainThreshold.window_hours == window_hours,
                                                    RainThreshold.level == level,
                                                    RainThreshold.hazard_point_id.is_(None) if hazard_point_id is None
                                                    else RainThreshold.hazard_point_id == hazard_point_id)).first()
        if row is None:
            row = RainThreshold(hazard_point_id=hazard_point_id, window_hours=window_hours, level=level,
                                value_mm=value_mm)
            s.add(row)
            op.created(Entity.WARNING, row, ("hazard_point_id", "window_hours", "level", "value_mm"))
        else:
            before = snapshot(row, ("value_mm",))
            row.value_mm = value_mm
            op.updated(Entity.WARNING, row, before)


# -- warnings by hand -------------------------------------------------------------------------------

def issue_warning(ops: Operations, actor: Actor, hazard: str, level: str, area: str, text: str = "",
                  issuer: str = "", expires_at: datetime | None = None, drill: bool = False) -> int:
    if hazard not in HAZARDS:
        raise BadInput("unknown_value", f"unknown hazard {hazard}", field="hazard", value=hazard)
    if level not in ("blue", "yellow", "orange", "red"):
        raise BadInput("unknown_value", f"unknown level {level}", field="level", value=level)
    area, text, issuer = clean_text("area", area), clean_text("text", text, multiline=True), clean_text("issuer",
                                                                                                       issuer)
    if not area:
        raise BadInput("text_empty", "say which area the warning covers", field="area")
    with ops.run(actor, "warning.issue") as op:
        w = Warning(hazard=hazard, level=level, issued_at=op.now, effective_at=op.now, expires_at=expires_at,
                    source="manual", issuer=issuer[:64] or actor.login, area=area[:120], text=text, drill=drill)
        op.session.add(w)
        op.session.flush()
        activation = _open_activation(op.session, drill)
        _log(op, f"发布{_LEVEL_NAMES[level]}{_HAZARD_NAMES[hazard]}预警：{area}", "warning",
             activation.id if activation else None, drill=drill)
        op.created(Entity.WARNING, w, ("hazard", "level", "area", "text", "issuer", "expires_at"))
        return w.id


_HAZARD_NAMES = {"rain": "暴雨", "flood": "山洪", "landslide": "地质灾害", "general": ""}


def lift_warning(ops: Operations, actor: Actor, warning_id: int) -> None:
    with ops.run(actor, "warning.issue") as op:
        w = op.session.get(Warning, warning_id)
        if w is None:
            raise BadInput("not_found", f"no warning with id {warning_id}", field="warning", value=warning_id)
        before = snapshot(w, ("lifted_at", "state"))
        w.lifted_at = op.now
        _log(op, f"解除预警：{w.area} {_LEVEL_NAMES.get(w.level, w.level)}", "warning", drill=w.drill)
        op.updated(Entity.WARNING, w, before)


# -- the emergency record ---------------------------------------------------------------------------

def activate(ops: Operations, actor: Actor, hazard: str, level: str, reason: str = "",
             warning_id: int | None = None, drill: bool = False) -> int:
    """Activate the response plan for `hazard` at `level`, or raise the open record to it. The plan's
    steps up to that level become actions on their clocks from now; evacuation counts open at orange."""
    if level not in ("blue", "yellow", "orange", "red"):
        raise BadInput("unknown_value", f"unknown level {level}", field="level", value=level)
    reason = clean_text("reason", reason, multiline=True)
    with ops.run(actor, "emergency.activate") as op:
        s = op.session
        plan = s.scalars(select(ResponsePlan).where(ResponsePlan.hazard.in_(
            PLANS_FOR_WARNING.get(hazard, (hazard,)))).order_by(ResponsePlan.id)).first()
        if plan is None:
            raise BadInput("not_found", f"no response plan for {hazard}", field="hazard", value=hazard)
        record = _open_activation(s, drill)
        if record is not None and Level(record.level).rank >= Level(level).rank:
            raise BadInput("already_active", f"the emergency record is already at {record.level}", field="level",
                           value=record.level)
        raised = record is not None
        if record is None:
            record = EmergencyActivation(warning_id=warning_id, plan_id=plan.id, level=level, started_at=op.now,
                                         drill=drill, started_by=actor.user_id, reason=reason)
            s.add(record)
            s.flush()
            before = None
        else:
            before = snapshot(record, ("level", "reason"))
            record.level, record.reason = level, (record.reason + "\n" + reason).strip()
        have = set(s.scalars(select(ActivationAction.template_id).where(ActivationAction.activation_id == record.id)))
        templates = s.scalars(select(ActionTemplate).where(ActionTemplate.plan_id == record.plan_id)
                              .order_by(ActionTemplate.position)).all()
        for t in templates:
            if linkage.step_taken(t.level, level) and t.id not in have:
                s.add(ActivationAction(activation_id=record.id, template_id=t.id, level=t.level, position=t.position,
                                       text=t.text, department_id=t.department_id,
                                       due_at=op.now + timedelta(minutes=t.target_minutes)))
        if linkage.evacuates(level):
            counted = set(s.scalars(select(EvacuationCount.hazard_point_id)
                                    .where(EvacuationCount.activation_id == record.id)))
            on_file = threatened_on_file(s)
            for p in s.scalars(select(HazardPoint).where(HazardPoint.kind.in_(_KINDS_FOR[plan.hazard]))):
                if p.id not in counted:
                    households, persons = on_file.get(p.id, (p.households, p.persons))
                    s.add(EvacuationCount(activation_id=record.id, hazard_point_id=p.id,
                                          households_to_move=households, persons_to_move=persons))
        what = f"{'提升' if raised else '启动'}{plan.name}{_LEVEL_NAMES[level]}响应" + (f"：{reason}" if reason else "")
        _log(op, what, "operator", record.id, drill=drill)
        if before is None:
            op.created(Entity.EMERGENCY_ACTIVATION, record, ("plan_id", "level", "reason", "drill"), note=what)
        else:
            op.updated(Entity.EMERGENCY_ACTIVATION, record, before, note=what)
        return record.id


def threatened_on_file(s: Session) -> dict[int, tuple[int, int]]:
    """Households and persons each hazard point threatens, counted from the households on file; a point
    with none on file keeps the counts it was surveyed with."""
    rows = s.execute(select(HazardHousehold.hazard_point_id, func.count(func.distinct(Resident.household_id)),
                            func.count(Resident.id))
                     .join(Resident, Resident.household_id == HazardHousehold.household_id)
                     .where(Resident.active.is_(True)).group_by(HazardHousehold.hazard_point_id)).all()
    return {point: (int(h), int(p)) for point, h, p in rows}


_KINDS_FOR = {"flood": ("flood",), "landslide": ("landslide", "collapse", "debris_flow")}


def move_action(ops: Operations, actor: Actor, action_id: int, target: str, note: str = "") -> None:
    """An action on along its chain: notified, acknowledged, done (a step may be skipped)."""
    note = clean_text("note", note, multiline=True)
    with ops.run(actor, "emergency.action") as op:
        s = op.session
        a = s.get(ActivationAction, action_id)
        if a is None:
            raise BadInput("not_found", f"no action with id {action_id}", field="action", value=action_id)
        record = s.get(EmergencyActivation, a.activation_id)
        if record is None or record.ended_at is not None:
            raise BadInput("stood_down", "the emergency record is closed", field="action", value=action_id)
        try:
            linkage.check_move(a.state, target)
        except linkage.ActionStateError as exc:
            raise BadInput("wrong_step", str(exc), field="state", value=target) from None
        before = snapshot(a, ACTION_FIELDS)
        for state in linkage.ACTION_STATES[linkage.ACTION_STATES.index(a.state) + 1:
                                           linkage.ACTION_STATES.index(target) + 1]:
            if state != "pending" and getattr(a, f"{state}_at") is None:
                setattr(a, f"{state}_at", op.now)
        a.state = target
        late = "（超时）" if op.now > a.due_at and target == "done" else ""
        _log(op, f"{a.text}：{_STATE_NAMES[target]}{late}" + (f"。{note}" if note else ""), "action", record.id,
             drill=record.drill)
        op.updated(Entity.EMERGENCY_ACTIVATION, a, before, note=f"action {a.id} {target}")


_STATE_NAMES = {"notified": "已通知", "acknowledged": "已确认", "done": "已完成", "pending": "待办"}


def log_event(ops: Operations, actor: Actor, text: str, told: str = "", drill: bool = False,
              source: str = "operator") -> None:
    text, told = clean_text("text", text, multiline=True), clean_text("told", told)
    if not text:
        raise BadInput("text_empty", "say what happened", field="text")
    with ops.run(actor, "emergency.log") as op:
        record = _open_activation(op.session, drill)
        _log(op, text, source, record.id if record else None, told, drill)
        op.audit(Entity.EMERGENCY_EVENT, None, {"text": ["", text[:200]]}, note=told)
        op.changes.add(Entity.EMERGENCY_EVENT, Op.CREATED)


def record_moved(ops: Operations, actor: Actor, hazard_point_id: int, households: int, persons: int,
                 drill: bool = False) -> None:
    """How many households and persons have left a hazard point so far (as the village reports it)."""
    if households < 0 or persons < 0 or persons < households:
        raise BadInput("out_of_range", "households and persons moved must be counts, persons at least households",
                       field="persons", value=persons)
    with ops.run(actor, "emergency.evacuation") as op:
        s = op.session
        record = _open_activation(s, drill)
        count = s.scalars(select(EvacuationCount).where(EvacuationCount.activation_id == (record.id if record else -1),
                                                        EvacuationCount.hazard_point_id == hazard_point_id)).first()
        if record is None or count is None:
            raise BadInput("not_evacuating", "no evacuation is under way at this hazard point", field="hazard_point",
                           value=hazard_point_id)
        if households > count.households_to_move or persons > count.persons_to_move:
            raise BadInput("out_of_range", f"more than the {count.households_to_move} households "
                           f"({count.persons_to_move} persons) under threat", field="persons", value=persons)
        before = snapshot(count, ("households_moved", "persons_moved"))
        count.households_moved, count.persons_moved, count.updated_at = households, persons, op.now
        name = s.scalar(select(HazardPoint.name).where(HazardPoint.id == hazard_point_id)) or ""
        _log(op, f"{name}已转移 {households}/{count.households_to_move} 户 {persons}/{count.persons_to_move} 人",
             "evacuation", record.id, drill=drill)
        op.updated(Entity.EMERGENCY_ACTIVATION, count, before)


def check_in(ops: Operations, actor: Actor, shelter_id: int, household: str, persons: int,
             hazard_point_id: int | None = None, drill: bool = False) -> None:
    household = clean_text("household", household)
    if not household or persons < 1:
        raise BadInput("text_empty", "name the household and how many arrived", field="household")
    with ops.run(actor, "emergency.evacuation") as op:
        s = op.session
        record = _open_activation(s, drill)
        shelter = s.get(Shelter, shelter_id)
        if record is None or shelter is None:
            raise BadInput("not_evacuating", "no emergency record is open, or no such shelter", field="shelter",
                           value=shelter_id)
        row = ShelterCheckIn(activation_id=record.id, shelter_id=shelter_id, hazard_point_id=hazard_point_id,
                             household=household[:64], persons=persons, at=op.now, actor_id=actor.user_id)
        s.add(row)
        before = snapshot(shelter, ("occupancy",))
        if not drill:  # a drill's check-ins count on the drill's board, never in the real shelter
            shelter.occupancy = (shelter.occupancy or 0) + persons
        _log(op, f"{shelter.name}登记入住：{household} {persons} 人", "evacuation", record.id, drill=drill)
        op.updated(Entity.SHELTER, shelter, before, note=f"{household} {persons}")


def stand_down(ops: Operations, actor: Actor, summary: str, drill: bool = False) -> int:
    """Close the open emergency record with its summary; actions left open stay on record as they were."""
    summary = clean_text("summary", summary, multiline=True)
    if not summary:
        raise BadInput("text_empty", "a stand-down needs its summary", field="summary")
    with ops.run(actor, "emergency.stand_down") as op:
        s = op.session
        record = _open_activation(s, drill)
        if record is None:
            raise BadInput("not_found", "no emergency record is open", field="activation")
        before = snapshot(record, ("ended_at", "summary"))
        record.ended_at, record.summary = op.now, summary
        open_actions = s.scalar(select(func.count()).select_from(ActivationAction).where(
            ActivationAction.activation_id == record.id, ActivationAction.state != "done")) or 0
        _log(op, f"响应结束：{summary}" + (f"（{open_actions} 项行动未完成）" if open_actions else ""), "operator",
             record.id, drill=drill)
        op.updated(Entity.EMERGENCY_ACTIVATION, record, before, note="stand-down")
        return record.id
