"""`python -m desk export ledger|weekly|reminders|supervision --out FILE`: the overdue items' paperwork."""
from __future__ import annotations

import argparse
import sys


def run_export(args: argparse.Namespace) -> int:
    from desk.domain.clock import to_local, utcnow
    from desk.cli import existing_database, parse_at
    from desk.services.overdue_ledger import write_ledger
    from desk.services.reads.overdue_items import weekly_list

    suffix = ".xlsx" if args.kind == "ledger" else ".pdf"  # the sheets and the hazard cards are PDF
    if not args.out.lower().endswith(suffix):
        print(f"desk: export {args.kind} writes {suffix} (the ledger is XLSX, the sheets PDF), not {args.out}",
              file=sys.stderr)
        return 2
    now = utcnow()
    if args.at:
        try:
            now = parse_at(args.at)
        except ValueError as exc:
            print(f"desk: {exc}", file=sys.stderr)
            return 2
    db = existing_database(args.db)
    if db is None:
        return 2
    try:
        if args.kind == "hazard-cards":
            from desk.services.reads.hazard_cards import hazard_cards
            from desk.services.reads.overdue_items import township_name
            from desk.ui.hazard_cards_pdf import write_cards
            from desk.ui.overdue_pdf import ensure_app

            cards = hazard_cards(db, getattr(args, "hazard", None))
            if not cards:
                print("desk: no such hazard point", file=sys.stderr)
                return 2
            ensure_app()
            pages = write_cards(cards, township_name(db), args.out)
            print(f"{args.out}: {len(cards)} hazard points, {sum(len(c.households_on_file) for c in cards)} "
                  f"households, {pages} pages")
            return 0
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
