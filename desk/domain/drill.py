"""Drill scenarios and how a drill is scored.

A scenario is a JSON file (examples in desk/resources/drills/):

    {
      "name": "青岚镇汛期暴雨地质灾害应急演练",
      "hazard": "landslide",
      "duration_minutes": 90,
      "goals": {"evacuate_households": 20, "evacuate_minutes": 15,
                "on_site_minutes": 30, "inform_minutes": 15},
      "steps": [
        {"at": "00:00", "rain": {"gauge": "YL01", "mm": 6, "every_minutes": 5, "for_minutes": 60}},
        {"at": "00:05", "warning": {"hazard": "rain", "level": "yellow", "area": "全镇", "issuer": "县气象台"}},
        {"at": "00:20", "inject": "竹坞村监测员报告后山出现新裂缝"},
        {"at": "00:08", "respond": {"activate": {"hazard": "landslide", "level": "orange"}}},
        {"at": "00:12", "respond": {"action": "群测群防", "state": "done"}},
        {"at": "00:18", "respond": {"moved": {"hazard_point": "YH001", "households": 20, "persons": 52}}},
        {"at": "01:30", "respond": {"stand_down": "演练结束"}}
      ]
    }

Times are offsets from the drill's start (HH:MM). "rain", "warning" and "inject" are the scenario's own
events; "respond" steps are what the drill expects of the operators: the headless runner performs them
at their time (a rehearsal of the plan), in the desk the operators do them themselves and are scored
on when they did. Every problem names the step (by its position) and the field.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

LEVELS = ("blue", "yellow", "orange", "red")
HAZARDS = ("rain", "flood", "landslide")
STEP_KINDS = ("rain", "warning", "inject", "respond")
RESPONSES = ("activate", "action", "moved", "check_in", "log", "stand_down")
_AT = re.compile(r"^(\d{1,3}):([0-5]\d)$")
MAX_SPEED = 600.0


class ScenarioError(ValueError):
    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass(frozen=True)
class Goals:
    evacuate_households: int = 20  # “15分钟内完成周边20户群众转移”
    evacuate_minutes: float = 15.0
    on_site_minutes: float = 30.0  # rescue forces on site within 30 minutes
    inform_minutes: float = 15.0  # information passed on within 15 minutes


@dataclass(frozen=True)
class Step:
    at: timedelta
    kind: str  # rain | warning | inject | respond
    body: Any
    index: int  # position in the file (for messages)


@dataclass(frozen=True)
class Scenario:
    name: str
    hazard: str
    duration: timedelta
    goals: Goals
    steps: tuple[Step, ...] = field(default_factory=tuple)

    def due(self, since: timedelta, until: timedelta, scripted: bool) -> list[Step]:
        """The steps whose time falls in (since, until], in time order; `scripted` includes the respond
        steps (a headless run), else only the scenario's own events (operators respond in the desk)."""
        return [s for s in self.steps if since < s.at <= until and (scripted or s.kind != "respond")]

    def rain_readings(self) -> list[tuple[timedelta, str, float]]:
        """Every scripted reading as (offset, gauge code, mm)."""
        out = []
        for s in self.steps:
            if s.kind != "rain":
                continue
            r = s.body
            every = timedelta(minutes=float(r.get("every_minutes", 5)))
            count = max(1, int(float(r.get("for_minutes", 0)) // float(r.get("every_minutes", 5))))
            for i in range(count):
                out.append((s.at + every * i, str(r["gauge"]), float(r["mm"])))
        return sorted(out)


def _offset(text: object, where: str) -> timedelta:
    m = _AT.match(str(text)) if isinstance(text, str) else None
    if m is None:
        raise ScenarioError(where, f"'at' must be HH:MM from the drill's start, not {text!r}")
    return timedelta(hours=int(m.group(1)), minutes=int(m.group(2)))


def _need(body: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in body:
        raise ScenarioError(where, f"'{key}' is missing")
    value = body[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ScenarioError(where, f"'{key}' has the wrong type ({type(value).__name__})")
    return value


def _check_step(kind: str, body: Any, where: str) -> None:
    if kind == "rain":
        if not isinstance(body, dict):
            raise ScenarioError(where, "rain must be an object")
        _need(body, "gauge", where)
        mm = _need(body, "mm", where, (int, float))
        if not 0 <= mm <= 500:
            raise ScenarioError(where, f"rain of {mm} mm in one reading is not plausible")
        for key in ("every_minutes", "for_minutes"):
            if key in body and (not isinstance(body[key], (int, float)) or body[key] <= 0):
                raise ScenarioError(where, f"'{key}' must be a positive number")
    elif kind == "warning":
        if not isinstance(body, dict):
            raise ScenarioError(where, "warning must be an object")
        if _need(body, "hazard", where) not in HAZARDS:
            raise ScenarioError(where, f"hazard must be one of {', '.join(HAZARDS)}")
        if _need(body, "level", where) not in LEVELS:
            raise ScenarioError(where, f"level must be one of {', '.join(LEVELS)}")
        _need(body, "area", where)
    elif kind == "inject":
        if not isinstance(body, str) or not body.strip():
            raise ScenarioError(where, "inject must be the text of what happens")
    else:
        if not isinstance(body, dict) or len(body) != 1 or next(iter(body)) not in RESPONSES:
            raise ScenarioError(where, f"respond must name one of {', '.join(RESPONSES)}")
        what, detail = next(iter(body.items()))
        if what == "activate":
            if not isinstance(detail, dict) or detail.get("level") not in LEVELS:
                raise ScenarioError(where, "activate needs a level")
        elif what == "action":
            if not isinstance(detail, dict):
                raise ScenarioError(where, "action needs 'match' (words of the action's text) and 'state'")
            _need(detail, "match", where)
            if detail.get("state") not in ("notified", "acknowledged", "done"):
                raise ScenarioError(where, "action state must be notified, acknowledged or done")
        elif what == "moved":
            if not isinstance(detail, dict):
                raise ScenarioError(where, "moved needs hazard_point, households and persons")
            _need(detail, "hazard_point", where)
            _need(detail, "households", where, int)
            _need(detail, "persons", where, int)
        elif what == "check_in":
            if not isinstance(detail, dict):
                raise ScenarioError(where, "check_in needs hazard_point, household and persons")
            _need(detail, "hazard_point", where)
            _need(detail, "household", where)
            _need(detail, "persons", where, int)
        elif not isinstance(detail, str) or not detail.strip():
            raise ScenarioError(where, f"{what} needs its text")


def parse_scenario(text: str | bytes) -> Scenario:
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ScenarioError("file", f"not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise ScenarioError("file", "a scenario is a JSON object")
    name = _need(raw, "name", "scenario")
    hazard = raw.get("hazard", "landslide")
    if hazard not in HAZARDS:
        raise ScenarioError("scenario", f"hazard must be one of {', '.join(HAZARDS)}")
    minutes = raw.get("duration_minutes", 120)
    if not isinstance(minutes, (int, float)) or not 0 < minutes <= 24 * 60:
        raise ScenarioError("scenario", "duration_minutes must be between 1 and 1440")
    goals_raw = raw.get("goals", {})
    if not isinstance(goals_raw, dict):
        raise ScenarioError("goals", "goals must be an object")
    try:
        goals = Goals(**{k: v for k, v in goals_raw.items()})
    except TypeError as exc:
        raise ScenarioError("goals", str(exc)) from None
    steps_raw = _need(raw, "steps", "scenario", list)
    steps = []
    for n, item in enumerate(steps_raw, start=1):
        where = f"steps[{n}]"
        if not isinstance(item, dict):
            raise ScenarioError(where, "each step is an object")
        at = _offset(item.get("at"), where)
        kinds = [k for k in STEP_KINDS if k in item]
        if len(kinds) != 1:
            raise ScenarioError(where, f"a step has exactly one of {', '.join(STEP_KINDS)}")
        _check_step(kinds[0], item[kinds[0]], where)
        if at > timedelta(minutes=minutes):
            raise ScenarioError(where, "the step comes after the drill's end")
        steps.append(Step(at, kinds[0], item[kinds[0]], n))
    steps.sort(key=lambda s: (s.at, s.index))
    return Scenario(name.strip(), hazard, timedelta(minutes=minutes), goals, tuple(steps))


# -- scoring ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionResult:
    text: str
    due_minutes: float  # its target, from activation
    done_minutes: float | None  # when it was done, from activation (None: never)

    @property
    def late(self) -> bool:
        return self.done_minutes is None or self.done_minutes > self.due_minutes


@dataclass(frozen=True)
class DrillScore:
    score: float
    actions: tuple[ActionResult, ...]
    evacuation_minutes: float | None  # from activation until the goal's households were moved
    activation_minutes: float | None  # from the first warning until the response was activated
    missed: tuple[str, ...]  # what was late or never done, in words for the report


def score(goals: Goals, actions: Sequence[ActionResult], evacuation_minutes: float | None,
          activation_minutes: float | None) -> DrillScore:
    """100 points, less 5 for each action late and 10 for each never done, less 2 a minute the
    evacuation goal was overrun (20 if never met), less 1 a minute activation took past the time to
    pass information on; never below 0."""
    points = 100.0
    missed = []
    for a in actions:
        if a.done_minutes is None:
            points -= 10
            missed.append(f"未完成：{a.text}")
        elif a.done_minutes > a.due_minutes:
            points -= 5
            missed.append(f"超时：{a.text}（{a.done_minutes:.0f}/{a.due_minutes:.0f} 分钟）")
    if evacuation_minutes is None:
        points -= 20
        missed.append(f"未完成{goals.evacuate_households}户转移")
    elif evacuation_minutes > goals.evacuate_minutes:
        points -= 2 * (evacuation_minutes - goals.evacuate_minutes)
        missed.append(f"转移用时 {evacuation_minutes:.0f} 分钟，超过目标 {goals.evacuate_minutes:.0f} 分钟")
    if activation_minutes is not None and activation_minutes > goals.inform_minutes:
        points -= activation_minutes - goals.inform_minutes
        missed.append(f"预警后 {activation_minutes:.0f} 分钟才启动响应（目标 {goals.inform_minutes:.0f} 分钟）")
    return DrillScore(round(max(0.0, points), 1), tuple(actions), evacuation_minutes, activation_minutes,
                      tuple(missed))
