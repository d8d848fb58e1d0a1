"""Headless commands: python -m desk init|demo|info|migrate|bench.

Expected failures (a wrong path, a database another seat holds, bad input) print one line naming
what and where, and exit non-zero; nothing here prints a traceback for them."""
from __future__ import annotations

import argparse
import json
import logging
import secrets
import sys
import time
from datetime import datetime
from pathlib import Path

from desk.paths import default_database

log = logging.getLogger("desk.cli")


def _cmd_init(args: argparse.Namespace) -> int:
    from desk.services.accounts import SYSTEM_ACTOR, create_account
    from desk.services.database import Database, sqlite_path
    from desk.services.hub import ChangeHub
    from desk.services.operations import Operations

    path = sqlite_path(args.db)
    if path is not None and path.exists():
        print(f"desk: {path} already exists; init makes a new database only", file=sys.stderr)
        return 2
    db = Database(args.db, create=True)
    try:
        password = secrets.token_urlsafe(12)
        create_account(Operations(db, ChangeHub(), _utcnow), SYSTEM_ACTOR, args.admin, "系统管理员", "admin", password)
    finally:
        db.dispose()
    print(f"{args.db}: empty desk database created (schema and catalogue of matters, no township yet)")
    print(f"  admin login:    {args.admin}")
    print(f"  admin password: {password}    (shown once; write it down now)")
    print("Next: import the township's villages and grids, then police cells, workstations and staff.")
    return 0


def _utcnow():
    from desk.domain.clock import utcnow

    return utcnow()


def _cmd_demo(args: argparse.Namespace) -> int:
    from db.demo import generate
    from desk.services.database import Database, sqlite_path
    from desk.services.errors import DatabaseBusy

    path = sqlite_path(args.db)
    if path is not None and path.exists() and args.force:
        existing = Database(args.db, create=False, run_migrations=False) if path.stat().st_size else None
        if existing is not None:
            try:
                if existing.other_connections():
                    raise DatabaseBusy("database_busy", f"{path} is open at another seat or on the wall; close "
                                       "it there first: --force would throw away what that seat wrote")
                if not existing.is_demo() and not existing.is_empty():
                    raise DatabaseBusy("not_demo", f"{path} holds real data, not a demo; demo --force only "
                                       "replaces a demo database")
            finally:
                existing.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database(args.db, create=True)
    try:
        if not db.is_empty():
            print(f"desk: {args.db} already holds a township; use --force to replace a demo", file=sys.stderr)
            return 2
        started = time.perf_counter()
        counts = generate(db.write_factory, scale=args.scale, seed=args.seed, incidents=args.incidents)
        took = time.perf_counter() - started
    finally:
        db.dispose()
    print(f"{args.db}: {args.scale} demo written in {took:.1f} s (marked 演示数据)")
    for key, value in counts.items():
        print(f"  {key:<16} {value}")
    return 0


def existing_database(target: str):
    """The database a read-only or acting command works on; None (and a line on stderr) when the path
    holds none: such commands never create one."""
    from desk.services.database import Database, sqlite_path

    path = sqlite_path(target)
    if path is not None and not path.exists():
        print(f"desk: there is no database at {target}", file=sys.stderr)
        return None
    return Database(target, create=False)


def parse_at(text: str) -> datetime:
    """`--at 'YYYY-MM-DD HH:MM'` (Beijing time) as naive UTC; ValueError says what it takes."""
    from desk.domain.clock import to_utc

    try:
        return to_utc(datetime.strptime(text.strip(), "%Y-%m-%d %H:%M"))
    except ValueError:
        raise ValueError(f"--at takes 'YYYY-MM-DD HH:MM' (Beijing time), not {text!r}") from None


