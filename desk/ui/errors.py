"""What went wrong, in the operator's language: services raise coded errors, the UI words them."""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from desk.domain.permissions import PermissionDenied
from desk.ui.labels import label

from desk.ui.translate_noop import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

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
    "item_type": QT_TRANSLATE_NOOP("Errors", "item type"),
    "address": QT_TRANSLATE_NOOP("Errors", "address"),
    "description": QT_TRANSLATE_NOOP("Errors", "description"),
    "reporter_name": QT_TRANSLATE_NOOP("Errors", "reporter"),
    "lon": QT_TRANSLATE_NOOP("Errors", "longitude"),
    "lat": QT_TRANSLATE_NOOP("Errors", "latitude"),
}

_MESSAGES = {
    "title_empty": QT_TRANSLATE_NOOP("Errors", "Please fill in the %1."),
    "text_empty": QT_TRANSLATE_NOOP("Errors", "Please fill in the %1."),
    "item_type_empty": QT_TRANSLATE_NOOP("Errors", "Please choose the %1."),
    "unknown_value": QT_TRANSLATE_NOOP("Errors", "The %1 '%2' is not one the desk knows."),
    "bad_phone": QT_TRANSLATE_NOOP("Errors", "The %1 '%2' is not a phone number (7 to 12 digits)."),
    "bad_type": QT_TRANSLATE_NOOP("Errors", "The %1 is not in the expected form."),
    "too_long": QT_TRANSLATE_NOOP("Errors", "The %1 is too long: at most %2 characters."),
    "coordinate_out_of_range": QT_TRANSLATE_NOOP("Errors", "The coordinate %1, %2 is not on Earth."),
    "outside_grids": QT_TRANSLATE_NOOP("Errors",
                                       "The point %1, %2 lies outside every grid: pick a point inside the township."),
    "not_found": QT_TRANSLATE_NOOP("Errors", "The %1 no longer exists (it may have been removed at another seat)."),
    "not_a_handler": QT_TRANSLATE_NOOP("Errors", "%2 cannot be sent incidents to handle."),
    "bad_satisfaction": QT_TRANSLATE_NOOP("Errors", "Satisfaction is rated 1 to 5."),
    "changed_elsewhere": QT_TRANSLATE_NOOP("Errors",
                                           "Another seat changed this incident meanwhile. Look again, then retry."),
    "wrong_step": QT_TRANSLATE_NOOP("Errors", "%1 is %2 now: it cannot be sent to “%3”."),
    "separation_of_duties": QT_TRANSLATE_NOOP(
        "Errors", "You registered %1, so another person must “%2” it (separation of duties)."),
    "not_your_incident": QT_TRANSLATE_NOOP("Errors", "%1 is handled by another person or station."),
    "permission": QT_TRANSLATE_NOOP("Errors", "Your account (%1) may not do this."),
    "account_inactive": QT_TRANSLATE_NOOP("Errors",
                                          "Your account (%1) is not active in this database. Ask the administrator."),
    # The database could not take the write. What was typed stays in the dialog, so retrying is cheap.
    "storage_locked": QT_TRANSLATE_NOOP("Errors",
                                        "The database is busy with another seat's write. Please try again shortly."),
    "storage_full": QT_TRANSLATE_NOOP("Errors",
                                      "The disk holding the database is full: nothing was saved. "
                                      "Tell the administrator, then try again."),
    "storage_readonly": QT_TRANSLATE_NOOP("Errors",
                                          "The database cannot be written (it is read-only): nothing was saved. "
                                          "Tell the administrator."),
    "storage_conflict": QT_TRANSLATE_NOOP("Errors",
                                          "Another seat wrote a conflicting record at the same moment: nothing was "
                                          "saved. Please try again."),
    "storage_failed": QT_TRANSLATE_NOOP("Errors",
                                        "The database could not save this: nothing was saved. Please try again; "
                                        "if it keeps failing, tell the administrator."),
    "unexpected": QT_TRANSLATE_NOOP("Errors",
                                    "Something went wrong and nothing was saved. Please try again; if it keeps "
                                    "failing, tell the administrator (the desk's log has the details)."),
    # Opening a database (the lead's NotADeskDatabase codes); %1 is the path.
    "no_database": QT_TRANSLATE_NOOP("Errors",
                                     "There is no database at %1. Check the path, or create one with "
                                     "“python -m desk init --db PATH”."),
    "empty_file": QT_TRANSLATE_NOOP("Errors",
                                    "%1 is an empty file, not a desk database. Check the path, or create a database "
                                    "with “python -m desk init --db PATH”."),
    "not_a_database": QT_TRANSLATE_NOOP("Errors", "%1 is not a desk database. Check the path."),
    "damaged": QT_TRANSLATE_NOOP("Errors", "The database %1 is damaged. Restore it from a backup."),
    "schema_behind": QT_TRANSLATE_NOOP("Errors",
                                       "The database %1 was made by an older version of the desk. Open it once with "
                                       "the desk to bring it up to date."),
    "unknown_user": QT_TRANSLATE_NOOP("Errors",
                                      "There is no active account “%1” in this database. Start the desk with "
                                      "--user and your login (a new database has the account “admin”)."),
}


class Unexpected(ValueError):
    """A failure the desk did not foresee, reported to the operator without its details (they may
    hold what was typed); the log has its type."""

    code = "unexpected"

    def __init__(self, operation: str = ""):
        super().__init__(f"{operation} failed unexpectedly".strip())
        self.params: dict[str, object] = {}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def describe(exc: BaseException) -> str:
    """A sentence for the operator. A coded error the desk has no words for yet keeps its own
    (English) message; anything uncoded gets the generic sentence, never its internals."""
    if isinstance(exc, PermissionDenied):
        key = "account_inactive" if getattr(exc, "perm", True) is None else "permission"
        return _tr(_MESSAGES[key]).replace("%1", exc.actor.login)
    code = getattr(exc, "code", None)
    if code is None or not isinstance(code, str):
        return _tr(_MESSAGES["unexpected"])
    if code not in _MESSAGES:
        log.warning("no words yet for error code %s", code)
        return str(exc)
    p = getattr(exc, "params", None) or {}
    field = _tr(_FIELDS[p["field"]]) if p.get("field") in _FIELDS else ""
    if code == "wrong_step":
        args = [p["incident"], label("status", p["status"]), label("action", p["action"])]
    elif code in ("separation_of_duties", "not_your_incident"):
        args = [str(p.get("incident", "")), label("action", p["action"]) if p.get("action") else ""]
    elif code in ("coordinate_out_of_range", "outside_grids"):
        args = [f"{p['lon']:.5f}", f"{p['lat']:.5f}"]
    elif code in ("no_database", "empty_file", "not_a_database", "damaged", "schema_behind"):
        args = [str(p.get("target", ""))]
    elif code == "unknown_user":
        args = [str(p.get("login", ""))]
    else:
        args = [field, str(p.get("value", ""))]
    text = _tr(_MESSAGES[code])
    for i, arg in enumerate(args, start=1):
        text = text.replace(f"%{i}", arg)
    return text
