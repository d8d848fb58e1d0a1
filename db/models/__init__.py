"""All tables, one concern per module, re-exported for callers and Alembic."""
from db.base import Base
from db.models.account import UserAccount
from db.models.change_log import ChangeLogEntry
from db.models.department import Department
from db.models.emergency import (
    ActionTemplate,
    EmergencyActivation,
    EvacuationRoute,
    Gauge,
    GaugeReading,
    HazardPoint,
    ResponsePlan,
    Shelter,
    Warning,
)
from db.models.grid import Grid, GridCellOverlap, PoliceCell
from db.models.incident import Incident, IncidentEvent
from db.models.meeting import ActionItem, AgendaItem, Meeting
from db.models.patrol import PatrolArea, Shift, ShiftAssignment
from db.models.place import AdminUnit, Township
from db.models.staff import Staff, VolunteerTeam
from db.models.workstation import Workstation

__all__ = [
    "ActionItem", "ActionTemplate", "AdminUnit", "AgendaItem", "Base", "ChangeLogEntry",
    "Department", "EmergencyActivation", "EvacuationRoute", "Gauge", "GaugeReading", "Grid",
    "GridCellOverlap", "HazardPoint", "Incident", "IncidentEvent", "Meeting", "PatrolArea",
    "PoliceCell", "ResponsePlan", "Shelter", "Shift", "ShiftAssignment", "Staff", "Township",
    "UserAccount", "VolunteerTeam", "Warning", "Workstation",
]
