"""Staff roles, the standard station formula and volunteer-team composition targets."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desk.domain.vocab import DUTY_FUNCTIONS as DUTY_FUNCTIONS
from desk.domain.vocab import STAFF_ROLES

# Roles and duty functions are vocabularies, defined once in vocab; the boards list roles in this order.
ROLES = STAFF_ROLES

# 1 officer + 2 auxiliaries + 2 assistants + 1 anti-drug worker + 2 trainees (+ N grid workers, N volunteers)
STATION_FORMULA = {
    "community_police": 1,
    "auxiliary_police": 2,
    "police_assistant": 2,
    "antidrug_worker": 1,
    "trainee_assistant": 2,
}

WORKSTATION_THEMES = ("economy", "women_children", "mediation", "services", "tourism_safety")

# Standard key-area patrol windows (local time) and crew size.
PATROL_WINDOWS = (((6, 0), (8, 0)), ((14, 0), (16, 0)), ((19, 0), (21, 0)))
PATROL_CREW = 3


def station_gaps(counts: dict[str, int]) -> dict[str, int]:
    """How many of each formula role a station is short (positive) of the standard."""
    return {role: need - counts.get(role, 0) for role, need in STATION_FORMULA.items()
            if counts.get(role, 0) < need}


@dataclass(frozen=True)
class Member:
    gender: str
    birth_year: int
    party_member: bool
    position: str = "member"


@dataclass(frozen=True)
class TeamComposition:
    size: int
    party_share: float
    age_18_55_share: float
    women_share: float
    has_woman: bool
    has_party_member: bool
    has_captain: bool
    has_vice_captain: bool

    @property
    def problems(self) -> list[str]:
        out = []
        if not 10 <= self.size <= 12:
            out.append("size")
        if not self.has_woman:
            out.append("no_woman")
        if not self.has_party_member:
            out.append("no_party_member")
        if not self.has_captain:
            out.append("no_captain")
        if not self.has_vice_captain:
            out.append("no_vice_captain")
        return out


def team_composition(members: Iterable[Member], today: date) -> TeamComposition:
    ms = list(members)
    n = len(ms) or 1
    ages = [today.year - m.birth_year for m in ms]
    return TeamComposition(
        size=len(ms),
        party_share=sum(m.party_member for m in ms) / n,
        age_18_55_share=sum(18 <= a <= 55 for a in ages) / n,
        women_share=sum(m.gender == "F" for m in ms) / n,
        has_woman=any(m.gender == "F" for m in ms),
        has_party_member=any(m.party_member for m in ms),
        has_captain=any(m.position == "captain" for m in ms),
        has_vice_captain=any(m.position == "vice_captain" for m in ms),
    )


@dataclass(frozen=True)
class CorpsTargets:
    party_share: float = 0.40
    age_18_55_share: float = 0.70
    women_share: float = 0.20


def corps_meets_targets(members: Iterable[Member], today: date, targets: CorpsTargets = CorpsTargets()) -> bool:
    comp = team_composition(members, today)
    return (comp.party_share >= targets.party_share and comp.age_18_55_share >= targets.age_18_55_share
            and comp.women_share >= targets.women_share)


def on_duty(windows: Iterable[tuple[datetime, datetime]], now: datetime) -> bool:
    return any(start <= now < end for start, end in windows)
