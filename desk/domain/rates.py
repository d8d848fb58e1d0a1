"""The rates the plans hold the loop to: closed on time ≥ 95%, overdue ≤ 5%, satisfaction ≥ 90%."""
from __future__ import annotations

from dataclasses import dataclass

# (key, target share, whether the figure must be at least or at most the target)
TARGETS: tuple[tuple[str, float, str], ...] = (
    ("on_time", 0.95, "min"),  # closed within their deadline, of those closed in the period
    ("overdue", 0.05, "max"),  # open and past their deadline (red), of those open now
    ("satisfied", 0.90, "min"),  # satisfied answers (4 or 5 of 5), of the evaluations in the period
)
SATISFIED_FROM = 4


@dataclass(frozen=True)
class Rate:
    key: str
    share: float | None  # None: nothing to count yet (no item closed, open or evaluated)
    target: float
    bound: str  # min | max
    count: int
    total: int

    @property
    def met(self) -> bool | None:
        if self.share is None:
            return None
        return self.share >= self.target if self.bound == "min" else self.share <= self.target


def rates(on_time: int, closed: int, overdue: int, open_: int, satisfied: int, evaluated: int) -> list[Rate]:
    counts = {"on_time": (on_time, closed), "overdue": (overdue, open_), "satisfied": (satisfied, evaluated)}
    out = []
    for key, target, bound in TARGETS:
        n, total = counts[key]
        out.append(Rate(key, n / total if total else None, target, bound, n, total))
    return out
