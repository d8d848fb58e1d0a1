"""`python -m desk review draw|list|record`: checks after closing from the command line, on behalf of an
account whose role reviews (a leader or an operator), audited like the same steps in the desk."""
from __future__ import annotations

import argparse
import json
import sys


def run_review(args: argparse.Namespace) -> int:
    from desk.cli import _open_desk
    from desk.domain import sampling
    from desk.domain.permissions import PermissionDenied
    from desk.services import review_draws
    from desk.services.accounts import actor_for
    from desk.cli import existing_database

    db = existing_database(args.db)
    if db is None:
        return 2
    try:
        actor = actor_for(db, args.login)
    except (LookupError, ValueError, PermissionError) as exc:
        print(f"desk: {exc}", file=sys.stderr)
        db.dispose()
        return 2
    db.dispose()
    desk = _open_desk(args.db, actor)
    if desk is None:
        return 2
    try:
        month = args.month or sampling.previous_month(desk.now())
        if args.action == "draw":
            result = review_draws.draw(desk.ops, desk.actor, args.kind, month)
            if args.json:
                print(json.dumps({"kind": result.kind, "month": result.month, "population": result.population,
                                  "drawn": result.codes, "already": result.already}, ensure_ascii=False))
            else:
                said = "already drawn" if result.already else "drawn"
                print(f"{month} {args.kind}: {len(result.codes)} of {result.population} closed incidents {said}")
                for code in result.codes:
                    print(f"  {code}")
            return 0
        if args.action == "record":
            if not args.code or not args.verdict:
                print("desk: review record needs --code and --verdict", file=sys.stderr)
                return 2
            found = [r for r in review_draws.reviews(desk.db, args.kind, month) if r.code == args.code]
            if not found:
                print(f"desk: {args.code} was not drawn for {args.kind} review in {month}", file=sys.stderr)
                return 2
            review_draws.record(desk.ops, desk.actor, found[0].id, args.verdict, args.note)
        rows = review_draws.reviews(desk.db, args.kind, month)
        if args.json:
            print(json.dumps([{"code": r.code, "title": r.title, "department": r.department, "verdict": r.verdict,
                               "reviewer": r.reviewer, "note": r.note} for r in rows], ensure_ascii=False, indent=1))
        else:
            done = review_draws.summary(desk.db, args.kind, month)
            print(f"{month} {args.kind}: {done.drawn} drawn, {done.reviewed} reviewed")
            for r in rows:
                print(f"  {r.code} {r.verdict or '-':<12} {r.department} {r.title}")
        return 0
    except PermissionDenied as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return 2
    finally:
        desk.close()
