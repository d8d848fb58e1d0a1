"""Reads run on a worker thread and come back on the GUI thread; the newest request wins; a destroyed
receiver never gets a result."""
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from desk.ui.worker import Reads, wait_for_idle


@pytest.fixture
def owner(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def test_result_comes_back_on_the_gui_thread(owner, qtbot):
    reads = Reads(owner)
    threads = {}

    def read():
        threads["read"] = threading.current_thread()
        return 42

    got = []

    def done(value):
        threads["done"] = threading.current_thread()
        got.append(value)

    with qtbot.waitSignal(reads.delivered, timeout=5000) as sig:
        reads.run("answer", read, done)
    assert sig.args == ["answer"]
    assert got == [42]
    assert threads["read"] is not threading.main_thread()
    assert threads["done"] is threading.main_thread()
    assert not reads.busy()


def test_an_exception_is_delivered_to_the_error_callback(owner, qtbot):
    reads = Reads(owner)
    errors = []

    def read():
        raise LookupError("no such incident")

    with qtbot.waitSignal(reads.failed, timeout=5000) as sig:
        reads.run("detail", read, lambda v: pytest.fail("no result expected"), errors.append)
    assert isinstance(errors[0], LookupError) and str(errors[0]) == "no such incident"
    assert sig.args[0] == "detail" and sig.args[1] is errors[0]


def test_newest_request_wins(owner, qtbot):
    reads = Reads(owner)
    gate = threading.Event()
    started = threading.Event()
    ran = []

    def slow():
        started.set()
        gate.wait(5)
        ran.append("first")
        return "first"

    def never():
        ran.append("second")
        return "second"

    got = []
    reads.run("queue", slow, got.append)
    assert started.wait(5)
    reads.run("queue", never, got.append)  # waits behind the running read …
    reads.run("queue", lambda: ran.append("third") or "third", got.append)  # … and is replaced by this one
    assert reads.busy("queue") and not reads.busy("agenda")
    # Another key is independent of the queue's requests.
    other = []
    with qtbot.waitSignal(reads.delivered, timeout=5000, check_params_cb=lambda k: k == "agenda"):
        reads.run("agenda", lambda: "agenda", other.append)
    assert other == ["agenda"]
    with qtbot.waitSignal(reads.delivered, timeout=5000, check_params_cb=lambda k: k == "queue"):
        gate.set()
    assert got == ["third"]  # the first read finished but was older than a later request
    assert ran == ["first", "third"]  # the second never ran
    assert not reads.busy()


def test_no_result_reaches_a_destroyed_receiver(qtbot):
    doomed = QWidget()
    reads = Reads(doomed)
    gate = threading.Event()
    started = threading.Event()
    got = []

    def slow():
        started.set()
        gate.wait(5)
        return "late"

    reads.run("queue", slow, got.append)
    assert started.wait(5)
    doomed.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    assert wait_for_idle()
    # Results arrive in order: once a later read is delivered, the doomed one has been routed.
    survivor = QWidget()
    qtbot.addWidget(survivor)
    later = Reads(survivor)
    with qtbot.waitSignal(later.delivered, timeout=5000):
        later.run("probe", lambda: 1, lambda v: None)
    assert got == []


def test_many_views_reading_at_once_each_get_their_own_result(owner, qtbot):
    readers = [Reads(owner) for _ in range(6)]
    got: dict[int, int] = {}
    with qtbot.waitSignals([r.delivered for r in readers], timeout=5000):
        for i, r in enumerate(readers):
            r.run("x", lambda i=i: i * i, lambda v, i=i: got.__setitem__(i, v))
    assert got == {i: i * i for i in range(6)}


def test_settle_waits_until_every_read_of_a_window_is_drawn(owner, qtbot):
    from desk.ui.worker import settle

    child = QWidget(owner)
    first, second = Reads(owner), Reads(child)
    got = []
    # A result that asks for one more read, like the queue catching up with changes that came meanwhile.
    first.run("a", lambda: 1, lambda v: (got.append(v), second.run("b", lambda: 2, got.append)))
    assert settle(owner, timeout_ms=5000)
    assert got == [1, 2] and not first.busy() and not second.busy()
    assert settle(owner, timeout_ms=0)  # nothing running: at once



def test_the_status_bar_counts_on_a_worker(qapp, desk, qtbot):
    from desk.ui import i18n, theme
    from desk.ui.change_bridge import ChangeBridge
    from desk.ui.status_bar import DeskStatusBar

    translators = i18n.install(qapp, "en")
    theme.apply(qapp, "light")
    calls: list[bool] = []
    status = desk.status

    def recorded():
        calls.append(threading.current_thread() is threading.main_thread())
        return status()

    desk.status = recorded
    bridge = ChangeBridge(desk, poll=False, clock=False)
    try:
        bar = DeskStatusBar(desk, bridge)
        qtbot.addWidget(bar)
        assert bar.red.text() == ""  # nothing counted on the GUI thread while it was built
        with qtbot.waitSignal(bar.loaded, timeout=10000):
            pass
        assert calls == [False]  # counted once, off the GUI thread
        counts = status()
        assert bar.red.text() == f"Open red cards: {counts.open_red}"
        assert bar.yellow.text() == f"Yellow: {counts.open_yellow}"
        assert bar.on_duty.text() == f"On duty: {counts.on_duty}"
    finally:
        bridge.stop()
        for t in translators:
            qapp.removeTranslator(t)
