"""Small lookup tables shared by the read models (a township has a few hundred of each)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AdminUnit, Department, Grid, PoliceCell, Staff, UserAccount


@dataclass(frozen=True)
class Names:
    units: dict[int, str]
    grids: dict[int, str]
    cells: dict[int, str]
    departments: dict[int, str]
    staff: dict[int, str]
    users: dict[int, str]

    @classmethod
    def load(cls, s: Session) -> "Names":
        def table(model, label="name") -> dict[int, str]:
            return dict(s.execute(select(model.id, getattr(model, label))).all())

        return cls(table(AdminUnit), table(Grid), table(PoliceCell), table(Department), table(Staff),
                   table(UserAccount, "display_name"))

    @staticmethod
    def get(table: dict[int, str], key: int | None) -> str:
        return table.get(key, "") if key is not None else ""
