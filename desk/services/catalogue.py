"""The catalogue of matters as the database holds it (loaded from the shipped file by a migration,
editable by an admin): resolution of names, aliases and class names, and the admin's edits."""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ItemTypeRow
from desk.domain.catalog import Catalogue, ItemType
from desk.domain.changes import Entity, Op


def to_item_type(row: ItemTypeRow) -> ItemType:
    return ItemType(code=row.code, name=row.name, item_class=row.item_class, aliases=tuple(json.loads(row.aliases)),
                    nature=row.nature, tier=row.tier, department=row.department, answer_hours=row.answer_hours,
                    close_days=row.close_days, general=row.general)


def load(s: Session, *, active_only: bool = True) -> Catalogue:
    query = select(ItemTypeRow).order_by(ItemTypeRow.item_class, ItemTypeRow.code)
    if active_only:
        query = query.where(ItemTypeRow.active.is_(True))
    return Catalogue([to_item_type(r) for r in s.scalars(query)])


def resolve_item_type(s: Session, name: str) -> ItemTypeRow | None:
    """By code or name straight from the table (what the register dialog sends); aliases and class
    names need the whole catalogue's rules."""
    text = name.strip()
    row = s.get(ItemTypeRow, text) or s.scalar(select(ItemTypeRow).where(ItemTypeRow.name == text))
    if row is not None and row.active:
        return row
    found = load(s).resolve(text)
    return s.get(ItemTypeRow, found.code) if found is not None else None


EDITABLE = ("name", "aliases", "nature", "tier", "department", "answer_hours", "close_days", "active")


def update_item_type(ops, actor, code: str, **values) -> None:
    """An admin's edit of one catalogue entry (defaults of nature, tier, department, time limits, names).

    The edited catalogue must still load: a name or alias that collides with another entry is refused."""
    from desk.domain.catalog import CatalogueError
    from desk.services.errors import BadInput
    from desk.services.operations import diff, snapshot

    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise BadInput("unknown_value", f"not an editable field: {sorted(unknown)[0]}", field="item_type",
                       value=sorted(unknown)[0])
    with ops.run(actor, "item_type.update") as op:
        row = op.session.get(ItemTypeRow, code)
        if row is None:
            raise BadInput("not_found", f"no item type {code}", field="item_type", value=code)
        before = snapshot(row, EDITABLE)
        for key, value in values.items():
            setattr(row, key, json.dumps(list(value), ensure_ascii=False) if key == "aliases" else value)
        op.session.flush()
        try:
            Catalogue([to_item_type(r) for r in op.session.scalars(select(ItemTypeRow))])
        except CatalogueError as exc:
            raise BadInput("bad_catalogue", str(exc), field="item_type", value=code) from exc
        # Keyed by code, not by an integer id: the code goes in the note.
        op.audit(Entity.ITEM_TYPE, None, diff(before, snapshot(row, EDITABLE)), note=code)
        op.changes.add(Entity.ITEM_TYPE, Op.UPDATED)
