"""Render a view or the wall offscreen and save it as a PNG.

Every wait ends on an event: the map page's `ready`, then requestAnimationFrame round trips through
the page until what Qt shows of it stops changing (Chromium hands its frames to Qt a frame or two
after painting them); widgets need only their posted events (layout, polish) delivered. A timeout
turns a page that never comes up into an error, not a hang."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, QTimer, SignalInstance
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLayout, QWidget

if TYPE_CHECKING:
    from desk.ui.map_view import MapView

MAP_WAIT_MS = 30_000
LOAD_WAIT_MS = 30_000  # views read their data on worker threads
FRAME_WAIT_MS = 5_000
SETTLE_FRAMES = 60  # about a second of frames; a page still changing then is animating: take it


class SignalWaiter:
    """Counts emissions of some signals from the moment it is made, so nothing delivered between
    making it and waiting is missed; `wait` runs the event loop until each signal has fired as many
    times as asked (True) or the time is up (False)."""

    def __init__(self, wanted: Sequence[tuple[SignalInstance, int]]):
        self._loop = QEventLoop()
        self._missing = [count for _signal, count in wanted]
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = []
        for i, (signal, _count) in enumerate(wanted):
            def fired(*_args: object, i: int = i) -> None:
                self._missing[i] -= 1
                if self.done:
                    self._loop.quit()

            signal.connect(fired)
            self._connections.append((signal, fired))

    @property
    def done(self) -> bool:
        return all(n <= 0 for n in self._missing)

    def wait(self, timeout_ms: int) -> bool:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(self._loop.quit)
        try:
            if not self.done:
                timer.start(timeout_ms)
                self._loop.exec()
        finally:
            timer.stop()
            for signal, slot in self._connections:
                signal.disconnect(slot)
            self._connections.clear()
        return self.done


def wait_signal(signal: SignalInstance, timeout_ms: int) -> bool:
    """Run the event loop until `signal` fires (True) or `timeout_ms` passes (False)."""
    return SignalWaiter([(signal, 1)]).wait(timeout_ms)


def _flat(image: QImage) -> bool:
    first = image.pixel(0, 0)
    step = max(1, min(image.width(), image.height()) // 40)
    return all(image.pixel(x, y) == first for x in range(0, image.width(), step)
               for y in range(0, image.height(), step))


def wait_for_map(map_view: MapView, timeout_ms: int = MAP_WAIT_MS) -> bool:
    """Until the page has drawn the current data and Qt shows it as painted: after a frame round trip
    through the page, the map looks the same as after the one before, and not blank."""
    widget = map_view.map
    # Ready is not enough: the incidents, overlays and fill are read on a worker and pushed after it.
    if not map_view.is_drawn and not wait_signal(map_view.drawn, timeout_ms):
        return False
    previous: QImage | None = None
    for _ in range(SETTLE_FRAMES):
        widget.request_frame()
        if not wait_signal(widget.frame_painted, FRAME_WAIT_MS):
            return False
        image = widget.grab().toImage()
        if image == previous and not _flat(image):
            break
        previous = image
    return True


LAYOUT_PASSES = 6  # a scroll area adopting new cards settles in two or three passes; this bounds it


def flush() -> None:
    """Deliver what showing, resizing and newly drawn data posted (layout requests, polish), so the grab
    is laid out. Each layout pass can post the next (a scroll area resizing its widget, the widget's
    layout placing the cards), so a fixed number of passes, not a timer."""
    for _ in range(LAYOUT_PASSES):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def capture(window: QWidget, path: Path, size: QSize, map_view: MapView | None = None,
            loaded: Sequence[tuple[SignalInstance, int]] = ()) -> Path:
    """Show `window` at `size`, wait until the views have drawn their data (`loaded`: signals and how
    many times each must fire) and the map, if any, is painted; save the picture as a PNG."""
    data = SignalWaiter(loaded)  # before anything runs the event loop, so no result slips past
    layout = window.layout()
    if layout is not None:
        # The picture must be the size asked for, even if the layout would like more room.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(1, 1)
    window.resize(size)
    window.show()
    flush()
    if not data.wait(LOAD_WAIT_MS):
        raise TimeoutError("the view did not load its data")
    if map_view is not None and not wait_for_map(map_view):
        raise TimeoutError("the map page did not become ready")
    flush()
    image = window.grab().toImage()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # PySide's type hints ask for bytes here, but at run time it accepts only str.
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write {path}")
    return path
