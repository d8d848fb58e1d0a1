"""Headless commands: python -m desk demo|info|bench."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from desk.paths import default_database


def _cmd_demo(args: argparse.Namespace) -> int:
    from db.demo import generate
    from desk.services.database import Database

    path = Path(args.db)
    if path.exists() and args.force:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database(path)
    if not db.is_empty():
        print(f"{path}: already holds a township; use --force to replace it", file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = generate(db.session_factory, scale=args.scale, seed=args.seed)
    took = time.perf_counter() - started
    db.dispose()
    print(f"{path}: {args.scale} demo written in {took:.1f} s")
    for key, value in counts.items():
        print(f"  {key:<16} {value}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from desk.domain.clock import utcnow
    from desk.services.database import Database
    from desk.services.reads.info import info_counts

    path = Path(args.db)
    if "://" not in args.db and not path.exists():
        print(f"{path}: no such database", file=sys.stderr)
        return 2
    db = Database(args.db)
    counts = info_counts(db, utcnow())
    db.dispose()
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        for key, value in counts.items():
            print(f"{key:<16} {value}")
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from desk.bench import run_bench

    return run_bench(args.db, args.repeat)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m desk", description="Township command desk: headless commands")
    sub = p.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the fictional demo township into a database")
    demo.add_argument("--db", default=str(default_database()))
    demo.add_argument("--scale", choices=("township", "county"), default="township")
    demo.add_argument("--seed", type=int, default=20261123)
    demo.add_argument("--force", action="store_true", help="replace an existing SQLite file")
    demo.set_defaults(func=_cmd_demo)
    info = sub.add_parser("info", help="print what a database holds")
    info.add_argument("--db", default=str(default_database()))
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=_cmd_info)
    bench = sub.add_parser("bench", help="time the read models on a database (make one with demo --scale county)")
    bench.add_argument("--db", default=str(default_database()))
    bench.add_argument("--repeat", type=int, default=3)
    bench.set_defaults(func=_cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