def _cmd_account(args: argparse.Namespace) -> int:
    from desk.services.accounts import SYSTEM_ACTOR, enable_totp
    from desk.services.desk import DeskServices

    db = existing_database(args.db)
    if db is None:
        return 2
    desk = DeskServices(db, SYSTEM_ACTOR)
    try:
        uri = enable_totp(desk.ops, desk.actor, args.login)
    finally:
        desk.close()
    print(f"{args.login}: second factor on. Add it to the authenticator app (shown once):\n{uri}")
    return 0


def _backup_paths(args: argparse.Namespace) -> Path | None:
    from desk.services.database import sqlite_path

    path = sqlite_path(args.db)
    if path is None:
        print("desk: backup and restore take an SQLite file here; for PostgreSQL use pg_dump and pg_restore",
              file=sys.stderr)
    return path


def _cmd_backup(args: argparse.Namespace) -> int:
    from desk.paths import data_dir
    from desk.services.backup import backup

    path = _backup_paths(args)
    if path is None:
        return 2
    done = backup(path, Path(args.out) if args.out else data_dir() / "backups", keep=args.keep)
    print(f"{done.path}: backup verified (integrity, schema, {done.audit_records} audit records chained)")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from desk.services.backup import restore

    path = _backup_paths(args)
    if path is None:
        return 2
    kept = restore(Path(args.file), path)
    print(f"{args.db}: restored from {args.file} and verified"
          + (f"; the database it replaced is kept as {kept}" if kept else ""))
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from desk.services.audit_verify import verify_audit

    db = existing_database(args.db)
    if db is None:
        return 2
    try:
        count, broken = verify_audit(db)
    finally:
        db.dispose()
    if broken is not None:
        print(f"desk: audit chain broken: {broken} ({count} records read)", file=sys.stderr)
        return 1
    print(f"audit chain sound: {count} records")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from desk.domain.clock import utcnow
    from desk.services.database import Database
    from desk.services.reads.info import info_counts

    as_of = None
    if args.at:
        try:
            as_of = parse_at(args.at)
        except ValueError as exc:
            print(f"desk: {exc}", file=sys.stderr)
            return 2
    # Read-only: never creates, never migrates; says so if the schema is behind.
    db = Database(args.db, create=False, run_migrations=False)
    try:
        counts = info_counts(db, utcnow(), as_of)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        for key, value in counts.items():
            print(f"{key:<16} {value}")
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from db.engine import current_revision, head_revision, make_engine, migrate
    from desk.services.database import check_file, sqlite_path

    path = sqlite_path(args.db)
    if path is not None:
        check_file(path, create=False)
    engine = make_engine(args.db)
    try:
        before = current_revision(engine)
        ran = migrate(engine)
        print(f"{args.db}: schema {'brought from ' + str(before) + ' to ' if ran else 'already at '}"
              f"{head_revision(engine)}")
    finally:
        engine.dispose()
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    """Import a GIS layer or the address gazetteer as the database's admin (the system actor): a command
    run on the server by whoever holds the file, on record in the audit like any other write."""
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.desk import DeskServices
    from desk.services.database import Database, sqlite_path

    path = sqlite_path(args.db)
    if path is not None and not path.exists():
        print(f"desk: there is no database at {args.db}; create one with python -m desk init --db PATH",
              file=sys.stderr)
        return 2
    if args.kind == "incidents":
        from desk.cli_incidents import run_import

        return run_import(args)
    if args.kind == "cap":
        from desk.cli_alerts import run_import_cap

        return run_import_cap(args)
    if args.kind == "residents":
        from desk.cli_visits import run_import_residents

        return run_import_residents(args)
    db = Database(args.db, create=False)
    desk = DeskServices(db, SYSTEM_ACTOR)
    try:
        if args.kind == "addresses":
            added = desk.address_import(args.file)
            print(f"{args.file}: {added.created} addresses added, {added.updated} updated")
            if added.unmatched_units:
                print(f"  村社 not in this database (kept as written): {'、'.join(added.unmatched_units)}")
            return 0
        fields = dict(_field(f) for f in args.field or [])
        result = desk.gis_import(args.file, args.layer, fields or None, repair=args.repair, township=args.township)
        print(f"{args.file}: {args.layer} layer: {result.created} created, {result.updated} updated"
              + (f", {result.overlaps} grid–cell overlaps" if result.overlaps else ""))
        if result.units_created:
            print(f"  villages/communities created: {'、'.join(result.units_created)}")
        for line in result.repairs:
            print(f"  repaired {line}")
        for line in result.warnings:
            print(f"  warning: {line}")
        return 0
    finally:
        desk.close()


