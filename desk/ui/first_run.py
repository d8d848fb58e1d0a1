"""The first-run page: what a new, empty production database (`python -m desk init`) needs next.

It names the database, lists what to import in the order the data depends on (places before the
people stationed in them, both before the incidents placed in them) with the commands, and offers a
demo in a file of its own for those who only want to look around. It never fills the database."""
from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desk.ui import icons
from desk.ui.widgets import Panel

from desk.ui.translate_noop import QT_TRANSLATE_NOOP

# What to import, in order, with the `python -m desk import …` command for each.
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("FirstRunPage", "The township, its villages and communities, and the grids (GeoJSON)"),
     ("import grids FILE.geojson --layer unit --township NAME", "import grids FILE.geojson")),
    (QT_TRANSLATE_NOOP("FirstRunPage", "Police cells (GeoJSON)"), ("import grids FILE.geojson --layer police",)),
    (QT_TRANSLATE_NOOP("FirstRunPage", "Workstations and staff (CSV or XLSX)"),
     ("import workstations FILE.csv", "import staff FILE.xlsx")),
    (QT_TRANSLATE_NOOP("FirstRunPage", "Incidents (CSV or XLSX)"), ("import incidents FILE.csv",)),
    (QT_TRANSLATE_NOOP("FirstRunPage", "Addresses for search (地名地址, CSV or XLSX)"),
     ("import addresses FILE.csv",)),
)


def cli_has(command: str) -> bool:
    """Whether `python -m desk` takes this command in this version: "import grids" checks the kind too
    (the import tools arrive a kind at a time)."""
    from desk.cli import build_parser

    name, _, kind = command.partition(" ")
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices.get(name)
            if sub is None or not kind:
                return sub is not None
            for inner in sub._actions:
                if inner.dest == "kind" and inner.choices is not None:
                    return kind in inner.choices
            return False
    return False


def _quote(target: str) -> str:
    return shlex.quote(target)


def demo_path(target: str) -> str:
    """Where to put a demo beside this database (never into it: a demo marks a database for good)."""
    if "://" in target:
        return "desk-demo.sqlite"
    return str(Path(target).with_name("desk-demo.sqlite"))


def _command(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setProperty("role", "command")
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class FirstRunPage(QScrollArea):
    """Shown instead of the views while the database holds no township."""

    recheck = Signal()

    def __init__(self, target: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.target = target
        db = _quote(target)
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(40, 30, 40, 30)
        panel = Panel()
        panel.setMaximumWidth(960)
        centred = QHBoxLayout()  # not an alignment: aligned, the panel shrinks to its hint and clips
        centred.addStretch(1)
        centred.addWidget(panel, 20)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(1)
        lay = panel.body
        lay.setSpacing(10)

        head = QHBoxLayout()
        mark = QLabel()
        mark.setPixmap(icons.icon("state.empty").pixmap(40, 40))
        self.title = QLabel(self.tr("This database is empty"))
        self.title.setProperty("role", "big")
        head.addWidget(mark)
        head.addWidget(self.title, 1)
        lay.addLayout(head)
        self.database = QLabel(self.tr("Database: %1").replace("%1", target))
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database.setWordWrap(True)
        lay.addWidget(self.database)
        self.intro = QLabel(self.tr("It holds no township yet. Import the real data in this order: the places "
                                    "first, then who works in them, then the incidents."))
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)

        missing = False
        self.steps: list[QLabel] = []
        for n, (text, commands) in enumerate(STEPS, start=1):
            step = QLabel(f"{n}. {QCoreApplication.translate('FirstRunPage', text)}")
            step.setProperty("role", "title")
            step.setWordWrap(True)
            lay.addWidget(step)
            self.steps.append(step)
            for command in commands:
                here = cli_has(" ".join(command.split()[:2]))
                missing |= not here
                lay.addWidget(_command(f"python -m desk {command} --db {db}" + ("" if here else "  *")))
        self.pending = QLabel(self.tr("* Comes with a later version of the desk's import tools; this version "
                                      "does not have it yet."))
        self.pending.setProperty("role", "muted")
        self.pending.setWordWrap(True)
        self.pending.setVisible(missing)
        lay.addWidget(self.pending)

        demo_head = QLabel(self.tr("Only want to look around?"))
        demo_head.setProperty("role", "title")
        lay.addWidget(demo_head)
        demo = _quote(demo_path(target))
        self.demo_hint = QLabel(self.tr("Create the fictional demo township in a file of its own and open that "
                                        "(it is marked “Demo data” on every screen):"))
        self.demo_hint.setWordWrap(True)
        lay.addWidget(self.demo_hint)
        self.demo_commands = [_command(f"python -m desk demo --db {demo}"), _command(f"python main.py --db {demo}")]
        for lab in self.demo_commands:
            lay.addWidget(lab)

        row = QHBoxLayout()
        self.note = QLabel()
        self.note.setProperty("role", "muted")
        self.check = QPushButton(icons.icon("action.refresh"), self.tr("Check again"))
        self.check.setProperty("primary", True)
        self.check.clicked.connect(self.recheck)
        row.addWidget(self.note, 1)
        row.addWidget(self.check)
        lay.addLayout(row)
        self.setWidget(body)

    def still_empty(self) -> None:
        """The re-check found nothing yet: say so, so the button visibly did something."""
        self.note.setText(self.tr("Still no township in this database."))

    def text(self) -> str:
        """Everything the page says, in reading order (for tests and accessibility)."""
        body = self.widget()
        labels = body.findChildren(QLabel) if body is not None else []
        return "\n".join(lab.text() for lab in labels if lab.text())
