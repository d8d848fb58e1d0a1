"""Small shared widgets: card badges, warning-level banner, panels."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout,
                               QWidget)

from desk.domain.clock import to_local

from desk.ui.labels import label


def restyle(w: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    w.style().unpolish(w)
    w.style().polish(w)
    w.update()


class CardBadge(QLabel):
    """A card-shaped badge: 黄牌 / 红牌. Empty for no card."""

    def __init__(self, card: str = "none", parent: QWidget | None = None):
        super().__init__(parent)
        self.set_card(card)

    def set_card(self, card: str) -> None:
        card = getattr(card, "value", card)
        self.setProperty("card", card)
        self.setText(label("card", card) if card != "none" else "")
        restyle(self)


def demo_caption() -> str:
    """演示数据, for window titles and anywhere a DemoMark does not fit."""
    return QCoreApplication.translate("DemoMark", "Demo data")


class DemoMark(QLabel):
    """演示数据: says the database holds the fictional demo township. Shown on every screen of a demo
    database (status bar, wall header) and hidden on a real one; `set_demo` follows a reload."""

    def __init__(self, demo: bool = True, parent: QWidget | None = None):
        super().__init__(demo_caption(), parent)
        self.setProperty("demo", True)
        self.setToolTip(self.tr("This database holds a fictional demo township, not real data"))
        self.setAccessibleName(self.text())
        self._demo = True
        self.set_demo(demo)

    @property
    def demo(self) -> bool:
        return self._demo

    def set_demo(self, demo: bool) -> None:
        self._demo = bool(demo)
        self._apply()

    def _apply(self) -> None:
        if not self._demo:
            self.hide()
        elif self.parentWidget() is not None:
            self.show()
        # Without a parent, show() would open a window of its own; the layout that adopts it shows it.

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ParentChange and hasattr(self, "_demo"):  # not yet during __init__
            self._apply()
        return super().event(e)


class LevelBanner(QFrame):
    """The current warning level as a wide banner with a triangle; never shaped like a card."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("level", "none")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        self.triangle = QLabel("⚠")
        self.triangle.setProperty("role", "big")
        self.text = QLabel()
        self.text.setProperty("role", "title")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        col = QVBoxLayout()
        col.addWidget(self.text)
        col.addWidget(self.detail)
        lay.addWidget(self.triangle)
        lay.addLayout(col, 1)

    def set_level(self, level: str, detail: str = "") -> None:
        level = getattr(level, "value", level)
        self.setProperty("level", level)
        self.triangle.setVisible(level != "none")
        self.text.setText(self.tr("Warning level: %1").replace("%1", label("level", level)))
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        restyle(self)
        for child in self.findChildren(QLabel):
            restyle(child)


class Panel(QFrame):
    def __init__(self, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("panel", True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(10, 8, 10, 10)
        if title:
            self.title = QLabel(title)
            self.title.setProperty("role", "title")
            self.body.addWidget(self.title)


def stat_tiles(entries: list[tuple[str, str]], centered: bool = False,
               cards: tuple[str, ...] = ()) -> tuple[QGridLayout, dict[str, QLabel]]:
    """A row of big-number tiles with captions; keys named in `cards` are drawn as card badges."""
    grid = QGridLayout()
    values: dict[str, QLabel] = {}
    for i, (key, caption_text) in enumerate(entries):
        panel = Panel()
        value = QLabel()
        value.setProperty("role", "big")
        caption = QLabel(caption_text)
        if centered:
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            caption.setProperty("role", "muted")
        if key in cards:
            value.setProperty("card", key)
        panel.body.addWidget(value)
        panel.body.addWidget(caption)
        values[key] = value
        grid.addWidget(panel, 0, i)
    return grid, values


class ClockLabel(QLabel):
    """Beijing time, whatever the machine's zone, like every other time on the desk."""

    def __init__(self, utc_now: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self._utc_now = utc_now
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(1000)
        self.tick()

    def tick(self) -> None:
        self.setText(f"{to_local(self._utc_now()):%Y-%m-%d %H:%M:%S}")


def read_only_table(headers: list[str]) -> tuple[QTableView, QStandardItemModel]:
    """A small read-only table (tens of rows) with its model."""
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, model


def titled(title: str, widget: QWidget) -> QWidget:
    """A widget under a title line."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    head = QLabel(title)
    head.setProperty("role", "title")
    lay.addWidget(head)
    lay.addWidget(widget, 1)
    return box
