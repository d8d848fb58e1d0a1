"""GUI entry point: python main.py [--db PATH] [--user LOGIN] [--wall [--screen N]] [--lang zh_CN|en]
[--screenshot FILE [--view ...] [--size WxH]]."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, SignalInstance
    from PySide6.QtWidgets import QApplication, QWidget

    from desk.services.desk import DeskServices
    from desk.ui.backup_schedule import BackupSchedule
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.idle_lock import IdleLock

log = logging.getLogger("desk.ui")

VIEWS = ("map", "queue", "boards", "agenda", "emergency", "visits", "wall")
SETTLE_HEAP_MS = 5_000  # after start-up: see settle_heap


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from desk.paths import default_database

    p = argparse.ArgumentParser(prog="desk", description="Township command desk")
    p.add_argument("--db", default=None, help=f"SQLite file or database URL (default {default_database()})")
    p.add_argument("--user", default=None, help="open as this account without signing in: the demo and tests only")
    p.add_argument("--wall", action="store_true", help="full-screen, read-only wall display")
    p.add_argument("--screen", type=int, default=None, help="screen number for the wall")
    p.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    p.add_argument("--screenshot", type=Path, default=None, help="render offscreen to this PNG and exit")
    p.add_argument("--view", choices=VIEWS, default="map", help="what --screenshot shows")
    p.add_argument("--size", default="1600x1000", help="window size for --screenshot, WxH")
    p.add_argument("--drill", type=Path, default=None, metavar="SCENARIO",
                   help="with --screenshot --view emergency: a drill rehearsed to --drill-at minutes (on the "
                        "drill's own data, as in the desk)")
    p.add_argument("--drill-at", type=int, default=20, metavar="MINUTES")
    p.add_argument("--verbose", action="store_true", help="log details (to the log file and stderr)")
    args = p.parse_args(argv)
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
        if w < 200 or h < 150:
            raise ValueError
    except ValueError:
        p.error(f"--size must look like 1600x1000, not {args.size!r}")
    args.width, args.height = w, h
    # Only the default database may be created (with the demo in it) on first start; a path given
    # on the command line must already be a desk database, so a typo is refused, not filled.
    args.default_db = args.db is None
    if args.db is None:
        args.db = str(default_database())
    return args


def prepare_environment(offscreen: bool) -> None:
    """Before QApplication: headless platform for screenshots, Chromium flags for WebEngine."""
    if offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    needed = ["--disable-gpu"] if os.environ.get("QT_QPA_PLATFORM") == "offscreen" else []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        needed.append("--no-sandbox")  # Chromium refuses to sandbox as root
    for flag in needed:
        if flag not in flags:
            flags = f"{flags} {flag}".strip()
    if flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags


def create_application(argv: list[str]) -> QApplication:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401  (must load before QApplication)
    from PySide6.QtWidgets import QApplication

    from desk.map.tiles import register_scheme

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        register_scheme()  # the MBTiles base map's URL scheme: WebEngine must know it before the app exists
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv)
    app.setApplicationName("desk")
    app.setOrganizationName("desk")
    return app


def build_window(desk: DeskServices, bridge: ChangeBridge, wall: bool, view: str = "map") -> QWidget:
    """The wall, or the desk opened on `view` (the only view built at start)."""
    if wall:
        from desk.ui.wall import WallWindow

        return WallWindow(desk, bridge)
    from desk.ui.main_window import MainWindow

    return MainWindow(desk, bridge, view=view)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from desk.logs import configure_logging

    configure_logging(verbose=args.verbose)
    wall = args.wall or (args.screenshot is not None and args.view == "wall")
    prepare_environment(offscreen=args.screenshot is not None)
    app = create_application([sys.argv[0]])

    from PySide6.QtCore import QTimer

    from desk.ui import i18n, theme
    from desk.ui.change_bridge import ChangeBridge

    i18n.install(app, args.lang)
    theme.apply(app, "dark" if wall else "light")
    desk = _open(args, wall)
    if desk is None:
        return 2
    name_item_types(desk)
    bridge = ChangeBridge(desk)
    window = build_window(desk, bridge, wall, view=args.view if args.screenshot is not None and not wall else "map")
    if args.screenshot is not None:
        code = _screenshot(args, window, wall)
        shut_down(window, bridge, desk)
        return code
    if wall:
        screens = app.screens()
        if args.screen is not None:
            if not 0 <= args.screen < len(screens):
                print(f"desk: no screen {args.screen}; this machine has {len(screens)}", file=sys.stderr)
                shut_down(window, bridge, desk)
                return 2
            window.setScreen(screens[args.screen])
            window.move(screens[args.screen].geometry().topLeft())
        window.showFullScreen()
    else:
        window.resize(1600, 1000)
        window.show()
    # Once the first view has drawn (a county's queue is read in under two seconds), not before it.
    QTimer.singleShot(SETTLE_HEAP_MS, settle_heap)
    from desk.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector(app)
    schedule = daily_backups(desk, app)
    idle = idle_lock(desk, window)
    code = app.exec()
    if schedule is not None:
        schedule.stop()
    if idle is not None:
        idle.stop()
    collector.stop()
    shut_down(window, bridge, desk)
    return code


def idle_lock(desk: DeskServices, window: QWidget) -> IdleLock | None:
    """A desk someone signed in to locks itself after ten idle minutes (a demo and the wall never do)."""
    if not desk.signed_in:
        return None
    from desk.services.accounts import sign_in
    from desk.services.reads.overdue_items import township_name
    from desk.ui.idle_lock import IdleLock

    return IdleLock(window, desk.actor.login, township_name(desk.db),
                    lambda login, password, code: sign_in(desk.ops, login, password, code))


def daily_backups(desk: DeskServices, parent: QObject) -> BackupSchedule | None:
    """The desk's daily backup of a real township's SQLite database (see desk/ui/backup_schedule.py)."""
    from PySide6.QtCore import QTimer

    from desk.paths import data_dir
    from desk.services.database import sqlite_path
    from desk.ui.backup_schedule import BackupSchedule

    path = sqlite_path(str(desk.db.target))
    if path is None or desk.is_demo() or not desk.has_township():
        return None
    schedule = BackupSchedule(path, data_dir() / "backups", parent)
    QTimer.singleShot(30_000, schedule.check)  # once the desk has settled
    return schedule


def _screenshot(args: argparse.Namespace, window: QWidget, wall: bool) -> int:
    from PySide6.QtCore import QSize

    from desk.ui.screenshot import capture

    loaded: list[tuple[SignalInstance, int]] = []
    if wall:
        map_view = window.map  # type: ignore[attr-defined]
        # Its counts and its emergency panel, each read once, and its queue.
        loaded += [(window.loaded, 2), (window.queue.loaded, 1)]  # type: ignore[attr-defined]
    else:
        shown = window.show_view(args.view)  # type: ignore[attr-defined]  # None on the first-run page
        map_view = shown if args.view == "map" else None
        if args.drill is not None and args.view == "emergency" and shown is not None:
            if not _rehearse(shown, args.drill, args.drill_at):
                return 2
            loaded.append((shown.loaded, 1))  # the drill's read (newer than its own first, which is dropped)
        elif shown is not None and hasattr(shown, "loaded"):
            loaded.append((shown.loaded, 1))
    try:
        path = capture(window, args.screenshot, QSize(args.width, args.height), map_view, loaded)
    except (TimeoutError, OSError) as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


def _rehearse(view: QWidget, scenario_path: Path, minutes: int) -> bool:
    """Start a rehearsal of the scenario in the emergency view and run it to `minutes` (for screenshots)."""
    from datetime import timedelta

    from desk.domain.drill import ScenarioError, parse_scenario
    from desk.services.errors import DeskError

    try:
        scenario = parse_scenario(scenario_path.read_bytes())
        view.start_drill(scenario, 60, rehearse=True)  # type: ignore[attr-defined]
        view._drill_timer.stop()  # type: ignore[attr-defined]  # the picture is of this moment
        view.runner.advance(timedelta(minutes=minutes))  # type: ignore[attr-defined]
    except (OSError, ScenarioError, DeskError) as exc:
        print(f"desk: {scenario_path}: {exc}", file=sys.stderr)
        return False
    view.reload()  # type: ignore[attr-defined]
    return True


def _open(args: argparse.Namespace, wall: bool) -> DeskServices | None:
    """The desk over the database, or None once the operator has been told why not (one line on
    stderr, and a message box unless this is a screenshot run)."""
    from desk.services.desk import open_desk
    from desk.ui.errors import describe

    try:
        if args.default_db:
            return open_desk(args.db, login=args.user or "duty", wall=wall, create_demo=True)
        return _signed_in(args, wall)
    except Exception as exc:
        if getattr(exc, "code", None) is None:
            # Not a refusal the desk words: keep the details in the log, not on the operator's screen.
            log.error("opening %s failed: %s", args.db, type(exc).__name__, exc_info=True)
            line = f"{args.db}: could not be opened ({type(exc).__name__}); see the log"
        else:
            line = " ".join(str(exc).split())
        print(f"desk: {line}", file=sys.stderr)
        if args.screenshot is None:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, QCoreApplication.translate("MainWindow", "Township command desk"),
                                 describe(exc))
        return None


TEST_SEATS = "DESK_TEST_SEATS"  # set by the test suite: --user may open a real township there


def _signed_in(args: argparse.Namespace, wall: bool = False) -> DeskServices | None:
    """A demo opens as its duty operator (or `--user`), its wall as the read-only wall; a real township's
    desk opens only after sign-in, its wall only with a wall account, and `--user` is refused there
    outside the test suite."""
    from desk.domain.permissions import Actor
    from desk.services.accounts import WALL_ACTOR, actor_for, sign_in
    from desk.services.database import Database
    from desk.services.desk import DeskServices
    from desk.services.errors import DeskError

    db = Database(args.db, create=False)
    try:
        demo = db.is_demo()

        def for_this_seat(actor: Actor) -> Actor:
            if wall and actor.role != "wall":
                raise DeskError("wall_account_required", "the wall signs in with a wall account (read-only)")
            return actor

        if demo and wall and not args.user:
            return DeskServices(db, WALL_ACTOR)
        if demo or (args.user and os.environ.get(TEST_SEATS)):
            return DeskServices(db, for_this_seat(actor_for(db, args.user or "duty")))
        if args.user:
            raise DeskError("sign_in_required", f"--user opens only a demo database; {args.db} is a real township's: "
                            "sign in at the desk")
        if args.screenshot is not None:
            raise DeskError("sign_in_required", f"{args.db} is a real township's database: a screenshot of it needs "
                            "a signed-in seat")
        from desk.services.hub import ChangeHub
        from desk.services.operations import Operations
        from desk.services.reads.overdue_items import township_name
        from desk.ui.sign_in import SignInDialog

        ops = Operations(db, ChangeHub(), utcnow_clock())
        dialog = SignInDialog(township_name(db), lambda login, password, code: for_this_seat(
            sign_in(ops, login, password, code)))
        if dialog.exec() != dialog.DialogCode.Accepted or dialog.actor is None:
            db.dispose()
            return None
        desk = DeskServices(db, dialog.actor)
        desk.signed_in = True  # the window locks itself when left idle
        return desk
    except BaseException:
        db.dispose()
        raise


def utcnow_clock():
    from desk.domain.clock import utcnow

    return utcnow


def name_item_types(desk: DeskServices) -> None:
    """Item types are catalogue codes: labels show their names from this database's catalogue."""
    from desk.ui.labels import use_catalogue

    try:
        use_catalogue(desk.catalogue())
    except Exception as exc:  # the shipped catalogue names them instead
        log.warning("reading the catalogue of matters failed: %s", type(exc).__name__)


def settle_heap() -> None:
    """After start-up: what the desk built so far (Qt wrappers, SQLAlchemy's mappers, the catalogue,
    the views) lives as long as the process. Frozen out of the cyclic collector, it is not walked again
    by every full collection while other seats write: at county scale a full collection paused the GUI
    thread for 90–100 ms, 10 ms once frozen (feed benchmark). `gc.unfreeze()` undoes it."""
    import gc

    gc.collect()
    gc.freeze()


def shut_down(window: QWidget, bridge: ChangeBridge, desk: DeskServices) -> None:
    """Web pages must be gone before the QApplication and its WebEngine profile are; reads still
    running on a worker must end before their database is closed."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from desk.ui.worker import wait_for_idle

    bridge.stop()
    views = getattr(window, "views", None)
    if views is not None and views.is_built("emergency"):
        views["emergency"].abandon_drill()  # a drill left running would block the next one
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    wait_for_idle()
    desk.close()
