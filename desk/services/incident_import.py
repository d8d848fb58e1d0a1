"""Incidents exported by a county platform (CSV or XLSX), imported all or nothing.

Columns by Chinese or English name: 事件编号/id, 上报时间/reported_at (Beijing time), 事件类型/category,
事件描述/description, 来源/source, 经度/lon, 纬度/lat, and optional 事项性质/nature, 状态/status,
标题/title, 地址/address. Text files may be UTF-8 (with or without BOM) or GBK/GB18030.

`read_incidents` checks a file without writing (the GUI previews it); `import_incidents` refuses a file
with any bad row, naming every one by its row number as a spreadsheet shows it (the header is row 1)
and the field at fault, or writes every row in one operation with one audit record. A point within
300 m of a grid takes the nearest grid; one further out is imported without a grid (待分配网格) and
listed, so the command room assigns it by hand."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from db.models import (AdminUnit, Counter, Department, Grid, Incident, IncidentEvent, IncidentNotice, ItemTypeRow,
                       PoliceCell, Township)
from desk.domain import cards, codes, lifecycle
from desk.domain.changes import Entity, Op
from desk.domain.clock import to_utc, utcnow
from desk.domain.geometry import parse
from desk.domain.lifecycle import Action, Status
from desk.domain.milestones import Rule, event_times, rules_for, schedule
from desk.domain.permissions import Actor
from desk.services.catalogue import resolve_item_type
from desk.services.clocks import Clocks
from desk.services.database import Database
from desk.services.errors import BadInput, DeskError
from desk.services.gis_files import CHINA
from desk.services.incidents import (MAX_LENGTH, clean_text, code_prefix, format_code, issue_code,
                                     tier_notice_rows)
from desk.services.operations import Operations
from desk.services.table_files import header_index, table_rows

__all__ = ["ImportProblem", "IncidentImportResult", "IncidentPreview", "PreviewRow", "import_incidents",
           "read_incidents", "problem_lines"]

# A point this close to a grid belongs to it (GPS drift, a house just over the drawn border).
NEAR_METRES = 300.0
# How many problems the error's message lists before saying how many more there are (params hold all).
LISTED = 12
# Rows written per statement: large enough for speed, small enough to report progress.
CHUNK = 1000
MAX_EXTERNAL_ID = 40  # the column
TITLE_CHARS = 30  # a title made from the description
# A county platform's time may run a little ahead of this seat's clock; more than this is a wrong date.
CLOCK_SKEW = timedelta(minutes=10)
EARLIEST = datetime(2000, 1, 1)

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("事件编号", "编号", "id", "event_id", "external_id"),
    "reported_at": ("上报时间", "登记时间", "reported_at", "reported", "time"),
    "category": ("事件类型", "事项类型", "category", "item_type", "type"),
    "nature": ("事项性质", "性质", "nature", "matter"),
    "description": ("事件描述", "描述", "description"),
    "source": ("来源", "事件来源", "source"),
    "lon": ("经度", "lon", "lng", "longitude"),
    "lat": ("纬度", "lat", "latitude"),
    "status": ("状态", "事件状态", "status"),
    "title": ("标题", "事件标题", "title"),
    "address": ("地址", "事发地址", "address"),
}
FIELD_ORDER = {key: i for i, key in enumerate(COLUMNS)}
REQUIRED = ("id", "reported_at", "category", "description", "source", "lon", "lat")
# The field as the operator reads it in a problem line: the Chinese header and the English one.
LABELS = {key: f"{names[0]}/{next(n for n in names if n.isascii())}" for key, names in COLUMNS.items()}
LABELS["file"] = "文件/file"

SOURCE_NAMES = {"网格员上报": "grid_worker", "110警情": "call_110", "12345热线": "hotline_12345",
                "群众来访": "walk_in", "巡逻发现": "patrol", "义警上报": "volunteer", "义警报告": "volunteer",
                "监测预警": "sensor", "入户走访": "visit", "走访发现": "visit"}
NATURE_NAMES = {"警务事项": "police", "警务": "police", "网格事项": "grid", "网格": "grid"}
STATUS_NAMES = {"登记": "registered", "已登记": "registered", "分流": "dispatched", "已分流": "dispatched",
                "处理": "handling", "处理中": "handling", "反馈": "feedback", "已反馈": "feedback",
                "办结": "closed", "已办结": "closed", "评价": "evaluated", "已评价": "evaluated"}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
# Which steps' times a status implies, in the loop's order. We don't know when the county platform
# did each step, so every step already taken is stamped at the registration time.
STATUS_ORDER = tuple(s.value for s in Status)
STEP_COLUMNS = {"dispatched_at": "dispatched", "handling_at": "handling", "answered_at": "handling",
                "feedback_at": "feedback", "closed_at": "closed", "evaluated_at": "evaluated"}


@dataclass(frozen=True)
class ImportProblem:
    """One bad field of one row; `row` as a spreadsheet shows it (header 1, first data row 2)."""

    row: int
    field: str  # a key of COLUMNS ("lon"), or "file"
    message: str

    @property
    def label(self) -> str:
        return LABELS.get(self.field, self.field)

    def __str__(self) -> str:
        return f"row {self.row}, {self.label}: {self.message}" if self.row else f"{self.label}: {self.message}"


@dataclass(frozen=True)
class PreviewRow:
    row: int
    external_id: str
    reported_at: datetime  # local (Beijing) time, as the file gives it
    registered_at: datetime  # naive UTC, as stored
    category: str  # what the file says
    item_type: str  # the catalogue code it resolved to ("" until resolved)
    item_name: str
    item_class: str
    nature: str  # "" = the item type's default
    source: str
    status: str
    title: str
    description: str
    address: str
    lon: float
    lat: float
    grid_id: int | None = None
    grid_name: str = ""
    unit_id: int | None = None
    cell_id: int | None = None

    @property
    def unassigned(self) -> bool:
        """Further than NEAR_METRES from every grid: 待分配网格."""
        return self.grid_id is None


@dataclass
class IncidentPreview:
    file_name: str
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # (row, id, category) of every row, bad ones too: the database checks name every bad row.
    keys: list[tuple[int, str, str]] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def unassigned(self) -> list[str]:
        return [r.external_id for r in self.rows if r.unassigned]


@dataclass
class IncidentImportResult:
    imported: int = 0
    unassigned: list[str] = field(default_factory=list)  # file ids imported without a grid (待分配网格)
    codes: list[str] = field(default_factory=list)  # the desk's codes, in file order
    file_name: str = ""


# -- reading the file ---------------------------------------------------------------------------

def _unreadable(path: Path, reason: str, **params: Any) -> BadInput:
    return BadInput("incidents_unreadable", f"{path.name}: {reason}", field="file", value=path.name, reason=reason,
                    **params)


def _rows(path: Path) -> Iterator[list[str]]:
    return table_rows(path, lambda p, reason: _unreadable(p, reason))


def _header(row: list[str]) -> dict[str, int]:
    return header_index(row, COLUMNS)


# -- checking one row's fields (no database) ----------------------------------------------------

class _Bad(ValueError):
    """A field's value is not acceptable; the message is what the problem line says."""


