"""`python -m desk visits due --db PATH [--at "YYYY-MM-DD HH:MM"] [--officer CODE] [--grid CODE]
[--group CODE] [--json]`: the households and persons overdue or due a visit within the week, residents'
names masked (a command line is no place to read them)."""
from __future__ import annotations

import argparse
import json
import sys


def run_visits(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db.models import Grid, Staff, VisitGroup
    from desk.cli import existing_database, parse_at
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.reads.visits import Query, due_list

    as_of = None
    if args.at:
        try:
            as_of = parse_at(args.at)
        except ValueError as exc:
            print(f"desk: {exc}", file=sys.stderr)
            return 2
    db = existing_database(args.db)
    if db is None:
        return 2
    try:
        with db.session() as s:
            officer = grid = None
            if args.officer:
                officer = s.scalar(select(Staff.id).where(Staff.code == args.officer, Staff.role == "community_police"))
                if officer is None:
                    print(f"desk: no community officer with code {args.officer}", file=sys.stderr)
                    return 2
            if args.grid:
                grid = s.scalar(select(Grid.id).where(Grid.code == args.grid))
                if grid is None:
                    print(f"desk: no grid with code {args.grid}", file=sys.stderr)
                    return 2
            if args.group and s.scalar(select(VisitGroup.id).where(VisitGroup.code == args.group)) is None:
                codes = ", ".join(s.scalars(select(VisitGroup.code).order_by(VisitGroup.id)))
                print(f"desk: no visit group {args.group} (groups: {codes})", file=sys.stderr)
                return 2
            from desk.domain.clock import utcnow

            rows = due_list(s, SYSTEM_ACTOR, as_of or utcnow(), Query(officer, grid, args.group), current=as_of is None,
                            wall=True)
    finally:
        db.dispose()
    out = [{"kind": r.kind, "household": r.code, "resident": r.resident_id, "name": r.name, "group": r.group,
            "group_name": r.group_name, "rule": r.rule, "grid": r.grid, "officer": r.officer,
            "last_visit": r.last_local.strftime("%Y-%m-%d %H:%M") if r.last_local else None,
            "due": r.due_local.strftime("%Y-%m-%d %H:%M"), "state": r.state.value} for r in rows]
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for o in out:
            print(f"{o['state']:8} {o['due']}  {o['household']:<22} {o['name']:<6} {o['group_name']:<8} "
                  f"{o['rule']}  {o['grid']}  {o['officer']}")
        print(f"{sum(1 for o in out if o['state'] == 'overdue')} overdue, {len(out)} due or overdue")
    return 0


def run_import_residents(args: argparse.Namespace) -> int:
    """`python -m desk import residents FILE --db PATH`: all or nothing, each problem named by row."""
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.database import Database
    from desk.services.desk import DeskServices
    from desk.services.errors import BadInput
    from desk.services.resident_import import import_residents

    db = Database(args.db, create=False)
    desk = DeskServices(db, SYSTEM_ACTOR)
    try:
        try:
            r = import_residents(desk.ops, desk.actor, args.file)
        except BadInput as exc:
            problems = exc.params.get("problems")
            if not problems:
                print(f"desk: {exc}", file=sys.stderr)
                return 2
            print(f"desk: {args.file}: nothing imported, {len(problems)} problem(s):", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
            return 2
        print(f"{args.file}: {r.households_added} households added, {r.households_updated} updated; "
              f"{r.persons_added} persons added, {r.persons_updated} updated; {r.memberships_added} group memberships")
        return 0
    finally:
        desk.close()