def _cmd_setting(args: argparse.Namespace) -> int:
    """Read or change a database-wide setting (the base map, separation of duties) through the one write
    path, as the system actor: on record in the audit."""
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.database import Database, sqlite_path
    from desk.services.desk import DeskServices
    from desk.services.settings import current_settings, update_setting

    path = sqlite_path(args.db)
    if path is not None and not path.exists():
        print(f"desk: there is no database at {args.db}", file=sys.stderr)
        return 2
    db = Database(args.db, create=False)
    desk = DeskServices(db, SYSTEM_ACTOR)
    try:
        if args.key is not None and args.value is not None:
            update_setting(desk.ops, desk.actor, args.key, args.value)
        for key, value in current_settings(db).items():
            if args.key is None or key == args.key:
                print(f"{key} = {value}")
        return 0
    finally:
        desk.close()


def _cmd_rules(args: argparse.Namespace) -> int:
    """The milestone rules: list them, change one (`set ID limit_value=30 card=red`) or add one
    (`add code=… start_event=… stop_event=… limit_value=… unit=…`); changes are audited and re-time the
    open incidents at once."""
    from desk.domain.milestones import Rule
    from desk.services import rules
    from desk.services.accounts import SYSTEM_ACTOR

    desk = _open_desk(args.db, SYSTEM_ACTOR)
    if desk is None:
        return 2
    try:
        values = dict(_assignment(a) for a in args.values)
        if args.action == "set":
            if args.id is None:
                print("desk: rules set needs the rule's id (see python -m desk rules)", file=sys.stderr)
                return 2
            rules.update_rule(desk.ops, desk.actor, args.id, **values)
        elif args.action == "add":
            renamed = {{"start_event": "start", "stop_event": "stop", "limit_value": "limit"}.get(k, k): v
                       for k, v in values.items()}
            try:
                rule = Rule(**renamed)  # type: ignore[arg-type]  # each value checked by Rule.check
            except TypeError as exc:
                print(f"desk: rules add: {exc}", file=sys.stderr)
                return 2
            rules.add_rule(desk.ops, desk.actor, rule)
        listed = rules.list_rules(desk.db)
        if args.json:
            print(json.dumps([{"id": i, "code": r.code, "item_type": r.item_type, "nature": r.nature, "tier": r.tier,
                               "start_event": r.start, "stop_event": r.stop, "limit_value": r.limit, "unit": r.unit,
                               "calendar": r.calendar, "card": r.card, "active": r.active} for i, r in listed],
                             ensure_ascii=False, indent=1))
        else:
            for i, r in listed:
                scope = "/".join((r.item_type, r.nature, r.tier))
                print(f"{i:>3} {r.code:<13} {scope:<28} {r.start}→{r.stop:<13} {r.limit:g} {r.unit} ({r.calendar})"
                      f" card={r.card}{'' if r.active else '  [off]'}")
        return 0
    finally:
        desk.close()


