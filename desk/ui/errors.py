"""What went wrong, in the operator's language: services raise coded errors, the UI words them."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.domain.permissions import PermissionDenied
from desk.ui.labels import label

_FIELDS = {
    "title": QT_TRANSLATE_NOOP("Errors", "title"),
    "category": QT_TRANSLATE_NOOP("Errors", "category"),
    "matter": QT_TRANSLATE_NOOP("Errors", "matter"),
    "source": QT_TRANSLATE_NOOP("Errors", "source"),
    "tier": QT_TRANSLATE_NOOP("Errors", "handling level"),
    "reporter_phone": QT_TRANSLATE_NOOP("Errors", "reporter phone"),
    "department": QT_TRANSLATE_NOOP("Errors", "department"),
    "handler": QT_TRANSLATE_NOOP("Errors", "handler"),
    "incident": QT_TRANSLATE_NOOP("Errors", "incident"),
    "feedback": QT_TRANSLATE_NOOP("Errors", "feedback"),
    "reason": QT_TRANSLATE_NOOP("Errors", "reason for rework"),
}

_MESSAGES = {
    "title_empty": QT_TRANSLATE_NOOP("Errors", "Please fill in the %1."),
    "text_empty": QT_TRANSLATE_NOOP("Errors", "Please fill in the %1."),
    "unknown_value": QT_TRANSLATE_NOOP("Errors", "The %1 '%2' is not one the desk knows."),
    "bad_phone": QT_TRANSLATE_NOOP("Errors", "The %1 '%2' is not a phone number (7 to 12 digits)."),
    "coordinate_out_of_range": QT_TRANSLATE_NOOP("Errors", "The coordinate %1, %2 is not on Earth."),
    "outside_grids": QT_TRANSLATE_NOOP("Errors",
                                       "The point %1, %2 lies outside every grid: pick a point inside the township."),
    "not_found": QT_TRANSLATE_NOOP("Errors", "The %1 no longer exists (it may have been removed at another seat)."),
    "bad_satisfaction": QT_TRANSLATE_NOOP("Errors", "Satisfaction is rated 1 to 5."),
    "changed_elsewhere": QT_TRANSLATE_NOOP("Errors",
                                           "Another seat changed this incident meanwhile. Look again, then retry."),
    "wrong_step": QT_TRANSLATE_NOOP("Errors", "%1 is %2 now: it cannot be sent to “%3”."),
    "permission": QT_TRANSLATE_NOOP("Errors", "Your account (%1) may not do this."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def describe(exc: BaseException) -> str:
    """A sentence for the operator; unknown errors fall back to their own message."""
    if isinstance(exc, PermissionDenied):
        return _tr(_MESSAGES["permission"]).replace("%1", exc.actor.login)
    code = getattr(exc, "code", None)
    if code not in _MESSAGES:
        return str(exc)
    p = getattr(exc, "params", {})
    field = _tr(_FIELDS[p["field"]]) if p.get("field") in _FIELDS else ""
    if code == "wrong_step":
        args = [p["incident"], label("status", p["status"]), label("action", p["action"])]
    elif code in ("coordinate_out_of_range", "outside_grids"):
        args = [f"{p['lon']:.5f}", f"{p['lat']:.5f}"]
    else:
        args = [field, str(p.get("value", ""))]
    text = _tr(_MESSAGES[code])
    for i, arg in enumerate(args, start=1):
        text = text.replace(f"%{i}", arg)
    return text
