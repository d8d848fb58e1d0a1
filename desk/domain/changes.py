"""What a service call changed: one change set per call, published to every view."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Op(str, Enum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RELOADED = "reloaded"  # many things changed at once (an import, a new database)


@dataclass(frozen=True)
class Change:
    entity: str  # "incident", "shift", "warning", ...
    op: Op
    ids: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        return {"entity": self.entity, "op": self.op.value, "ids": list(self.ids)}

    @classmethod
    def from_dict(cls, d: dict) -> "Change":
        return cls(d["entity"], Op(d["op"]), tuple(d.get("ids", ())))


@dataclass(frozen=True)
class ChangeSet:
    changes: tuple[Change, ...] = ()
    external: bool = False  # came from another process
    origin: str = ""

    def entities(self) -> set[str]:
        return {c.entity for c in self.changes}

    def touches(self, *entities: str) -> bool:
        return self.reloaded or any(c.entity in entities for c in self.changes)

    @property
    def reloaded(self) -> bool:
        """Many things changed at once: a view should read everything again."""
        return any(c.op is Op.RELOADED for c in self.changes)

    def ids(self, entity: str) -> set[int]:
        return {i for c in self.changes if c.entity == entity for i in c.ids}

    def __bool__(self) -> bool:
        return bool(self.changes)


@dataclass
class ChangeCollector:
    """Gathers changes inside one service call."""

    items: list[Change] = field(default_factory=list)

    def add(self, entity: str, op: Op, *ids: int) -> None:
        self.items.append(Change(entity, op, tuple(ids)))

    def build(self) -> ChangeSet:
        return ChangeSet(tuple(self.items))
