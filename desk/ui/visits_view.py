"""Home visits: who is overdue, due today and due this week, narrowed by officer, grid and group; the
picked household's file (members, groups, plans, every visit, a flag on notes that repeat earlier ones);
a visit recorded from the list in a few keystrokes (Enter, type, Ctrl+Enter); a finding registered as
an incident; the quarter's joint visits; the figures per grid or officer. Residents' names, ID numbers
and phones come masked unless the role may see them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QStandardItem
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QSplitter, QTabWidget,
                               QToolButton, QVBoxLayout, QWidget)

from desk.domain.changes import Entity
from desk.domain.clock import to_local
from desk.domain.permissions import Perm
from desk.domain.visits import DEFAULT_GROUPS, EVERY_HOUSEHOLD, DueState
from desk.services import visits as vs
from desk.services.reads.visits import Query
from desk.ui import theme
from desk.ui.incident_actions import guarded, guarded_call
from desk.ui.errors import describe
from desk.ui.labels import label
from desk.ui.visit_dialogs import JointPlanDialog, VisitDialog
from desk.ui.visit_plan_dialogs import GroupsDialog, PlanDialog
from desk.ui.widgets import read_only_table, titled
from desk.ui.worker import SnapshotView

if TYPE_CHECKING:
    from desk.services.desk import DeskServices
    from desk.services.reads.visits import DueRow, Figures, FilterChoices, HouseholdFile, JointRow, RepeatedNote
    from desk.ui.change_bridge import ChangeBridge

ID = Qt.ItemDataRole.UserRole
STATE_SETS = {
    "due": (DueState.OVERDUE, DueState.TODAY, DueState.WEEK),
    "overdue": (DueState.OVERDUE,),
    "today": (DueState.OVERDUE, DueState.TODAY),
}
SHOWN_ROWS = 2000
HOUSEHOLD_GROUPS = {g.code for g in DEFAULT_GROUPS if g.subject == "household"}  # a county's list is read whole and counted; this many rows are drawn


@dataclass(frozen=True)
class VisitsSnapshot:
    rows: list[DueRow]
    joint: list[JointRow]
    figures: list[Figures]
    choices: FilterChoices
    counts: dict[str, int] = field(default_factory=dict)
    repeated: list[RepeatedNote] = field(default_factory=list)


class VisitsView(SnapshotView):
    WATCHES = (Entity.VISIT, Entity.HOUSEHOLD, Entity.STAFF, Entity.GRID, Entity.CLOCK)
    THROTTLE_MS = 1000
    household_selected = Signal(int)

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(desk, bridge, parent)
        self.can_record = desk.actor.can(Perm.HANDLE)
        self.can_plan = desk.actor.can(Perm.DISPATCH)
        self.open_dialog: QWidget | None = None
        self._file: HouseholdFile | None = None
        self._choices_drawn = False
        # Filters
        self.states = QComboBox()
        for key, text in (("due", self.tr("Overdue and due this week")), ("today", self.tr("Overdue and due today")),
                          ("overdue", self.tr("Overdue only"))):
            self.states.addItem(text, key)
        self.officer, self.grid, self.group = QComboBox(), QComboBox(), QComboBox()
        for box, text in ((self.officer, self.tr("All officers")), (self.grid, self.tr("All grids")),
                          (self.group, self.tr("All groups"))):
            box.addItem(text, None)
            box.currentIndexChanged.connect(lambda *_: self.reload())
        self.states.currentIndexChanged.connect(lambda *_: self.reload())
        self.summary = QLabel()
        self.summary.setProperty("role", "title")
        bar = QHBoxLayout()
        for w in (self.states, self.officer, self.grid, self.group):
            bar.addWidget(w)
        bar.addWidget(self.summary, 1)
        # The list
        self.due_view, self.due_model = read_only_table(
            [self.tr("State"), self.tr("Due"), self.tr("Household"), self.tr("Name"), self.tr("Group"),
             self.tr("Rule"), self.tr("Last visit"), self.tr("Grid"), self.tr("Officer")])
        self.due_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_file())
        self.due_view.activated.connect(lambda *_: self.record_visit())
        # The file
        self.file_head = QLabel()
        self.file_head.setWordWrap(True)
        self.members_view, self.members_model = read_only_table(
            [self.tr("Name"), self.tr("Relation"), self.tr("ID number"), self.tr("Phone"), self.tr("Groups"),
             self.tr("Plan"), self.tr("Confirmed")])
        self.history_view, self.history_model = read_only_table(
            [self.tr("When"), self.tr("Who"), self.tr("About"), self.tr("How"), self.tr("Findings"),
             self.tr("Risk"), self.tr("Incident"), self.tr("Repeats an earlier note")])
        self.history_view.setWordWrap(True)
        header = self.history_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the findings take the room
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, allowed in (("record", self.tr("Record a visit… (Enter)"), self.can_record),
                                   ("incident", self.tr("Finding to incident…"), desk.actor.can(Perm.REGISTER)),
                                   ("confirm", self.tr("File confirmed with the household"), self.can_record),
                                   ("groups", self.tr("Groups…"), self.can_plan),
                                   ("plan", self.tr("Plan (一人一策)…"), self.can_plan)):
            if allowed:
                b = QPushButton(text)
                b.clicked.connect(lambda _=False, k=key: self.act(k))
                row.addWidget(b)
                self.buttons[key] = b
        if desk.actor.can(Perm.VIEW_PERSONAL):
            # Per field, each reveal on record: the member picked in the list above.
            reveal = QToolButton()
            reveal.setText(self.tr("Show in the clear"))
            reveal.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(reveal)
            for key, text in (("name", self.tr("Name")), ("phone", self.tr("Phone")),
                              ("id_number", self.tr("ID number"))):
                menu.addAction(text).triggered.connect(lambda _=False, k=key: self.reveal(k))
            reveal.setMenu(menu)
            row.addWidget(reveal)
            self.reveal_button: QToolButton | None = reveal
        else:
            self.reveal_button = None
        row.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        file_box = QWidget()
        fl = QVBoxLayout(file_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.file_head)
        fl.addWidget(titled(self.tr("Members"), self.members_view), 2)
        fl.addWidget(titled(self.tr("Visits"), self.history_view), 3)
        fl.addLayout(row)
        fl.addWidget(self.message)
        split = QSplitter()
        split.addWidget(self.due_view)
        split.addWidget(file_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([1100, 760])  # the list's columns whole at 1920; the file beside it
        due_page = QWidget()
        dl = QVBoxLayout(due_page)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(bar)
        dl.addWidget(split, 1)
        # Joint visits and figures
        self.joint_view, self.joint_model = read_only_table(
            [self.tr("Grid"), self.tr("Quarter"), self.tr("Planned for"), self.tr("Done"), self.tr("State")])
        joint_page = QWidget()
        jl = QVBoxLayout(joint_page)
        jl.setContentsMargins(0, 0, 0, 0)
        jl.addWidget(self.joint_view, 1)
        if self.can_plan:
            plan = QPushButton(self.tr("Plan the joint visit…"))
            plan.clicked.connect(self.plan_joint)
            jr = QHBoxLayout()
            jr.addWidget(plan)
            jr.addStretch(1)
            jl.addLayout(jr)
        self.figure_view, self.figure_model = read_only_table(
            [self.tr("Grid"), self.tr("Households"), self.tr("Visited this year"), self.tr("Key persons"),
             self.tr("Key persons visited as planned"), self.tr("Files confirmed in 30 days"),
             self.tr("Household visits on time"), self.tr("Officer's yearly visit on time")])
        self.figures_scope = QComboBox()
        self.figures_scope.addItem(self.tr("Per grid"), "grid")
        self.figures_scope.addItem(self.tr("Per officer"), "officer")
        self.figures_scope.currentIndexChanged.connect(lambda *_: self.reload())
        figure_page = QWidget()
        fg = QVBoxLayout(figure_page)
        fg.setContentsMargins(0, 0, 0, 0)
        fg.addWidget(self.figures_scope, 0, Qt.AlignmentFlag.AlignLeft)
        fg.addWidget(self.figure_view, 1)
        self.repeat_view, self.repeat_model = read_only_table(
            [self.tr("When"), self.tr("Household"), self.tr("Who"), self.tr("Alike"), self.tr("Findings"),
             self.tr("Earlier note")])
        self.repeat_view.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(due_page, self.tr("Due and overdue"))
        self.tabs.addTab(joint_page, self.tr("Joint visits this quarter"))
        self.tabs.addTab(figure_page, self.tr("Figures"))
        self.tabs.addTab(self.repeat_view, self.tr("Repeated notes (30 days)"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self.record_visit)
        self.reload()

    # -- reading ----------------------------------------------------------------------------------
    def figures_by(self) -> str:
        return str(self.figures_scope.currentData() or "grid")

    def query(self) -> Query:
        return Query(self.officer.currentData(), self.grid.currentData(), self.group.currentData(),
                     STATE_SETS[self.states.currentData() or "due"])

    def read(self) -> VisitsSnapshot:
        rows = self._desk.visits_due(self.query())
        counts = {s.value: sum(1 for r in rows if r.state is s) for s in DueState}
        return VisitsSnapshot(rows, self._desk.joint_visits(), self._desk.visit_figures(self.figures_by()),
                              self._desk.visit_filters(), counts, self._desk.repeated_notes())

    def draw(self, snap: VisitsSnapshot) -> None:
        if not self._choices_drawn:
            lists: tuple[tuple[QComboBox, list], ...] = (
                (self.officer, snap.choices.officers), (self.grid, snap.choices.grids),
                (self.group, snap.choices.groups))
            for box, entries in lists:
                box.blockSignals(True)
                for ident, name in entries:
                    box.addItem(name, ident)
                box.blockSignals(False)
            self._choices_drawn = True
        keep = self.selected()
        self.due_model.removeRows(0, self.due_model.rowCount())
        colors = {DueState.OVERDUE: theme.color("card_red"), DueState.TODAY: theme.color("card_yellow")}
        for r in snap.rows[:SHOWN_ROWS]:
            items = [QStandardItem(x) for x in (
                label("due_state", r.state.value), f"{r.due_local:%m-%d %H:%M}", r.code, r.name, r.group_name, r.rule,
                f"{r.last_local:%Y-%m-%d}" if r.last_local else self.tr("never"), r.grid, r.officer)]
            items[0].setData((r.household_id, r.resident_id), ID)
            if r.state in colors:
                items[0].setForeground(QBrush(QColor(colors[r.state])))
            self.due_model.appendRow(items)
            if keep is not None and keep == (r.household_id, r.resident_id):
                self.due_view.setCurrentIndex(self.due_model.index(self.due_model.rowCount() - 1, 0))
        if not self.due_view.currentIndex().isValid() and self.due_model.rowCount():
            self.due_view.setCurrentIndex(self.due_model.index(0, 0))  # the file of the most overdue, at once
        self.summary.setText(self.tr("%1 overdue · %2 due today · %3 due this week").replace(
            "%1", str(snap.counts.get("overdue", 0))).replace("%2", str(snap.counts.get("today", 0))).replace(
            "%3", str(snap.counts.get("week", 0))))
        self.joint_model.removeRows(0, self.joint_model.rowCount())
        for j in snap.joint:
            items = [QStandardItem(x) for x in (j.grid, j.quarter, j.planned_on.isoformat() if j.planned_on else "",
                                                f"{j.done_local:%m-%d}" if j.done_local else "",
                                                label("joint_state", j.state))]
            items[0].setData(j.grid_id, ID)
            if j.state in ("late", "unplanned"):
                items[4].setForeground(QBrush(QColor(theme.color("card_red"))))
            self.joint_model.appendRow(items)
        self.figure_model.removeRows(0, self.figure_model.rowCount())
        pct = lambda v: "—" if v is None else f"{v:.1f}%"  # noqa: E731
        for i, f in enumerate(snap.figures):
            self.figure_model.appendRow([QStandardItem(x) for x in (
                f.scope or (self.tr("Whole township") if i == 0 else self.tr("No officer on file")), str(f.households), pct(f.covered_this_year), str(f.key_persons),
                pct(f.key_as_planned), pct(f.confirmed_30d), pct(f.on_time.get("household")),
                pct(f.on_time.get("officer_yearly")))])
        self.repeat_model.removeRows(0, self.repeat_model.rowCount())
        for n in snap.repeated:
            self.repeat_model.appendRow([QStandardItem(x) for x in (
                f"{n.at_local:%m-%d %H:%M}", n.household, n.who, f"{n.similarity:.0%}", n.findings,
                f"{n.earlier_local:%m-%d %H:%M} {n.earlier_household}" if n.earlier_local else "")])
        self.tabs.setTabText(3, self.tr("Repeated notes (30 days): %1").replace("%1", str(len(snap.repeated))))
        if self._file is not None:
            self.show_file()

    def selected(self) -> tuple[int, int | None] | None:
        index = self.due_view.currentIndex()
        value = index.siblingAtColumn(0).data(ID) if index.isValid() else None
        return (int(value[0]), value[1]) if value is not None else None

    def show_file(self) -> None:
        chosen = self.selected()
        self._file = self._desk.household_file(chosen[0]) if chosen else None
        f = self._file
        self.members_model.removeRows(0, self.members_model.rowCount())
        self.history_model.removeRows(0, self.history_model.rowCount())
        for b in self.buttons.values():
            b.setEnabled(f is not None)
        if f is None:
            self.file_head.setText("")
            return
        confirmed = f.housing_confirmed_local.strftime("%Y-%m-%d") if f.housing_confirmed_local else self.tr("never")
        head = (f"<b>{f.head}</b> · {f.code}<br>{f.unit} {f.grid} · {f.address} · {f.housing} · {f.phone}<br>"
                + self.tr("File confirmed %1").replace("%1", confirmed))
        if f.stale:
            head += " · <span style='color:%s'>%s</span>" % (theme.color("card_red"),
                                                            self.tr("not confirmed within 30 days: update it"))
        self.file_head.setText(head)
        for m in f.members:
            self.members_model.appendRow([QStandardItem(x) for x in (
                m.name, label("relation", m.relation), m.id_number, m.phone, "、".join(m.groups), m.plan,
                f"{m.confirmed_local:%Y-%m-%d}" if m.confirmed_local else "")])
        for v in f.visits:
            items = [QStandardItem(x) for x in (
                f"{v.at_local:%Y-%m-%d %H:%M}", v.who, v.resident, label("visit_mode", v.mode), v.findings,
                label("visit_risk", v.risk) if v.risk else "", str(v.incident_id or ""),
                f"{v.similarity:.0%}" if v.similar_to_id else "")]
            items[0].setData(v.id, ID)
            if v.similar_to_id:
                items[7].setForeground(QBrush(QColor(theme.color("card_red"))))
            self.history_model.appendRow(items)

    # -- acting -----------------------------------------------------------------------------------
    def _say(self, outcome: object, done: str) -> None:
        self.message.setText(describe(outcome) if isinstance(outcome, Exception) else done)

    def act(self, key: str) -> object:
        if key == "record":
            return self.record_visit()
        f = self._file
        if f is None:
            return None
        if key == "groups":
            return self.edit_groups()
        if key == "plan":
            return self.edit_plan()
        if key == "confirm":
            outcome = guarded_call("household.confirm", lambda: vs.confirm_household(self._desk.ops, self._desk.actor,
                                                                                     f.id))
            self._say(outcome, self.tr("File confirmed"))
            return outcome
        return self.finding_to_incident()

    def record_visit(self) -> VisitDialog | None:
        f = self._file
        if f is None or not self.can_record:
            return None
        chosen = self.selected()
        choices = self._desk.visit_choices(f.id)
        dlg = VisitDialog(f"{f.head} ({f.code})", [(m.id, m.name) for m in f.members], choices.officers,
                          choices.grid_workers, choices.volunteers, choices.officer_id, choices.grid_worker_id,
                          to_local(self._desk.now()), self)
        if chosen and chosen[1] is not None:
            dlg.person.setCurrentIndex(max(0, dlg.person.findData(chosen[1])))
        from desk.domain.clock import to_utc

        ops, actor = self._desk.ops, self._desk.actor
        dlg.submit = guarded("visit.record", lambda: vs.record_visit(
            ops, actor, f.id, to_utc(dlg.when()), dlg.findings.toPlainText(), dlg.officer.currentData(),
            dlg.worker.currentData(), dlg.volunteer.currentData(), dlg.person.currentData(), dlg.mode.currentData(),
            dlg.risk.currentData(), dlg.follow_up.text()))
        dlg.open()
        self.open_dialog = dlg
        return dlg

    def finding_to_incident(self) -> object:
        """The latest visit's finding registered as an incident at the household, linked both ways."""
        f = self._file
        if f is None or not f.visits:
            return None
        visit = f.visits[0]
        from desk.services.incidents import IncidentDraft

        lon, lat = f.lon, f.lat
        if lon is None or lat is None:
            self.message.setText(self.tr("The household has no location on file: register the incident from the map"))
            return None
        # A graded dispute goes in as a neighbour dispute, anything else as the general public-service type;
        # the dispatcher reclassifies it in the queue as for any incident.
        draft = IncidentDraft(title=visit.findings[:60] or self.tr("Finding of a home visit"), source="visit",
                              category="dispute" if visit.risk else "public_service",
                              item_type="邻里纠纷" if visit.risk else "", lon=lon, lat=lat,
                              address=f.address, description=visit.findings)
        outcome = guarded_call("incident.register", lambda: self._desk.incidents.register(
            self._desk.actor, draft, visit_id=visit.id))
        self._say(outcome, self.tr("Registered as an incident"))
        return outcome

    def reveal(self, field_name: str) -> object:
        """One field of the member picked in the file, in the clear for this role; the reveal is audited."""
        f = self._file
        index = self.members_view.currentIndex()
        if f is None or not index.isValid() or index.row() >= len(f.members):
            self.message.setText(self.tr("Pick a member of the household first"))
            return None
        member = f.members[index.row()]
        outcome = guarded_call("personal.reveal", lambda: vs.reveal_resident(self._desk.ops, self._desk.actor,
                                                                             member.id, field_name))
        self._say(outcome, f"{member.name}：{outcome}")
        return outcome

    def _member(self):
        f = self._file
        index = self.members_view.currentIndex()
        if f is None or not f.members:
            return None
        return f.members[index.row()] if index.isValid() and index.row() < len(f.members) else f.members[0]

    def edit_groups(self) -> GroupsDialog | None:
        """Put the picked member in visit groups, or take them out (household groups stay with the file)."""
        member = self._member()
        if member is None:
            return None
        choices = self.snapshot.choices if self.snapshot is not None else self._desk.visit_filters()
        groups = [(c, n) for c, n in choices.groups if c not in EVERY_HOUSEHOLD and c not in HOUSEHOLD_GROUPS]
        dlg = GroupsDialog(member.name, groups, set(member.group_codes), self)
        ops, actor, rid = self._desk.ops, self._desk.actor, member.id

        def submit() -> None:
            for code, on in dlg.changes():
                vs.set_member(ops, actor, code, on, resident_id=rid)
        dlg.submit = guarded("visit.group", submit)
        dlg.open()
        self.open_dialog = dlg
        return dlg

    def edit_plan(self) -> PlanDialog | None:
        member, f = self._member(), self._file
        if member is None or f is None:
            return None
        choices = self._desk.visit_choices(f.id)
        dlg = PlanDialog(member.name, choices.officers, choices.grid_workers, choices.volunteers,
                         choices.officer_id, choices.grid_worker_id, self)
        ops, actor, rid = self._desk.ops, self._desk.actor, member.id

        def submit() -> None:
            count, period = dlg.frequency()
            vs.set_plan(ops, actor, rid, dlg.officer.currentData(), dlg.worker.currentData(),
                        dlg.volunteer.currentData(), dlg.notes.toPlainText(), count, period)
        dlg.submit = guarded("visit.plan", submit)
        dlg.open()
        self.open_dialog = dlg
        return dlg

    def plan_joint(self) -> JointPlanDialog | None:
        index = self.joint_view.currentIndex()
        if not index.isValid():
            return None
        grid_id, grid = index.siblingAtColumn(0).data(ID), index.siblingAtColumn(0).data()
        day = to_local(self._desk.now()).date() + timedelta(days=7)
        dlg = JointPlanDialog(grid, QDate(day.year, day.month, day.day), self)
        ops, actor = self._desk.ops, self._desk.actor
        dlg.submit = guarded("visit.joint_plan", lambda: vs.plan_joint_visit(
            ops, actor, int(grid_id), _day(dlg.day.date()), dlg.note.text()))
        dlg.open()
        self.open_dialog = dlg
        return dlg


def _day(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
