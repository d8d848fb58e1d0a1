"""What one generation step leaves for the next: ids, shapes and who is who, kept in memory."""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from db.demo.names import PersonFactory
from db.demo.scales import Scale
from desk.domain import clock


@dataclass
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str  # village | community
    profile: str  # agricultural | scenic | market | remote
    population: int
    geom: BaseGeometry
    grid_ids: list[int] = field(default_factory=list)
    station_id: int | None = None
    team_id: int | None = None
    shelter_id: int | None = None


@dataclass
class GridInfo:
    id: int
    unit_id: int
    code: str
    name: str
    kind: str
    special_type: str
    population: int
    geom: BaseGeometry


@dataclass
class CellInfo:
    id: int
    code: str
    unit_id: int
    workstation_id: int
    geom: BaseGeometry


@dataclass
class StationInfo:
    id: int
    unit_id: int
    name: str
    unit_ids: list[int]
    staff: dict[str, list[int]] = field(default_factory=dict)  # role → staff ids


@dataclass
class World:
    scale: Scale
    rng: random.Random
    now: datetime
    people: PersonFactory
    counts: Counter = field(default_factory=Counter)
    township_id: int = 0
    boundary: BaseGeometry = field(default_factory=Polygon)  # the township outline, once drawn
    units: list[UnitInfo] = field(default_factory=list)
    grids: dict[int, GridInfo] = field(default_factory=dict)
    cells: dict[int, CellInfo] = field(default_factory=dict)
    stations: list[StationInfo] = field(default_factory=list)
    departments: dict[str, int] = field(default_factory=dict)  # kind → id
    department_names: dict[int, str] = field(default_factory=dict)
    department_staff: dict[int, list[int]] = field(default_factory=dict)  # department id → staff ids
    officers_by_cell: dict[int, list[int]] = field(default_factory=dict)
    grid_worker_by_grid: dict[int, int] = field(default_factory=dict)
    volunteers_by_unit: dict[int, list[int]] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)  # login → user id
    account_by_staff: dict[int, int] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return clock.local_today(self.now)

    def unit(self, unit_id: int) -> UnitInfo:
        return next(u for u in self.units if u.id == unit_id)

    def station_of_unit(self, unit_id: int) -> StationInfo:
        return next(s for s in self.stations if unit_id in s.unit_ids)

    def units_with(self, *profiles: str) -> list[UnitInfo]:
        return [u for u in self.units if u.profile in profiles]

    def grids_of(self, unit: UnitInfo) -> list[GridInfo]:
        return [self.grids[g] for g in unit.grid_ids]
