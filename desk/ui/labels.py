"""Translated display names for the keys the domain and services use."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_LABELS: dict[str, dict[str, str]] = {
    "status": {
        "registered": QT_TRANSLATE_NOOP("Labels", "Registered"),
        "dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched"),
        "handling": QT_TRANSLATE_NOOP("Labels", "Handling"),
        "feedback": QT_TRANSLATE_NOOP("Labels", "Feedback given"),
        "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
        "evaluated": QT_TRANSLATE_NOOP("Labels", "Evaluated"),
    },
    "action": {
        "register": QT_TRANSLATE_NOOP("Labels", "Register"),
        "dispatch": QT_TRANSLATE_NOOP("Labels", "Dispatch"),
        "accept": QT_TRANSLATE_NOOP("Labels", "Accept"),
        "feedback": QT_TRANSLATE_NOOP("Labels", "Feedback"),
        "return": QT_TRANSLATE_NOOP("Labels", "Return for rework"),
        "close": QT_TRANSLATE_NOOP("Labels", "Close"),
        "evaluate": QT_TRANSLATE_NOOP("Labels", "Evaluate"),
    },
    "category": {
        "dispute": QT_TRANSLATE_NOOP("Labels", "Dispute"),
        "public_security": QT_TRANSLATE_NOOP("Labels", "Public-security hazard"),
        "safety": QT_TRANSLATE_NOOP("Labels", "Safety hazard"),
        "public_service": QT_TRANSLATE_NOOP("Labels", "Public service"),
    },
    "matter": {
        "police": QT_TRANSLATE_NOOP("Labels", "Police matter"),
        "grid": QT_TRANSLATE_NOOP("Labels", "Grid matter"),
    },
    "source": {
        "grid_worker": QT_TRANSLATE_NOOP("Labels", "Grid worker report"),
        "call_110": QT_TRANSLATE_NOOP("Labels", "110 call"),
        "hotline_12345": QT_TRANSLATE_NOOP("Labels", "12345 hotline"),
        "walk_in": QT_TRANSLATE_NOOP("Labels", "Walk-in"),
        "patrol": QT_TRANSLATE_NOOP("Labels", "Patrol finding"),
        "volunteer": QT_TRANSLATE_NOOP("Labels", "Volunteer report"),
        "sensor": QT_TRANSLATE_NOOP("Labels", "Sensor alert"),
    },
    "tier": {
        "second": QT_TRANSLATE_NOOP("Labels", "Second level (minor)"),
        "first": QT_TRANSLATE_NOOP("Labels", "First level (major)"),
        "special": QT_TRANSLATE_NOOP("Labels", "Special report"),
    },
    "card": {
        "none": QT_TRANSLATE_NOOP("Labels", "No card"),
        "yellow": QT_TRANSLATE_NOOP("Labels", "Yellow card"),
        "red": QT_TRANSLATE_NOOP("Labels", "Red card"),
    },
    "role": {
        "community_police": QT_TRANSLATE_NOOP("Labels", "Community police officer"),
        "auxiliary_police": QT_TRANSLATE_NOOP("Labels", "Auxiliary police"),
        "police_assistant": QT_TRANSLATE_NOOP("Labels", "Police assistant"),
        "antidrug_worker": QT_TRANSLATE_NOOP("Labels", "Anti-drug worker"),
        "trainee_assistant": QT_TRANSLATE_NOOP("Labels", "Trainee assistant"),
        "grid_worker": QT_TRANSLATE_NOOP("Labels", "Grid worker"),
        "volunteer": QT_TRANSLATE_NOOP("Labels", "Volunteer police"),
        "hazard_monitor": QT_TRANSLATE_NOOP("Labels", "Hazard monitor"),
        "department_staff": QT_TRANSLATE_NOOP("Labels", "Department staff"),
    },
    "duty": {
        "intelligence": QT_TRANSLATE_NOOP("Labels", "Intelligence"),
        "hazard_check": QT_TRANSLATE_NOOP("Labels", "Hazard checks"),
        "mediation": QT_TRANSLATE_NOOP("Labels", "Mediation"),
        "safety_guard": QT_TRANSLATE_NOOP("Labels", "Safety guard"),
        "emergency": QT_TRANSLATE_NOOP("Labels", "Emergency response"),
        "public_service": QT_TRANSLATE_NOOP("Labels", "Public service"),
        "social_governance": QT_TRANSLATE_NOOP("Labels", "Social governance"),
        "policy_outreach": QT_TRANSLATE_NOOP("Labels", "Policy outreach"),
    },
    "theme": {
        "economy": QT_TRANSLATE_NOOP("Labels", "Supporting the economy"),
        "women_children": QT_TRANSLATE_NOOP("Labels", "Women and children"),
        "mediation": QT_TRANSLATE_NOOP("Labels", "Mediation"),
        "services": QT_TRANSLATE_NOOP("Labels", "Services and education"),
        "tourism_safety": QT_TRANSLATE_NOOP("Labels", "Scenic-area safety"),
    },
    "level": {
        "none": QT_TRANSLATE_NOOP("Labels", "No warning"),
        "blue": QT_TRANSLATE_NOOP("Labels", "Blue (IV)"),
        "yellow": QT_TRANSLATE_NOOP("Labels", "Yellow (III)"),
        "orange": QT_TRANSLATE_NOOP("Labels", "Orange (II)"),
        "red": QT_TRANSLATE_NOOP("Labels", "Red (I)"),
    },
    "hazard": {
        "rain": QT_TRANSLATE_NOOP("Labels", "Rainstorm"),
        "flood": QT_TRANSLATE_NOOP("Labels", "Flood"),
        "landslide": QT_TRANSLATE_NOOP("Labels", "Landslide"),
        "collapse": QT_TRANSLATE_NOOP("Labels", "Collapse"),
    },
    "risk": {
        "low": QT_TRANSLATE_NOOP("Labels", "Low"),
        "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
        "high": QT_TRANSLATE_NOOP("Labels", "High"),
    },
    "gauge_state": {
        "normal": QT_TRANSLATE_NOOP("Labels", "Normal"),
        "warn": QT_TRANSLATE_NOOP("Labels", "Above warning"),
        "danger": QT_TRANSLATE_NOOP("Labels", "Above danger"),
    },
    "section": {
        "stats": QT_TRANSLATE_NOOP("Labels", "1. Statistics review"),
        "red": QT_TRANSLATE_NOOP("Labels", "2. Red-card items"),
        "yellow": QT_TRANSLATE_NOOP("Labels", "3. Yellow-card items"),
        "cross_dept": QT_TRANSLATE_NOOP("Labels", "4. Cross-department items"),
        "risk": QT_TRANSLATE_NOOP("Labels", "5. Risk assessment"),
        "actions": QT_TRANSLATE_NOOP("Labels", "6. Earlier action items"),
    },
    "action_state": {
        "open": QT_TRANSLATE_NOOP("Labels", "Open"),
        "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
        "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    },
    "meeting": {
        "joint_monthly": QT_TRANSLATE_NOOP("Labels", "Monthly joint meeting"),
        "dispatch_weekly": QT_TRANSLATE_NOOP("Labels", "Weekly dispatch meeting"),
        "daily_briefing": QT_TRANSLATE_NOOP("Labels", "Daily village briefing"),
        "leading_quarterly": QT_TRANSLATE_NOOP("Labels", "Quarterly leading-group meeting"),
    },
    "patrol_area": {
        "street": QT_TRANSLATE_NOOP("Labels", "Main street"),
        "scenic": QT_TRANSLATE_NOOP("Labels", "Scenic area"),
        "school": QT_TRANSLATE_NOOP("Labels", "School perimeter"),
        "road": QT_TRANSLATE_NOOP("Labels", "Trunk road"),
        "market": QT_TRANSLATE_NOOP("Labels", "Market"),
    },
    "position": {
        "captain": QT_TRANSLATE_NOOP("Labels", "Captain"),
        "vice_captain": QT_TRANSLATE_NOOP("Labels", "Vice-captain"),
        "member": QT_TRANSLATE_NOOP("Labels", "Member"),
    },
}


def label(kind: str, key: str | None) -> str:
    """The translated name of a key; an unknown key shows as itself rather than vanishing."""
    if key is None:
        return ""
    key = getattr(key, "value", key)
    source = _LABELS.get(kind, {}).get(key)
    return QCoreApplication.translate("Labels", source) if source else str(key)


def keys(kind: str) -> list[str]:
    return list(_LABELS[kind])


def format_remaining(remaining) -> str:
    """'2天3小时' / 'overdue 5h' style, translated."""
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
    else:
        text = QCoreApplication.translate("Labels", "%1m").replace("%1", str(minutes))
    return QCoreApplication.translate("Labels", "overdue %1").replace("%1", text) if overdue else text
