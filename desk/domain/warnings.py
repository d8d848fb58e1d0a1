"""Warning levels (blue IV → red I) and gauge thresholds."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum


class Level(str, Enum):
    NONE = "none"
    BLUE = "blue"  # IV
    YELLOW = "yellow"  # III
    ORANGE = "orange"  # II
    RED = "red"  # I

    @property
    def rank(self) -> int:
        return ("none", "blue", "yellow", "orange", "red").index(self.value)

    @property
    def roman(self) -> str:
        return {"none": "", "blue": "IV", "yellow": "III", "orange": "II", "red": "I"}[self.value]


def current_level(levels: Iterable[str | Level]) -> Level:
    """The highest level among active warnings."""
    best = Level.NONE
    for lv in levels:
        lv = Level(lv)
        if lv.rank > best.rank:
            best = lv
    return best


# Which response plans a warning sets off: a rainstorm threatens both floods and landslides.
PLANS_FOR_WARNING = {"rain": ("flood", "landslide"), "flood": ("flood",), "landslide": ("landslide",)}


def plan_levels(warnings: Iterable[tuple[str, str | Level]]) -> dict[str, Level]:
    """For each plan hazard, the highest level among the active warnings that set it off."""
    out: dict[str, Level] = {}
    for hazard, level in warnings:
        for plan in PLANS_FOR_WARNING.get(hazard, (hazard,)):
            out[plan] = current_level([out.get(plan, Level.NONE), level])
    return out


def step_applies(step_level: str | Level, plan_hazard: str, levels: dict[str, Level]) -> bool:
    """A response-plan step set for a level applies once its plan is at that level or higher."""
    return Level(step_level).rank <= levels.get(plan_hazard, Level.NONE).rank


def patrols_stopped_in_hazard_areas(level: Level) -> bool:
    """A yellow rain warning or higher stops patrols in hazard areas."""
    return level.rank >= Level.YELLOW.rank


class GaugeState(str, Enum):
    NORMAL = "normal"
    WARN = "warn"
    DANGER = "danger"


@dataclass(frozen=True)
class GaugeAssessment:
    state: GaugeState
    value: float  # rain: mm over the last 24 h; river: latest level
    latest_at: datetime | None


def assess_gauge(kind: str, readings: list[tuple[datetime, float]], warn: float, danger: float,
                 now: datetime) -> GaugeAssessment:
    """Rain gauges are judged on 24 h accumulation, river gauges on the latest level."""
    if not readings:
        return GaugeAssessment(GaugeState.NORMAL, 0.0, None)
    latest_at = max(at for at, _ in readings)
    if kind == "rain":
        since = now - timedelta(hours=24)
        value = sum(v for at, v in readings if since < at <= now)
    else:
        value = max(readings)[1]
    if value >= danger:
        state = GaugeState.DANGER
    elif value >= warn:
        state = GaugeState.WARN
    else:
        state = GaugeState.NORMAL
    return GaugeAssessment(state, round(value, 2), latest_at)
