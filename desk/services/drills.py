"""Running a drill: the scenario's rain, warnings and injects on a drill clock, the expected responses
performed when the run is headless, everything written as drill data (never counted with real
records), then the after-action figures and a score kept with the drill so the township can show
improvement."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.models import (ActivationAction, DrillRun, EmergencyActivation, EmergencyEvent, EvacuationCount, HazardPoint,
                       Shelter, Warning)
from desk.domain import drill as rules
from desk.domain.changes import Entity
from desk.domain.clock import to_local
from desk.domain.permissions import Actor
from desk.services import emergency_ops as em
from desk.services.accounts import SYSTEM_ACTOR
from desk.services.database import Database
from desk.services.errors import BadInput
from desk.services.hub import ChangeHub
from desk.services.operations import Operations


class DrillClock:
    """The drill's own time: starts at the real start and moves only when the runner moves it."""

    def __init__(self, start: datetime):
        self.start = start
        self.elapsed = timedelta(0)

    def __call__(self) -> datetime:
        return self.start + self.elapsed


@dataclass
class DrillResult:
    run_id: int
    scenario: str
    started_local: datetime
    score: rules.DrillScore
    timeline: list[tuple[datetime, str, str]] = field(default_factory=list)  # (local time, source, text)


class DrillRunner:
    """Moves a drill along its timeline. `scripted` performs the scenario's expected responses too."""

    def __init__(self, db: Database, actor: Actor, scenario: rules.Scenario, start: datetime, scripted: bool,
                 hub: ChangeHub | None = None):
        self.db = db
        self.actor = actor
        self.scenario = scenario
        self.clock = DrillClock(start)
        self.ops = Operations(db, hub or ChangeHub(), self.clock)
        self.scripted = scripted
        self._done = timedelta(-1)
        self._readings = scenario.rain_readings()
        self.first_warning: datetime | None = None
        self.evacuated_at: datetime | None = None
        self.activated_at: datetime | None = None
        with db.session() as s:
            if s.scalar(select(func.count()).select_from(EmergencyActivation).where(
                    EmergencyActivation.drill.is_(True), EmergencyActivation.ended_at.is_(None))):
                raise BadInput("drill_running", "a drill is already running on this database", field="drill")

    @property
    def finished(self) -> bool:
        return self._done >= self.scenario.duration

    def advance(self, to: timedelta) -> None:
        """Run everything due up to `to` from the start, each at its own moment."""
        to = min(to, self.scenario.duration)
        moments = sorted({s.at for s in self.scenario.due(self._done, to, self.scripted)}
                         | {at for at, _, _ in self._readings if self._done < at <= to} | {to})
        for moment in moments:
            self.clock.elapsed = moment
            due = [(code, mm) for at, code, mm in self._readings if at == moment]
            if due:
                # The scenario's rain comes in as the gauges' own feed does (the system, not the operator).
                raised = em.ingest_readings(self.ops, SYSTEM_ACTOR, [(c, self.clock(), mm) for c, mm in due],
                                            drill=True)
                if raised and self.first_warning is None:
                    self.first_warning = self.clock()
            for step in self.scenario.due(self._done, moment, self.scripted):
                if step.at == moment:
                    self._run(step)
            self._note_evacuation()
            self._done = moment

    def _run(self, step: rules.Step) -> None:
        body = step.body
        if step.kind == "warning":
            em.issue_warning(self.ops, self.actor, body["hazard"], body["level"], body["area"], body.get("text", ""),
                             body.get("issuer", ""), drill=True)
            self.first_warning = self.first_warning or self.clock()
        elif step.kind == "inject":
            em.log_event(self.ops, self.actor, f"【演练情景】{body}", drill=True, source="drill")
        elif step.kind == "respond":
            self._respond(step)

    def _respond(self, step: rules.Step) -> None:
        what, detail = next(iter(step.body.items()))
        ops, actor = self.ops, self.actor
        if what == "activate":
            em.activate(ops, actor, detail.get("hazard", self.scenario.hazard), detail["level"],
                        detail.get("reason", "演练"), drill=True)
            self.activated_at = self.activated_at or self.clock()
        elif what == "action":
            with self.db.session() as s:
                record = _open(s)
                wanted = s.scalars(select(ActivationAction.id).where(
                    ActivationAction.activation_id == (record.id if record else -1),
                    ActivationAction.text.contains(detail["match"]), ActivationAction.state != "done")).all()
            if not wanted:
                raise BadInput("not_found", f"steps[{step.index}]: no open action matches {detail['match']!r}",
                               field="match", value=detail["match"])
            for ident in wanted:
                em.move_action(ops, actor, ident, detail["state"])
        elif what in ("moved", "check_in"):
            with self.db.session() as s:
                point = s.scalars(select(HazardPoint).where(HazardPoint.code == detail["hazard_point"])).first()
                if point is None:
                    raise BadInput("not_found", f"steps[{step.index}]: no hazard point {detail['hazard_point']}",
                                   field="hazard_point", value=detail["hazard_point"])
                point_id = point.id
                shelter_id: int | None = point.shelter_id or s.scalar(select(Shelter.id))
            if what == "moved":
                em.record_moved(ops, actor, point_id, detail["households"], detail["persons"], drill=True)
            elif shelter_id is not None:
                em.check_in(ops, actor, shelter_id, detail["household"], detail["persons"], point_id, drill=True)
        elif what == "log":
            em.log_event(ops, actor, detail, drill=True)
        elif what == "stand_down":
            em.stand_down(ops, actor, detail, drill=True)

    def _note_evacuation(self) -> None:
        if self.evacuated_at is not None:
            return
        with self.db.session() as s:
            record = _open(s)
            if record is None:
                return
            if self.activated_at is None:
                self.activated_at = record.started_at
            moved = s.scalar(select(func.sum(EvacuationCount.households_moved))
                             .where(EvacuationCount.activation_id == record.id)) or 0
        if moved >= self.scenario.goals.evacuate_households:
            self.evacuated_at = self.clock()

    def finish(self) -> DrillResult:
        """Score the drill, stand down a record the script left open, keep the run on record."""
        self.advance(self.scenario.duration)
        with self.db.session() as s:
            record = s.scalars(select(EmergencyActivation).where(EmergencyActivation.drill.is_(True),
                                                                 EmergencyActivation.started_at >= self.clock.start)
                               .order_by(EmergencyActivation.id.desc())).first()
            still_open = record is not None and record.ended_at is None
        if still_open:
            em.stand_down(self.ops, self.actor, "演练时间到，自动结束", drill=True)
        with self.db.session() as s:
            actions = []
            timeline: list[tuple[datetime, str, str]] = []
            start = record.started_at if record is not None else self.clock.start
            if record is not None:
                for a in s.scalars(select(ActivationAction).where(ActivationAction.activation_id == record.id)
                                   .order_by(ActivationAction.position)):
                    actions.append(rules.ActionResult(a.text, _minutes(a.due_at - start),
                                                      _minutes(a.done_at - start) if a.done_at else None))
            for e in s.scalars(select(EmergencyEvent).where(EmergencyEvent.drill.is_(True),
                                                            EmergencyEvent.at >= self.clock.start)
                               .order_by(EmergencyEvent.at, EmergencyEvent.id)):
                timeline.append((to_local(e.at), e.source, e.text))
        evacuation = _minutes(self.evacuated_at - start) if self.evacuated_at and record is not None else None
        activation = (_minutes(self.activated_at - self.first_warning)
                      if self.activated_at and self.first_warning and self.activated_at >= self.first_warning
                      else None)
        result = rules.score(self.scenario.goals, actions, evacuation, activation)
        run_id = record_drill(self.ops, self.actor, self.scenario.name, self.clock.start,
                              record.id if record is not None else None, result)
        # The drill's warnings lapse with it.
        with self.ops.run(self.actor, "warning.issue") as op:
            for w in op.session.scalars(select(Warning).where(Warning.drill.is_(True), Warning.lifted_at.is_(None))):
                w.lifted_at = op.now
            op.audit(Entity.WARNING, None, {"drill": ["active", "lifted"]}, note="drill over")
        return DrillResult(run_id, self.scenario.name, to_local(self.clock.start), result, timeline)


