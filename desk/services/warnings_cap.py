"""Warnings from CAP 1.2 messages (import, with updates and cancellations applied to the warning they
name), a township warning written as CAP, and the list of warnings `python -m desk warnings` prints."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from db.models import Township, Warning
from desk.domain import cap_alert as cap
from desk.domain.changes import Entity, Op
from desk.domain.clock import to_local
from desk.domain.permissions import Actor
from desk.services.database import Database
from desk.services.errors import BadInput
from desk.services.operations import Operations, snapshot

WARNING_FIELDS = ("identifier", "source", "hazard", "level", "area", "effective_at", "expires_at", "state", "sender",
                  "event", "severity")


@dataclass(frozen=True)
class CapImportResult:
    identifier: str
    action: str  # created | updated | cancelled | unchanged
    warning_id: int | None
    level: str
    hazard: str


def _invalid(exc: cap.CapError) -> BadInput:
    return BadInput("cap_invalid", f"not a valid CAP 1.2 message: {exc}", field=exc.where, value=str(exc))


def read_message(source: str | Path | bytes) -> tuple[cap.CapMessage, bytes]:
    if isinstance(source, bytes):
        raw = source
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise BadInput("unreadable", f"{source}: {exc.strerror or exc}", field="file", value=str(source)) from None
    try:
        return cap.parse(raw), raw
    except cap.CapError as exc:
        raise _invalid(exc) from None


def import_cap(ops: Operations, actor: Actor, source: str | Path | bytes, language: str = "zh-CN") -> CapImportResult:
    """Store a CAP 1.2 message: an Alert becomes a warning (one already stored is left as it is), an
    Update supersedes the warnings it names and is stored itself, a Cancel cancels them. Test and Draft
    messages are refused; Exercise ones are stored as drill warnings. All or nothing."""
    message, raw = read_message(source)
    if message.status in ("Test", "Draft", "System"):
        raise BadInput("cap_not_stored", f"status {message.status}: not stored (only Actual and Exercise are)",
                       field="alert/status", value=message.status)
    if message.msg_type in ("Ack", "Error"):
        raise BadInput("cap_not_stored", f"msgType {message.msg_type}: an acknowledgement carries no warning",
                       field="alert/msgType", value=message.msg_type)
    with ops.db.session() as s:
        held = s.scalar(select(Warning.id).where(Warning.identifier == message.identifier))
    info = message.info(language)
    level = cap.level_of(info) if info is not None else ""
    hazard = cap.hazard_of(info) if info is not None else ""
    if held is not None:
        return CapImportResult(message.identifier, "unchanged", held, level, hazard)
    with ops.run(actor, "warning.import") as op:
        s = op.session
        named = [w for w in s.scalars(select(Warning).where(
            Warning.identifier.in_([ident for _, ident, _ in message.references])))] if message.references else []
        if message.msg_type == "Cancel":
            if not named:
                raise BadInput("not_found", "the Cancel names no warning stored here: "
                               + " ".join(i for _, i, _ in message.references), field="alert/references",
                               value=message.references[0][1])
            for w in named:
                before = snapshot(w, ("state", "lifted_at"))
                w.state, w.lifted_at = "cancelled", message.sent
                if w is named[0]:
                    op.updated(Entity.WARNING, w, before, note=f"cancelled by {message.identifier}")
                else:
                    op.changes.add(Entity.WARNING, Op.UPDATED, w.id)
            return CapImportResult(message.identifier, "cancelled", named[0].id, named[0].level, named[0].hazard)
        assert info is not None
        for w in named:
            w.state = "superseded"
            op.changes.add(Entity.WARNING, Op.UPDATED, w.id)
        area = "、".join(a.desc for a in info.areas)[:120] or info.headline[:120]
        geocode = ";".join(f"{n}={v}" for a in info.areas for n, v in a.geocodes)[:120]
        w = Warning(hazard=hazard, level=level, issued_at=message.sent, effective_at=info.effective or message.sent,
                    expires_at=info.expires, source="cap", identifier=message.identifier[:160],
                    sender=message.sender[:160], event=info.event[:120], severity=info.severity,
                    issuer=(info.sender_name or message.sender)[:64], area=area,
                    text="\n".join(t for t in (info.headline, info.description, info.instruction) if t),
                    geometry=cap.area_geojson(info), geocode=geocode, cap_xml=raw.decode("utf-8", "replace"),
                    drill=message.status == "Exercise")
        s.add(w)
        op.created(Entity.WARNING, w, WARNING_FIELDS,
                   note=f"CAP {message.msg_type} {message.identifier}" + (
                       f" superseding {' '.join(x.identifier or '' for x in named)}" if named else ""))
        action = "updated" if named else "created"
        return CapImportResult(message.identifier, action, w.id, level, hazard)


def export_cap(db: Database, ident: str) -> bytes:
    """A warning as CAP 1.2: an imported one as it was received, one of ours written afresh."""
    with db.session() as s:
        w = s.scalars(select(Warning).where(Warning.identifier == ident)).first()
        if w is None and ident.isdigit():
            w = s.get(Warning, int(ident))
        if w is None:
            raise BadInput("not_found", f"no warning {ident}", field="warning", value=ident)
        if w.cap_xml:
            return w.cap_xml.encode("utf-8")
        town = s.scalars(select(Township)).first()
        ring: tuple[tuple[float, float], ...] = ()
        if w.geometry:
            shape = json.loads(w.geometry)
            first = shape["coordinates"][0][0] if shape.get("type") == "MultiPolygon" else shape["coordinates"][0]
            ring = tuple((float(x), float(y)) for x, y in first)
        names = {"rain": "暴雨", "flood": "山洪", "landslide": "地质灾害", "general": "突发事件"}
        event = f"{names.get(w.hazard, w.hazard)}预警"
        town_name = town.name if town is not None else ""
        return cap.build(cap.OutgoingWarning(
            identifier=f"{(town.code if town is not None else 'desk')}-{w.id}-{w.issued_at:%Y%m%d%H%M%S}",
            sender=f"desk@{town.code if town is not None else 'township'}", sent=w.issued_at, event=event,
            level=w.level, headline=f"{town_name}发布{cap.LEVEL_NAMES[w.level]}{event}",
            description=w.text or w.reason or w.area, area=w.area or town_name, effective=w.effective_at,
            expires=w.expires_at, polygon=ring, sender_name=w.issuer or town_name,
            status="Exercise" if w.drill else "Actual"))


@dataclass(frozen=True)
class WarningListRow:
    id: str
    source: str
    hazard: str
    level: str
    area: str
    effective: str
    expires: str
    state: str


def list_warnings(db: Database, now: datetime, all_: bool = False) -> list[WarningListRow]:
    with db.session() as s:
        rows = s.scalars(select(Warning).where(Warning.drill.is_(False)).order_by(Warning.issued_at.desc())).all()
    out = []
    for w in rows:
        state = w.state
        if state == "active" and w.lifted_at is not None and w.lifted_at <= now:
            state = "lifted"
        elif state == "active" and w.expires_at is not None and w.expires_at <= now:
            state = "expired"
        if state != "active" and not all_:
            continue
        effective = w.effective_at or w.issued_at
        out.append(WarningListRow(w.identifier or str(w.id), w.source, w.hazard, w.level, w.area,
                                  to_local(effective).isoformat(timespec="minutes"),
                                  to_local(w.expires_at).isoformat(timespec="minutes") if w.expires_at else "",
                                  state))
    return out
