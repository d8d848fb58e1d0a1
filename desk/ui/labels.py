"""Translated display names for the codes the domain and services use.

Each vocabulary has its own translation context ("Labels.status", "Labels.action", ...), so no two
meanings share one translation string: the status 已反馈 and the action 反馈, the duty function
纠纷调解员 and the workstation theme 人民调解纾困 are separate entries for the translator.
Item types are data: their Chinese names come from the catalogue of matters, shown as they are."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from desk.domain.catalog import Catalogue, default_catalogue

from desk.ui.translate_noop import QT_TRANSLATE_NOOP

_LABELS: dict[str, dict[str, str]] = {
    "status": {
        "registered": QT_TRANSLATE_NOOP("Labels.status", "Registered"),
        "dispatched": QT_TRANSLATE_NOOP("Labels.status", "Dispatched"),
        "handling": QT_TRANSLATE_NOOP("Labels.status", "Handling"),
        "feedback": QT_TRANSLATE_NOOP("Labels.status", "Feedback given"),
        "closed": QT_TRANSLATE_NOOP("Labels.status", "Closed"),
        "evaluated": QT_TRANSLATE_NOOP("Labels.status", "Evaluated"),
    },
    "action": {
        "register": QT_TRANSLATE_NOOP("Labels.action", "Register"),
        "dispatch": QT_TRANSLATE_NOOP("Labels.action", "Dispatch"),
        "accept": QT_TRANSLATE_NOOP("Labels.action", "Accept"),
        "feedback": QT_TRANSLATE_NOOP("Labels.action", "Feedback"),
        "return": QT_TRANSLATE_NOOP("Labels.action", "Return for rework"),
        "close": QT_TRANSLATE_NOOP("Labels.action", "Close"),
        "evaluate": QT_TRANSLATE_NOOP("Labels.action", "Evaluate"),
        "arrive": QT_TRANSLATE_NOOP("Labels.action", "On site"),
    },
    # The clocks of the milestone rules (desk.domain.milestones), by their default codes.
    "milestone": {
        "route": QT_TRANSLATE_NOOP("Labels.milestone", "Classified and routed"),
        "respond": QT_TRANSLATE_NOOP("Labels.milestone", "Department responds"),
        "answer": QT_TRANSLATE_NOOP("Labels.milestone", "Answered and handled (police matter)"),
        "close": QT_TRANSLATE_NOOP("Labels.milestone", "Closed (yellow card when missed)"),
        "close_red": QT_TRANSLATE_NOOP("Labels.milestone", "Closed (red card when missed)"),
        "help_answer": QT_TRANSLATE_NOOP("Labels.milestone", "Help request answered"),
        "help_handle": QT_TRANSLATE_NOOP("Labels.milestone", "Help request handled"),
        "on_site": QT_TRANSLATE_NOOP("Labels.milestone", "Someone on site"),
        "professional": QT_TRANSLATE_NOOP("Labels.milestone", "Professionals on site"),
    },
    "notice": {
        "leader_review": QT_TRANSLATE_NOOP("Labels.notice", "Duty leader's review"),
        "county_report": QT_TRANSLATE_NOOP("Labels.notice", "Special report to the county"),
    },
    "unit": {
        "minutes": QT_TRANSLATE_NOOP("Labels.unit", "min"),
        "hours": QT_TRANSLATE_NOOP("Labels.unit", "h"),
        "days": QT_TRANSLATE_NOOP("Labels.unit", "days"),
    },
    "class": {
        "dispute": QT_TRANSLATE_NOOP("Labels.class", "Disputes"),
        "security": QT_TRANSLATE_NOOP("Labels.class", "Public-security and safety hazards"),
        "public_service": QT_TRANSLATE_NOOP("Labels.class", "Public services"),
    },
    "matter": {
        "police": QT_TRANSLATE_NOOP("Labels.matter", "Police matter"),
        "grid": QT_TRANSLATE_NOOP("Labels.matter", "Grid matter"),
    },
    "source": {
        "grid_worker": QT_TRANSLATE_NOOP("Labels.source", "Grid worker report"),
        "call_110": QT_TRANSLATE_NOOP("Labels.source", "110 call"),
        "hotline_12345": QT_TRANSLATE_NOOP("Labels.source", "12345 hotline"),
        "walk_in": QT_TRANSLATE_NOOP("Labels.source", "Walk-in"),
        "patrol": QT_TRANSLATE_NOOP("Labels.source", "Patrol finding"),
        "volunteer": QT_TRANSLATE_NOOP("Labels.source", "Volunteer report"),
        "sensor": QT_TRANSLATE_NOOP("Labels.source", "Sensor alert"),
        "visit": QT_TRANSLATE_NOOP("Labels.source", "Home visit"),
    },
    "tier": {
        "second": QT_TRANSLATE_NOOP("Labels.tier", "Second level (minor)"),
        "first": QT_TRANSLATE_NOOP("Labels.tier", "First level (major)"),
        "special": QT_TRANSLATE_NOOP("Labels.tier", "Special report"),
    },
    "fusion": {
        "one_to_one": QT_TRANSLATE_NOOP("Labels.fusion", "One officer per grid"),
        "one_grid_many_cells": QT_TRANSLATE_NOOP("Labels.fusion", "Several officers per grid"),
        "one_cell_many_grids": QT_TRANSLATE_NOOP("Labels.fusion", "One officer for several grids"),
    },
    "card": {
        "none": QT_TRANSLATE_NOOP("Labels.card", "No card"),
        "yellow": QT_TRANSLATE_NOOP("Labels.card", "Yellow card"),
        "red": QT_TRANSLATE_NOOP("Labels.card", "Red card"),
    },
    "role": {
        "community_police": QT_TRANSLATE_NOOP("Labels.role", "Community police officer"),
        "auxiliary_police": QT_TRANSLATE_NOOP("Labels.role", "Auxiliary police"),
        "police_assistant": QT_TRANSLATE_NOOP("Labels.role", "Police assistant"),
        "antidrug_worker": QT_TRANSLATE_NOOP("Labels.role", "Anti-drug worker"),
        "trainee_assistant": QT_TRANSLATE_NOOP("Labels.role", "Trainee assistant"),
        "grid_worker": QT_TRANSLATE_NOOP("Labels.role", "Grid worker"),
        "volunteer": QT_TRANSLATE_NOOP("Labels.role", "Volunteer police"),
        "hazard_monitor": QT_TRANSLATE_NOOP("Labels.role", "Hazard monitor"),
        "department_staff": QT_TRANSLATE_NOOP("Labels.role", "Department staff"),
    },
    "duty": {
        "intelligence": QT_TRANSLATE_NOOP("Labels.duty", "Intelligence officer"),
        "hazard_check": QT_TRANSLATE_NOOP("Labels.duty", "Hazard inspector"),
        "mediation": QT_TRANSLATE_NOOP("Labels.duty", "Dispute mediator"),
        "safety_guard": QT_TRANSLATE_NOOP("Labels.duty", "Safety guard"),
        "emergency": QT_TRANSLATE_NOOP("Labels.duty", "Emergency responder"),
        "public_service": QT_TRANSLATE_NOOP("Labels.duty", "Resident service officer"),
        "social_governance": QT_TRANSLATE_NOOP("Labels.duty", "Social governance officer"),
        "policy_outreach": QT_TRANSLATE_NOOP("Labels.duty", "Policy outreach officer"),
    },
    "department": {
        "police_station": QT_TRANSLATE_NOOP("Labels.department", "Police station"),
        "justice": QT_TRANSLATE_NOOP("Labels.department", "Justice office"),
        "governance": QT_TRANSLATE_NOOP("Labels.department", "Comprehensive-governance office"),
        "emergency": QT_TRANSLATE_NOOP("Labels.department", "Emergency management office"),
        "civil_affairs": QT_TRANSLATE_NOOP("Labels.department", "Civil affairs office"),
        "natural_resources": QT_TRANSLATE_NOOP("Labels.department", "Natural resources office"),
        "health": QT_TRANSLATE_NOOP("Labels.department", "Health centre"),
        "fire": QT_TRANSLATE_NOOP("Labels.department", "Fire rescue"),
        "village_committee": QT_TRANSLATE_NOOP("Labels.department", "Village committee"),
    },
    "theme": {
        "economy": QT_TRANSLATE_NOOP("Labels.theme", "Supporting the economy"),
        "women_children": QT_TRANSLATE_NOOP("Labels.theme", "Women and children"),
        "mediation": QT_TRANSLATE_NOOP("Labels.theme", "Mediation"),
        "services": QT_TRANSLATE_NOOP("Labels.theme", "Services and education"),
        "tourism_safety": QT_TRANSLATE_NOOP("Labels.theme", "Scenic-area safety"),
    },
    "level": {
        "none": QT_TRANSLATE_NOOP("Labels.level", "No warning"),
        "blue": QT_TRANSLATE_NOOP("Labels.level", "Blue (IV)"),
        "yellow": QT_TRANSLATE_NOOP("Labels.level", "Yellow (III)"),
        "orange": QT_TRANSLATE_NOOP("Labels.level", "Orange (II)"),
        "red": QT_TRANSLATE_NOOP("Labels.level", "Red (I)"),
    },
    "hazard": {
        "rain": QT_TRANSLATE_NOOP("Labels.hazard", "Rainstorm"),
        "flood": QT_TRANSLATE_NOOP("Labels.hazard", "Flood"),
        "landslide": QT_TRANSLATE_NOOP("Labels.hazard", "Landslide"),
        "collapse": QT_TRANSLATE_NOOP("Labels.hazard", "Collapse"),
    },
    "risk": {
        "low": QT_TRANSLATE_NOOP("Labels.risk", "Low"),
        "medium": QT_TRANSLATE_NOOP("Labels.risk", "Medium"),
        "high": QT_TRANSLATE_NOOP("Labels.risk", "High"),
    },
    "gauge_state": {
        "normal": QT_TRANSLATE_NOOP("Labels.gauge_state", "Normal"),
        "warn": QT_TRANSLATE_NOOP("Labels.gauge_state", "Above warning"),
        "danger": QT_TRANSLATE_NOOP("Labels.gauge_state", "Above danger"),
    },
    "section": {
        "stats": QT_TRANSLATE_NOOP("Labels.section", "1. Statistics review"),
        "red": QT_TRANSLATE_NOOP("Labels.section", "2. Red-card items"),
        "yellow": QT_TRANSLATE_NOOP("Labels.section", "3. Yellow-card items"),
        "cross_dept": QT_TRANSLATE_NOOP("Labels.section", "4. Cross-department items"),
        "risk": QT_TRANSLATE_NOOP("Labels.section", "5. Risk assessment"),
        "actions": QT_TRANSLATE_NOOP("Labels.section", "6. Earlier action items"),
    },
    "action_state": {
        "open": QT_TRANSLATE_NOOP("Labels.action_state", "Open"),
        "overdue": QT_TRANSLATE_NOOP("Labels.action_state", "Overdue"),
        "done": QT_TRANSLATE_NOOP("Labels.action_state", "Done"),
    },
    "meeting": {
        "joint_monthly": QT_TRANSLATE_NOOP("Labels.meeting", "Monthly joint meeting"),
        "dispatch_weekly": QT_TRANSLATE_NOOP("Labels.meeting", "Weekly dispatch meeting"),
        "daily_briefing": QT_TRANSLATE_NOOP("Labels.meeting", "Daily village briefing"),
        "leading_quarterly": QT_TRANSLATE_NOOP("Labels.meeting", "Quarterly leading-group meeting"),
    },
    "patrol_area": {
        "street": QT_TRANSLATE_NOOP("Labels.patrol_area", "Main street"),
        "scenic": QT_TRANSLATE_NOOP("Labels.patrol_area", "Scenic area"),
        "school": QT_TRANSLATE_NOOP("Labels.patrol_area", "School perimeter"),
        "road": QT_TRANSLATE_NOOP("Labels.patrol_area", "Trunk road"),
        "market": QT_TRANSLATE_NOOP("Labels.patrol_area", "Market"),
    },
    "evacuee": {
        "": QT_TRANSLATE_NOOP("Labels.evacuee", "Unaccounted"),
        "moved": QT_TRANSLATE_NOOP("Labels.evacuee", "Moved"),
        "sheltered": QT_TRANSLATE_NOOP("Labels.evacuee", "At the shelter"),
        "away": QT_TRANSLATE_NOOP("Labels.evacuee", "Away from home"),
    },
    "call": {
        "": QT_TRANSLATE_NOOP("Labels.call", "Not called yet"),
        "reached": QT_TRANSLATE_NOOP("Labels.call", "Reached"),
        "no_answer": QT_TRANSLATE_NOOP("Labels.call", "No answer"),
    },
    "post": {
        "monitor": QT_TRANSLATE_NOOP("Labels.post", "Hazard monitor"),
        "secretary": QT_TRANSLATE_NOOP("Labels.post", "Party branch secretary"),
        "director": QT_TRANSLATE_NOOP("Labels.post", "Village committee director"),
        "security": QT_TRANSLATE_NOOP("Labels.post", "Security director"),
        "women": QT_TRANSLATE_NOOP("Labels.post", "Women's director"),
        "emergency": QT_TRANSLATE_NOOP("Labels.post", "Emergency officer"),
    },
    "visit_mode": {
        "in_person": QT_TRANSLATE_NOOP("Labels.visit_mode", "In person"),
        "phone": QT_TRANSLATE_NOOP("Labels.visit_mode", "By phone"),
        "video": QT_TRANSLATE_NOOP("Labels.visit_mode", "By video"),
    },
    "visit_risk": {
        "red": QT_TRANSLATE_NOOP("Labels.visit_risk", "Red"),
        "yellow": QT_TRANSLATE_NOOP("Labels.visit_risk", "Yellow"),
        "blue": QT_TRANSLATE_NOOP("Labels.visit_risk", "Blue"),
    },
    "due_state": {
        "overdue": QT_TRANSLATE_NOOP("Labels.due_state", "Overdue"),
        "today": QT_TRANSLATE_NOOP("Labels.due_state", "Due today"),
        "week": QT_TRANSLATE_NOOP("Labels.due_state", "Due this week"),
        "later": QT_TRANSLATE_NOOP("Labels.due_state", "Later"),
    },
    "joint_state": {
        "done": QT_TRANSLATE_NOOP("Labels.joint_state", "Done"),
        "planned": QT_TRANSLATE_NOOP("Labels.joint_state", "Planned"),
        "late": QT_TRANSLATE_NOOP("Labels.joint_state", "Planned date passed"),
        "unplanned": QT_TRANSLATE_NOOP("Labels.joint_state", "Not planned"),
    },
    "relation": {
        "head": QT_TRANSLATE_NOOP("Labels.relation", "Head of household"),
        "spouse": QT_TRANSLATE_NOOP("Labels.relation", "Spouse"),
        "child": QT_TRANSLATE_NOOP("Labels.relation", "Child"),
        "parent": QT_TRANSLATE_NOOP("Labels.relation", "Parent"),
        "grandchild": QT_TRANSLATE_NOOP("Labels.relation", "Grandchild"),
        "other": QT_TRANSLATE_NOOP("Labels.relation", "Other"),
    },
    "position": {
        "captain": QT_TRANSLATE_NOOP("Labels.position", "Captain"),
        "vice_captain": QT_TRANSLATE_NOOP("Labels.position", "Vice-captain"),
        "member": QT_TRANSLATE_NOOP("Labels.position", "Member"),
    },
}

# Older names of a vocabulary, kept so callers keep working.
_ALIASES = {"category": "class", "duty_function": "duty"}
ITEM_TYPE = "item_type"
_catalogue: Catalogue | None = None


def use_catalogue(catalogue: Catalogue | None) -> None:
    """Name item types from this catalogue (the database's, which an admin may edit); None goes back
    to the shipped one."""
    global _catalogue
    _catalogue = catalogue


def _item_types() -> Catalogue:
    return _catalogue if _catalogue is not None else default_catalogue()


def context(kind: str) -> str:
    """The translation context of a vocabulary."""
    return f"Labels.{_ALIASES.get(kind, kind)}"


def label(kind: str, key: object) -> str:
    """The translated name of a key; an unknown key shows as itself rather than vanishing."""
    if key is None:
        return ""
    key = getattr(key, "value", key)
    kind = _ALIASES.get(kind, kind)
    if kind == ITEM_TYPE:
        # Rows written before the catalogue hold a Chinese name, which resolves as an alias.
        found = _item_types().resolve(str(key))
        return found.name if found is not None else str(key)
    source = _LABELS.get(kind, {}).get(str(key))
    return QCoreApplication.translate(context(kind), source) if source else str(key)


def keys(kind: str) -> list[str]:
    kind = _ALIASES.get(kind, kind)
    if kind == ITEM_TYPE:
        return [t.code for t in _item_types()]
    return list(_LABELS[kind])


def format_remaining(remaining: timedelta | None, seconds: bool = False) -> str:
    """'2天3小时' / 'overdue 5h' style, translated; with `seconds`, under an hour as '12分05秒'."""
    if remaining is None:
        return ""
    secs = int(remaining.total_seconds())
    overdue = secs < 0
    secs = abs(secs)
    days, rest = divmod(secs, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        text = QCoreApplication.translate("Labels", "%1d %2h").replace("%1", str(days)).replace("%2", str(hours))
    elif hours:
        text = QCoreApplication.translate("Labels", "%1h %2m").replace("%1", str(hours)).replace("%2", str(minutes))
    elif seconds:
        # Within the hour the clock is watched: the seconds count down (the queue ticks every second).
        text = QCoreApplication.translate("Labels", "%1m %2s").replace("%1", str(minutes)).replace(
            "%2", f"{rest % 60:02d}")
    else:
        text = QCoreApplication.translate("Labels", "%1m").replace("%1", str(minutes))
    return QCoreApplication.translate("Labels", "overdue %1").replace("%1", text) if overdue else text
