"""Accounting for threatened persons during an evacuation: each is moved (relatives, high ground),
sheltered (checked in at a shelter) or away (not at home when the order came); anyone else is
unaccounted (失联/未见) until someone reports them. A household is done when all its members are
accounted for."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

STATES = ("moved", "sheltered", "away")
CADRE_POSTS = ("secretary", "director", "security", "women", "emergency")  # 村支书, 村主任, 治保主任, 妇女主任, 应急专干
CALL_OUTCOMES = ("reached", "no_answer")


class EvacueeStateError(ValueError):
    pass


def check_state(state: str) -> None:
    if state not in STATES:
        raise EvacueeStateError(f"unknown state {state!r}; expected one of {', '.join(STATES)}")


@dataclass(frozen=True)
class HouseholdTally:
    members: int
    accounted: int
    sheltered: int

    @property
    def unaccounted(self) -> int:
        return self.members - self.accounted

    @property
    def done(self) -> bool:
        return self.members > 0 and self.accounted == self.members


def tally(members: Iterable[int], states: Mapping[int, str]) -> HouseholdTally:
    """A household's members (resident ids) against the states recorded for them."""
    ids = list(members)
    got = [states[i] for i in ids if i in states]
    return HouseholdTally(len(ids), len(got), sum(1 for s in got if s == "sheltered"))


def moved_counts(tallies: Iterable[HouseholdTally]) -> tuple[int, int]:
    """Households wholly accounted for, and persons accounted for, by name: the floor under what the
    village reports as moved."""
    ts = list(tallies)
    return sum(1 for t in ts if t.done), sum(t.accounted for t in ts)