def _cmd_thresholds(args: argparse.Namespace) -> int:
    """The rain thresholds that raise warning levels: list them, or set one (the township default, or a
    hazard point's own with --hazard CODE); audited."""
    from desk.domain.rainfall import EFFECTIVE
    from desk.services import emergency_ops as em
    from desk.services.accounts import SYSTEM_ACTOR

    desk = _open_desk(args.db, SYSTEM_ACTOR)
    if desk is None:
        return 2
    try:
        points = {h.code: h.id for h in desk.emergency().hazards}
        if args.action == "set":
            if args.window is None or args.level is None or args.mm is None:
                print("desk: thresholds set needs WINDOW_HOURS LEVEL MM (e.g. 1 yellow 50)", file=sys.stderr)
                return 2
            if args.hazard and args.hazard not in points:
                print(f"desk: no hazard point {args.hazard}", file=sys.stderr)
                return 2
            em.set_threshold(desk.ops, desk.actor, args.window, args.level, args.mm,
                             points.get(args.hazard) if args.hazard else None)
        with desk.db.session() as s:
            default, own = em.thresholds_for(s)
        names = {v: k for k, v in points.items()}
        rows = [("default", w, lv, mm) for w, lv, mm in default]
        rows += [(names.get(h, str(h)), w, lv, mm) for h, items in own.items() for w, lv, mm in items]
        for who, window, level, mm in sorted(rows, key=lambda r: (r[0] != "default", r[0], r[1], r[3])):
            span = "5日有效降雨" if window == EFFECTIVE else f"{window}h"
            print(f"{who:<10} {span:<10} {level:<7} {mm:g} mm")
        return 0
    finally:
        desk.close()


def _cmd_holidays(args: argparse.Namespace) -> int:
    """The holiday calendar working-day clocks count with: list a year, mark a day, or clear it."""
    from datetime import date

    from desk.services import rules
    from desk.services.accounts import SYSTEM_ACTOR

    desk = _open_desk(args.db, SYSTEM_ACTOR)
    if desk is None:
        return 2
    try:
        if args.action in ("set", "clear"):
            try:
                day = date.fromisoformat(args.day or "")
            except ValueError:
                print(f"desk: holidays {args.action} needs a day as YYYY-MM-DD, not {args.day!r}", file=sys.stderr)
                return 2
            kind = None if args.action == "clear" else args.kind
            rules.set_holiday(desk.ops, desk.actor, day, kind, args.name or "")
        for day, kind, name in rules.list_holidays(desk.db, args.year):
            print(f"{day.isoformat()} {'放假' if kind == 'holiday' else '调休上班'} {name}")
        return 0
    finally:
        desk.close()


def _open_desk(target: str, actor):
    from desk.services.database import Database, sqlite_path
    from desk.services.desk import DeskServices

    path = sqlite_path(target)
    if path is not None and not path.exists():
        print(f"desk: there is no database at {target}", file=sys.stderr)
        return None
    return DeskServices(Database(target, create=False), actor)


def _assignment(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"values are FIELD=VALUE, not {text!r}")
    converted: object = value
    if key in ("limit_value", "limit"):
        try:
            converted = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{key} must be a number, not {value!r}") from None
    elif key == "position":
        converted = int(value) if value.lstrip("-").isdigit() else value
    elif key == "active":
        converted = value.lower() in ("1", "true", "yes", "on")
    return key, converted


def _field(text: str) -> tuple[str, str]:
    target, sep, column = text.partition("=")
    if not sep or not target or not column:
        raise argparse.ArgumentTypeError(f"--field takes TARGET=COLUMN (e.g. code=adcode), not {text!r}")
    return target.strip(), column.strip()


