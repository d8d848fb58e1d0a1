"""Emergency linkage: current warning level, rain and river gauges over 72 h, hazard points,
shelters and the response steps the level calls for."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from desk.domain.changes import Entity
from desk.domain.clock import LOCAL_TZ, to_local
from desk.domain.permissions import Perm
from desk.domain.rainfall import rolling_sum
from desk.services import emergency_ops as em
from desk.ui import theme
from desk.services.drills import DrillResult, DrillRunner, abandon_drill
from desk.paths import data_dir
from desk.services.reads.overdue_items import township_name
from desk.ui.drill_dialog import DrillDialog
from desk.services.reads.hazard_cards import hazard_cards
from desk.ui.drill_report import write_report
from desk.services.warnings_cap import export_cap, import_cap
from desk.ui.errors import describe
from desk.ui.hazard_cards_pdf import write_cards
from desk.ui.emergency_dialogs import ActivateDialog, LogDialog, StandDownDialog, WarningDialog
from desk.ui.emergency_response import ResponsePanel
from desk.ui.evacuation_board import append_households, household_tree
from desk.ui.incident_actions import guarded, guarded_call
from desk.ui.incident_dialogs import StepDialog
from desk.ui.labels import label
from desk.ui.widgets import LevelBanner, read_only_table, titled
from desk.ui.worker import SnapshotView

if TYPE_CHECKING:
    from desk.domain.drill import Scenario
    from desk.services.desk import DeskServices
    from desk.services.operations import Operations
    from desk.services.reads.emergency import EmergencySnapshot, GaugeSeries, HazardRow
    from desk.ui.change_bridge import ChangeBridge

DRILL_CHART_HOURS = 2  # a drill's rain is minutes old: its own two hours, not the last three days
RAIN_COLORS = ("#1e88e5", "#43a047", "#8e24aa", "#00897b", "#6d4c41")


def _utc_offset_seconds() -> int:
    from datetime import datetime

    # pyqtgraph wants seconds west of UTC, like time.timezone.
    offset = datetime.now(LOCAL_TZ).utcoffset()
    return -int(offset.total_seconds()) if offset is not None else 0


class LocalTimeAxis(pg.DateAxisItem):
    """Beijing time in figures (11-24, 08:00), never month names in English."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        from datetime import datetime, timezone

        out = []
        for v in values:
            t = datetime.fromtimestamp(v, timezone.utc).astimezone(LOCAL_TZ)
            out.append(t.strftime("%m-%d") if spacing >= 86400 or (t.hour == 0 and t.minute == 0)
                       else t.strftime("%H:%M"))
        return out


LEVEL_ORDER = ("blue", "yellow", "orange", "red")


