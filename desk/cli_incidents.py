"""`python -m desk import incidents FILE --db PATH`: a county platform's incident export, all or nothing.

A rejected file prints one line per bad row and field (row numbers as the spreadsheet shows them) on
stderr and exits 2; nothing is written. desk.cli has checked that the database exists."""
from __future__ import annotations

import argparse
import sys

from desk.services.errors import BadInput

# How many file ids of the incidents without a grid are printed before "… and N more".
SHOWN_UNASSIGNED = 50


def run_import(args: argparse.Namespace) -> int:
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.database import Database
    from desk.services.desk import DeskServices
    from desk.services.incident_import import import_incidents

    db = Database(args.db, create=False)
    desk = DeskServices(db, SYSTEM_ACTOR)
    try:
        try:
            result = import_incidents(desk.ops, desk.actor, args.file)
        except BadInput as exc:
            _print_refusal(args.file, exc)
            return 2
        print(f"{args.file}: {result.imported} incidents imported")
        if result.unassigned:
            print(f"  待分配网格 (no grid within 300 m, {len(result.unassigned)}): {_listed(result.unassigned)}")
        return 0
    finally:
        desk.close()


def _print_refusal(file: str, exc: BadInput) -> None:
    problems = exc.params.get("problems")
    if not problems:  # unreadable: the message names what is missing
        print(f"desk: {exc}", file=sys.stderr)
        return
    print(f"desk: {file}: nothing imported, {len(problems)} problem(s):", file=sys.stderr)
    for p in problems:
        print(f"  {p}", file=sys.stderr)


def _listed(ids: list[str]) -> str:
    text = "、".join(ids[:SHOWN_UNASSIGNED])
    return text + (f" … and {len(ids) - SHOWN_UNASSIGNED} more" if len(ids) > SHOWN_UNASSIGNED else "")
