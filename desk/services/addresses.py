"""The address gazetteer (地名地址): imported from the county's CSV or XLSX export, all or nothing.

Columns by Chinese or English name: 地址/address, 经度/lon, 纬度/lat, optional 村社/unit. Text files may
be UTF-8 (with or without BOM) or GBK. A row with a bad coordinate, a missing address or an address
given twice is named by its row number as a spreadsheet shows it; any such row refuses the file."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.models import AdminUnit
from db.models import Address
from desk.domain.address_text import search_key
from desk.domain.changes import Entity, Op
from desk.domain.permissions import Actor
from desk.services.errors import BadInput
from desk.services.gis_files import CHINA
from desk.services.operations import Operations

COLUMNS: dict[str, tuple[str, ...]] = {
    "address": ("地址", "标准地址", "地名地址", "详细地址", "address"),
    "lon": ("经度", "lon", "lng", "longitude", "x"),
    "lat": ("纬度", "lat", "latitude", "y"),
    "unit": ("村社", "所属村社", "村（社区）", "社区", "unit", "village"),
}
LISTED = 12
MAX_TEXT = 160


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unmatched_units: list[str] = field(default_factory=list)  # 村社 names the database does not have


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput("addresses_unreadable", "the file is neither UTF-8 nor GBK text", field="file", value="",
                   reason="encoding")


def _rows(path: Path) -> Iterator[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
            raise BadInput("addresses_unreadable", f"{path.name}: not a readable XLSX workbook ({exc})",
                           field="file", value=path.name, reason=str(exc)) from None
        try:
            sheet = book.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                yield ["" if v is None else str(v).strip() for v in values]
        finally:
            book.close()
        return
    text = _decode(path.read_bytes())
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(io.StringIO(text), dialect):
        yield [v.strip() for v in row]


def _header(row: list[str]) -> dict[str, int]:
    lowered = [c.lower() for c in row]
    found: dict[str, int] = {}
    for target, names in COLUMNS.items():
        for name in names:
            if name.lower() in lowered:
                found[target] = lowered.index(name.lower())
                break
    return found


@dataclass(frozen=True)
class RowProblem:
    """One bad row, counted from 1 with the header as a spreadsheet shows it."""

    row: int
    kind: str  # no_address | too_long | not_numbers | swapped | not_in_china | duplicate | empty_file
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        p = self.params
        text = {
            "no_address": "no address",
            "too_long": f"the address is longer than {MAX_TEXT} characters",
            "not_numbers": f"longitude '{p.get('lon')}' / latitude '{p.get('lat')}' are not numbers",
            "swapped": f"coordinate {p.get('lon')}, {p.get('lat')}: longitude and latitude look swapped",
            "not_in_china": f"coordinate {p.get('lon')}, {p.get('lat')}: not a WGS-84 position in China",
            "duplicate": f"{p.get('text')} is also on row {p.get('first')}",
            "empty_file": "the file holds no addresses",
        }.get(self.kind, self.kind)
        return f"row {self.row}: {text}" if self.row else text


@dataclass(frozen=True)
class _Entry:
    row: int
    text: str
    key: str
    lon: float
    lat: float
    unit: str


def read_addresses(path: str | Path) -> tuple[list[_Entry], list[RowProblem]]:
    """Every entry and every problem; rows counted from 1 with the header."""
    path = Path(path)
    if not path.is_file():
        raise BadInput("addresses_unreadable", f"{path}: no such file", field="file", value=str(path),
                       reason="missing")
    rows = iter(_rows(path))
    header: dict[str, int] = {}
    number = 0
    for row in rows:
        number += 1
        if any(row):
            header = _header(row)
            break
    missing = [t for t in ("address", "lon", "lat") if t not in header]
    if missing:
        names = " / ".join(COLUMNS[missing[0]][:2])
        raise BadInput("addresses_no_column", f"{path.name}: no column {names} in the header (row {number})",
                       field="file", value=path.name, column=names, row=number)
    entries: list[_Entry] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}

    def cell(row: list[str], target: str) -> str:
        i = header.get(target)
        return row[i] if i is not None and i < len(row) else ""

    for row in rows:
        number += 1
        if not any(row):
            continue
        text = cell(row, "address")
        if not text:
            problems.append(RowProblem(number, "no_address"))
            continue
        if len(text) > MAX_TEXT:
            problems.append(RowProblem(number, "too_long"))
            continue
        try:
            lon, lat = float(cell(row, "lon")), float(cell(row, "lat"))
        except ValueError:
            problems.append(RowProblem(number, "not_numbers", {"lon": cell(row, "lon"), "lat": cell(row, "lat")}))
            continue
        west, south, east, north = CHINA
        if not (west <= lon <= east and south <= lat <= north):
            swapped = west <= lat <= east and south <= lon <= north
            problems.append(RowProblem(number, "swapped" if swapped else "not_in_china", {"lon": lon, "lat": lat}))
            continue
        key = search_key(text)
        if key in seen:
            problems.append(RowProblem(number, "duplicate", {"text": text, "first": seen[key]}))
            continue
        seen[key] = number
        entries.append(_Entry(number, text, key, lon, lat, cell(row, "unit")))
    if not entries and not problems:
        problems.append(RowProblem(0, "empty_file"))
    return entries, problems


def import_addresses(ops: Operations, actor: Actor, path: str | Path) -> ImportResult:
    path = Path(path)
    entries, problems = read_addresses(path)
    if problems:
        lines = [p.message for p in problems[:LISTED]]
        lines += [f"… and {len(problems) - LISTED} more"] if len(problems) > LISTED else []
        raise BadInput("addresses_rejected", f"{path.name}: nothing imported; " + "; ".join(lines),
                       field="file", value=path.name, problems=problems, count=len(problems))
    result = ImportResult()
    with ops.run(actor, "address.import") as op:
        s = op.session
        units = {name: uid for uid, name in s.execute(select(AdminUnit.id, AdminUnit.name))}
        existing = {a.search_key: a for a in s.scalars(select(Address))}
        unmatched: set[str] = set()
        for e in entries:
            unit_id = units.get(e.unit)
            if e.unit and unit_id is None:
                unmatched.add(e.unit)
            row = existing.get(e.key)
            if row is None:
                s.add(Address(text=e.text, search_key=e.key, lon=e.lon, lat=e.lat, unit_id=unit_id,
                              unit_name=e.unit))
                result.created += 1
            else:
                row.text, row.lon, row.lat, row.unit_id, row.unit_name = e.text, e.lon, e.lat, unit_id, e.unit
                result.updated += 1
        result.unmatched_units = sorted(unmatched)
        op.audit(Entity.ADDRESS, None, {"created": [0, result.created], "updated": [0, result.updated]},
                 note=f"import addresses {path.name}")
        op.changes.add(Entity.ADDRESS, Op.RELOADED)
    return result
