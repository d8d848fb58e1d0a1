"""Rain on a gauge against the thresholds that raise a warning level.

Accumulations over 1, 3, 6 and 24 h, and the 5-day effective (antecedent) rainfall, in which older
rain counts less as the ground drains: each earlier day's rain weighted by 0.8 per day back
(Pa = Σ 0.8^i · R_i, i = 0…4, R_i the rain of the i-th 24 h before now). Thresholds are data; a level is
raised when any window reaches its value, and the reason names the window, the rain and the threshold.
River levels are judged against their warning and guarantee levels.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain.warnings import Level

WINDOWS = (1, 3, 6, 24)  # hours
EFFECTIVE = 120  # the 5-day effective rainfall, as a window of 120 h
DECAY = 0.8
# (window hours, level, mm): the plans' defaults, blue 35/55/70/100 … red 80/120/150/200 for 1/3/6/24 h.
DEFAULT_THRESHOLDS: tuple[tuple[int, str, float], ...] = tuple(
    (window, level, mm)
    for level, values in (("blue", (35, 55, 70, 100, 100)), ("yellow", (50, 75, 95, 130, 150)),
                          ("orange", (65, 100, 125, 165, 200)), ("red", (80, 120, 150, 200, 250)))
    for window, mm in zip((*WINDOWS, EFFECTIVE), values)
)


def accumulations(readings: Iterable[tuple[datetime, float]], now: datetime) -> dict[int, float]:
    """Rain (mm) over each window ending at `now`, and the 5-day effective rainfall under EFFECTIVE.
    Readings are (time, mm fallen in the interval ending then)."""
    days = [0.0] * 5
    sums = dict.fromkeys(WINDOWS, 0.0)
    for at, mm in readings:
        age = now - at
        if age < timedelta(0) or age >= timedelta(days=5):
            continue
        for window in WINDOWS:
            if age < timedelta(hours=window):
                sums[window] += mm
        days[int(age / timedelta(days=1))] += mm
    out = {w: round(v, 1) for w, v in sums.items()}
    out[EFFECTIVE] = round(sum(DECAY ** i * mm for i, mm in enumerate(days)), 1)
    return out


@dataclass(frozen=True)
class Crossing:
    window: int  # hours; EFFECTIVE for the 5-day effective rainfall
    rain: float
    threshold: float
    level: Level


def crossings(accum: dict[int, float], thresholds: Sequence[tuple[int, str, float]]) -> list[Crossing]:
    """Every (window, level) threshold the rain reaches, highest level first."""
    hit = [Crossing(w, accum.get(w, 0.0), mm, Level(level)) for w, level, mm in thresholds
           if accum.get(w, 0.0) >= mm]
    return sorted(hit, key=lambda c: (-c.level.rank, c.window))


def rain_level(accum: dict[int, float], thresholds: Sequence[tuple[int, str, float]]) -> tuple[Level, Crossing | None]:
    """The highest level any window reaches, and the crossing that says why (None: below every threshold)."""
    hit = crossings(accum, thresholds)
    return (hit[0].level, hit[0]) if hit else (Level.NONE, None)


def river_level(value: float, warning: float, guarantee: float) -> Level:
    """A river at its warning level is yellow, halfway to its guarantee level orange, at it red."""
    if value >= guarantee:
        return Level.RED
    if value >= warning + (guarantee - warning) / 2:
        return Level.ORANGE
    if value >= warning:
        return Level.YELLOW
    return Level.NONE


def describe(c: Crossing) -> str:
    """The reason in the plans' words, for the event log and the warning: 1小时降雨 52.0 毫米，达黄色阈值 50 毫米."""
    window = "5日有效降雨" if c.window == EFFECTIVE else f"{c.window}小时降雨"
    names = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}
    return f"{window} {c.rain:.1f} 毫米，达{names[c.level.value]}阈值 {c.threshold:g} 毫米"


def rolling_sum(times: Sequence[float], values: Sequence[float], hours: float = 24) -> list[float]:
    """At each reading, the rain over the `hours` before it (times in epoch seconds, ascending): the
    accumulation curve drawn over the bars."""
    out = []
    start = 0
    total = 0.0
    span = hours * 3600
    for t, v in zip(times, values):
        total += v
        while times[start] <= t - span:
            total -= values[start]
            start += 1
        out.append(round(total, 2))
    return out
