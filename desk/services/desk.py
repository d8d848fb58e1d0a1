"""The services one running desk needs, built once and passed to the UI."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desk.domain.changes import ChangeSet, Entity
from desk.domain.clock import utcnow
from desk.domain.permissions import Actor
from desk.services.accounts import WALL_ACTOR, actor_for
from desk.services.change_feed import ChangeSource, PolledChangeLog
from desk.services.database import Database
from desk.services.geo import GeoService
from desk.services.hub import ChangeHub
from desk.services.incidents import IncidentService
from desk.services.reads import agenda, boards, emergency, info, map as map_reads, queue, status


class DeskServices:
    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.actor = actor
        self.clock = clock
        self.hub = ChangeHub()
        self.geo = GeoService(db)
        self.incidents = IncidentService(db, self.hub, self.geo, clock)
        self.feed: ChangeSource = PolledChangeLog(db)

    def now(self) -> datetime:
        return self.clock()

    def poll_external(self) -> list[ChangeSet]:
        """Changes other processes wrote since the last poll, republished here."""
        found = self.feed.poll()
        for cs in found:
            if cs.touches(Entity.GRID, Entity.POLICE_CELL, Entity.ADMIN_UNIT):
                self.geo.invalidate()
            self.hub.publish(cs)
        return found

    # Read models, bound to this desk's actor and clock.
    def queue(self) -> list[queue.QueueRow]:
        return queue.open_queue(self.db, self.now())

    def queue_rows(self, ids) -> list[queue.QueueRow]:
        return queue.queue_rows(self.db, self.now(), ids)

    def incident_detail(self, incident_id: int) -> queue.IncidentDetail | None:
        return queue.incident_detail(self.db, self.actor, incident_id, self.now())

    def dispatch_choices(self):
        return queue.dispatch_choices(self.db)

    def map_layers(self) -> dict:
        return map_reads.base_layers(self.db)

    def map_incidents(self) -> dict:
        return map_reads.open_incident_features(self.db, self.now())

    def map_incident_diff(self, ids) -> tuple[dict, list[int]]:
        return map_reads.incident_diff(self.db, self.now(), ids)

    def boards(self) -> boards.BoardsSnapshot:
        return boards.boards_snapshot(self.db, self.actor, self.now())

    def agenda(self) -> agenda.AgendaSnapshot:
        return agenda.agenda_snapshot(self.db, self.now())

    def emergency(self) -> emergency.EmergencySnapshot:
        return emergency.emergency_snapshot(self.db, self.actor, self.now())

    def status(self) -> status.StatusSnapshot:
        return status.status_snapshot(self.db, self.now())

    def info(self) -> dict[str, int]:
        return info.info_counts(self.db, self.now())

    def close(self) -> None:
        self.db.dispose()


def open_desk(target: str | Path, login: str = "duty", wall: bool = False, *, create_demo: bool = True,
              clock: Callable[[], datetime] = utcnow) -> DeskServices:
    """Open (and migrate) a database; on an empty one create the township demo first."""
    db = Database(target)
    if create_demo and db.is_empty():
        from db.demo import generate

        generate(db.session_factory, scale="township", now=clock())
    actor = WALL_ACTOR if wall else actor_for(db, login)
    return DeskServices(db, actor, clock)
