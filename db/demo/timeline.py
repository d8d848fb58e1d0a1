"""One incident's walk through the closed loop: which steps, how long each takes, where it stands at a moment."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain.lifecycle import TIMESTAMP_FIELD, Action, Status, next_status

# Median hours and spread (lognormal sigma) of each wait; police matters move faster.
WAITS = {
    "police": {"dispatch": (0.4, 0.9), "accept": (0.5, 0.8), "handle": (8.0, 0.8), "review": (6.0, 0.7)},
    "grid": {"dispatch": (2.5, 0.8), "accept": (3.0, 0.8), "handle": (26.0, 0.75), "review": (6.0, 0.7)},
}
MAX_DISPATCH_HOURS = 20.0
LATE_POLICE_ANSWER = 0.015  # police matters answered only after the 24 h deadline
SLOW_GRID_MATTER = 0.025  # grid matters that drag on for a week or two: past red cards
EVALUATED_SHARE = 0.85  # the rest of the residents never give an evaluation
EVALUATION_WAIT = (30.0, 0.6)
MIN_WAIT = timedelta(minutes=3)
# Urgent items (a help request, a fight) are routed and taken up within minutes: their clocks are in minutes.
URGENT_WAITS = {"dispatch": (0.035, 0.5), "accept": (0.03, 0.5)}
URGENT_HANDLE = (0.12, 0.4)  # a help request is handled in minutes too
URGENT_MIN_WAIT = timedelta(minutes=1)


@dataclass(frozen=True)
class Step:
    action: Action
    from_status: str  # "" for registration
    to_status: Status
    at: datetime


def full_course(rng: random.Random, matter: str, registered_at: datetime, rework: int,
                handled_by: datetime | None = None, urgent: str = "") -> list[Step]:
    """Every step the incident will ever take, from registration to the resident's evaluation.

    `handled_by` holds the first feedback back until then: a matter that dragged on. `urgent` is "help"
    for a help request (routed, taken up and handled in minutes) or "on_site" for an emergency (routed
    and taken up in minutes).
    """
    waits = dict(WAITS[matter])
    if urgent:
        waits.update(URGENT_WAITS)
    if urgent == "help":
        waits["handle"] = URGENT_HANDLE
    shortest = URGENT_MIN_WAIT if urgent else MIN_WAIT
    steps = [Step(Action.REGISTER, "", Status.REGISTERED, registered_at)]

    def step(action: Action, hours: float) -> None:
        last = steps[-1]
        at = last.at + max(shortest, timedelta(seconds=round(hours * 3600)))
        steps.append(Step(action, last.to_status.value, next_status(last.to_status, action), at))

    if matter == "police" and not urgent and rng.random() < LATE_POLICE_ANSWER:
        step(Action.DISPATCH, rng.uniform(25, 40))
    else:
        step(Action.DISPATCH, min(MAX_DISPATCH_HOURS, _wait(rng, *waits["dispatch"])))
    step(Action.ACCEPT, _wait(rng, *waits["accept"]))
    handle = _wait(rng, *waits["handle"])
    if matter == "grid" and rng.random() < SLOW_GRID_MATTER:
        handle = rng.uniform(5, 14) * 24
    if handled_by is not None:
        handle = max(handle, (handled_by - steps[-1].at).total_seconds() / 3600)
    step(Action.FEEDBACK, handle)
    for _ in range(rework):
        step(Action.RETURN, _wait(rng, *waits["review"]))
        step(Action.FEEDBACK, handle * rng.uniform(0.3, 0.7))
    step(Action.CLOSE, _wait(rng, *waits["review"]))
    if rng.random() < EVALUATED_SHARE:
        step(Action.EVALUATE, _wait(rng, *EVALUATION_WAIT))
    return steps


def _wait(rng: random.Random, median: float, sigma: float) -> float:
    return median * rng.lognormvariate(0, sigma)


def until(steps: list[Step], moment: datetime) -> list[Step]:
    """The steps taken by `moment`."""
    return [s for s in steps if s.at <= moment]


def stop_at(steps: list[Step], status: Status) -> list[Step]:
    """The steps up to the first arrival in `status`: the incident got stuck there."""
    for i, s in enumerate(steps):
        if s.to_status is status:
            return steps[: i + 1]
    raise ValueError(f"never reached {status.value}")


def reaches(steps: list[Step], status: Status) -> bool:
    return any(s.to_status is status for s in steps)


def status_of(steps: list[Step]) -> Status:
    return steps[-1].to_status


def timestamps(steps: list[Step]) -> dict[str, datetime | None]:
    """Each status's timestamp is its latest arrival; statuses beyond the current one stay empty.

    After a return for rework, handling_at is the return and feedback_at the feedback that followed it.
    """
    order = list(Status)
    current = order.index(status_of(steps))
    stamps: dict[str, datetime | None] = {field: None for field in TIMESTAMP_FIELD.values()}
    for s in steps:
        if order.index(s.to_status) <= current:
            stamps[TIMESTAMP_FIELD[s.to_status]] = s.at
    return stamps
