"""Database-wide choices an admin makes, through the one write path."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from db.models import Setting
from desk.domain.changes import Entity, Op
from desk.domain.permissions import Actor
from desk.services import base_map
from desk.services.database import Database
from desk.services.errors import BadInput
from desk.services.incidents import SEPARATION_KEY
from desk.services.operations import Operations

# Settings that take one of a fixed set of values.
CHOICES: dict[str, tuple[str, ...]] = {
    SEPARATION_KEY: ("0", "1"),  # 1: the registrar may also close and evaluate (a one-person night desk)
    base_map.BASE_KEY: base_map.KINDS,
    base_map.CRS_KEY: base_map.CRSES,
}

# Settings that take a free value: each check returns the value as stored, or raises BadInput.
FREE_VALUES: dict[str, Callable[[str], str]] = {
    base_map.MBTILES_KEY: lambda value: base_map.check_mbtiles(value)[0],
    base_map.XYZ_KEY: base_map.check_xyz,
    base_map.ATTRIBUTION_KEY: base_map.check_attribution,
}

WALL_DISTANCE_KEY = "wall.viewing_distance_m"  # how far the room sits from the wall: its type grows with it
WALL_DISTANCE_DEFAULT = 4.0


def check_distance(value: str) -> str:
    try:
        metres = float(value)
    except ValueError:
        raise BadInput("unknown_value", f"a viewing distance in metres, not {value!r}", field="setting",
                       value=value) from None
    if not 1.0 <= metres <= 15.0:
        raise BadInput("out_of_range", f"{metres:g} m is not a viewing distance for a command-room wall (1–15 m)",
                       field="setting", value=value)
    return f"{metres:g}"


FREE_VALUES[WALL_DISTANCE_KEY] = check_distance

# Checks that depend on the other settings as they stand (a tile base needs its source set first).
CROSS_CHECKS: dict[str, Callable[[str, dict[str, str]], str]] = {
    base_map.BASE_KEY: base_map.check_base,
}


def update_setting(ops: Operations, actor: Actor, key: str, value: str) -> None:
    if key in CHOICES:
        if value not in CHOICES[key]:
            raise BadInput("unknown_value", f"{key} takes {', '.join(CHOICES[key])}, not {value!r}", field="setting",
                           value=value)
    elif key in FREE_VALUES:
        value = FREE_VALUES[key](value)
    else:
        raise BadInput("unknown_value", f"no such setting: {key}", field="setting", value=key)
    with ops.run(actor, "setting.update") as op:
        if key in CROSS_CHECKS:
            current = {k: v for k, v in op.session.execute(select(Setting.key, Setting.value)).all()}
            value = CROSS_CHECKS[key](value, current)
        row = op.session.get(Setting, key)
        if row is None:
            row = Setting(key=key, value="")
            op.session.add(row)
        old = row.value
        row.value = value
        op.audit(Entity.SETTING, None, {key: [old, value]}, note=key)
        op.changes.add(Entity.SETTING, Op.UPDATED)


def current_settings(db: Database) -> dict[str, str]:
    """Every setting that may be changed, with its value now (unset ones as their default, empty)."""
    with db.session() as s:
        stored = {k: v for k, v in s.execute(select(Setting.key, Setting.value)).all()}
    keys = list(CHOICES) + list(FREE_VALUES)
    return {key: stored.get(key, "") for key in keys}
