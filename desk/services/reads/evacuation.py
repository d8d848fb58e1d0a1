"""The evacuation board by name: each threatened household with its members and where they are,
the persons nobody has accounted for yet, shelter check-ins per household, and the call list of
hazard monitors and village cadres with the last call to each. Names are shown to the roles that run
an evacuation and masked for the others (the wall); phones and ages follow the personal-data rule."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (AdminUnit, CallLog, EvacuationCount, Evacuee, HazardHousehold, HazardPoint, Household,
                       Resident, Shelter, ShelterCheckIn, Staff, VillageCadre)
from desk.domain import evacuation as rules
from desk.domain.clock import local_today, to_local
from desk.domain.masking import mask_name, mask_phone
from desk.domain.permissions import Actor, Perm


@dataclass(frozen=True)
class PersonRow:
    id: int
    household_id: int
    name: str
    gender: str
    age: int | None
    relation: str
    needs: str  # what help leaving takes (行动不便, 卧床…)
    phone: str
    state: str = ""  # moved | sheltered | away; empty: unaccounted
    shelter: str = ""
    at_local: datetime | None = None


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    code: str
    hazard_point_id: int
    hazard_point: str
    head: str
    address: str
    phone: str
    members: tuple[PersonRow, ...]
    checked_in: int = 0  # persons checked in at a shelter, from the check-ins
    shelter: str = ""  # where the household checked in (the last check-in)
    checked_in_local: datetime | None = None

    @property
    def tally(self) -> rules.HouseholdTally:
        return rules.tally((m.id for m in self.members), {m.id: m.state for m in self.members if m.state})


@dataclass(frozen=True)
class Missing:
    """A threatened person nobody has accounted for: whom to look for, and where."""

    person: PersonRow
    household: str  # the head of household
    address: str
    hazard_point_id: int
    hazard_point: str


@dataclass(frozen=True)
class CallRow:
    kind: str  # monitor | cadre
    id: int
    name: str
    post: str  # a cadre's post code; "" for a monitor
    place: str  # the hazard point a monitor watches, the village a cadre serves
    hazard_point_id: int | None
    phone: str
    outcome: str = ""  # the last call's: reached | no_answer; "" never called
    called_local: datetime | None = None


@dataclass(frozen=True)
class EvacuationBoard:
    households: list[HouseholdRow] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    calls: list[CallRow] = field(default_factory=list)


@dataclass(frozen=True)
class _Masks:
    names: bool
    phones: bool
    staff_phones: bool

    @staticmethod
    def of(actor: Actor, wall: bool) -> _Masks:
        runs_it = actor.can(Perm.DISPATCH) or actor.can(Perm.VIEW_PERSONAL)
        return _Masks(wall or not runs_it, wall or not actor.can(Perm.VIEW_PERSONAL),
                      wall or not actor.can(Perm.VIEW_STAFF_CONTACT))

    def name(self, value: str) -> str:
        return mask_name(value) if self.names else value

    def phone(self, value: str) -> str:
        return mask_phone(value) if self.phones and value else value

    def staff_phone(self, value: str) -> str:
        return mask_phone(value) if self.staff_phones and value else value


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _households(s: Session, points: dict[int, str], masks: _Masks, today: date, activation_id: int | None
                ) -> list[HouseholdRow]:
    if not points:
        return []
    links = s.execute(select(HazardHousehold.household_id, HazardHousehold.hazard_point_id)
                      .where(HazardHousehold.hazard_point_id.in_(points))).all()
    point_of = {h: p for h, p in links}
    houses = {h.id: h for h in s.scalars(select(Household).where(Household.id.in_(point_of)))}
    shelters: dict[int | None, str] = dict(s.execute(select(Shelter.id, Shelter.name)).all())
    states: dict[int, Evacuee] = {}
    checked: dict[int, tuple[int, str, datetime]] = {}
    if activation_id is not None:
        states = {e.resident_id: e for e in s.scalars(select(Evacuee).where(Evacuee.activation_id == activation_id))}
        for c in s.scalars(select(ShelterCheckIn).where(ShelterCheckIn.activation_id == activation_id,
                                                        ShelterCheckIn.household_id.is_not(None))
                           .order_by(ShelterCheckIn.at)):
            n = checked.get(c.household_id or 0, (0, "", c.at))[0]
            checked[c.household_id or 0] = (n + c.persons, shelters.get(c.shelter_id, ""), c.at)
    members: dict[int, list[PersonRow]] = {}
    for r in s.scalars(select(Resident).where(Resident.household_id.in_(houses), Resident.active.is_(True))
                       .order_by(Resident.household_id, Resident.id)):
        e = states.get(r.id)
        members.setdefault(r.household_id, []).append(PersonRow(
            r.id, r.household_id, masks.name(r.name), r.gender, _age(r.birth_date, today), r.relation, r.needs,
            masks.phone(r.phone), e.state if e else "", shelters.get(e.shelter_id, "") if e else "",
            to_local(e.at) if e else None))
    out = []
    for h in sorted(houses.values(), key=lambda h: (point_of[h.id], h.code)):
        n, shelter, at = checked.get(h.id, (0, "", None))
        out.append(HouseholdRow(h.id, h.code, point_of[h.id], points[point_of[h.id]], masks.name(h.head_name),
                                h.address, masks.phone(h.phone), tuple(members.get(h.id, ())), n, shelter,
                                to_local(at) if at else None))
    return out


def _calls(s: Session, points: dict[int, str], masks: _Masks, activation_id: int) -> list[CallRow]:
    last: dict[tuple[str, int], tuple[str, datetime]] = {}
    for call in s.scalars(select(CallLog).where(CallLog.activation_id == activation_id)
                          .order_by(CallLog.at, CallLog.id)):
        key = ("monitor", call.staff_id) if call.staff_id is not None else ("cadre", call.cadre_id or 0)
        last[key] = (call.outcome, call.at)
    rows = []
    hazard = s.execute(select(HazardPoint.id, HazardPoint.monitor_id, HazardPoint.unit_id)
                       .where(HazardPoint.id.in_(points)).order_by(HazardPoint.id)).all()
    monitors = {p.id: p for p in s.scalars(select(Staff).where(Staff.id.in_([m for _, m, _ in hazard if m])))}
    for point_id, monitor_id, _unit in hazard:
        m = monitors.get(monitor_id) if monitor_id else None
        if m is not None:
            outcome, at = last.get(("monitor", m.id), ("", None))
            rows.append(CallRow("monitor", m.id, m.name, "", points[point_id], point_id, masks.staff_phone(m.phone),
                                outcome, to_local(at) if at else None))
    units = list(dict.fromkeys(u for _, _, u in hazard if u is not None))
    names: dict[int, str] = dict(s.execute(select(AdminUnit.id, AdminUnit.name).where(AdminUnit.id.in_(units))).all())
    order = {p: i for i, p in enumerate(rules.CADRE_POSTS)}
    for c in sorted(s.scalars(select(VillageCadre).where(VillageCadre.unit_id.in_(units))),
                    key=lambda c: (units.index(c.unit_id), order.get(c.post, 99), c.id)):
        outcome, at = last.get(("cadre", c.id), ("", None))
        rows.append(CallRow("cadre", c.id, c.name, c.post, names.get(c.unit_id, ""), None, masks.staff_phone(c.phone),
                            outcome, to_local(at) if at else None))
    return rows


def evacuation_board(s: Session, actor: Actor, now: datetime, activation_id: int, wall: bool = False
                     ) -> EvacuationBoard:
    """The board for an activation: the hazard points it evacuates, their households by name."""
    masks = _Masks.of(actor, wall)
    points: dict[int, str] = dict(s.execute(
        select(HazardPoint.id, HazardPoint.name).join(EvacuationCount, EvacuationCount.hazard_point_id == HazardPoint.id)
        .where(EvacuationCount.activation_id == activation_id)).all())
    households = _households(s, points, masks, local_today(now), activation_id)
    missing = [Missing(m, h.head, h.address, h.hazard_point_id, h.hazard_point)
               for h in households for m in h.members if not m.state]
    return EvacuationBoard(households, missing, _calls(s, points, masks, activation_id))


def threatened_households(s: Session, actor: Actor, now: datetime, hazard_point_ids: Iterable[int],
                          wall: bool = False) -> list[HouseholdRow]:
    """The households on file that hazard points threaten, outside any evacuation."""
    ids = list(hazard_point_ids)
    points: dict[int, str] = dict(s.execute(select(HazardPoint.id, HazardPoint.name)
                                            .where(HazardPoint.id.in_(ids))).all())
    return _households(s, points, _Masks.of(actor, wall), local_today(now), None)