def _cmd_bench(args: argparse.Namespace) -> int:
    if args.what == "map":
        from desk.bench_map import run_map_bench

        return run_map_bench(args.db, as_json=args.json)
    if args.what == "emergency":
        from desk.bench_emergency import run_emergency_bench

        return run_emergency_bench(args.db, as_json=args.json)
    if args.what == "queue":
        from desk.bench_queue import run_queue_bench

        return run_queue_bench(args.db, as_json=args.json)
    if args.what == "feed":
        from desk.bench import run_feed_bench

        return run_feed_bench(args.db, as_json=args.json, seconds=args.seconds)
    if args.what == "visits":
        from desk.bench_visits import run_visits_bench

        return run_visits_bench(args.db, as_json=args.json)
    from desk.bench import run_bench

    return run_bench(args.db, args.repeat)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m desk", description="Township command desk: headless commands")
    p.add_argument("--verbose", action="store_true", help="log debug detail (personal data is never logged)")
    sub = p.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="create an empty database: schema, catalogue and one admin account")
    init.add_argument("--db", required=True, help="SQLite file or database URL")
    init.add_argument("--admin", default="admin", help="login of the first admin account")
    init.set_defaults(func=_cmd_init)
    demo = sub.add_parser("demo", help="write the fictional demo township into a new database")
    demo.add_argument("--db", default=str(default_database()))
    demo.add_argument("--scale", choices=("township", "county"), default="township")
    demo.add_argument("--seed", type=int, default=20261123)
    demo.add_argument("--incidents", type=int, default=None,
                      help="how many incidents instead of the scale's own (e.g. 1000000 for ten times the county)")
    demo.add_argument("--force", action="store_true",
                      help="replace an existing demo database (refused while another seat has it open)")
    demo.set_defaults(func=_cmd_demo)
    info = sub.add_parser("info", help="print what a database holds (read-only)")
    info.add_argument("--db", default=str(default_database()))
    info.add_argument("--json", action="store_true")
    info.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'",
                      help="open, yellow and red counts as they stand (or will stand) at this Beijing time")
    info.set_defaults(func=_cmd_info)
    migrate = sub.add_parser("migrate", help="bring a database's schema up to this version")
    migrate.add_argument("--db", required=True)
    migrate.set_defaults(func=_cmd_migrate)
    bench = sub.add_parser("bench", help="timing figures (make a database with demo --scale county)")
    bench.add_argument("what", nargs="?", choices=("reads", "feed", "map", "queue", "emergency", "visits"),
                       default="reads",
                       help="reads: the read models; feed: another process writing while the desk runs; "
                            "map: the map page at this database's scale; queue: the incident queue over the "
                            "whole history; emergency: 50 gauges reading every second")
    bench.add_argument("--db", default=str(default_database()))
    bench.add_argument("--repeat", type=int, default=3)
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--seconds", type=float, default=20.0, help="feed: how long each write rate is held")
    bench.set_defaults(func=_cmd_bench)
    setting = sub.add_parser("setting", help="show or change a setting (map.base, map.mbtiles, map.xyz, map.crs, "
                                            "map.attribution, …); audited")
    setting.add_argument("key", nargs="?")
    setting.add_argument("value", nargs="?")
    setting.add_argument("--db", default=str(default_database()))
    setting.set_defaults(func=_cmd_setting)
    imp = sub.add_parser("import", help="import GIS layers or the address gazetteer (all or nothing)")
    imp.add_argument("kind", choices=("grids", "addresses", "incidents", "cap", "residents"),
                     help="grids: a GeoJSON or zipped Shapefile layer; addresses: a CSV or XLSX gazetteer; "
                          "incidents: a CSV or XLSX exported by a county platform; cap: a CAP 1.2 warning (XML); "
                          "residents: households and persons (CSV or XLSX, a row per person)")
    imp.add_argument("file")
    imp.add_argument("--db", default=str(default_database()))
    imp.add_argument("--layer", choices=("grid", "police", "unit"), default="grid",
                     help="grids: governance grids, police cells or villages/communities")
    imp.add_argument("--field", action="append", metavar="TARGET=COLUMN",
                     help="which property holds code, name, unit, households, population or officer, when the "
                          "file names them its own way (nested ones as a.b); repeatable")
    imp.add_argument("--repair", action="store_true", help="repair invalid polygons (make_valid) and report them")
    imp.add_argument("--township", help="the township's name, when the database has none yet")
    imp.set_defaults(func=_cmd_import)
    rules_p = sub.add_parser("rules", help="the milestone rules (clocks in minutes, hours, days, working days): "
                                           "list, set ID FIELD=VALUE…, add FIELD=VALUE…; audited")
    rules_p.add_argument("action", nargs="?", choices=("list", "set", "add"), default="list")
    rules_p.add_argument("id", nargs="?", type=int)
    rules_p.add_argument("values", nargs="*", metavar="FIELD=VALUE")
    rules_p.add_argument("--db", default=str(default_database()))
    rules_p.add_argument("--json", action="store_true")
    rules_p.set_defaults(func=_cmd_rules)
    thr = sub.add_parser("thresholds", help="the rain thresholds that raise warning levels: list, or set WINDOW_HOURS "
                                            "LEVEL MM [--hazard CODE] (window 1, 3, 6, 24, or 120 for the 5-day "
                                            "effective rainfall); audited")
    thr.add_argument("action", nargs="?", choices=("list", "set"), default="list")
    thr.add_argument("window", nargs="?", type=int)
    thr.add_argument("level", nargs="?", choices=("blue", "yellow", "orange", "red"))
    thr.add_argument("mm", nargs="?", type=float)
    thr.add_argument("--hazard", metavar="CODE", help="a hazard point's own threshold instead of the default")
    thr.add_argument("--db", default=str(default_database()))
    thr.set_defaults(func=_cmd_thresholds)
    hol = sub.add_parser("holidays", help="the holiday calendar for working-day clocks: list, set DAY, clear DAY")
    hol.add_argument("action", nargs="?", choices=("list", "set", "clear"), default="list")
    hol.add_argument("day", nargs="?", help="YYYY-MM-DD")
    hol.add_argument("--kind", choices=("holiday", "workday"), default="holiday",
                     help="holiday: a day off; workday: a weekend day worked instead (调休上班)")
    hol.add_argument("--name", help="e.g. 元旦")
    hol.add_argument("--year", type=int)
    hol.add_argument("--db", default=str(default_database()))
    hol.set_defaults(func=_cmd_holidays)
    warns = sub.add_parser("warnings", help="the warnings in force (with --all, expired and cancelled ones too); "
                                           "--cap ID writes one as CAP 1.2")
    warns.add_argument("--db", default=str(default_database()))
    warns.add_argument("--json", action="store_true")
    warns.add_argument("--all", action="store_true")
    warns.add_argument("--cap", metavar="ID", help="export this warning (its id or CAP identifier) as CAP 1.2 XML")
    warns.add_argument("--out", help="with --cap: the file to write (default: standard output)")
    warns.set_defaults(func=_lazy("desk.cli_alerts", "run_warnings"))
    drill = sub.add_parser("drill", help="run a flood or landslide drill from a scenario (headless, its data marked "
                                         "演练 and kept apart), or list past drills with their scores")
    drill.add_argument("action", choices=("run", "list"))
    drill.add_argument("scenario", nargs="?", help="run: the scenario file (JSON; examples in resources/drills)")
    drill.add_argument("--db", default=str(default_database()))
    drill.add_argument("--login", default="", help="run: the account the drill acts as (an operator)")
    drill.add_argument("--speed", type=float, default=60.0, help="run: times real time, up to 600 headless")
    drill.add_argument("--report", help="run: write the after-action report here (PDF)")
    drill.set_defaults(func=_lazy("desk.cli_drill", "run_drill"))
    export = sub.add_parser("export", help="paperwork for overdue items: the ledger (XLSX), the weekly list, "
                                          "reminder slips and supervision sheets (PDF)")
    export.add_argument("kind", choices=("ledger", "weekly", "reminders", "supervision", "hazard-cards"))
    export.add_argument("--hazard", action="append", metavar="CODE",
                        help="hazard-cards: only these hazard points (repeatable; default all)")
    export.add_argument("--db", default=str(default_database()))
    export.add_argument("--out", required=True, help="the file to write (.xlsx for the ledger, .pdf otherwise)")
    export.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="as of this Beijing time (default: now)")
    export.set_defaults(func=_lazy("desk.cli_export", "run_export"))
    review = sub.add_parser("review", help="after closing: draw follow-up checks (回头看) or the month's 10%% "
                                          "quality sample, list them, record a verdict; audited")
    review.add_argument("action", choices=("draw", "list", "record"))
    review.add_argument("--db", default=str(default_database()))
    review.add_argument("--kind", choices=("quality", "follow_up"), default="quality")
    review.add_argument("--month", metavar="YYYY-MM", help="the month whose closed incidents are drawn "
                                                           "(default: last month)")
    review.add_argument("--code", help="record: the incident's code")
    review.add_argument("--verdict", help="record: the reviewer's verdict")
    review.add_argument("--note", default="")
    review.add_argument("--json", action="store_true")
    review.add_argument("--login", required=True, help="the account the command acts for (a leader or operator); "
                                                       "audited under its name")
    review.set_defaults(func=_lazy("desk.cli_review", "run_review"))
    acct = sub.add_parser("account", help="accounts: switch the TOTP second factor on for a login (prints the "
                                          "otpauth:// link for the authenticator app once)")
    acct.add_argument("action", choices=("totp",))
    acct.add_argument("login")
    acct.add_argument("--db", default=str(default_database()))
    acct.set_defaults(func=_cmd_account)
    bkp = sub.add_parser("backup", help="an online backup of an SQLite database, verified (integrity, schema, "
                                        "audit chain), the oldest beyond --keep removed")
    bkp.add_argument("--db", default=str(default_database()))
    bkp.add_argument("--out", help="the backup folder (default: backups beside the desk's data)")
    bkp.add_argument("--keep", type=int, default=14)
    bkp.set_defaults(func=_cmd_backup)
    rst = sub.add_parser("restore", help="put a verified backup in place of the database (refused while a seat "
                                         "has it open; the replaced database is kept beside it)")
    rst.add_argument("file")
    rst.add_argument("--db", default=str(default_database()))
    rst.set_defaults(func=_cmd_restore)
    stress = sub.add_parser("stress", help="write incidents one by one, each code printed after its commit "
                                           "(for crash tests: kill it, every printed code is on disk)")
    stress.add_argument("action", choices=("write",))
    stress.add_argument("--db", default=str(default_database()))
    stress.add_argument("--count", type=int, default=1000)
    stress.add_argument("--login", default="duty", help="the operator account that registers them")
    stress.set_defaults(func=_lazy("desk.cli_stress", "run_stress"))
    audit = sub.add_parser("audit", help="verify the audit trail's hash chain: names the first record altered or "
                                         "missing (read-only)")
    audit.add_argument("action", choices=("verify",))
    audit.add_argument("--db", default=str(default_database()))
    audit.set_defaults(func=_cmd_audit)
    visits = sub.add_parser("visits", help="home visits: the households and persons overdue or due within the "
                                           "week (names masked)")
    visits.add_argument("action", choices=("due",))
    visits.add_argument("--db", default=str(default_database()))
    visits.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="as of this Beijing time (default: now)")
    visits.add_argument("--officer", metavar="CODE", help="only this community officer's (staff code)")
    visits.add_argument("--grid", metavar="CODE", help="only this grid's")
    visits.add_argument("--group", metavar="CODE", help="only this group's, e.g. released_prisoner, household")
    visits.add_argument("--json", action="store_true")
    visits.set_defaults(func=_lazy("desk.cli_visits", "run_visits"))
    return p


def _lazy(module: str, name: str):
    """A command whose code is imported only when it runs (start-up of the others stays fast)."""
    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), name)(args) or 0)

    return run


def main(argv: list[str] | None = None) -> int:
    from desk.services.errors import DeskError

    args = build_parser().parse_args(argv)
    try:
        from desk.logs import configure_logging

        configure_logging(verbose=args.verbose)
    except ImportError:  # pragma: no cover - the UI helper's module; logging then stays default
        pass
    try:
        return int(args.func(args) or 0)
    except DeskError as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that cannot be written, a full disk
        print(f"desk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