class GaugeCharts(QWidget):
    """One rain station and one river station at a time, picked from all of them (at county scale there
    are dozens): rain as bars with its 24 h accumulation curve and the 24 h thresholds, each labelled;
    the river against its warning and guarantee levels. No legend to cover the data: the picker and the
    line labels say what is drawn. Items are updated in place, so a new reading is one setData."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._series: dict[int, GaugeSeries] = {}
        self._thresholds: tuple[tuple[str, float], ...] = ()
        pg.setConfigOptions(antialias=True)
        bg, fg = theme.color("panel"), theme.color("text")
        self.rain = pg.PlotWidget(axisItems={"bottom": LocalTimeAxis(utcOffset=_utc_offset_seconds())}, background=bg)
        self.river = pg.PlotWidget(axisItems={"bottom": LocalTimeAxis(utcOffset=_utc_offset_seconds())},
                                   background=bg)
        for plot, title, unit in ((self.rain, self.tr("Rainfall"), "mm"), (self.river, self.tr("River level"), "m")):
            plot.setTitle(title, color=fg)
            plot.setLabel("left", unit, color=fg)
            # No grid: it cost nine-tenths of every repaint, and the labelled threshold and warning lines
            # are the references an operator reads against.
            plot.setMouseEnabled(x=True, y=False)
        self.river.setXLink(self.rain)
        self.rain.enableAutoRange(x=False)
        # Bars as one stepped, filled curve: a new reading redraws one path, not a picture of every bar.
        self.bars = pg.PlotDataItem([0.0, 1.0], [0.0], stepMode="center", fillLevel=0,
                                    fillBrush=pg.mkBrush(RAIN_COLORS[0]), pen=pg.mkPen(RAIN_COLORS[0]))
        self.rain.addItem(self.bars)
        self.accum = self.rain.plot([], [], pen=pg.mkPen(theme.color("accent"), width=2))
        # Clipping the stepped bars to the view breaks pyqtgraph's step mode when no bar is in view.
        self.accum.setClipToView(True)
        self.accum.setDownsampling(auto=True, method="peak")
        self.level_lines: list[pg.InfiniteLine] = []
        self.river_curve = self.river.plot([], [], pen=pg.mkPen(theme.color("accent"), width=2))
        self.river_curve.setClipToView(True)
        self.river_curve.setDownsampling(auto=True, method="peak")
        self._drawn: tuple = ()
        self._titles: dict[str, str] = {}
        self._x_end: tuple[float, int] | None = None
        self.window_hours = 72  # the time shown; a drill shows its own few hours
        self.river_lines: list[pg.InfiniteLine] = []
        self.rain_pick = QComboBox()
        self.river_pick = QComboBox()
        for box in (self.rain_pick, self.river_pick):
            box.setToolTip(self.tr("Which station the chart shows"))
            box.currentIndexChanged.connect(lambda _i: self._draw())
        picks = QHBoxLayout()
        picks.addWidget(QLabel(self.tr("Rain station")))
        picks.addWidget(self.rain_pick, 1)
        picks.addWidget(QLabel(self.tr("River station")))
        picks.addWidget(self.river_pick, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(picks)
        lay.addWidget(self.rain, 1)
        lay.addWidget(self.river, 1)

    def show_series(self, gauges: Sequence[GaugeSeries], thresholds: Sequence[tuple[str, float]] = ()) -> None:
        self._series = {g.id: g for g in gauges}
        self._thresholds = tuple(thresholds)
        for box, kind in ((self.rain_pick, "rain"), (self.river_pick, "river")):
            stations = [g for g in gauges if g.kind == kind]
            # The wettest (or highest) station first: what the operator most needs to see.
            stations.sort(key=lambda g: -g.assessment.value)
            keep = box.currentData()
            ids = [g.id for g in stations]
            if [box.itemData(i) for i in range(box.count())] != ids:
                box.blockSignals(True)
                box.clear()
                for g in stations:
                    box.addItem(g.name, g.id)
                box.setCurrentIndex(max(0, ids.index(keep)) if keep in ids else 0)
                box.blockSignals(False)
        self._draw()

    def shown(self, kind: str) -> GaugeSeries | None:
        box = self.rain_pick if kind == "rain" else self.river_pick
        return self._series.get(box.currentData())

    def _draw(self) -> None:
        rain, river = self.shown("rain"), self.shown("river")
        drawn = (rain, river, self._thresholds, self.window_hours)
        if drawn == self._drawn:
            return  # the same series again (a minute tick, an incident write): nothing to redraw
        self._drawn = drawn
        latest = max([g.times[-1] for g in (rain, river) if g is not None and g.times], default=None)
        if latest is not None:
            # The time axis moves in ten-minute steps, not with every reading: a shifted axis lays its
            # ticks out again, which was most of a second's redraw.
            end = (latest // 600 + 1) * 600
            if self._x_end != (end, self.window_hours):
                self._x_end = (end, self.window_hours)
                self.rain.setXRange(end - self.window_hours * 3600, end, padding=0)
        if rain is not None and rain.times:
            step = rain.times[-1] - rain.times[-2] if len(rain.times) > 1 else 3600.0
            self.bars.setData(list(rain.times) + [rain.times[-1] + step], list(rain.values))
            self.accum.setData(list(rain.times), rolling_sum(rain.times, rain.values, 24))
            title = self.tr("%1: rain per reading (bars), last 24 h (line)").replace("%1", rain.name)
            if title != self._titles.get("rain"):  # a new title lays the whole plot out again
                self._titles["rain"] = title
                self.rain.setTitle(title, color=theme.color("text"))
        self._lines(self.rain, self.level_lines, [
            (mm, theme.color(f"level_{lv}"), self.tr("%1 24 h %2 mm").replace("%1", label("level", lv))
             .replace("%2", f"{mm:g}")) for lv, mm in self._thresholds if lv in LEVEL_ORDER])
        if river is not None:
            self.river_curve.setData(list(river.times), list(river.values))
            if river.name != self._titles.get("river"):
                self._titles["river"] = river.name
                self.river.setTitle(river.name, color=theme.color("text"))
            self._lines(self.river, self.river_lines, [
                (river.warn_value, theme.color("level_orange"),
                 self.tr("warning level") + f" {river.warn_value:g} m"),
                (river.danger_value, theme.color("level_red"),
                 self.tr("guaranteed level") + f" {river.danger_value:g} m")])

    @staticmethod
    def _lines(plot: pg.PlotWidget, held: list[pg.InfiniteLine],
               wanted: list[tuple[float, str, str]]) -> None:
        if [getattr(line, "desk_spec", None) for line in held] == wanted:
            return  # unchanged: re-setting pens and labels would repaint them for nothing
        while len(held) > len(wanted):
            plot.removeItem(held.pop())
        for i, (value, color, text) in enumerate(wanted):
            if i >= len(held):
                # The label under its line: the highest line sits at the top of the plot, where a label above
                # it would be cut off.
                line = pg.InfiniteLine(angle=0, label=text, labelOpts={"position": 0.05, "anchors": [(0, 0), (0, 0)]})
                plot.addItem(line)
                held.append(line)
            line = held[i]
            line.setPos(value)
            line.setPen(pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
            line.label.setFormat(text)
            line.label.setColor(color)
            line.desk_spec = (value, color, text)


class EmergencyView(SnapshotView):
    # CLOCK: the 24 h rain sums and the 72 h window move with time.
    WATCHES = (Entity.WARNING, Entity.GAUGE_READING, Entity.GAUGE, Entity.HAZARD_POINT, Entity.SHELTER,
               Entity.EVACUATION_ROUTE, Entity.EMERGENCY_ACTIVATION, Entity.EMERGENCY_EVENT, Entity.RESPONSE_PLAN,
               Entity.STAFF, Entity.ADMIN_UNIT, Entity.DEPARTMENT, Entity.HOUSEHOLD, Entity.EVACUEE, Entity.CALL,
               Entity.CLOCK)

    # Double-click or Enter on a gauge, hazard point or shelter: the window shows it on the map.
    focus_requested = Signal(str, int)  # map layer role, id

    def __init__(self, desk: DeskServices, bridge: ChangeBridge, parent: QWidget | None = None,
                 read_only: bool = False):
        super().__init__(desk, bridge, parent)
        self.banner = LevelBanner()
        self.charts = GaugeCharts()
        self.gauge_view, self.gauge_model = read_only_table(
            [self.tr("Gauge"), self.tr("Type"), self.tr("Value"), self.tr("State"), self.tr("Latest")])
        self.hazard_view, self.hazard_model = read_only_table(
            [self.tr("Hazard point"), self.tr("Type"), self.tr("Village"), self.tr("Risk"), self.tr("Households"),
             self.tr("Persons"), self.tr("Monitor"), self.tr("Phone"), self.tr("Shelter"), self.tr("Route"),
             self.tr("Last inspected"), self.tr("Signs")])
        self.shelter_view, self.shelter_model = read_only_table(
            [self.tr("Shelter"), self.tr("Village"), self.tr("Capacity"), self.tr("Occupancy"), self.tr("Supplies")])
        self.steps_view, self.steps_model = read_only_table(
            [self.tr("Level"), self.tr("Step"), self.tr("Department"), self.tr("Target")])
        for role, view in (("gauges", self.gauge_view), ("hazards", self.hazard_view),
                           ("shelters", self.shelter_view)):
            view.setToolTip(self.tr("Double-click or press Enter to show it on the map"))
            view.activated.connect(lambda index, r=role: self._request_focus(r, index))
        # The record's actions, evacuation and log first; the standing data behind them. Tabs, so nothing
        # is cut off at 1920×1080.
        # Roles that take no part in the linkage (grid workers, the auditor, the admin) see it read-only.
        acts = not read_only and desk.actor.can(Perm.DISPATCH)
        self.runner: DrillRunner | None = None  # a drill under way: the view shows it and writes go to it
        self.drill_result: DrillResult | None = None
        self.drill_report: Path | None = None
        self._drill_timer = QTimer(self)
        self._drill_timer.setInterval(1000)
        self._drill_timer.timeout.connect(self.drill_tick)
        self._drill_speed = 1
        self.response = ResponsePanel(desk, not acts, self._clock, self._target)
        # The evacuation board's rows are hazard points: the map shows the one activated.
        self.response.evac_view.activated.connect(lambda index: self._request_focus("hazards", index))
        self.response.board.focus_point.connect(lambda ident: self.focus_requested.emit("hazards", ident))
        # Every warning in force (source, level, why), with what an operator does to one.
        self.warning_view, self.warning_model = read_only_table(
            [self.tr("Level"), self.tr("Hazard"), self.tr("Source"), self.tr("Area"), self.tr("Why"),
             self.tr("Effective"), self.tr("Expires"), self.tr("Issued by")])
        warnings_tab = QWidget()
        wl = QVBoxLayout(warnings_tab)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self.warning_view, 1)
        self.warning_buttons: dict[str, QPushButton] = {}
        if acts:
            row = QHBoxLayout()
            for key, text in (("lift", self.tr("Lift")), ("export", self.tr("Export as CAP…")),
                              ("import", self.tr("Import CAP…"))):
                b = QPushButton(text)
                b.clicked.connect(lambda _=False, k=key: self.warning_action(k))
                row.addWidget(b)
                self.warning_buttons[key] = b
            row.addStretch(1)
            wl.addLayout(row)
        self.response.insertTab(0, warnings_tab, self.tr("Warnings"))
        self.drill_view, self.drill_model = read_only_table(
            [self.tr("Drill"), self.tr("Started"), self.tr("Score")])
        # A hazard point picked: its threatened households by name beneath (masked for roles that may not see them).
        self.household_view, self.household_model = household_tree()
        self.hazard_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_households())
        hazards_tab = QSplitter(Qt.Orientation.Vertical)
        hazards_tab.addWidget(self.hazard_view)
        hazards_tab.addWidget(titled(self.tr("Threatened households"), self.household_view))
        tabs: tuple[tuple[str, QWidget], ...] = (
            (self.tr("Gauges"), self.gauge_view), (self.tr("Hazard points"), hazards_tab),
            (self.tr("Shelters"), self.shelter_view), (self.tr("Plan steps for this level"), self.steps_view),
            (self.tr("Past drills"), self.drill_view))
        for title, page in tabs:
            self.response.addTab(page, title)
        self.response.setCurrentIndex(1)  # the record's actions first
        self.record = QLabel()
        self.record.setProperty("role", "title")
        self.record.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.record, 1)
        self.buttons: dict[str, QPushButton] = {}
        if acts:
            for key, text in (("warning", self.tr("Issue a warning…")), ("activate", self.tr("Activate response…")),
                              ("log", self.tr("Log an event…")), ("stand_down", self.tr("Stand down…")),
                              ("drill", self.tr("Drill…")), ("cards", self.tr("Hazard cards…"))):
                b = QPushButton(text)
                b.clicked.connect(lambda _=False, k=key: self.open_dialog_for(k))
                bar.addWidget(b)
                self.buttons[key] = b
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(bar)
        rl.addWidget(self.response, 1)
        split = QSplitter()
        split.addWidget(self.charts)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)
        self.open_dialog: QWidget | None = None
        self.reload()

    def show_households(self) -> None:
        index = self.hazard_view.currentIndex()
        ident = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        self.household_model.removeRows(0, self.household_model.rowCount())
        if ident is not None:
            append_households(self.household_model, self._desk.threatened_households(int(ident)))
            self.household_view.expandAll()

    def _request_focus(self, role: str, index: QModelIndex) -> None:
        ident = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if ident is not None:
            self.focus_requested.emit(role, int(ident))

    def read(self) -> EmergencySnapshot:
        return self._desk.emergency(self.runner.clock if self.runner is not None else None)

    def selected_warning(self) -> int | None:
        index = self.warning_view.currentIndex()
        value = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        return int(value) if value is not None else None

    def warning_action(self, key: str, path: str | None = None) -> object:
        """Lift the selected warning, write it as CAP, or read a CAP file into the warnings."""
        (ops, _drill), actor = self._target(), self._desk.actor
        if key == "import":
            if path is None:
                path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a CAP warning"), "", "*.xml")
            if not path:
                return None
            file = path
            return self._report(guarded_call("warning.import", lambda: import_cap(ops, actor, file)))
        ident = self.selected_warning()
        if ident is None:
            return None
        if key == "lift":
            return self._report(guarded_call("warning.issue", lambda: em.lift_warning(ops, actor, ident)))
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export as CAP"), f"warning-{ident}.xml", "*.xml")
        if not path:
            return None
        data = export_cap(self._desk.db, str(ident))
        Path(path).write_bytes(data)
        return path

    def _report(self, outcome: object) -> object:
        """A refusal (a malformed file, a wrong step) is shown under the banner; a success reads again."""
        if isinstance(outcome, Exception):
            self.record.setText(describe(outcome))
        return outcome

    def print_cards(self, path: str | Path) -> int:
        """The selected hazard point's two cards (防灾工作明白卡、避险明白卡), or every point's, as PDF."""
        index = self.hazard_view.currentIndex()
        code = None
        if index.isValid():
            ident = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
            snap = self.snapshot
            code = next((h.code for h in snap.hazards if h.id == ident), None) if snap is not None else None
        cards = hazard_cards(self._desk.db, [code] if code else None, names=self._desk.actor.can(Perm.VIEW_PERSONAL))
        return write_cards(cards, township_name(self._desk.db), path)

    # -- drills -----------------------------------------------------------------------------------
    def _clock(self) -> datetime:
        return self.runner.clock() if self.runner is not None else self._desk.now()

    def _target(self) -> tuple[Operations, bool]:
        """Where the view's writes go: during a drill, to the drill (its clock, its flag)."""
        return (self.runner.ops, True) if self.runner is not None else (self._desk.ops, False)

    def start_drill(self, scenario: Scenario, speed: int, rehearse: bool) -> None:
        from desk.domain.clock import utcnow

        self.runner = DrillRunner(self._desk.db, self._desk.actor, scenario, utcnow(), scripted=rehearse,
                                  hub=self._desk.hub)
        self._drill_speed = speed
        self.drill_result = None
        self._drill_timer.start()
        self.drill_tick(advance=False)

    def drill_tick(self, advance: bool = True) -> None:
        """One second of the desk's time: the drill moves on `speed` seconds, then the view reads it."""
        runner = self.runner
        if runner is None:
            return
        if advance:
            outcome = guarded_call("drill", lambda: runner.advance(runner.clock.elapsed
                                                                   + timedelta(seconds=self._drill_speed)))
            if isinstance(outcome, Exception):  # a scripted step that cannot be done: the drill pauses, says why
                self._drill_timer.stop()
                self.record.setText(self.tr("Drill paused: %1").replace("%1", describe(outcome)))
                return
        if runner.finished:
            self.finish_drill()
            return
        self.reload()

    def abandon_drill(self) -> None:
        """Stop a drill unscored (the desk is closing): the next one can start."""
        runner, self.runner = self.runner, None
        self._drill_timer.stop()
        if runner is not None:
            guarded_call("drill", lambda: abandon_drill(runner.ops, self._desk.actor))

    def finish_drill(self) -> None:
        runner = self.runner
        if runner is None:
            return
        self._drill_timer.stop()
        self.drill_result = guarded("drill.record", runner.finish)()
        self.runner = None
        # The after-action report beside the desk's data, named by the drill and its start.
        folder = data_dir() / "drills"
        folder.mkdir(parents=True, exist_ok=True)
        self.drill_report = folder / f"{self.drill_result.started_local:%Y%m%d-%H%M}-{runner.scenario.name}.pdf"
        write_report(self.drill_result, runner.scenario.goals, township_name(self._desk.db), self.drill_report)
        self.reload()

    def draw(self, snap: EmergencySnapshot) -> None:
        details = [f"{label('hazard', w.hazard)} · {label('level', w.level)} · {w.issued_local:%m-%d %H:%M} · "
                   f"{w.issuer} · {w.reason or w.area}" for w in snap.warnings]
        if snap.patrols_stopped:
            details.append(self.tr("Patrols in hazard areas are stopped: %1")
                           .replace("%1", "、".join(snap.suspended_patrol_areas)) if snap.suspended_patrol_areas
                           else self.tr("Patrols in hazard areas are stopped"))
        if snap.proposal is not None:
            p = snap.proposal
            details.append(self.tr("Proposed: activate the %1 response at %2 (%3)")
                           .replace("%1", label("hazard", p.hazard)).replace("%2", label("level", p.level.value))
                           .replace("%3", p.reason))
        if self.runner is not None:
            details.insert(0, self.tr("DRILL (演练) under way: %1, drill time %2, %3× speed — nothing here is real")
                           .replace("%1", self.runner.scenario.name)
                           .replace("%2", to_local(self.runner.clock()).strftime("%H:%M:%S"))
                           .replace("%3", str(self._drill_speed)))
        elif self.drill_result is not None:
            details.append(self.tr("Last drill: %1, score %2; report: %3").replace("%1", self.drill_result.scenario)
                           .replace("%2", f"{self.drill_result.score.score:g}")
                           .replace("%3", str(self.drill_report)))
        self.banner.set_level(snap.level, "\n".join(details))
        self.banner.setProperty("drill", self.runner is not None)
        a = snap.activation
        if a is None:
            self.record.setText(self.tr("No emergency record is open"))
        else:
            self.record.setText(self.tr("%1 at %2 since %3").replace("%1", a.plan)
                                .replace("%2", label("level", a.level.value))
                                .replace("%3", a.started_local.strftime("%m-%d %H:%M")))
        if self.buttons:
            self.buttons["stand_down"].setEnabled(a is not None)
            self.buttons["log"].setEnabled(True)
            self.buttons["drill"].setText(self.tr("End drill") if self.runner is not None else self.tr("Drill…"))
        self.response.draw(snap)
        self.warning_model.removeRows(0, self.warning_model.rowCount())
        sources = {"manual": self.tr("By hand"), "cap": "CAP", "gauge": self.tr("Gauge threshold")}
        for w in snap.warning_rows:
            items = [QStandardItem(x) for x in (
                label("level", w.level.value), label("hazard", w.hazard), sources.get(w.source, w.source), w.area,
                w.why, w.effective_local.strftime("%m-%d %H:%M"),
                w.expires_local.strftime("%m-%d %H:%M") if w.expires_local else "", w.issuer)]
            items[0].setData(w.id, Qt.ItemDataRole.UserRole)
            items[0].setForeground(QBrush(QColor(theme.color(f"level_{w.level.value}"))))
            self.warning_model.appendRow(items)
        self.drill_model.removeRows(0, self.drill_model.rowCount())
        for d in snap.drills:
            self.drill_model.appendRow([QStandardItem(x) for x in (
                d.scenario, d.started_local.strftime("%Y-%m-%d %H:%M"), "" if d.score is None else f"{d.score:g}")])
        self.charts.window_hours = DRILL_CHART_HOURS if self.runner is not None else 72
        self.charts.show_series(snap.gauges, snap.rain_thresholds_24h)
        self._fill_gauges(snap.gauges)
        self._fill_hazards(snap.hazards)
        self.steps_model.removeRows(0, self.steps_model.rowCount())
        for st in snap.steps:
            self.steps_model.appendRow([QStandardItem(x) for x in (
                label("level", st.level), st.text, st.department,
                self.tr("%1 min").replace("%1", str(st.target_minutes)))])
        self.shelter_model.removeRows(0, self.shelter_model.rowCount())
        for sh in snap.shelters:
            items = [QStandardItem(x) for x in (sh.name, sh.unit, str(sh.capacity), str(sh.occupancy), sh.supplies)]
            items[0].setData(sh.id, Qt.ItemDataRole.UserRole)
            self.shelter_model.appendRow(items)

    def open_dialog_for(self, key: str) -> None:
        """The record's steps, each a dialog that calls one operation (a drill's, while one runs)."""
        desk, snap = self._desk, self.snapshot
        (ops, drill), actor = self._target(), desk.actor
        dlg: StepDialog
        if key == "cards":
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Hazard point cards"), "明白卡.pdf", "*.pdf")
            if path:
                self.print_cards(path)
            return
        if key == "drill":
            if self.runner is not None:
                self.finish_drill()
                return
            start = DrillDialog(self)
            dlg = start
            dlg.submit = lambda: self.start_drill(start.scenario_chosen(), start.speed.value(),
                                                  start.rehearse.isChecked())
        elif key == "warning":
            warn = WarningDialog(self)
            dlg = warn
            dlg.submit = guarded("warning.issue", lambda: em.issue_warning(
                ops, actor, warn.hazard.currentData(), warn.level.currentData(), warn.area.text(),
                warn.text.toPlainText(), warn.issuer.text(), drill=drill))
        elif key == "activate":
            p = snap.proposal if snap is not None else None
            current = snap.activation if snap is not None else None
            act = ActivateDialog(p.hazard if p else (current.hazard if current else "landslide"),
                                 p.level.value if p else "yellow", p.reason if p else "", self)
            dlg = act
            dlg.submit = guarded("emergency.activate", lambda: em.activate(
                ops, actor, act.hazard.currentData(), act.level.currentData(), act.reason.text(),
                p.warning_id if p else None, drill))
        elif key == "log":
            note = LogDialog(self)
            dlg = note
            dlg.submit = guarded("emergency.log", lambda: em.log_event(
                ops, actor, note.text.toPlainText(), note.told.text(), drill))
        else:
            done = StandDownDialog(self)
            dlg = done
            dlg.submit = guarded("emergency.stand_down", lambda: em.stand_down(
                ops, actor, done.summary.toPlainText(), drill))
        dlg.open()
        self.open_dialog = dlg

    def _fill_gauges(self, gauges: Sequence[GaugeSeries]) -> None:
        self.gauge_model.removeRows(0, self.gauge_model.rowCount())
        state_color = {"warn": theme.color("level_orange"), "danger": theme.color("level_red")}
        for g in gauges:
            a = g.assessment
            value = f"{a.value:g} {g.unit}" + (" / 24h" if g.kind == "rain" else "")
            items = [QStandardItem(x) for x in (
                g.name, self.tr("Rain") if g.kind == "rain" else self.tr("River"), value,
                label("gauge_state", a.state.value), f"{to_local(a.latest_at):%m-%d %H:%M}" if a.latest_at else "")]
            items[0].setData(g.id, Qt.ItemDataRole.UserRole)
            if a.state.value in state_color:
                items[3].setForeground(QBrush(QColor(state_color[a.state.value])))
            self.gauge_model.appendRow(items)

    def _fill_hazards(self, hazards: Sequence[HazardRow]) -> None:
        index = self.hazard_view.currentIndex()
        keep = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        self.hazard_model.removeRows(0, self.hazard_model.rowCount())
        for h in hazards:
            items = [QStandardItem(x) for x in (
                h.name, label("hazard", h.kind), h.unit, label("risk", h.risk), str(h.households), str(h.persons),
                h.monitor, h.monitor_phone, h.shelter, h.route,
                h.last_inspected_local.strftime("%m-%d %H:%M") if h.last_inspected_local else "", h.signs)]
            items[0].setData(h.id, Qt.ItemDataRole.UserRole)
            if h.risk == "high":
                items[3].setForeground(QBrush(QColor(theme.color("level_red"))))
            self.hazard_model.appendRow(items)
            if h.id == keep:
                self.hazard_view.setCurrentIndex(self.hazard_model.index(self.hazard_model.rowCount() - 1, 0))
