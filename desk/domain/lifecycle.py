"""The closed loop (全闭环): register → dispatch → handle → feedback → close → evaluate."""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    REGISTERED = "registered"  # 登记
    DISPATCHED = "dispatched"  # 分流
    HANDLING = "handling"  # 处理
    FEEDBACK = "feedback"  # 反馈 (awaiting review)
    CLOSED = "closed"  # 办结
    EVALUATED = "evaluated"  # 评价


class Action(str, Enum):
    REGISTER = "register"
    DISPATCH = "dispatch"
    ACCEPT = "accept"
    FEEDBACK = "feedback"
    RETURN = "return"  # back for rework (退回重办)
    CLOSE = "close"
    EVALUATE = "evaluate"
    ARRIVE = "arrive"  # a handler or the professionals reported on site: on the trail, the status stays


OPEN_STATUSES = frozenset({Status.REGISTERED, Status.DISPATCHED, Status.HANDLING, Status.FEEDBACK})

_TRANSITIONS: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.DISPATCH: (frozenset({Status.REGISTERED}), Status.DISPATCHED),
    Action.ACCEPT: (frozenset({Status.DISPATCHED}), Status.HANDLING),
    Action.FEEDBACK: (frozenset({Status.DISPATCHED, Status.HANDLING}), Status.FEEDBACK),
    Action.RETURN: (frozenset({Status.FEEDBACK}), Status.HANDLING),
    Action.CLOSE: (frozenset({Status.FEEDBACK}), Status.CLOSED),
    Action.EVALUATE: (frozenset({Status.CLOSED}), Status.EVALUATED),
}


class TransitionError(ValueError):
    def __init__(self, action: Action, status: Status):
        super().__init__(f"cannot {action.value} an incident that is {status.value}")
        self.action = action
        self.status = status


_OPEN_VALUES = frozenset(s.value for s in OPEN_STATUSES)


def is_open(status: str | Status) -> bool:
    # Called per row on every queue read: compare values, no Enum built.
    return (status.value if isinstance(status, Status) else status) in _OPEN_VALUES


def next_status(status: str | Status, action: Action) -> Status:
    allowed, target = _TRANSITIONS[action]
    current = Status(status)
    if current not in allowed:
        raise TransitionError(action, current)
    return target


def allowed_actions(status: str | Status) -> list[Action]:
    current = Status(status)
    return [a for a, (allowed, _) in _TRANSITIONS.items() if current in allowed]


# Field recorded when each step happens.
TIMESTAMP_FIELD = {
    Status.REGISTERED: "registered_at",
    Status.DISPATCHED: "dispatched_at",
    Status.HANDLING: "handling_at",
    Status.FEEDBACK: "feedback_at",
    Status.CLOSED: "closed_at",
    Status.EVALUATED: "evaluated_at",
}

# The vocabularies are defined once in vocab; these names stay for the callers that use them.
# Incident categories are the catalogue's three classes.
from desk.domain.vocab import CLASSES as CATEGORIES  # noqa: E402
from desk.domain.vocab import MATTERS as MATTERS  # noqa: E402
from desk.domain.vocab import SOURCES as SOURCES  # noqa: E402
from desk.domain.vocab import TIERS as TIERS  # noqa: E402