def abandon_drill(ops: Operations, actor: Actor) -> bool:
    """End a drill without scoring it (the desk closing mid-drill, a screenshot): its record stood down,
    its warnings lifted, so the next drill can start. False if no drill was open."""
    with ops.db.session() as s:
        if _open(s) is None:
            return False
    em.stand_down(ops, actor, "演练中止，未评分", drill=True)
    with ops.run(actor, "warning.issue") as op:
        for w in op.session.scalars(select(Warning).where(Warning.drill.is_(True), Warning.lifted_at.is_(None))):
            w.lifted_at = op.now
        op.audit(Entity.WARNING, None, {"drill": ["active", "lifted"]}, note="drill abandoned")
    return True


def record_drill(ops: Operations, actor: Actor, scenario: str, started_at: datetime, activation_id: int | None,
                 result: rules.DrillScore) -> int:
    """Keep a drill's score and figures, so past drills can be compared."""
    with ops.run(actor, "drill.record") as op:
        run = DrillRun(scenario=scenario[:120], started_at=started_at, ended_at=op.now, speed=0.0,
                       activation_id=activation_id, score=result.score,
                       result=json.dumps(_figures(result), ensure_ascii=False))
        op.session.add(run)
        op.created(Entity.EMERGENCY_ACTIVATION, run, ("scenario", "score"), note=f"drill {result.score}")
        return run.id


def _open(s) -> EmergencyActivation | None:
    return s.scalars(select(EmergencyActivation).where(EmergencyActivation.drill.is_(True),
                                                       EmergencyActivation.ended_at.is_(None))
                     .order_by(EmergencyActivation.id.desc())).first()


def _minutes(delta: timedelta) -> float:
    return round(delta.total_seconds() / 60, 1)


def _figures(result: rules.DrillScore) -> dict:
    return {"score": result.score, "evacuation_minutes": result.evacuation_minutes,
            "activation_minutes": result.activation_minutes, "missed": list(result.missed),
            "actions": [{"text": a.text, "due_minutes": a.due_minutes, "done_minutes": a.done_minutes}
                        for a in result.actions]}


@dataclass(frozen=True)
class PastDrill:
    id: int
    scenario: str
    started_local: datetime
    score: float | None


def past_drills(db: Database) -> list[PastDrill]:
    with db.session() as s:
        return [PastDrill(r.id, r.scenario, to_local(r.started_at), r.score)
                for r in s.scalars(select(DrillRun).order_by(DrillRun.started_at.desc()))]