def _coordinate(text: str, name: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _Bad(f"{text!r} is not a number" if text else "empty") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise _Bad(f"{text} is not a {name}")
    return value


def _in_china(lon: float, lat: float) -> None:
    west, south, east, north = CHINA
    if not (west <= lon <= east and south <= lat <= north):
        swapped = west <= lat <= east and south <= lon <= north
        raise _Bad(f"{lon}, {lat} " + ("looks swapped (latitude, longitude)" if swapped
                                       else "is not a WGS-84 position in China"))


def _reported(text: str, now: datetime) -> tuple[datetime, datetime]:
    """Local time as written and naive UTC, or _Bad for a malformed, impossible or future time."""
    if not text:
        raise _Bad("empty")
    for fmt in TIME_FORMATS:
        try:
            local = datetime.strptime(text, fmt)
            break
        except ValueError:
            continue
    else:
        raise _Bad(f"{text!r} is not a valid time (YYYY-MM-DD HH:MM[:SS] or YYYY/MM/DD HH:MM)")
    utc = to_utc(local)
    if utc < EARLIEST or utc > now + CLOCK_SKEW:
        raise _Bad(f"{text} is {'in the future' if utc > now else 'too early to be a report'}")
    return local, utc


def _vocab(text: str, names: dict[str, str], codes_: Iterable[str], *, optional: bool = False) -> str:
    if not text:
        if optional:
            return ""
        raise _Bad("empty")
    key = text.strip()
    found = names.get(key) or next((c for c in codes_ if c == key.lower()), None)
    if found is None:
        raise _Bad(f"unknown value {key!r}")
    return found


def _text(name: str, value: str, *, multiline: bool = False) -> str:
    try:
        return clean_text(name, value, multiline=multiline)
    except DeskError as exc:
        raise _Bad(f"longer than {MAX_LENGTH.get(name, 0)} characters"
                   if exc.code == "too_long" else str(exc)) from None


_SOURCES = tuple(dict.fromkeys(SOURCE_NAMES.values()))
_NATURES = ("police", "grid")


def _parse_row(number: int, cell: Callable[[str], str], now: datetime,
               problems: list[ImportProblem]) -> PreviewRow | None:
    """The row's values, or None after adding a problem for every bad field."""
    values: dict[str, Any] = {}
    checks: list[tuple[str, Callable[[], Any]]] = [
        ("id", lambda: _external_id(cell("id"))),
        ("reported_at", lambda: _reported(cell("reported_at"), now)),
        ("category", lambda: cell("category") or _raise_empty()),
        ("nature", lambda: _vocab(cell("nature"), NATURE_NAMES, _NATURES, optional=True)),
        ("description", lambda: _text("description", cell("description"), multiline=True) or _raise_empty()),
        ("source", lambda: _vocab(cell("source"), SOURCE_NAMES, _SOURCES)),
        ("lon", lambda: _coordinate(cell("lon"), "longitude", -180, 180)),
        ("lat", lambda: _coordinate(cell("lat"), "latitude", -90, 90)),
        ("status", lambda: _vocab(cell("status"), STATUS_NAMES, STATUS_ORDER, optional=True) or "registered"),
        ("title", lambda: _text("title", cell("title"))),
        ("address", lambda: _text("address", cell("address"))),
    ]
    bad = False
    for name, check in checks:
        try:
            values[name] = check()
        except _Bad as exc:
            problems.append(ImportProblem(number, name, str(exc)))
            bad = True
    if "lon" in values and "lat" in values:
        try:
            _in_china(values["lon"], values["lat"])
        except _Bad as exc:
            problems.append(ImportProblem(number, "lon", str(exc)))
            bad = True
    if bad:
        return None
    local, utc = values["reported_at"]
    description = values["description"]
    title = values["title"] or " ".join(description.split())[:TITLE_CHARS]
    return PreviewRow(number, values["id"], local, utc, values["category"], "", "", "", values["nature"],
                      values["source"], values["status"], title, description, values["address"], values["lon"],
                      values["lat"])


def _external_id(text: str) -> str:
    if not text:
        raise _Bad("empty")
    if len(text) > MAX_EXTERNAL_ID:
        raise _Bad(f"longer than {MAX_EXTERNAL_ID} characters")
    return text


def _raise_empty() -> str:
    raise _Bad("empty")


def parse_file(path: str | Path, now: datetime | None = None) -> IncidentPreview:
    """Every row and every problem a file shows on its own (no database): unreadable files raise."""
    path = Path(path)
    if not path.is_file():
        raise _unreadable(path, "no such file", missing=[])
    now = now or utcnow()
    rows = _rows(path)
    header: dict[str, int] = {}
    number = 0
    for row in rows:
        number += 1
        if any(row):
            header = _header(row)
            break
    missing = [LABELS[t] for t in REQUIRED if t not in header]
    if missing:
        raise _unreadable(path, f"no column {', '.join(missing)} in the header (row {number})", missing=missing,
                          row=number)
    preview = IncidentPreview(path.name)
    first_row: dict[str, int] = {}
    for row in rows:
        number += 1
        if not any(row):
            continue

        def cell(target: str, row: list[str] = row) -> str:
            i = header.get(target)
            return row[i].strip() if i is not None and i < len(row) else ""

        ident = cell("id")
        preview.keys.append((number, ident, cell("category")))
        if ident and ident in first_row:
            preview.problems.append(ImportProblem(number, "id", f"{ident} is also on row {first_row[ident]}"))
        first_row.setdefault(ident, number)
        parsed = _parse_row(number, cell, now, preview.problems)
        if parsed is not None:
            preview.rows.append(parsed)
    if not preview.rows and not preview.problems:
        preview.problems.append(ImportProblem(0, "file", "the file holds no incidents"))
    preview.problems.sort(key=lambda p: (p.row, FIELD_ORDER.get(p.field, 0)))
    return preview


# -- where a point lies -------------------------------------------------------------------------

class _Metres:
    """A local equirectangular projection to metres: within a township (tens of km) the error is far
    below the 300 m that matters here."""

    def __init__(self, lon0: float, lat0: float):
        self.origin = (lon0, lat0)
        self.scale = (111_320.0 * math.cos(math.radians(lat0)), 110_574.0)

    def geometry(self, geom: BaseGeometry) -> BaseGeometry:
        # shapely hands over the coordinates as one (n, 2) array: the tuples broadcast over it.
        return shapely.transform(geom, lambda xy: (xy - self.origin) * self.scale)

    def points(self, lonlat: Sequence[tuple[float, float]]) -> Any:
        (x0, y0), (kx, ky) = self.origin, self.scale
        return shapely.points([((lon - x0) * kx, (lat - y0) * ky) for lon, lat in lonlat] or [(0.0, 0.0)])[
            :len(lonlat)]


class _Layer:
    """One layer's polygons in metres: the nearest to each point within a distance."""

    def __init__(self, rows: Sequence[Any], metres: _Metres):
        self.ids = [r.id for r in rows]
        self.names = {r.id: r.name for r in rows}
        self.tree = STRtree([metres.geometry(parse(r.geojson)) for r in rows]) if rows else None

    def nearest(self, points: Any, within: float) -> list[int | None]:
        found: list[int | None] = [None] * len(points)
        if self.tree is None or not len(points):
            return found
        pairs, distances = self.tree.query_nearest(points, max_distance=within, return_distance=True,
                                                   all_matches=True)
        best: dict[int, tuple[float, int]] = {}
        for p, g, d in zip(pairs[0], pairs[1], distances):
            # Equidistant (a point inside two overlapping grids): the first by id, as the register dialog does.
            key = (float(d), int(g))
            if int(p) not in best or key < best[int(p)]:
                best[int(p)] = key
        for p, (_d, g) in best.items():
            found[p] = self.ids[g]
        return found


def _origin(s: Session) -> tuple[float, float]:
    town = s.scalars(select(Township)).first()
    if town is not None and town.max_lon > town.min_lon:
        return (town.min_lon + town.max_lon) / 2, (town.min_lat + town.max_lat) / 2
    return 120.0, 30.0  # no township yet: any point in China will do, no grid will be near


def _place(s: Session, rows: list[PreviewRow]) -> list[PreviewRow]:
    """Each row with its grid (nearest within NEAR_METRES), the grid's village, and its police cell."""
    metres = _Metres(*_origin(s))
    points = metres.points([(r.lon, r.lat) for r in rows])
    grids = s.execute(select(Grid.id, Grid.name, Grid.unit_id, Grid.geojson).order_by(Grid.id)).all()
    grid_units = {g.id: g.unit_id for g in grids}
    grid_layer = _Layer(grids, metres)
    units = _Layer(s.execute(select(AdminUnit.id, AdminUnit.name, AdminUnit.geojson).order_by(AdminUnit.id)).all(),
                   metres)
    cells = _Layer(s.execute(select(PoliceCell.id, PoliceCell.name, PoliceCell.geojson)
                             .order_by(PoliceCell.id)).all(), metres)
    grid_ids = grid_layer.nearest(points, NEAR_METRES)
    unit_ids = units.nearest(points, NEAR_METRES)
    cell_ids = cells.nearest(points, NEAR_METRES)
    out = []
    for r, gid, uid, cid in zip(rows, grid_ids, unit_ids, cell_ids):
        # A grid lies in one village: its village, so counts by village and by grid agree. Without a
        # grid, the village that holds (or nearly holds) the point, if any.
        unit = grid_units[gid] if gid is not None else uid
        out.append(replace(r, grid_id=gid, grid_name=grid_layer.names.get(gid, "") if gid is not None else "",
                           unit_id=unit, cell_id=cid))
    return out


# -- checks against the database ----------------------------------------------------------------

def _resolve(s: Session, preview: IncidentPreview, problems: list[ImportProblem]) -> list[PreviewRow]:
    """Rows with their catalogue item type; a problem for each category the catalogue does not know
    (on any row, so a row with several faults shows them all)."""
    found: dict[str, ItemTypeRow | None] = {}
    for number, _ident, category in preview.keys:
        if category and category not in found:
            # Once per distinct name: an alias or class name loads the whole catalogue to resolve.
            found[category] = resolve_item_type(s, category)
        if category and found[category] is None:
            problems.append(ImportProblem(number, "category", f"unknown item type or class {category!r}"))
    out = []
    for r in preview.rows:
        item = found.get(r.category)
        if item is not None:
            out.append(replace(r, item_type=item.code, item_name=item.name, item_class=item.item_class))
    return out


def _existing(s: Session, preview: IncidentPreview, problems: list[ImportProblem]) -> None:
    rows = [(number, ident) for number, ident, _category in preview.keys if ident]
    ids = [ident for _number, ident in rows]
    known: dict[str, str] = {}
    for start in range(0, len(ids), 500):  # within any database's limit of bound parameters
        chunk = ids[start:start + 500]
        for ext, code in s.execute(select(Incident.external_id, Incident.code)
                                   .where(Incident.external_id.in_(chunk))):
            known[str(ext)] = code
    for number, ident in rows:
        if ident in known:
            problems.append(ImportProblem(number, "id", f"{ident} is already imported (incident {known[ident]})"))


def check(s: Session, preview: IncidentPreview) -> IncidentPreview:
    """The file's rows resolved and placed, with the problems only the database shows added."""
    problems = list(preview.problems)
    rows = _resolve(s, preview, problems)
    _existing(s, preview, problems)
    bad_rows = {p.row for p in problems}
    rows = _place(s, [r for r in rows if r.row not in bad_rows])
    problems.sort(key=lambda p: (p.row, FIELD_ORDER.get(p.field, 0)))
    return IncidentPreview(preview.file_name, rows, problems, preview.keys)


def read_incidents(path: str | Path, db: Database, now: datetime | None = None) -> IncidentPreview:
    """Every row (resolved and placed) and every problem of a file; nothing is written."""
    parsed = parse_file(path, now)
    with db.session() as s:
        return check(s, parsed)


def problem_lines(problems: Sequence[ImportProblem]) -> list[str]:
    return [str(p) for p in problems]


def refusal(preview: IncidentPreview) -> BadInput:
    lines = problem_lines(preview.problems[:LISTED])
    more = len(preview.problems) - LISTED
    if more > 0:
        lines.append(f"… and {more} more")
    return BadInput("incidents_rejected", f"{preview.file_name}: nothing imported; " + "; ".join(lines),
                    field="file", value=preview.file_name, problems=list(preview.problems),
                    count=len(preview.problems))


# -- writing ------------------------------------------------------------------------------------

def _draw_codes(s: Session, rows: list[PreviewRow]) -> dict[int, str]:
    """A code per row from the day's counter of its registration, in time order within a day: one
    statement per day, not per row."""
    by_day: dict[str, list[PreviewRow]] = {}
    for r in sorted(rows, key=lambda r: (r.registered_at, r.row)):
        by_day.setdefault(code_prefix(r.registered_at), []).append(r)
    out: dict[int, str] = {}
    for prefix, day in by_day.items():
        first = issue_code(s, day[0].registered_at)  # creates the day's counter if needed
        seq = codes.sequence_of(first, prefix) or 1
        if len(day) > 1:
            s.execute(update(Counter).where(Counter.name == f"incident:{prefix}")
                      .values(value=Counter.value + (len(day) - 1)))
        for i, r in enumerate(day):
            out[r.row] = format_code(prefix, seq + i)
    return out


class _Rows:
    """Builds the incident rows: catalogue defaults, departments and clock rules read once."""

    def __init__(self, s: Session, actor: Actor):
        self.actor = actor
        self.items = {t.code: t for t in s.scalars(select(ItemTypeRow))}
        self.departments: dict[str, int] = {}
        for dept_id, kind in s.execute(select(Department.id, Department.kind).order_by(Department.id)):
            self.departments.setdefault(kind, dept_id)
        self.clocks = Clocks(s)
        self._rules: dict[tuple[str, str, str], list[Rule]] = {}

    def rules(self, item_type: str, matter: str, tier: str) -> list[Rule]:
        key = (item_type, matter, tier)
        if key not in self._rules:
            self._rules[key] = rules_for(self.clocks.rules, item_type, matter, tier)
        return self._rules[key]

    def incident(self, r: PreviewRow, code: str) -> dict[str, Any]:
        item = self.items[r.item_type]
        matter = r.nature or item.nature
        at = r.registered_at
        reached = STATUS_ORDER.index(r.status)
        steps = {col: (at if reached >= STATUS_ORDER.index(status) else None)
                 for col, status in STEP_COLUMNS.items()}
        plan = schedule(self.rules(item.code, matter, item.tier),
                        event_times(at, dispatched_at=steps["dispatched_at"], answered_at=steps["answered_at"],
                                    feedback_at=steps["feedback_at"], closed_at=steps["closed_at"]),
                        self.clocks.calendar)
        return {
            "code": code, "title": r.title, "description": r.description, "category": item.item_class,
            "item_type": item.code, "source": r.source, "matter": matter, "tier": item.tier, "status": r.status,
            "lon": r.lon, "lat": r.lat, "address": r.address, "unit_id": r.unit_id, "grid_id": r.grid_id,
            "cell_id": r.cell_id, "reporter_name": "", "reporter_phone": "",
            "department_id": self.departments.get(item.department) if item.department else None,
            "handler_id": None, "registered_by": self.actor.user_id, "registered_at": at, **steps,
            "arrived_at": None, "professional_at": None,
            "answer_due_at": cards.answer_due(matter, at, item.answer_hours),
            "close_due_at": cards.close_due(matter, at, item.close_days),
            "yellow_at": plan.yellow_at, "red_at": plan.red_at, "due_at": plan.due_at,
            "due_milestone": plan.due_code, "external_id": r.external_id, "feedback": "", "satisfaction": None,
            "rework_count": 0, "version": 1,
        }


def _insert_incidents(s: Session, values: list[dict[str, Any]]) -> dict[str, int]:
    """One executemany of plain rows (the ORM's per-row RETURNING is ten times slower), then their ids
    read back by code, which is unique: portable to any database."""
    s.connection().execute(insert(Incident), values)
    wanted = [v["code"] for v in values]
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), 500):  # within any database's limit of bound parameters
        for code, ident in s.execute(select(Incident.code, Incident.id)
                                     .where(Incident.code.in_(wanted[start:start + 500]))):
            ids[code] = ident
    return ids


