"""Joint-meeting agenda: the next meeting, its agenda drawn from the data, earlier action items."""
from __future__ import annotations

from desk.domain.changes import Entity

from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desk.domain.agenda import SECTIONS
from desk.ui import theme
from desk.ui.labels import label
from desk.ui.widgets import stat_tiles

REFRESH_DEBOUNCE_MS = 300


class AgendaView(QWidget):
    def __init__(self, desk, bridge, parent=None, read_only: bool = False):
        super().__init__(parent)
        self._desk = desk
        self.meeting = QLabel()
        self.meeting.setProperty("role", "title")
        self.meeting.setWordWrap(True)
        self.previous = QLabel()
        self.previous.setProperty("role", "muted")
        tiles, self.tiles = stat_tiles([
            ("registered", self.tr("Registered")), ("closed", self.tr("Closed")), ("rate", self.tr("Closed rate")),
            ("open", self.tr("Open now")), ("overdue", self.tr("Carded now")),
            ("satisfaction", self.tr("Satisfaction"))])
        self.document = QTextBrowser()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        head = QHBoxLayout()
        col = QVBoxLayout()
        col.addWidget(self.meeting)
        col.addWidget(self.previous)
        head.addLayout(col, 1)
        lay.addLayout(head)
        stats_heading = QLabel(label("section", "stats"))
        stats_heading.setProperty("role", "title")
        lay.addWidget(stats_heading)
        lay.addLayout(tiles)
        lay.addWidget(self.document, 1)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(REFRESH_DEBOUNCE_MS)
        self._pending.timeout.connect(self.refresh)
        bridge.changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes) -> None:
        if changes.touches(Entity.INCIDENT, Entity.MEETING, Entity.ACTION_ITEM, Entity.WARNING, Entity.GAUGE_READING, Entity.HAZARD_POINT):
            self._pending.start()

    def refresh(self) -> None:
        snap = self._desk.agenda()
        self.snapshot = snap
        if snap.meeting is not None:
            m = snap.meeting
            self.meeting.setText(f"{label('meeting', m.kind)} · {m.title} · {m.scheduled_local:%Y-%m-%d %H:%M}"
                                 f" · {m.location}")
        else:
            self.meeting.setText(self.tr("No meeting planned"))
        if snap.previous is not None:
            self.previous.setText(self.tr("Period since the last meeting (%1)")
                                  .replace("%1", f"{snap.previous.scheduled_local:%Y-%m-%d}"))
        st = snap.agenda.stats
        self.tiles["registered"].setText(str(st.registered))
        self.tiles["closed"].setText(str(st.closed))
        self.tiles["rate"].setText(f"{st.closed_rate:.0%}")
        self.tiles["open"].setText(str(st.open_now))
        self.tiles["overdue"].setText(str(st.overdue_now))
        self.tiles["satisfaction"].setText(f"{st.satisfaction:.2f}" if st.satisfaction is not None else "—")
        self.document.setHtml(self._html(snap))

    def _html(self, snap) -> str:
        red, yellow, muted = theme.color("card_red"), theme.color("card_yellow"), theme.color("muted")
        badge = {
            "red": f"<span style='background:{red};color:white;font-weight:bold'>&nbsp;{escape(label('card', 'red'))}&nbsp;</span> ",
            "yellow": f"<span style='background:{yellow};color:#1a1a1a;font-weight:bold'>&nbsp;{escape(label('card', 'yellow'))}&nbsp;</span> ",
        }
        risk_text = {
            "warning": self.tr("Active %1 warning, level %2"),
            "gauge": self.tr("Gauge %1 above its warning line: %2"),
            "hazard": self.tr("High-risk hazard point %1: %2 persons threatened"),
            "hotspot": self.tr("Hotspot grid %1: %2 open incidents"),
        }
        nothing = escape(self.tr("Nothing to discuss"))
        parts = []
        for section in SECTIONS:
            if section == "stats":
                continue
            entries = snap.agenda.section(section)
            parts.append(f"<h3>{escape(label('section', section))} ({len(entries)})</h3>")
            if not entries:
                parts.append(f"<p style='color:{muted}'>{nothing}</p>")
                continue
            parts.append("<ul>")
            for e in entries:
                if section == "risk":
                    subject = label("hazard", e.title) if e.state == "warning" else e.title
                    value = label("level", e.detail) if e.state == "warning" else e.detail
                    text = escape(risk_text[e.state].replace("%1", subject).replace("%2", value))
                elif section == "actions":
                    color = {"overdue": red, "done": muted}.get(e.state, theme.color("text"))
                    text = (f"<span style='color:{color}'>[{escape(label('action_state', e.state))}]</span> "
                            f"{escape(e.title)} <span style='color:{muted}'>{escape(e.detail)}</span>")
                else:
                    text = (badge.get(e.state, "") + escape(e.title)
                            + f" <span style='color:{muted}'>{escape(e.detail)}</span>")
                parts.append(f"<li>{text}</li>")
            parts.append("</ul>")
        return "".join(parts)
