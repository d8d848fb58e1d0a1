"""`python -m desk import cap FILE` and `python -m desk warnings [--json] [--all] [--cap ID [--out F]]`."""
from __future__ import annotations

import argparse
import json
import sys


def run_import_cap(args: argparse.Namespace) -> int:
    from desk.cli import _open_desk
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.errors import DeskError
    from desk.services.warnings_cap import import_cap

    desk = _open_desk(args.db, SYSTEM_ACTOR)
    if desk is None:
        return 2
    try:
        result = import_cap(desk.ops, desk.actor, args.file)
    except DeskError as exc:
        print(f"desk: {args.file}: {exc}", file=sys.stderr)
        return 2
    finally:
        desk.close()
    said = {"created": "created", "updated": "stored, superseding the warning it updates",
            "cancelled": "applied: the warning it names is cancelled", "unchanged": "already stored; nothing changed"}
    print(f"{args.file}: warning {result.identifier} {said[result.action]} ({result.level} {result.hazard})")
    return 0


def run_warnings(args: argparse.Namespace) -> int:
    from desk.domain.clock import utcnow
    from desk.cli import existing_database
    from desk.services.errors import DeskError
    from desk.services.warnings_cap import export_cap, list_warnings

    db = existing_database(args.db)
    if db is None:
        return 2
    try:
        if args.cap:
            try:
                data = export_cap(db, args.cap)
            except DeskError as exc:
                print(f"desk: {exc}", file=sys.stderr)
                return 2
            if args.out:
                with open(args.out, "wb") as f:
                    f.write(data)
                print(f"{args.out}: CAP 1.2 message written")
            else:
                sys.stdout.write(data.decode("utf-8") + "\n")
            return 0
        rows = list_warnings(db, utcnow(), all_=args.all)
        if args.json:
            print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
        else:
            for r in rows:
                print(f"{r.state:<10} {r.level:<6} {r.hazard:<9} {r.effective:<16} {r.expires:<16} {r.source:<6} "
                      f"{r.id}  {r.area}")
        return 0
    finally:
        db.dispose()
