"""Data steps of migrations, kept apart from the generated DDL so they can be read and tested.

Written against plain SQL tables (not the ORM models), because a migration must keep working when the
models move on."""
from __future__ import annotations

import json


import sqlalchemy as sa
from sqlalchemy.engine import Connection

from desk.domain.catalog import LEGACY_CLASSES as CLASS_REMAP  # the old fourth class merged into 治安与安全隐患


def append_only(bind: Connection, table: str) -> None:
    """Make the database itself refuse UPDATE and DELETE on `table`."""
    if bind.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            bind.exec_driver_sql(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION desk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$")
        bind.exec_driver_sql(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION desk_append_only()")


def drop_append_only(bind: Connection, table: str) -> None:
    if bind.dialect.name == "sqlite":
        for verb in ("update", "delete"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


def load_catalogue(bind: Connection) -> None:
    """The shipped catalogue of matters into the item_type table."""
    from desk.domain.catalog import default_catalogue

    item_type = sa.table("item_type", *(sa.column(c) for c in (
        "code", "name", "item_class", "aliases", "nature", "tier", "department", "answer_hours",
        "close_days", "general", "active")))
    rows = [catalogue_row(t) for t in default_catalogue()]
    if rows:
        bind.execute(item_type.insert(), rows)


def catalogue_row(t) -> dict:
    return {"code": t.code, "name": t.name, "item_class": t.item_class, "aliases": json.dumps(list(t.aliases),
            ensure_ascii=False), "nature": t.nature, "tier": t.tier, "department": t.department,
            "answer_hours": t.answer_hours, "close_days": t.close_days, "general": bool(t.general), "active": True}


def upgrade_incidents(bind: Connection) -> None:
    """Incidents written before 0002: three classes, item type codes, and the answer clock.

    The handling unit's first answer is the first accept or feedback in the incident's own trail."""
    from desk.domain.cards import answer_due, close_due
    from desk.domain.catalog import default_catalogue

    for old, new in CLASS_REMAP.items():
        bind.execute(sa.text("UPDATE incident SET category = :new WHERE category = :old"), {"new": new, "old": old})
    catalogue = default_catalogue()
    names = [r[0] for r in bind.execute(sa.text("SELECT DISTINCT item_type FROM incident WHERE item_type != ''"))]
    for name in names:
        found = catalogue.resolve(name)
        if found is not None and found.code != name:
            bind.execute(sa.text("UPDATE incident SET item_type = :code WHERE item_type = :name"),
                         {"code": found.code, "name": name})
    first_answer: dict[int, object] = {row[0]: row[1] for row in bind.execute(sa.text(
        "SELECT incident_id, MIN(at) FROM incident_event WHERE action IN ('accept', 'feedback') "
        "GROUP BY incident_id"))}
    rows = bind.execute(sa.text("SELECT id, matter, registered_at FROM incident")).all()
    updates = []
    for row in rows:
        registered = _as_datetime(row.registered_at)
        updates.append({"i": row.id, "answered": first_answer.get(row.id),
                        "adue": answer_due(row.matter, registered), "cdue": close_due(row.matter, registered)})
    if updates:
        bind.execute(sa.text("UPDATE incident SET answered_at = :answered, answer_due_at = :adue, "
                             "close_due_at = :cdue WHERE id = :i"), updates)


def _as_datetime(value):
    if isinstance(value, str):  # SQLite through a plain text() query
        from datetime import datetime

        return datetime.fromisoformat(value)
    return value




def load_clocks(bind: Connection) -> None:
    """0004: the plans' milestone rules and the holiday calendar, then every incident's clocks stamped
    from its own event times (the first on-site report never existed before, so those clocks start
    unmet)."""
    from desk.domain.holidays import default_holidays
    from desk.domain.milestones import DEFAULT_RULES, event_times, rules_for, schedule

    rule = sa.table("milestone_rule", *(sa.column(c) for c in (
        "code", "item_type", "nature", "tier", "start_event", "stop_event", "limit_value", "unit", "calendar",
        "card", "position", "active")))
    bind.execute(rule.insert(), [rule_row(r) for r in DEFAULT_RULES])
    holiday = sa.table("holiday", sa.column("day"), sa.column("kind"), sa.column("name"))
    bind.execute(holiday.insert(), [{"day": d, "kind": k, "name": n} for d, k, n in default_holidays()])
    rows = bind.execute(sa.text(
        "SELECT id, item_type, matter, tier, registered_at, dispatched_at, answered_at, feedback_at, closed_at "
        "FROM incident")).all()
    updates = []
    for r in rows:
        plan = schedule(rules_for(DEFAULT_RULES, r.item_type, r.matter, r.tier), event_times(
            _as_datetime(r.registered_at), dispatched_at=_as_datetime(r.dispatched_at),
            answered_at=_as_datetime(r.answered_at), feedback_at=_as_datetime(r.feedback_at),
            closed_at=_as_datetime(r.closed_at)))
        updates.append({"i": r.id, "y": plan.yellow_at, "r": plan.red_at, "d": plan.due_at, "m": plan.due_code})
    if updates:
        bind.execute(sa.text("UPDATE incident SET yellow_at = :y, red_at = :r, due_at = :d, due_milestone = :m "
                             "WHERE id = :i"), updates)


def rule_row(r) -> dict:
    return {"code": r.code, "item_type": r.item_type, "nature": r.nature, "tier": r.tier, "start_event": r.start,
            "stop_event": r.stop, "limit_value": float(r.limit), "unit": r.unit, "calendar": r.calendar,
            "card": r.card, "position": r.position, "active": r.active}


def load_emergency(bind: Connection) -> None:
    """0005: the default rain thresholds, warnings brought to the new columns, each hazard point's gauge
    and the patrol areas crossing hazard points."""
    from desk.domain.rainfall import DEFAULT_THRESHOLDS
    from desk.services.hazard_links import relink

    threshold = sa.table("rain_threshold", sa.column("hazard_point_id"), sa.column("window_hours"),
                         sa.column("level"), sa.column("value_mm"))
    bind.execute(threshold.insert(), [{"hazard_point_id": None, "window_hours": w, "level": lv, "value_mm": mm}
                                      for w, lv, mm in DEFAULT_THRESHOLDS])
    bind.execute(sa.text("UPDATE warning SET effective_at = issued_at WHERE effective_at IS NULL"))
    relink(bind)


def load_visit_groups(bind: Connection) -> None:
    """0006: the groups the plans name, with their visit rules (data a township may change)."""
    from desk.domain.visits import DEFAULT_GROUPS

    group = sa.table("visit_group", *(sa.column(c) for c in (
        "code", "name", "kind", "subject", "count", "period", "must_visit", "officer_only", "active")))
    bind.execute(group.insert(), [visit_group_row(g) for g in DEFAULT_GROUPS])


def visit_group_row(g) -> dict:
    return {"code": g.code, "name": g.name, "kind": g.kind, "subject": g.subject, "count": g.rule.count,
            "period": g.rule.period.value, "must_visit": g.must_visit, "officer_only": g.officer_only, "active": True}


def chain_audit(bind: Connection) -> None:
    """0007: number the audit records already written and chain their hashes, in the order written."""
    from desk.domain.audit_chain import GENESIS, record_hash

    prev, updates = GENESIS, []
    rows = bind.execute(sa.text("SELECT id, at, actor_id, actor_login, actor_role, operation, entity, entity_id, "
                                "changes, note FROM audit_record ORDER BY id")).mappings().all()
    for seq, r in enumerate(rows, start=1):
        record = dict(r, seq=seq, at=_as_datetime(r["at"]))
        prev = record_hash(prev, record)
        updates.append({"i": r["id"], "s": seq, "h": prev})
    if updates:
        bind.execute(sa.text("UPDATE audit_record SET seq = :s, hash = :h WHERE id = :i"), updates)
