"""Database-wide choices an admin makes, through the one write path."""
from __future__ import annotations

from db.models import Setting
from desk.domain.changes import Entity, Op
from desk.domain.permissions import Actor
from desk.services.errors import BadInput
from desk.services.incidents import SEPARATION_KEY
from desk.services.operations import Operations

# What may be set, and the values each accepts.
CHOICES: dict[str, tuple[str, ...]] = {
    SEPARATION_KEY: ("0", "1"),  # 1: the registrar may also close and evaluate (a one-person night desk)
}


def update_setting(ops: Operations, actor: Actor, key: str, value: str) -> None:
    if key not in CHOICES:
        raise BadInput("unknown_value", f"no such setting: {key}", field="setting", value=key)
    if value not in CHOICES[key]:
        raise BadInput("unknown_value", f"{key} takes {', '.join(CHOICES[key])}, not {value!r}", field="setting",
                       value=value)
    with ops.run(actor, "setting.update") as op:
        row = op.session.get(Setting, key)
        if row is None:
            row = Setting(key=key, value="")
            op.session.add(row)
        old = row.value
        row.value = value
        op.audit(Entity.SETTING, None, {key: [old, value]}, note=key)
        op.changes.add(Entity.SETTING, Op.UPDATED)
