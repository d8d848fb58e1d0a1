"""Deterministic demo data: a fictional township (or a county-size benchmark) with 90 days of history.

Everything is relative to `now`, so the desk opens with cards, patrols and a warning live "right now".
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk.services.hazard_links import relink
from db.demo import basemap, duty, emergency, gazetteer, households, incidents, meetings, people, positions, residents, township
from db.demo.names import PersonFactory
from db.demo.scales import BY_NAME, Scale
from db.demo.world import World
from db.models import ChangeLogEntry, Setting, Township
from desk.domain import clock
from desk.domain.changes import Change, Entity, Op

SCALES = tuple(BY_NAME)
DEFAULT_SEED = 20261123


def generate(session_factory: sessionmaker[Session], scale: str = "township", seed: int = DEFAULT_SEED,
             now: datetime | None = None, incidents: int | None = None) -> dict[str, int]:
    """Fill an empty, migrated database in one transaction; returns how many rows of each kind were written.

    `incidents` replaces the scale's incident count (a county's geography with a million incidents,
    for benchmarks)."""
    if scale not in BY_NAME:
        raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
    spec = BY_NAME[scale]
    if incidents is not None:
        if incidents < 1:
            raise ValueError(f"the incident count must be at least 1, not {incidents}")
        spec = spec.with_incidents(incidents)
    return _generate(session_factory, spec, seed, now)


def _generate(session_factory: sessionmaker[Session], spec: Scale, seed: int = DEFAULT_SEED,
              now: datetime | None = None) -> dict[str, int]:
    """`generate` for any Scale, so tests can run the county geography with fewer incidents."""
    now = _naive_utc(now or clock.utcnow())
    rng = random.Random(seed)
    world = World(spec, rng, now, PersonFactory(rng, clock.local_today(now)))
    with session_factory.begin() as session:
        if session.get_bind().dialect.name == "sqlite":
            # A county's visits and incidents go into indexes far larger than SQLite's 2 MB page cache;
            # with a bigger one for this connection the bulk inserts stop thrashing.
            session.connection().exec_driver_sql("PRAGMA cache_size=-262144")
        if session.scalar(select(func.count()).select_from(Township)):
            raise ValueError("the database already holds a township; demo data goes into an empty database only")
        township.build_places(session, world)
        people.build_people(session, world)
        township.write_overlaps(session, world)
        duty.build_duty(session, world)
        emergency.build_emergency(session, world)
        session.flush()
        _gauges, world.counts["patrol_area_hazard"] = relink(session.connection())
        # The map data has random streams of its own, so the places, staff and duty stay as they were.
        base = basemap.build_basemap(session, world, random.Random(f"basemap:{seed}"))
        addresses = gazetteer.build_gazetteer(session, world, random.Random(f"gazetteer:{seed}"), base.streets)
        plans = incidents.build_incidents(session, world, spec.incidents, addresses)
        meetings.build_meetings(session, world, plans)
        positions.build_positions(session, world, random.Random(f"positions:{seed}"))
        households.build_households(session, world, random.Random(f"households:{seed}"))
        if spec.residents:
            residents.build_residents(session, world, random.Random(f"residents:{seed}"))
        # Every screen says 演示数据 on this database.
        session.add(Setting(key="demo", value="1"))
        # Desks already open on this database reload everything.
        session.add(ChangeLogEntry(at=now, origin="demo", payload=json.dumps([Change(Entity.DATABASE, Op.RELOADED).to_dict()])))
    return _totals(world)


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _totals(world: World) -> dict[str, int]:
    counts = dict(world.counts)
    counts["staff"] = sum(v for k, v in counts.items() if k.startswith("staff:"))
    counts["volunteer"] = counts.get("staff:volunteer", 0)
    return dict(sorted(counts.items()))
