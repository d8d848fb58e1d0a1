"""Every test gets its own copy of the demo database; Qt runs offscreen with WebEngine headless."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.debug=false")

import pytest  # noqa: E402

from datetime import datetime  # noqa: E402

# One fixed "now" for every run (10:00 Beijing time on a Monday), so the demo's open cards, shifts and
# deadlines are the same on every machine and at every hour; tests move the `clock` fixture instead.
NOW = datetime(2026, 11, 23, 2, 0, 0)


def pytest_configure(config):
    # `--user` may open a real township's database in the tests' own seats (never outside them).
    import os

    os.environ["DESK_TEST_SEATS"] = "1"
    # WebEngine must be imported, and GL contexts shared, before the QApplication exists.
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401

    from desk.map.tiles import register_scheme

    register_scheme()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from db.demo import generate
    from desk.services.database import Database

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    db = Database(path)
    generate(db.write_factory, scale="township", now=NOW)
    with db.engine.connect() as conn:  # fold the WAL into the file so a plain copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def db_path(demo_template, tmp_path) -> Path:
    path = tmp_path / "desk.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def clock():
    """A clock the test can move: starts at the demo's now."""

    class Clock:
        def __init__(self):
            self.now = NOW

        def __call__(self):
            return self.now

    return Clock()


@pytest.fixture
def desk(db_path, clock):
    from desk.services.desk import open_desk

    d = open_desk(db_path, login="duty", clock=clock)
    yield d
    d.close()


@pytest.fixture
def wall_desk(db_path, clock):
    from desk.services.desk import open_desk

    d = open_desk(db_path, wall=True, clock=clock)
    yield d
    d.close()


@pytest.fixture
def zh_app(qapp):
    """The app as operators see it: Simplified Chinese, light theme."""
    from desk.ui import i18n, theme

    translators = i18n.install(qapp, "zh_CN")
    theme.apply(qapp, "light")
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture(autouse=True)
def _delete_widgets_after_each_test():
    """Web pages must die before the WebEngine profile does at exit; widgets never leak across tests."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    widgets = app.topLevelWidgets()
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if not widgets:
        return  # no widgets, no Qt garbage to speak of: the collection below costs a tenth of a second
    # What the test left in reference cycles (pyqtgraph items, closed dialogs) is collected here, on the
    # GUI thread: left for later, a collection triggered on a worker thread would destroy Qt objects there
    # (seen once as a segmentation fault in the map tests that followed the emergency view's).
    import gc

    gc.collect()
