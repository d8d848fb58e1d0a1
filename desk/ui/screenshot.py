"""Render a view or the wall offscreen and save it as a PNG."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSize
from PySide6.QtWidgets import QApplication, QLayout, QWidget

MAP_WAIT_MS = 30_000
SETTLE_MS = 1_500  # let Chromium paint the tiles of vector layers after `ready`


def _wait(ms: int) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QApplication.processEvents()


def wait_for_map(map_view, timeout_ms: int = MAP_WAIT_MS) -> bool:
    timer = QElapsedTimer()
    timer.start()
    while not map_view.ready and timer.elapsed() < timeout_ms:
        QApplication.processEvents()
    if map_view.ready:
        _wait(SETTLE_MS)
    return map_view.ready


def capture(window: QWidget, path: Path, size: QSize, map_view=None) -> Path:
    if window.layout() is not None:
        # The picture must be the size asked for, even if the layout would like more room.
        window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(1, 1)
    window.resize(size)
    window.show()
    _wait(300)
    if map_view is not None and not wait_for_map(map_view):
        raise TimeoutError("the map page did not become ready")
    _wait(300)
    image = window.grab().toImage()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
