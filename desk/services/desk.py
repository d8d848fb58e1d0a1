"""The services one running desk needs, built once and passed to the UI."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from db.models import Incident
from desk.domain.catalog import Catalogue
from desk.domain.changes import Change, ChangeSet, Entity, Op
from desk.domain.clock import utcnow
from desk.domain.incident_filter import NO_FILTER, OPEN_QUEUE, IncidentFilter, QueueQuery
from desk.domain.masking import mask_name, mask_phone
from desk.domain.permissions import Actor
from desk.domain.rates import Rate
from desk.services import addresses, gis_import
from desk.services import base_map as base_map_settings
from desk.services import catalogue as catalogue_service
from desk.services.accounts import WALL_ACTOR, actor_for
from desk.services.change_feed import ChangeSource, PolledChangeLog
from desk.services.database import Database
from desk.services.errors import DeskError
from desk.services.geo import GeoService
from desk.services.hub import ChangeHub
from desk.services.incidents import IncidentService
from desk.services.operations import Operations
from desk.services.reads import agenda as agenda_reads
from desk.services.reads import basemap as basemap_reads
from desk.services.reads import cards as card_reads
from desk.services.reads import boards as boards_reads
from desk.services.reads import emergency as emergency_reads
from desk.services.reads import evacuation as evacuation_reads
from desk.services.reads import visits as visit_reads
from desk.services.reads import info as info_reads
from desk.services.reads import map as map_reads
from desk.services.reads import overlays as overlay_reads
from desk.services.reads import queue as queue_reads
from desk.services.reads import search as search_reads
from desk.services.reads import status as status_reads

TICK = ChangeSet((Change(Entity.CLOCK, Op.UPDATED),))
REVEALABLE = {"reporter_name": mask_name, "reporter_phone": mask_phone}


class DeskServices:
    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.actor = actor
        self.clock = clock
        self.signed_in = False  # opened by login and password (not --user, a demo or the wall): it may lock
        self.hub = ChangeHub()
        self.ops = Operations(db, self.hub, clock)
        self.geo = GeoService(db)
        self.incidents = IncidentService(db, self.hub, self.geo, clock, self.ops)
        self.feed: ChangeSource = PolledChangeLog(db)
        self._demo = db.is_demo()

    def now(self) -> datetime:
        return self.clock()

    def tick(self) -> ChangeSet:
        """The minute tick: time-driven figures (cards, countdowns, the agenda, the wall) move on even
        when nothing is written."""
        self.hub.publish(TICK)
        return TICK

    def poll_external(self) -> ChangeSet:
        """What other processes wrote since the last poll, as one change set, republished here."""
        found = self.feed.poll()
        if found:
            if found.touches(Entity.GRID, Entity.POLICE_CELL, Entity.ADMIN_UNIT, Entity.DATABASE):
                self.geo.invalidate()
            if found.touches(Entity.DATABASE):
                self._demo = self.db.is_demo()
            self.hub.publish(found)
        return found

    # What the database is.
    def is_demo(self) -> bool:
        """Demo data (演示数据): every screen says so."""
        return self._demo

    def has_township(self) -> bool:
        return not self.db.is_empty()

    def catalogue(self) -> Catalogue:
        with self.db.session() as s:
            return catalogue_service.load(s)

    def reveal_personal(self, incident_id: int, field: str) -> str:
        """A reporter's name or phone in the clear, for a role that may see it; the reveal is audited."""
        if field not in REVEALABLE:
            raise DeskError("unknown_value", f"not a revealable field: {field}", field="field", value=field)
        with self.ops.run(self.actor, "personal.reveal") as op:
            inc = op.session.get(Incident, incident_id)
            if inc is None:
                raise DeskError("not_found", f"no incident with id {incident_id}", field="incident",
                                value=incident_id)
            value = getattr(inc, field)
            op.read(Entity.INCIDENT, inc.id, [field], note=f"{inc.code} {field}")
        return value

    # Read models, bound to this desk's actor and clock.
    def queue(self) -> list[queue_reads.QueueRow]:
        return queue_reads.open_queue(self.db, self.now())

    def queue_rows(self, ids) -> list[queue_reads.QueueRow]:
        return queue_reads.queue_rows(self.db, self.now(), ids)

    def queue_ids(self, query: QueueQuery = OPEN_QUEUE) -> list[int]:
        """Every incident the query lists, in its order (the whole history, sorted and filtered in SQL)."""
        return queue_reads.query_ids(self.db, query, self.now())

    def queue_counts(self, query: QueueQuery = OPEN_QUEUE) -> dict[str, int]:
        return queue_reads.query_counts(self.db, query, self.now())

    def red_ids(self) -> set[int]:
        return queue_reads.red_ids(self.db, self.now())

    def queue_choices(self) -> queue_reads.QueueChoices:
        """What the queue's filters offer: item types, grids, departments."""
        return queue_reads.queue_choices(self.db)

    def arrive(self, incident_id: int, professional: bool = False, note: str = "") -> ChangeSet:
        return self.incidents.arrive(self.actor, incident_id, professional, note)

    def incident_detail(self, incident_id: int) -> queue_reads.IncidentDetail | None:
        return queue_reads.incident_detail(self.db, self.actor, incident_id, self.now())

    def dispatch_choices(self):
        return queue_reads.dispatch_choices(self.db)

    def map_layers(self) -> dict:
        return map_reads.base_layers(self.db)

    def map_incidents(self, f: IncidentFilter = NO_FILTER) -> dict:
        return map_reads.open_incident_features(self.db, self.now(), f)

    def map_incident_diff(self, ids, f: IncidentFilter = NO_FILTER) -> tuple[dict, list[int]]:
        return map_reads.incident_diff(self.db, self.now(), ids, f)

    def area_card(self, role: str, ident: int) -> map_reads.AreaCard | None:
        """A clicked grid's or police cell's card: people, figures, open items."""
        return map_reads.area_card(self.db, self.now(), role, ident)

    def loop_rates(self) -> list[Rate]:
        """Closed on time, overdue and satisfaction against the plans' targets."""
        with self.db.session() as s:
            return card_reads.loop_rates(s, self.now())

    def unit_choices(self) -> list[tuple[int, str]]:
        """Villages and communities by name, for filters and pickers."""
        return map_reads.unit_choices(self.db)

    def grid_measure(self, measure: str, f: IncidentFilter = NO_FILTER) -> dict[int, object]:
        return map_reads.grid_measure(self.db, self.now(), measure, f)

    def heat_points(self, f: IncidentFilter = NO_FILTER) -> list[list[float]]:
        return map_reads.heat_points(self.db, self.now(), f)

    def map_overlays(self) -> dict:
        """The map's live overlays: staff at their last check-in, gauges with their latest value,
        patrol areas with today's coverage (FeatureCollections keyed staff / gauges / coverage)."""
        return overlay_reads.map_overlays(self.db, self.now())

    def base_map(self) -> base_map_settings.BaseMap:
        """Which base map the map draws (vector from the township's data, MBTiles, intranet XYZ)."""
        return base_map_settings.load(self.db)

    def base_features(self) -> dict:
        """The vector base map: roads, rivers, water, contours, relief, as one FeatureCollection."""
        return basemap_reads.base_features(self.db)

    def search(self, text: str, limit: int = 20) -> list[search_reads.SearchHit]:
        """Grids, villages, groups, incidents and gazetteer addresses matching what an operator typed."""
        return search_reads.search(self.db, text, limit=limit)

    def geocode(self, text: str) -> search_reads.SearchHit | None:
        """The gazetteer point for an address as typed in the register dialog, if there is one."""
        return search_reads.geocode(self.db, text)

    def gis_preview(self, path: str | Path, layer: str = "grid", fields: Mapping[str, str] | None = None,
                    repair: bool = False) -> gis_import.Preview:
        """Read a GeoJSON or zipped Shapefile for import without writing anything."""
        return gis_import.read_layer(path, layer, fields, repair=repair)

    def gis_import(self, path: str | Path, layer: str = "grid", fields: Mapping[str, str] | None = None,
                   repair: bool = False, township: str | None = None) -> gis_import.ImportResult:
        result = gis_import.import_layer(self.ops, self.actor, path, layer, fields, repair=repair,
                                         township=township)
        self.geo.invalidate()
        return result

    def address_import(self, path: str | Path) -> addresses.ImportResult:
        return addresses.import_addresses(self.ops, self.actor, path)

    def boards(self) -> boards_reads.BoardsSnapshot:
        return boards_reads.boards_snapshot(self.db, self.actor, self.now())

    def agenda(self) -> agenda_reads.AgendaSnapshot:
        return agenda_reads.agenda_snapshot(self.db, self.now())

    def emergency(self, drill_clock: Callable[[], datetime] | None = None,
                  wall: bool = False) -> emergency_reads.EmergencySnapshot:
        """The emergency picture now; during a drill (its clock given) the drill's own; on the wall masked."""
        if drill_clock is not None:
            return emergency_reads.emergency_snapshot(self.db, self.actor, drill_clock(), drill=True, wall=wall)
        return emergency_reads.emergency_snapshot(self.db, self.actor, self.now(), wall=wall)

    def wall_distance(self) -> float:
        """How far the room sits from the wall, in metres (the setting, or 4 m)."""
        from desk.services.settings import WALL_DISTANCE_DEFAULT, WALL_DISTANCE_KEY, current_settings

        value = current_settings(self.db).get(WALL_DISTANCE_KEY, "")
        return float(value) if value else WALL_DISTANCE_DEFAULT

    def visits_due(self, query: visit_reads.Query = visit_reads.Query(), as_of: datetime | None = None,
                   wall: bool = False) -> list[visit_reads.DueRow]:
        """Households and persons due a visit or overdue, now or as of an earlier moment (naive UTC)."""
        with self.db.session() as s:
            return visit_reads.due_list(s, self.actor, as_of or self.now(), query, current=as_of is None, wall=wall)

    def visit_figures(self, by: str = "grid", as_of: datetime | None = None) -> list[visit_reads.Figures]:
        with self.db.session() as s:
            return visit_reads.figures(s, as_of or self.now(), by, current=as_of is None)

    def household_file(self, household_id: int) -> visit_reads.HouseholdFile | None:
        with self.db.session() as s:
            return visit_reads.household_file(s, self.actor, household_id, self.now())

    def repeated_notes(self, days: int = 30) -> list[visit_reads.RepeatedNote]:
        with self.db.session() as s:
            return visit_reads.repeated_notes(s, self.now(), days)

    def visit_choices(self, household_id: int) -> visit_reads.VisitChoices:
        with self.db.session() as s:
            return visit_reads.visit_choices(s, household_id)

    def visit_filters(self) -> visit_reads.FilterChoices:
        with self.db.session() as s:
            return visit_reads.filter_choices(s)

    def joint_visits(self, quarter: str | None = None) -> list[visit_reads.JointRow]:
        with self.db.session() as s:
            return visit_reads.joint_visits(s, self.now(), quarter)

    def threatened_households(self, hazard_point_id: int) -> list[evacuation_reads.HouseholdRow]:
        """The households on file a hazard point threatens, its members and who needs help leaving."""
        with self.db.session() as s:
            return evacuation_reads.threatened_households(s, self.actor, self.now(), [hazard_point_id])

    def status(self) -> status_reads.StatusSnapshot:
        return status_reads.status_snapshot(self.db, self.now())

    def info(self) -> dict[str, int]:
        return info_reads.info_counts(self.db, self.now())

    def close(self) -> None:
        self.db.dispose()


def open_desk(target: str | Path, login: str = "duty", wall: bool = False, *, create_demo: bool = False,
              clock: Callable[[], datetime] = utcnow) -> DeskServices:
    """Open (and, if behind, migrate) a database. Only `create_demo` — the README's run command on its
    own default database — may create a missing database, and then fills it with the demo township;
    any other missing or unsound path is refused (NotADeskDatabase) before anything is written."""
    is_new = create_demo and not _exists(target)
    db = Database(target, create=is_new)
    try:
        if is_new:
            from db.demo import generate

            generate(db.write_factory, scale="township", now=clock())
        actor = WALL_ACTOR if wall else actor_for(db, login)
    except BaseException:
        db.dispose()
        raise
    return DeskServices(db, actor, clock)


def _exists(target: str | Path) -> bool:
    from desk.services.database import sqlite_path

    path = sqlite_path(target)
    return path is None or path.exists()
