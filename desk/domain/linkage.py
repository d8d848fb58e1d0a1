"""The emergency record's rules: which plan steps an activation takes on, each linkage action's clock
and states, the evacuation's figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain.warnings import Level

ACTION_STATES = ("pending", "notified", "acknowledged", "done")
# Households under threat are moved from orange up (the plans: “橙色及以上预警，转移受威胁群众”).
EVACUATE_FROM = Level.ORANGE


class ActionStateError(ValueError):
    def __init__(self, state: str, target: str):
        super().__init__(f"an action that is {state} cannot become {target}")
        self.state = state
        self.target = target


def next_states(state: str) -> tuple[str, ...]:
    """Where an action may go from `state`: on along the chain, any number of steps (a department that
    reports the job done has evidently been told and has acknowledged)."""
    i = ACTION_STATES.index(state)
    return ACTION_STATES[i + 1:]


def check_move(state: str, target: str) -> None:
    if target not in next_states(state):
        raise ActionStateError(state, target)


def step_taken(step_level: str, activation_level: str) -> bool:
    """A plan step set for a level is taken once the activation is at that level or higher."""
    return Level(step_level).rank <= Level(activation_level).rank


@dataclass(frozen=True)
class ActionClock:
    due: datetime
    done_at: datetime | None

    def remaining(self, now: datetime) -> timedelta | None:
        return None if self.done_at is not None else self.due - now

    def late(self, now: datetime) -> bool:
        """Done after its deadline, or still open past it."""
        return (self.done_at or now) > self.due


def evacuates(level: str) -> bool:
    return Level(level).rank >= EVACUATE_FROM.rank


@dataclass(frozen=True)
class Evacuation:
    households_to_move: int
    persons_to_move: int
    households_moved: int
    persons_moved: int
    persons_checked_in: int

    @property
    def persons_left(self) -> int:
        return max(0, self.persons_to_move - self.persons_moved)

    @property
    def unaccounted(self) -> int:
        """Moved out but not (yet) seen at a shelter."""
        return max(0, self.persons_moved - self.persons_checked_in)
