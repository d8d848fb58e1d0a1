"""Households and persons from a county platform's export (一户一档): CSV (UTF-8, BOM or GBK) or XLSX,
a row per person, with 户号/household_id, 地址/address, 姓名/name, 性别/gender, 出生日期/birth_date,
身份证号/id_number, 手机号/phone, 人员类别/group, 网格编码/grid_code, and optionally 与户主关系/relation.
Every row is checked (the ID number's check digit, and that it agrees with the birth date and gender;
the phone's form; the grid and the groups known) and the file goes in whole or not at all, each problem
named by its row and column. A household already on file (by 户号) is updated; a person already in it
(by ID number) too; an ID number on file in another household is refused. What is imported counts as
confirmed today."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Grid, GridCellOverlap, GroupMember, Household, Resident, VisitGroup
from desk.domain.changes import Entity, Op
from desk.domain.identity import NotAnIdNumber, check_id_number
from desk.domain.permissions import Actor
from desk.domain.phones import NotAPhone, normalise_phone
from desk.services.errors import BadInput
from desk.services.operations import Operations
from desk.services.table_files import header_index, table_rows

COLUMNS: dict[str, tuple[str, ...]] = {
    "household": ("户号", "household_id", "household", "户编号"),
    "address": ("地址", "address", "住址"),
    "name": ("姓名", "name"),
    "gender": ("性别", "gender"),
    "birth_date": ("出生日期", "birth_date", "birthday"),
    "id_number": ("身份证号", "id_number", "公民身份号码", "身份证号码"),
    "phone": ("手机号", "phone", "联系电话", "手机号码"),
    "group": ("人员类别", "group", "类别"),
    "grid_code": ("网格编码", "grid_code", "网格代码"),
    "relation": ("与户主关系", "relation"),
    "housing": ("住房情况", "housing", "房屋类型"),
}
REQUIRED = ("household", "address", "name", "gender", "id_number", "grid_code")
LABELS = {"household": "户号", "address": "地址", "name": "姓名", "gender": "性别", "birth_date": "出生日期",
          "id_number": "身份证号", "phone": "手机号", "group": "人员类别", "grid_code": "网格编码",
          "relation": "与户主关系", "housing": "住房情况", "file": "文件"}
GENDERS = {"男": "M", "女": "F", "m": "M", "f": "F", "male": "M", "female": "F"}
RELATIONS = {"户主": "head", "本人": "head", "配偶": "spouse", "妻": "spouse", "夫": "spouse", "子": "child",
             "女": "child", "子女": "child", "儿子": "child", "女儿": "child", "父亲": "parent", "母亲": "parent",
             "父母": "parent", "孙子": "grandchild", "孙女": "grandchild", "孙辈": "grandchild"}
LISTED = 20


@dataclass(frozen=True)
class Problem:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        label = LABELS.get(self.field, self.field)
        return f"row {self.row}, {label}: {self.message}" if self.row else f"{label}: {self.message}"


@dataclass
class ResidentImportResult:
    households_added: int = 0
    households_updated: int = 0
    persons_added: int = 0
    persons_updated: int = 0
    memberships_added: int = 0


@dataclass
class _Row:
    row: int
    household: str
    address: str
    name: str
    gender: str
    birth_date: date
    id_number: str
    phone: str
    groups: list[str] = field(default_factory=list)
    grid_code: str = ""
    relation: str = ""
    housing: str = ""


def _unreadable(path: Path, reason: str) -> BadInput:
    return BadInput("residents_unreadable", f"{path.name}: {reason}", field="file", value=path.name, reason=reason)


def _date(text: str) -> date:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?: .*)?", text.strip()) or \
        re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


@dataclass
class Parsed:
    rows: list[_Row]
    problems: list[Problem]
    refs: list[tuple[int, str, list[str]]]  # every row's (number, grid code, groups), bad rows too


def parse(path: str | Path) -> Parsed:
    path = Path(path)
    rows, problems = [], []
    refs: list[tuple[int, str, list[str]]] = []
    lines = table_rows(path, _unreadable)
    header: dict[str, int] | None = None
    for number, cells in enumerate(lines, start=1):
        if header is None:
            header = header_index(cells, COLUMNS)
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise BadInput("residents_unreadable", f"{path.name}: no column for "
                               + "、".join(LABELS[c] for c in missing), field="file", value=path.name,
                               reason="missing columns")
            continue
        if not any(cells):
            continue
        where = header

        def cell(name: str, row: list[str] = cells, at: dict[str, int] = where) -> str:
            i = at.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        bad: list[Problem] = []
        for name in REQUIRED:
            if not cell(name):
                bad.append(Problem(number, name, "empty"))
        id_number, born, gender = "", date(1900, 1, 1), ""
        if cell("id_number"):
            try:
                id_number, born, from_id = check_id_number(cell("id_number"))
            except NotAnIdNumber as exc:
                bad.append(Problem(number, "id_number", str(exc)))
                from_id = ""
            given = GENDERS.get(cell("gender").lower(), "") if cell("gender") else ""
            if cell("gender") and not given:
                bad.append(Problem(number, "gender", f"{cell('gender')!r} is not 男 or 女"))
            elif given and from_id and given != from_id:
                bad.append(Problem(number, "gender", "does not agree with the ID number"))
            gender = given or from_id
            if cell("birth_date"):
                try:
                    said = _date(cell("birth_date"))
                    if id_number and said != born:
                        bad.append(Problem(number, "birth_date",
                                           f"{said.isoformat()} does not agree with the ID number ({born.isoformat()})"))
                except ValueError as exc:
                    bad.append(Problem(number, "birth_date", str(exc)))
        phone = ""
        if cell("phone"):
            try:
                phone = normalise_phone(cell("phone"))
            except NotAPhone:
                bad.append(Problem(number, "phone", f"{cell('phone')!r} is not a phone number"))
        for name, limit in (("name", 32), ("household", 32), ("address", 120)):
            if len(cell(name)) > limit:
                bad.append(Problem(number, name, f"longer than {limit} characters"))
        relation = RELATIONS.get(cell("relation"), "other" if cell("relation") else "")
        groups = [g.strip() for g in re.split(r"[、;；,，/]", cell("group")) if g.strip()]
        refs.append((number, cell("grid_code"), groups))
        if bad:
            problems.extend(bad)
            continue
        rows.append(_Row(number, cell("household"), cell("address"), cell("name"), gender, born, id_number, phone,
                         groups, cell("grid_code"), relation, cell("housing")[:32]))
    if header is None:
        raise BadInput("residents_unreadable", f"{path.name}: the file is empty", field="file", value=path.name,
                       reason="empty")
    seen: dict[str, int] = {}
    for r in rows:
        if r.id_number in seen:
            problems.append(Problem(r.row, "id_number", f"the same ID number as row {seen[r.id_number]}"))
        seen.setdefault(r.id_number, r.row)
    return Parsed(rows, problems, refs)


def _check_against(s: Session, parsed: Parsed) -> tuple[dict[str, int], dict[str, VisitGroup]]:
    rows, problems = parsed.rows, parsed.problems
    grids = dict(s.execute(select(Grid.code, Grid.id)).all())
    groups = {g.code: g for g in s.scalars(select(VisitGroup).where(VisitGroup.active.is_(True)))}
    by_name = {g.name: g for g in groups.values()}
    for number, grid_code, named in parsed.refs:
        if grid_code and grid_code not in grids:
            problems.append(Problem(number, "grid_code", f"no grid with code {grid_code}"))
        for g in named:
            group = groups.get(g) or by_name.get(g)
            if group is None:
                problems.append(Problem(number, "group", f"no group {g}"))
            elif group.subject != "person":
                problems.append(Problem(number, "group", f"{group.name} is a group of households, not persons"))
    first: dict[str, _Row] = {}
    for r in rows:
        head = first.setdefault(r.household, r)
        if head is not r and (head.address != r.address or head.grid_code != r.grid_code):
            problems.append(Problem(r.row, "address", f"household {r.household} has another address or grid in "
                                                      f"row {head.row}"))
    on_file = {n: (rid, code) for n, rid, code in s.execute(
        select(Resident.id_number, Resident.id, Household.code).join(Household, Household.id == Resident.household_id)
        .where(Resident.id_number.in_([r.id_number for r in rows])))}
    for r in rows:
        held = on_file.get(r.id_number)
        if held is not None and held[1] != r.household:
            problems.append(Problem(r.row, "id_number", f"already on file in household {held[1]}"))
    resolved = {**groups, **{g.name: g for g in groups.values()}}
    return grids, resolved


def import_residents(ops: Operations, actor: Actor, path: str | Path,
                     progress: Callable[[int], None] | None = None) -> ResidentImportResult:
    """All or nothing: any problem refuses the file with every problem listed, and nothing is written."""
    parsed = parse(path)
    rows, problems = parsed.rows, parsed.problems
    name = Path(path).name
    with ops.run(actor, "resident.import") as op:
        s = op.session
        grids, groups = _check_against(s, parsed)
        if problems or not rows:
            problems.sort(key=lambda p: p.row)
            listed = [str(p) for p in problems[:LISTED]] + ([f"… and {len(problems) - LISTED} more"]
                                                           if len(problems) > LISTED else [])
            raise BadInput("residents_rejected", f"{name}: nothing imported; " + ("; ".join(listed) or "no rows"),
                           field="file", value=name, problems=problems, count=len(problems))
        result = ResidentImportResult()
        now = op.now
        grid_units = dict(s.execute(select(Grid.id, Grid.unit_id)).all())
        cell_of: dict[int, int] = {}
        for gid, cid, share in s.execute(select(GridCellOverlap.grid_id, GridCellOverlap.cell_id,
                                                GridCellOverlap.grid_share).order_by(GridCellOverlap.grid_share)):
            cell_of[gid] = cid  # the cell holding most of the grid wins (ordered by share)
        homes = {h.code: h for h in s.scalars(select(Household).where(
            Household.code.in_({r.household for r in rows})))}
        for code in dict.fromkeys(r.household for r in rows):
            mine = [r for r in rows if r.household == code]
            head = next((r for r in mine if r.relation == "head"), mine[0])
            grid_id = grids[head.grid_code]
            h = homes.get(code)
            if h is None:
                h = Household(code=code, unit_id=grid_units[grid_id], created_at=now, notes="")
                s.add(h)
                homes[code] = h
                result.households_added += 1
            else:
                result.households_updated += 1
            h.grid_id, h.unit_id, h.police_cell_id = grid_id, grid_units[grid_id], cell_of.get(grid_id)
            h.address, h.head_name = head.address, head.name
            h.phone = head.phone or h.phone or ""
            h.housing = head.housing or h.housing or ""
            h.housing_confirmed_at = h.contact_confirmed_at = now
        s.flush()
        firsts: dict[str, _Row] = {}
        for r in rows:
            firsts.setdefault(r.household, r)
        people = {p.id_number: p for p in s.scalars(select(Resident).where(
            Resident.id_number.in_([r.id_number for r in rows])))}
        for r in rows:
            p = people.get(r.id_number)
            if p is None:
                p = Resident(household_id=homes[r.household].id, id_number=r.id_number, active=True, needs="")
                s.add(p)
                people[r.id_number] = p
                result.persons_added += 1
            else:
                result.persons_updated += 1
            p.name, p.gender, p.birth_date, p.phone = r.name, r.gender, r.birth_date, r.phone
            p.relation = r.relation or ("head" if firsts[r.household] is r else "other")
            p.confirmed_at = now
        s.flush()
        held = {(m.group_id, m.resident_id) for m in s.scalars(select(GroupMember).where(
            GroupMember.until.is_(None), GroupMember.resident_id.in_([p.id for p in people.values()])))}
        for r in rows:
            for g in r.groups:
                group = groups[g]
                key = (group.id, people[r.id_number].id)
                if key not in held:
                    s.add(GroupMember(group_id=group.id, resident_id=key[1], since=now))
                    held.add(key)
                    result.memberships_added += 1
        op.audit(Entity.HOUSEHOLD, None, {"households": [0, len(homes)], "persons": [0, len(rows)]},
                 note=f"{name}: {result.households_added} households added, {result.persons_added} persons added")
        op.changes.add(Entity.HOUSEHOLD, Op.RELOADED)
        if progress is not None:
            progress(len(rows))
        return result

