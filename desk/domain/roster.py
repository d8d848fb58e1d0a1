"""Staff roles, the standard station formula and volunteer-team composition targets."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

# Display order on the boards follows the station formula.
ROLES = (
    "community_police",  # 社区民警 (治安指导员)
    "auxiliary_police",  # 辅警 (网格巡查员)
    "police_assistant",  # 警务助理 (网格巡查员)
    "antidrug_worker",  # 禁毒专干
    "trainee_assistant",  # 见习助理
    "grid_worker",  # 网格员
    "volunteer",  # 义警
    "hazard_monitor",  # 群测群防员
    "department_staff",  # 联动部门人员
)

# 1 officer + 2 auxiliaries + 2 assistants + 1 anti-drug worker + 2 trainees (+ N grid workers, N volunteers)
STATION_FORMULA = {
    "community_police": 1,
    "auxiliary_police": 2,
    "police_assistant": 2,
    "antidrug_worker": 1,
    "trainee_assistant": 2,
}

DUTY_FUNCTIONS = (
    "intelligence",  # 情报信息员
    "hazard_check",  # 隐患排查员
    "mediation",  # 纠纷调解员
    "safety_guard",  # 平安守护员
    "emergency",  # 应急处突员
    "public_service",  # 群众服务员
    "social_governance",  # 社会治理员
    "policy_outreach",  # 政策宣传员
)

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
