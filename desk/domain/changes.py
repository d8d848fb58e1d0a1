"""What a service call changed: one change set per call, published to every view."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Entity(str, Enum):
    """What a change set can name. Views subscribe by these, never by string."""

    TOWNSHIP = "township"
    ADMIN_UNIT = "admin_unit"
    GRID = "grid"
    POLICE_CELL = "police_cell"
    WORKSTATION = "workstation"
    DEPARTMENT = "department"
    STAFF = "staff"
    VOLUNTEER_TEAM = "volunteer_team"
    ACCOUNT = "account"
    ITEM_TYPE = "item_type"
    SETTING = "setting"
    INCIDENT = "incident"
    PATROL_AREA = "patrol_area"
    SHIFT = "shift"
    MEETING = "meeting"
    AGENDA_ITEM = "agenda_item"
    ACTION_ITEM = "action_item"
    WARNING = "warning"
    GAUGE = "gauge"
    GAUGE_READING = "gauge_reading"
    HAZARD_POINT = "hazard_point"
    SHELTER = "shelter"
    EVACUATION_ROUTE = "evacuation_route"
    RESPONSE_PLAN = "response_plan"
    EMERGENCY_ACTIVATION = "emergency_activation"
    EMERGENCY_EVENT = "emergency_event"  # a line of the significant-events log
    HOUSEHOLD = "household"  # a household's file, its residents, the hazard points threatening it
    EVACUEE = "evacuee"  # a threatened person accounted for (moved, sheltered, away)
    CALL = "call"  # a call on the emergency call list
    VISIT = "visit"  # a home visit recorded, a joint visit planned
    ADDRESS = "address"  # the address gazetteer
    BASE_FEATURE = "base_feature"  # roads, rivers, relief of the vector base map
    STAFF_POSITION = "staff_position"  # a patrol check-in
    INCIDENT_REVIEW = "incident_review"  # a follow-up check or quality review drawn or recorded
    INCIDENT_NOTICE = "incident_notice"  # a major matter's leader review, a special matter's county report
    MILESTONE_RULE = "milestone_rule"
    HOLIDAY = "holiday"
    PERSONAL_DATA = "personal_data"  # a reveal of residents' data in the clear (audit only)
    CLOCK = "clock"  # the minute tick: time-driven figures (cards, countdowns) move on
    DATABASE = "database"  # the whole database (a demo written, an import)


class Op(str, Enum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RELOADED = "reloaded"  # many things changed at once (an import, a new database)


@dataclass(frozen=True)
class Change:
    entity: Entity
    op: Op
    ids: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        return {"entity": self.entity.value, "op": self.op.value, "ids": list(self.ids)}

    @classmethod
    def from_dict(cls, d: dict) -> "Change":
        return cls(Entity(d["entity"]), Op(d["op"]), tuple(d.get("ids", ())))


@dataclass(frozen=True)
class ChangeSet:
    changes: tuple[Change, ...] = ()
    external: bool = False  # came from another process
    origin: str = ""

    def entities(self) -> set[Entity]:
        return {c.entity for c in self.changes}

    def touches(self, *entities: Entity) -> bool:
        return self.reloaded or any(c.entity in entities for c in self.changes)

    @property
    def reloaded(self) -> bool:
        """Many things changed at once: a view should read everything again."""
        return any(c.op is Op.RELOADED for c in self.changes)

    def ids(self, entity: Entity) -> set[int]:
        return {i for c in self.changes if c.entity == entity for i in c.ids}

    def __bool__(self) -> bool:
        return bool(self.changes)


@dataclass
class ChangeCollector:
    """Gathers changes inside one service call."""

    items: list[Change] = field(default_factory=list)

    def add(self, entity: Entity, op: Op, *ids: int) -> None:
        self.items.append(Change(entity, op, tuple(ids)))

    def build(self) -> ChangeSet:
        return ChangeSet(tuple(self.items))
