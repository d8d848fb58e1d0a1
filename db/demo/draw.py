"""Weighted draws that stay cheap when repeated a million times (county scale)."""
from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Like random.choices with fixed weights, with the cumulative table built once."""

    def __init__(self, pairs: Iterable[tuple[T, float]]):
        items, weights = zip(*pairs)
        self.items: tuple[T, ...] = items
        self.cum = list(accumulate(weights))
        if self.cum[-1] <= 0:
            raise ValueError("weights must not all be zero")

    @classmethod
    def of(cls, weights: Mapping[T, float]) -> Weighted[T]:
        return cls(weights.items())

    def pick(self, rng: random.Random) -> T:
        i = bisect_right(self.cum, rng.random() * self.cum[-1])
        return self.items[min(i, len(self.items) - 1)]
