"""Editing the milestone rules and the holiday calendar: validated, audited, and applied at once to the
clocks of every open incident (closed ones keep the clocks they were closed under)."""
from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from db.models import Holiday, Incident, MilestoneRule
from desk.domain.changes import Entity, Op
from desk.domain.milestones import Rule, RuleError
from desk.domain.permissions import Actor
from desk.services.clocks import Clocks, rule_of
from desk.services.database import Database
from desk.services.errors import BadInput
from desk.services.operations import OperationContext, Operations, snapshot
from desk.services.reads.cards import OPEN

RULE_FIELDS = ("code", "item_type", "nature", "tier", "start_event", "stop_event", "limit_value", "unit", "calendar",
               "card", "position", "active")
# Rule attribute ↔ table column, where they differ.
_COLUMN = {"start": "start_event", "stop": "stop_event", "limit": "limit_value"}
_ATTRIBUTE = {v: k for k, v in _COLUMN.items()}


def _checked(rule: Rule) -> Rule:
    try:
        rule.check()
    except RuleError as exc:
        raise BadInput("bad_rule", str(exc), field=exc.field, value=str(exc)) from None
    return rule


def _restamp(op: OperationContext) -> int:
    clocks = Clocks(op.session)
    n = 0
    for inc in op.session.scalars(select(Incident).where(Incident.status.in_(OPEN))):
        clocks.stamp(inc)
        n += 1
    return n


def add_rule(ops: Operations, actor: Actor, rule: Rule) -> int:
    rule = _checked(rule)
    with ops.run(actor, "milestone_rule.update") as op:
        row = MilestoneRule(**{_COLUMN.get(f.name, f.name): getattr(rule, f.name) for f in fields(Rule)})
        op.session.add(row)
        op.session.flush()
        n = _restamp(op)
        op.created(Entity.MILESTONE_RULE, row, RULE_FIELDS, note=f"{n} open incidents re-timed")
        op.changes.add(Entity.CLOCK, Op.UPDATED)
        return row.id


def update_rule(ops: Operations, actor: Actor, rule_id: int, **changes: Any) -> None:
    """Change a rule's fields (by table column name: limit_value, unit, card, active…)."""
    with ops.run(actor, "milestone_rule.update") as op:
        row = op.session.get(MilestoneRule, rule_id)
        if row is None:
            raise BadInput("not_found", f"no milestone rule with id {rule_id}", field="rule", value=rule_id)
        unknown = set(changes) - set(RULE_FIELDS)
        if unknown:
            raise BadInput("unknown_field", f"rules have no field {', '.join(sorted(unknown))}",
                           field=sorted(unknown)[0])
        rule = _checked(replace(rule_of(row), **{_ATTRIBUTE.get(k, k): v for k, v in changes.items()}))
        before = snapshot(row, RULE_FIELDS)
        for f in fields(Rule):
            setattr(row, _COLUMN.get(f.name, f.name), getattr(rule, f.name))
        n = _restamp(op)
        op.updated(Entity.MILESTONE_RULE, row, before, note=f"{n} open incidents re-timed")
        op.changes.add(Entity.CLOCK, Op.UPDATED)


def set_holiday(ops: Operations, actor: Actor, day: date, kind: str | None, name: str = "") -> None:
    """Mark a local day a holiday or a worked weekend day (调休上班); kind None makes it ordinary again."""
    if kind not in (None, "holiday", "workday"):
        raise BadInput("unknown_value", f"a day is a holiday or a workday, not {kind}", field="kind", value=kind)
    with ops.run(actor, "holiday.update") as op:
        row = op.session.get(Holiday, day)
        before = snapshot(row, ("day", "kind", "name")) if row is not None else {"day": day, "kind": None, "name": ""}
        if kind is None:
            if row is not None:
                op.session.delete(row)
        elif row is None:
            row = Holiday(day=day, kind=kind, name=name[:32])
            op.session.add(row)
        else:
            row.kind, row.name = kind, name[:32]
        op.session.flush()
        n = _restamp(op)
        op.audit(Entity.HOLIDAY, None, {"day": [str(day), str(day)], "kind": [before["kind"], kind]},
                 note=f"{name} · {n} open incidents re-timed")
        op.changes.add(Entity.HOLIDAY, Op.UPDATED)
        op.changes.add(Entity.CLOCK, Op.UPDATED)  # the open incidents' clocks moved: every view reads again


def list_rules(db: Database) -> list[tuple[int, Rule]]:
    with db.session() as s:
        return [(r.id, rule_of(r)) for r in s.scalars(select(MilestoneRule).order_by(MilestoneRule.position,
                                                                                     MilestoneRule.id))]


def list_holidays(db: Database, year: int | None = None) -> list[tuple[date, str, str]]:
    with db.session() as s:
        rows = s.execute(select(Holiday.day, Holiday.kind, Holiday.name).order_by(Holiday.day)).all()
    return [(d, k, n) for d, k, n in rows if year is None or d.year == year]
