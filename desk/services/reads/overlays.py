"""The map's live overlays: staff where they last checked in, gauges with their latest value, and
today's patrol coverage of the key areas. Each is a GeoJSON FeatureCollection; positions are WGS-84."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.models import Gauge, GaugeReading, PatrolArea, Shift, ShiftAssignment, Staff, StaffPosition
from desk.domain.clock import LOCAL_TZ, local_today, to_local, to_utc
from desk.domain.warnings import assess_gauge
from desk.services.database import Database

# A check-in older than this says nothing about where someone is now.
POSITION_HOURS = 12
RAIN_HOURS = 24  # rain gauges are judged on their 24 h total (desk.domain.warnings.assess_gauge)


def map_overlays(db: Database, now: datetime) -> dict[str, dict]:
    """{"staff", "gauges", "coverage"}: see staff_positions, gauge_values and patrol_coverage."""
    with db.session() as s:
        return {"staff": staff_positions(s, now), "gauges": gauge_values(s, now), "coverage": patrol_coverage(s, now)}


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _point(lon: float, lat: float, props: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def _local_iso(utc: datetime) -> str:
    """Beijing time with its offset: what operators read, and unambiguous for anyone else."""
    return to_local(utc).replace(tzinfo=LOCAL_TZ).isoformat()


def _today(now: datetime) -> tuple[datetime, datetime]:
    """Today's local day, as UTC bounds."""
    day = local_today(now)
    start = to_utc(datetime.combine(day, time()))
    return start, to_utc(datetime.combine(day + timedelta(days=1), time()))


def staff_positions(s: Session, now: datetime) -> dict:
    """Active staff on duty now, or on a patrol shift today, at their latest check-in of the last 12 h
    (properties id, name, role, at). Someone with no recent check-in is not drawn: the map shows
    known positions only, never a guess."""
    day_start, day_end = _today(now)
    on_duty_now = select(ShiftAssignment.staff_id).join(Shift, Shift.id == ShiftAssignment.shift_id).where(
        Shift.starts_at <= now, Shift.ends_at > now)
    patrolling_today = select(ShiftAssignment.staff_id).join(Shift, Shift.id == ShiftAssignment.shift_id).where(
        Shift.kind == "patrol", Shift.starts_at >= day_start, Shift.starts_at < day_end)
    since = now - timedelta(hours=POSITION_HOURS)
    latest = (select(StaffPosition.staff_id, func.max(StaffPosition.at).label("at"))
              .where(StaffPosition.at > since, StaffPosition.at <= now)
              .group_by(StaffPosition.staff_id).subquery())
    rows = s.execute(
        select(Staff.id, Staff.name, Staff.role, StaffPosition.lon, StaffPosition.lat, StaffPosition.at)
        .join(latest, latest.c.staff_id == Staff.id)
        .join(StaffPosition, and_(StaffPosition.staff_id == latest.c.staff_id, StaffPosition.at == latest.c.at))
        .where(Staff.active.is_(True), Staff.id.in_(on_duty_now.union(patrolling_today)))
        .order_by(Staff.id)).all()
    seen: set[int] = set()
    features = []
    for staff_id, name, role, lon, lat, at in rows:
        if staff_id in seen:  # two check-ins in the same second: either will do
            continue
        seen.add(staff_id)
        features.append(_point(lon, lat, {"id": staff_id, "name": name, "role": role, "at": _local_iso(at)}))
    return _fc(features)


def gauge_values(s: Session, now: datetime) -> dict:
    """Every gauge with its value and level (properties id, name, kind, value, unit, level, at): a rain
    gauge's 24 h total, a river gauge's latest level, against its warning and danger lines. A gauge
    that has not reported for a day shows no value."""
    since = now - timedelta(hours=RAIN_HOURS)
    readings: dict[int, list[tuple[datetime, float]]] = defaultdict(list)
    for gauge_id, at, value in s.execute(select(GaugeReading.gauge_id, GaugeReading.at, GaugeReading.value)
                                         .where(GaugeReading.at > since, GaugeReading.at <= now,
                                                GaugeReading.drill.is_(False))):
        readings[gauge_id].append((at, value))
    features = []
    for g in s.scalars(select(Gauge).order_by(Gauge.kind, Gauge.id)):
        series = readings.get(g.id, [])
        assessment = assess_gauge(g.kind, series, g.warn_value, g.danger_value, now)
        props: dict[str, object] = {"id": g.id, "name": g.name, "kind": g.kind, "unit": g.unit,
                                    "value": assessment.value if series else None,
                                    "level": assessment.state.value,
                                    "at": _local_iso(assessment.latest_at) if assessment.latest_at else None}
        features.append(_point(g.lon, g.lat, props))
    return _fc(features)


def patrol_coverage(s: Session, now: datetime) -> dict:
    """Every key patrol area with today's patrols (properties id, name, kind, planned, done).

    planned: patrol shifts for the area starting today (Beijing day). done: those of them during
    which someone of the crew checked in inside the area (a staff_position of a crew member,
    tagged with the area, between the shift's start and end, and not after now) — a patrol that
    has begun and reported counts as done; one nobody reported from does not."""
    day_start, day_end = _today(now)
    shifts = s.execute(select(Shift.id, Shift.patrol_area_id, Shift.starts_at, Shift.ends_at)
                       .where(Shift.kind == "patrol", Shift.patrol_area_id.is_not(None),
                              Shift.starts_at >= day_start, Shift.starts_at < day_end)).all()
    crews: dict[int, set[int]] = defaultdict(set)
    if shifts:
        for shift_id, staff_id in s.execute(select(ShiftAssignment.shift_id, ShiftAssignment.staff_id)
                                            .where(ShiftAssignment.shift_id.in_([sh.id for sh in shifts]))):
            crews[shift_id].add(staff_id)
    checkins: dict[tuple[int, int], list[datetime]] = defaultdict(list)  # (staff, area) → times
    latest_end = max((sh.ends_at for sh in shifts), default=day_start)
    for staff_id, area_id, at in s.execute(
            select(StaffPosition.staff_id, StaffPosition.patrol_area_id, StaffPosition.at)
            .where(StaffPosition.patrol_area_id.is_not(None), StaffPosition.at >= day_start,
                   StaffPosition.at <= min(now, latest_end))):
        if area_id is not None:
            checkins[(staff_id, area_id)].append(at)
    planned: dict[int, int] = defaultdict(int)
    done: dict[int, int] = defaultdict(int)
    for sh in shifts:
        planned[sh.patrol_area_id] += 1
        if any(sh.starts_at <= at <= sh.ends_at for staff_id in crews[sh.id]
               for at in checkins.get((staff_id, sh.patrol_area_id), ())):
            done[sh.patrol_area_id] += 1
    features = []
    for area in s.scalars(select(PatrolArea).order_by(PatrolArea.id)):
        geom = json.loads(area.geojson)
        geom = geom["geometry"] if geom.get("type") == "Feature" else geom
        features.append({"type": "Feature", "geometry": geom,
                         "properties": {"id": area.id, "name": area.name, "kind": area.kind,
                                        "planned": planned.get(area.id, 0), "done": done.get(area.id, 0)}})
    return _fc(features)
