"""`python -m desk export ledger|weekly|reminders|supervision --out FILE`: the overdue items' paperwork."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime


def run_export(args: argparse.Namespace) -> int:
    from desk.domain.clock import to_local, to_utc, utcnow
    from desk.services.database import Database, sqlite_path
    from desk.services.overdue_ledger import write_ledger
    from desk.services.reads.overdue_items import weekly_list

    suffix = ".xlsx" if args.kind == "ledger" else ".pdf"
    if not args.out.lower().endswith(suffix):
        print(f"desk: export {args.kind} writes {suffix} (the ledger is XLSX, the sheets PDF), not {args.out}",
              file=sys.stderr)
        return 2
    path = sqlite_path(args.db)
    if path is not None and not path.exists():
        print(f"desk: there is no database at {args.db}", file=sys.stderr)
        return 2
    now = utcnow()
    if args.at:
        try:
            now = to_utc(datetime.strptime(args.at.strip(), "%Y-%m-%d %H:%M"))
        except ValueError:
            print(f"desk: --at takes 'YYYY-MM-DD HH:MM' (Beijing time), not {args.at!r}", file=sys.stderr)
            return 2
    db = Database(args.db, create=False)
    try:
        week = weekly_list(db, now)
        if args.kind == "ledger":
            rows = write_ledger(week.items, args.out, to_local(now), week.township)
            print(f"{args.out}: {rows} overdue items")
            return 0
        from desk.ui.overdue_pdf import write_sheets

        items, pages = write_sheets(args.kind, week, args.out, to_local(now))
        print(f"{args.out}: {items} items, {pages} pages")
        return 0
    finally:
        db.dispose()
