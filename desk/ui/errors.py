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
    "bad_phone": QT_TRANSLATE_NOOP("Errors", "The %1 '%2' is not a phone number: a mobile (11 digits), a "
                                             "landline with its area code (0571-88886666) or a local number."),
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
    "bad_credentials": QT_TRANSLATE_NOOP("Errors", "Wrong login or password."),
    "account_locked": QT_TRANSLATE_NOOP("Errors", "Too many failed sign-ins: the account is locked until %2."),
    "sign_in_inactive": QT_TRANSLATE_NOOP("Errors", "The account is disabled. Ask the administrator."),
    "code_required": QT_TRANSLATE_NOOP("Errors", "Enter the code from the authenticator app."),
    "wall_account_required": QT_TRANSLATE_NOOP("Errors", "The wall signs in with a wall account (read-only)."),
    "sign_in_required": QT_TRANSLATE_NOOP("Errors", "This is a real township's database: sign in at the desk."),
    "not_evacuating": QT_TRANSLATE_NOOP("Errors", "No evacuation is under way for this: no emergency record is "
                                                  "open, or the person lives in no threatened household."),
    "already_done": QT_TRANSLATE_NOOP("Errors", "That is already recorded."),
    "already_active": QT_TRANSLATE_NOOP("Errors", "The emergency record is already at this level or higher."),
    "stood_down": QT_TRANSLATE_NOOP("Errors", "The emergency record is closed."),
    "out_of_range": QT_TRANSLATE_NOOP("Errors", "The value given for %1 is out of range."),
    "residents_rejected": QT_TRANSLATE_NOOP("Errors", "%2: nothing imported; every problem is listed by row."),
    "residents_unreadable": QT_TRANSLATE_NOOP("Errors", "%2 could not be read as a list of residents."),
    "backup_unsound": QT_TRANSLATE_NOOP("Errors", "%2 is not a sound backup."),
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
    # Imports (%1 is the file's name). Rejections list what is wrong below the sentence (see `problems`).
    "gis_rejected": QT_TRANSLATE_NOOP("Errors", "Nothing was imported from %1: fix these features and try again."),
    "gis_unreadable": QT_TRANSLATE_NOOP("Errors", "%1 cannot be read as GeoJSON or a zipped Shapefile: %2"),
    "gis_projected": QT_TRANSLATE_NOOP("Errors", "%1 is in projected coordinates, not degrees. Export it again as "
                                                 "WGS-84 longitude/latitude (EPSG:4326)."),
    "gis_no_features": QT_TRANSLATE_NOOP("Errors", "%1 holds no features."),
    "gis_unknown_layer": QT_TRANSLATE_NOOP("Errors", "%1 cannot be imported: %2"),
    "gis_no_township": QT_TRANSLATE_NOOP("Errors", "This database has no township yet: enter the township's name "
                                                   "to import its first layer."),
    "addresses_rejected": QT_TRANSLATE_NOOP("Errors", "Nothing was imported from %1: fix these rows and try again."),
    "addresses_unreadable": QT_TRANSLATE_NOOP("Errors", "%1 cannot be read as CSV or XLSX: %2"),
    "addresses_no_column": QT_TRANSLATE_NOOP("Errors", "%1 has no column %2 in its header row."),
    "unknown_user": QT_TRANSLATE_NOOP("Errors",
                                      "There is no active account “%1” in this database. Start the desk with "
                                      "--user and your login (a new database has the account “admin”)."),
}


_PROBLEMS = {
    # A GIS feature (%1 is "feature N (code)")…
    "missing_field": QT_TRANSLATE_NOOP("Errors", "%1: no %2"),
    "bad_number": QT_TRANSLATE_NOOP("Errors", "%1: %2 “%3” is not a whole number"),
    "duplicate_code": QT_TRANSLATE_NOOP("Errors", "%1: the code is also used by feature %2"),
    "invalid_geometry": QT_TRANSLATE_NOOP("Errors", "%1: invalid polygon (%2); tick “Repair” to fix it"),
    "not_polygon": QT_TRANSLATE_NOOP("Errors", "%1: the geometry is %2, not a polygon"),
    "not_in_china": QT_TRANSLATE_NOOP("Errors", "%1: %2, %3 is not in China; are longitude and latitude swapped?"),
    # …and a gazetteer row (%1 is "row N").
    "no_address": QT_TRANSLATE_NOOP("Errors", "%1: no address"),
    "too_long": QT_TRANSLATE_NOOP("Errors", "%1: the address is too long"),
    "not_numbers": QT_TRANSLATE_NOOP("Errors", "%1: longitude “%2” / latitude “%3” are not numbers"),
    "swapped": QT_TRANSLATE_NOOP("Errors", "%1: %2, %3: longitude and latitude look swapped"),
    "duplicate": QT_TRANSLATE_NOOP("Errors", "%1: “%2” is also on row %3"),
    "empty_file": QT_TRANSLATE_NOOP("Errors", "the file holds no addresses"),
}
_TARGETS = {
    "code": QT_TRANSLATE_NOOP("Errors", "code"),
    "name": QT_TRANSLATE_NOOP("Errors", "name"),
    "unit": QT_TRANSLATE_NOOP("Errors", "village/community"),
    "households": QT_TRANSLATE_NOOP("Errors", "households"),
    "population": QT_TRANSLATE_NOOP("Errors", "population"),
    "officer": QT_TRANSLATE_NOOP("Errors", "officer"),
}


_ROW = QT_TRANSLATE_NOOP("Errors", "row %1")
_FEATURE = QT_TRANSLATE_NOOP("Errors", "feature %1")


def describe_problem(problem: object) -> str:
    """One rejected GIS feature or gazetteer row, in the operator's language."""
    kind = str(getattr(problem, "kind", ""))
    p = dict(getattr(problem, "params", {}) or {})
    if hasattr(problem, "row"):
        row = int(getattr(problem, "row"))
        where = _tr(_ROW).replace("%1", str(row)) if row else ""
    else:
        code = str(getattr(problem, "code", ""))
        where = _tr(_FEATURE).replace("%1", str(getattr(problem, "index", "")))
        where += f" ({code})" if code else ""
    if kind in ("not_in_china", "swapped"):
        args = [where, str(p.get("lon")), str(p.get("lat"))]
    elif kind in ("missing_field", "bad_number"):
        target = str(p.get("field", ""))
        args = [where, _tr(_TARGETS[target]) if target in _TARGETS else target, str(p.get("value", ""))]
    elif kind == "duplicate_code":
        args = [where, str(p.get("first", ""))]
    elif kind == "invalid_geometry":
        args = [where, str(p.get("reason", ""))]
    elif kind == "not_polygon":
        args = [where, str(p.get("type", ""))]
    elif kind == "not_numbers":
        args = [where, str(p.get("lon", "")), str(p.get("lat", ""))]
    elif kind == "duplicate":
        args = [where, str(p.get("text", "")), str(p.get("first", ""))]
    else:
        args = [where]
    if kind not in _PROBLEMS:
        return str(getattr(problem, "message", kind))
    text = _tr(_PROBLEMS[kind])
    for i, arg in enumerate(args, start=1):
        text = text.replace(f"%{i}", arg)
    return text


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
    elif code.startswith(("gis_", "addresses_")):
        args = [str(p.get("value", "")), str(p.get("reason", p.get("column", "")))]
    else:
        args = [field, str(p.get("value", ""))]
    text = _tr(_MESSAGES[code])
    for i, arg in enumerate(args, start=1):
        text = text.replace(f"%{i}", arg)
    return text