def import_incidents(ops: Operations, actor: Actor, path: str | Path,
                     progress: Callable[[int, int], None] | None = None) -> IncidentImportResult:
    """Every row of the file, or nothing (BadInput "incidents_rejected" listing every bad row)."""
    path = Path(path)
    parsed = parse_file(path)
    result = IncidentImportResult(file_name=path.name)
    with ops.run(actor, "incident.import") as op:
        s = op.session
        preview = check(s, parsed)
        if not preview.ok:
            raise refusal(preview)
        total = len(preview.rows)
        if progress is not None:
            progress(0, total)
        drawn = _draw_codes(s, preview.rows)
        build = _Rows(s, actor)
        note = f"导入：{path.name}"
        for start in range(0, total, CHUNK):
            chunk = preview.rows[start:start + CHUNK]
            values = [build.incident(r, drawn[r.row]) for r in chunk]
            ids = _insert_incidents(s, values)
            s.connection().execute(insert(IncidentEvent), [
                {"incident_id": ids[v["code"]], "at": v["registered_at"], "actor_id": actor.user_id,
                 "action": Action.REGISTER.value, "from_status": "", "to_status": v["status"], "note": note}
                for v in values])
            # Open major and special matters go to the duty leader as registered ones do (特事专报 included).
            notices = [row for v in values if lifecycle.is_open(v["status"])
                       for row in tier_notice_rows(ids[v["code"]], v, op.now)]
            if notices:
                s.connection().execute(insert(IncidentNotice), notices)
            if progress is not None:
                progress(start + len(chunk), total)
        result.imported = total
        result.unassigned = preview.unassigned
        result.codes = [drawn[r.row] for r in preview.rows]
        # One audit record for the operation: the file, how many, and which need a grid.
        op.audit(Entity.INCIDENT, None, {"created": [0, total], "unassigned": [0, len(result.unassigned)]},
                 note=f"import incidents {path.name}")
        op.changes.add(Entity.INCIDENT, Op.RELOADED)
    return result
