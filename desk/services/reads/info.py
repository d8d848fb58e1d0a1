"""Counts for `python -m desk info`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from db.models import (ActionItem, AdminUnit, EvacuationRoute, Gauge, GaugeReading, Grid, HazardPoint, Household,
                       GroupMember, Incident, ItemTypeRow, Meeting, PoliceCell, Resident, Shelter, Staff, VillageCadre, Visit,
                       VisitGroup, Workstation)
from desk.domain.cards import Card
from desk.domain.permissions import Actor
from desk.domain.visits import DueState
from desk.services.database import Database
from desk.services.reads.cards import OPEN, card_counts, card_counts_as_of, open_as_of
from desk.services.reads.visits import Query, due_list

INFO_KEYS = ("units", "grids", "police_cells", "workstations", "staff", "volunteers", "incidents",
             "open_incidents", "yellow", "red", "hazard_points", "gauges", "readings", "shelters", "routes",
             "meetings", "action_items", "item_types", "households", "persons", "village_cadres", "key_persons",
             "visits", "visits_overdue")


def info_counts(db: Database, now: datetime, as_of: datetime | None = None) -> dict[str, int]:
    """What the database holds. With `as_of` (naive UTC), the open, yellow and red counts are those at
    that moment: the incidents open then, with the cards they had, or will have if nobody acts."""
    with db.session() as s:
        def count(model, *where) -> int:
            return s.scalar(select(func.count()).select_from(model).where(*where)) or 0

        cards = card_counts(s, now) if as_of is None else card_counts_as_of(s, as_of)
        open_where = Incident.status.in_(OPEN) if as_of is None else open_as_of(as_of)
        out = {
            "units": count(AdminUnit),
            "grids": count(Grid),
            "police_cells": count(PoliceCell),
            "workstations": count(Workstation),
            "staff": count(Staff, Staff.role != "volunteer"),
            "volunteers": count(Staff, Staff.role == "volunteer"),
            "incidents": count(Incident),
            "open_incidents": count(Incident, open_where),
            "yellow": cards[Card.YELLOW],
            "red": cards[Card.RED],
            "hazard_points": count(HazardPoint),
            "gauges": count(Gauge),
            "readings": count(GaugeReading),
            "shelters": count(Shelter),
            "routes": count(EvacuationRoute),
            "meetings": count(Meeting),
            "action_items": count(ActionItem),
            "item_types": count(ItemTypeRow, ItemTypeRow.active.is_(True)),
            "households": count(Household),
            "persons": count(Resident, Resident.active.is_(True)),
            "village_cadres": count(VillageCadre),
            "key_persons": s.scalar(select(func.count(func.distinct(GroupMember.resident_id)))
                                    .join(VisitGroup, VisitGroup.id == GroupMember.group_id)
                                    .where(VisitGroup.kind == "key", GroupMember.until.is_(None))) or 0,
            "visits": count(Visit),
            "visits_overdue": len(due_list(s, Actor(0, "wall", "wall"), as_of or now,
                                           Query(states=(DueState.OVERDUE,)), current=as_of is None, wall=True)),
        }
    assert tuple(out) == INFO_KEYS
    return out
