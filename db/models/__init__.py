"""All tables, one concern per module, re-exported for callers and Alembic."""
from db.base import Base
from db.models.account import UserAccount
from db.models.audit import AuditRecord
from db.models.catalog import ItemTypeRow
from db.models.change_log import ChangeLogEntry
from db.models.department import Department
from db.models.emergency import (
    ActionTemplate,
    ActivationAction,
    DrillRun,
    EmergencyActivation,
    EmergencyEvent,
    EvacuationCount,
    PatrolAreaHazard,
    RainThreshold,
    ShelterCheckIn,
    EvacuationRoute,
    Gauge,
    GaugeReading,
    HazardPoint,
    ResponsePlan,
    Shelter,
    Warning,
)
from db.models.grid import Grid, GridCellOverlap, PoliceCell
from db.models.household import CallLog, Evacuee, HazardHousehold, Household, Resident, VillageCadre
from db.models.incident import Incident, IncidentEvent, IncidentNotice, IncidentReview
from db.models.map_data import Address, BaseFeature, StaffPosition
from db.models.meeting import ActionItem, AgendaItem, Meeting
from db.models.patrol import PatrolArea, Shift, ShiftAssignment
from db.models.place import AdminUnit, Township
from db.models.rules import Holiday, MilestoneRule
from db.models.setting import Counter, Setting
from db.models.staff import Staff, VolunteerTeam
from db.models.visit import GroupMember, JointVisitPlan, KeyPersonPlan, Visit, VisitGroup
from db.models.workstation import Workstation

__all__ = [
    "ActionItem", "ActionTemplate", "CallLog", "Evacuee", "HazardHousehold", "Household", "Resident", "VillageCadre", "ActivationAction", "DrillRun", "EmergencyEvent", "EvacuationCount",
    "PatrolAreaHazard", "RainThreshold", "ShelterCheckIn", "Address", "AdminUnit", "AgendaItem", "AuditRecord", "Base", "BaseFeature", "ChangeLogEntry", "Counter",
    "Department", "EmergencyActivation", "EvacuationRoute", "Gauge", "GaugeReading", "Grid",
    "GridCellOverlap", "HazardPoint", "Holiday", "Incident", "ItemTypeRow", "IncidentEvent", "IncidentNotice",
    "IncidentReview", "MilestoneRule", "Meeting", "PatrolArea",
    "PoliceCell", "ResponsePlan", "Setting", "Shelter", "Shift", "ShiftAssignment", "Staff", "StaffPosition", "Township",
    "UserAccount", "VolunteerTeam", "GroupMember", "JointVisitPlan", "KeyPersonPlan", "Visit", "VisitGroup", "Warning", "Workstation",
]
