"""Joint-meeting agenda: the next meeting, its agenda drawn from the data, earlier action items."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desk.domain.agenda import SECTIONS
from desk.domain.changes import Entity
from desk.ui import theme
from desk.ui.labels import label
from desk.ui.widgets import stat_tiles
from desk.ui.worker import SnapshotView

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.reads.agenda import AgendaSnapshot
    from desk.ui.change_bridge import ChangeBridge


class AgendaView(SnapshotView):
    # What the agenda draws on; CLOCK because cards and the period's figures move with time.
    WATCHES = (Entity.INCIDENT, Entity.MEETING, Entity.AGENDA_ITEM, Entity.ACTION_ITEM, Entity.WARNING,
               Entity.GAUGE, Entity.GAUGE_READING, Entity.HAZARD_POINT, Entity.DEPARTMENT, Entity.ADMIN_UNIT,
               Entity.GRID, Entity.CLOCK)
    # A meeting document: a second behind a burst of writes is fine, a reload per poll is not.
    THROTTLE_MS = 1000

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None,
                 read_only: bool = False):
        super().__init__(desk, bridge, parent)
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
        self._shown_html = ""
        self.reload()

    def read(self) -> AgendaSnapshot:
        return self._desk.agenda()

    def draw(self, snap: AgendaSnapshot) -> None:
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
        html = self._html(snap)
        if html != self._shown_html:
            # Keep the reader's place: the document is read during a meeting while writes come in.
            bar = self.document.verticalScrollBar()
            at = bar.value()
            self.document.setHtml(html)
            bar.setValue(at)
            self._shown_html = html

    def _html(self, snap: AgendaSnapshot) -> str:
        red, yellow, muted = theme.color("card_red"), theme.color("card_yellow"), theme.color("muted")
        badge = {card: f"<span style='background:{bg};color:{fg};font-weight:bold'>"
                       f"&nbsp;{escape(label('card', card))}&nbsp;</span> "
                 for card, bg, fg in (("red", red, "white"), ("yellow", yellow, "#1a1a1a"))}
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
