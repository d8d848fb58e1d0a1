"""`python -m desk stress write --db PATH --count N [--login L]`: registers incidents one by one through
the real write path and prints each one's code on its own line, flushed, only after its commit has
returned. Kill it at any moment: every code it printed is in the database (the crash test does this)."""
from __future__ import annotations

import argparse
import sys
from itertools import cycle


def run_stress(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db.models import Incident
    from desk.bench_writer import ITEM_TYPES, _points
    from desk.cli import existing_database
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices
    from desk.services.incidents import IncidentDraft

    if args.count < 1:
        print("desk: --count must be at least 1", file=sys.stderr)
        return 2
    db = existing_database(args.db)
    if db is None:
        return 2
    desk = DeskServices(db, actor_for(db, args.login))
    try:
        points = cycle(_points(desk))
        kinds = cycle(ITEM_TYPES)
        for n in range(args.count):
            lon, lat = next(points)
            new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(
                title=f"压力测试 {n + 1}", item_type=next(kinds), source="walk_in", lon=lon, lat=lat))
            with db.session() as s:
                code = s.scalar(select(Incident.code).where(Incident.id == new_id))
            # Printed only now: the commit above has returned, so the code is on disk.
            sys.stdout.write(code + "\n")
            sys.stdout.flush()
    finally:
        desk.close()
    return 0
