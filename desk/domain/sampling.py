"""Checks after closing: which closed incidents are drawn for a follow-up visit (回头看) and for the
monthly quality review of a random 10% (“每月随机抽取10%的事件进行质量评估”), and the verdicts a reviewer
gives. Pure rules: the services store the draw and the verdicts."""
from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from desk.domain.clock import to_local, to_utc

KINDS = ("quality", "follow_up")
QUALITY_SHARE = 0.10
FOLLOW_UP_SHARE = 0.10  # of the ordinary closed items, beside those always followed up
VERDICTS = {
    "quality": ("good", "acceptable", "poor"),  # 优良 / 合格 / 不合格
    "follow_up": ("resolved", "recurred", "unreachable"),  # 已解决 / 问题复发 / 未联系上
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class SamplingError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


def sample_size(population: int, share: float) -> int:
    """ceil(share × population), at least one when there is anything to draw from."""
    return 0 if population <= 0 else max(1, math.ceil(population * share - 1e-9))


def draw_sample(ids: Sequence[int], share: float, seed: str) -> list[int]:
    """A random `share` of the ids, the same for the same seed (so a draw can be checked afterwards)."""
    pool = sorted(set(ids))
    return sorted(random.Random(seed).sample(pool, sample_size(len(pool), share)))


@dataclass(frozen=True)
class Closed:
    id: int
    category: str
    tier: str
    rework_count: int

    @property
    def always_followed_up(self) -> bool:
        """Major or special disputes, and anything returned for rework, are always visited again."""
        return (self.category == "dispute" and self.tier in ("first", "special")) or self.rework_count > 0


def follow_up_sample(closed: Sequence[Closed], seed: str, share: float = FOLLOW_UP_SHARE) -> list[int]:
    must = [c.id for c in closed if c.always_followed_up]
    rest = [c.id for c in closed if not c.always_followed_up]
    return sorted(must + draw_sample(rest, share, seed)) if rest else sorted(must)


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """A local (Beijing) month "YYYY-MM" as [start, end) in naive UTC."""
    m = _MONTH.match(month or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise SamplingError("month", f"{month!r} is not a month as YYYY-MM")
    year, mon = int(m.group(1)), int(m.group(2))
    first = date(year, mon, 1)
    after = date(year + (mon == 12), mon % 12 + 1, 1)
    return to_utc(datetime.combine(first, time())), to_utc(datetime.combine(after, time()))


def previous_month(now: datetime) -> str:
    local = to_local(now).date()
    return f"{local.year - (local.month == 1)}-{(local.month - 2) % 12 + 1:02d}"


def check_verdict(kind: str, verdict: str) -> None:
    if kind not in VERDICTS:
        raise SamplingError("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    if verdict not in VERDICTS[kind]:
        raise SamplingError("verdict", f"{verdict!r} is not one of {', '.join(VERDICTS[kind])}")
