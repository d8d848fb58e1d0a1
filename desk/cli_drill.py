"""`python -m desk drill run SCENARIO --login LOGIN [--speed N] [--report OUT.pdf]` and `drill list`."""
from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

MAX_HEADLESS_SPEED = 600.0


def run_drill(args: argparse.Namespace) -> int:
    from desk.domain.clock import utcnow
    from desk.domain.drill import ScenarioError, parse_scenario
    from desk.services.accounts import actor_for
    from desk.cli import existing_database
    from desk.services.drills import DrillRunner, past_drills
    from desk.services.errors import DeskError
    from desk.services.reads.overdue_items import township_name

    db = existing_database(args.db)
    if db is None:
        return 2
    try:
        if args.action == "list":
            for d in past_drills(db):
                print(f"{d.started_local:%Y-%m-%d %H:%M}  {d.score if d.score is not None else '-':>5}  {d.scenario}")
            return 0
        if not args.scenario:
            print("desk: drill run needs the scenario file", file=sys.stderr)
            return 2
        if not 0 < args.speed <= MAX_HEADLESS_SPEED:
            print(f"desk: --speed is between 1 and {MAX_HEADLESS_SPEED:g}", file=sys.stderr)
            return 2
        if args.report and not args.report.lower().endswith(".pdf"):
            print(f"desk: the report is a PDF, not {args.report}", file=sys.stderr)
            return 2
        try:
            scenario = parse_scenario(Path(args.scenario).read_bytes())
        except OSError as exc:
            print(f"desk: {args.scenario}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except ScenarioError as exc:
            print(f"desk: {args.scenario}: {exc}", file=sys.stderr)
            return 2
        try:
            runner = DrillRunner(db, actor_for(db, args.login), scenario, utcnow(), scripted=True)
            minute = timedelta(minutes=1)
            while not runner.finished:
                runner.advance(runner.clock.elapsed + minute)
                time.sleep(60.0 / args.speed)
            result = runner.finish()
        except DeskError as exc:
            print(f"desk: drill stopped: {exc}", file=sys.stderr)
            return 2
        print(f"{scenario.name}: score {result.score.score:g}")
        for line in result.score.missed:
            print(f"  {line}")
        if args.report:
            from desk.ui.drill_report import write_report
            from desk.ui.overdue_pdf import ensure_app

            ensure_app()
            pages = write_report(result, scenario.goals, township_name(db), args.report)
            print(f"{args.report}: {pages} pages")
        return 0
    finally:
        db.dispose()
