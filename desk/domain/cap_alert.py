"""CAP 1.2 (OASIS Common Alerting Protocol), including China's profile (GB/T 35965.1): reading a
message into what the desk stores as a warning, and writing a township warning as one.

Reading refuses anything that is not a CAP 1.2 alert, names the element at fault, and never expands
a DTD or entity. The level comes from an explicit parameter (预警级别 and the like), else a colour in
the headline, else the severity (Minor→blue, Moderate→yellow, Severe→orange, Extreme→red). Of several
<info> blocks the one in the desk's language is used, else the first (the whole message is kept)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from xml.sax.saxutils import escape

NS = "urn:oasis:names:tc:emergency:cap:1.2"
_Q = f"{{{NS}}}"
STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
              "CBRNE", "Other")
SEVERITY_LEVEL = {"Minor": "blue", "Moderate": "yellow", "Severe": "orange", "Extreme": "red", "Unknown": "blue"}
LEVEL_PARAMETERS = ("level", "warninglevel", "alertlevel", "color", "colour", "预警级别", "预警等级", "级别", "颜色")
_LEVEL_WORDS = {
    "red": ("红色", "red", "Ⅰ", "I级", "一级"), "orange": ("橙色", "orange", "Ⅱ", "II级", "二级"),
    "yellow": ("黄色", "yellow", "Ⅲ", "III级", "三级"), "blue": ("蓝色", "blue", "Ⅳ", "IV级", "四级"),
}
_ROMAN = {"I": "red", "II": "orange", "III": "yellow", "IV": "blue", "1": "red", "2": "orange", "3": "yellow",
          "4": "blue"}
_HAZARD_WORDS = (
    ("flood", ("山洪", "洪水", "内涝", "洪涝", "flood")),
    ("landslide", ("地质灾害", "滑坡", "泥石流", "崩塌", "landslide", "mudslide", "debris")),
    ("rain", ("暴雨", "降雨", "强降水", "rainstorm", "heavy rain", "rain")),
)
MAX_BYTES = 2_000_000


class CapError(ValueError):
    """A message that is not a valid CAP 1.2 alert; `where` names the element (e.g. info[2]/severity)."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass(frozen=True)
class CapArea:
    desc: str
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()  # rings of (lon, lat)
    circles: tuple[str, ...] = ()
    geocodes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CapInfo:
    language: str
    categories: tuple[str, ...]
    event: str
    urgency: str
    severity: str
    certainty: str
    headline: str = ""
    description: str = ""
    instruction: str = ""
    sender_name: str = ""
    effective: datetime | None = None
    expires: datetime | None = None
    parameters: tuple[tuple[str, str], ...] = ()
    areas: tuple[CapArea, ...] = ()


@dataclass(frozen=True)
class CapMessage:
    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    references: tuple[tuple[str, str, str], ...] = ()  # (sender, identifier, sent)
    infos: tuple[CapInfo, ...] = field(default_factory=tuple)

    def info(self, language: str = "zh-CN") -> CapInfo | None:
        """The <info> in the desk's language (zh-CN, or any zh), else the first."""
        lang = language.lower()
        for want in (lang, lang.split("-")[0]):
            for i in self.infos:
                if i.language.lower() == want or i.language.lower().split("-")[0] == want:
                    return i
        return self.infos[0] if self.infos else None


def parse_time(text: str, where: str) -> datetime:
    """A CAP dateTime (with its offset, e.g. 2026-07-01T08:00:00+08:00) as naive UTC."""
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CapError(where, f"{text!r} is not a CAP date and time") from None
    if moment.tzinfo is None:
        raise CapError(where, f"{text!r} has no time-zone offset")
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _text(parent: ET.Element, name: str, where: str, required: bool = False) -> str:
    node = parent.find(_Q + name)
    if node is None or not (node.text or "").strip():
        if required:
            raise CapError(f"{where}/{name}", "missing")
        return ""
    return (node.text or "").strip()


def _choice(parent: ET.Element, name: str, where: str, allowed: Sequence[str]) -> str:
    value = _text(parent, name, where, required=True)
    if value not in allowed:
        raise CapError(f"{where}/{name}", f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _polygon(text: str, where: str) -> tuple[tuple[float, float], ...]:
    points = []
    for pair in text.split():
        try:
            lat, lon = (float(v) for v in pair.split(","))
        except ValueError:
            raise CapError(where, f"{pair!r} is not a lat,lon pair") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise CapError(where, f"{pair!r} is not on Earth")
        points.append((lon, lat))
    if len(points) < 4:
        raise CapError(where, "a polygon needs at least four points")
    if points[0] != points[-1]:
        raise CapError(where, "ring not closed (the first and last points differ)")
    return tuple(points)


def parse(data: bytes | str) -> CapMessage:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise CapError("file", "larger than any CAP message (2 MB)")
    head = raw[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in raw.lower():
        raise CapError("file", "DTD or entity declarations are not allowed in a CAP message")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise CapError("file", f"not XML ({exc})") from None
    if root.tag != _Q + "alert":
        raise CapError("alert", f"the root is {root.tag!r}, not a CAP 1.2 alert ({NS})")
    identifier = _text(root, "identifier", "alert", required=True)
    sender = _text(root, "sender", "alert", required=True)
    sent = parse_time(_text(root, "sent", "alert", required=True), "alert/sent")
    status = _choice(root, "status", "alert", STATUSES)
    msg_type = _choice(root, "msgType", "alert", MSG_TYPES)
    scope = _choice(root, "scope", "alert", SCOPES)
    references = []
    for ref in _text(root, "references", "alert").split():
        parts = ref.split(",")
        if len(parts) != 3:
            raise CapError("alert/references", f"{ref!r} is not sender,identifier,sent")
        references.append((parts[0], parts[1], parts[2]))
    if msg_type in ("Update", "Cancel") and not references:
        raise CapError("alert/references", f"a {msg_type} must name the message it changes")
    infos = []
    for n, node in enumerate(root.findall(_Q + "info"), start=1):
        where = f"info[{n}]"
        categories = tuple(c.text.strip() for c in node.findall(_Q + "category") if c.text)
        if not categories:
            raise CapError(f"{where}/category", "missing")
        bad = [c for c in categories if c not in CATEGORIES]
        if bad:
            raise CapError(f"{where}/category", f"{bad[0]!r} is not one of {', '.join(CATEGORIES)}")
        params = tuple((_text(p, "valueName", where), _text(p, "value", where)) for p in node.findall(_Q + "parameter"))
        areas = []
        for m, a in enumerate(node.findall(_Q + "area"), start=1):
            aw = f"{where}/area[{m}]"
            areas.append(CapArea(
                _text(a, "areaDesc", aw, required=True),
                tuple(_polygon(p.text or "", f"{aw}/polygon") for p in a.findall(_Q + "polygon")),
                tuple((c.text or "").strip() for c in a.findall(_Q + "circle")),
                tuple((_text(g, "valueName", aw), _text(g, "value", aw)) for g in a.findall(_Q + "geocode"))))
        effective, expires = _text(node, "effective", where), _text(node, "expires", where)
        infos.append(CapInfo(
            _text(node, "language", where) or "en-US", categories, _text(node, "event", where, required=True),
            _choice(node, "urgency", where, URGENCIES), _choice(node, "severity", where, SEVERITIES),
            _choice(node, "certainty", where, CERTAINTIES), _text(node, "headline", where),
            _text(node, "description", where), _text(node, "instruction", where), _text(node, "senderName", where),
            parse_time(effective, f"{where}/effective") if effective else None,
            parse_time(expires, f"{where}/expires") if expires else None, params, tuple(areas)))
    if msg_type in ("Alert", "Update") and not infos:
        raise CapError("alert/info", "an alert carries at least one <info>")
    return CapMessage(identifier, sender, sent, status, msg_type, scope, tuple(references), tuple(infos))


def level_of(info: CapInfo) -> str:
    for name, value in info.parameters:
        if name.replace(" ", "").replace("_", "").lower() in LEVEL_PARAMETERS or name in LEVEL_PARAMETERS:
            found = _level_word(value)
            if found:
                return found
    found = _level_word(info.headline) or _level_word(info.event)
    return found or SEVERITY_LEVEL[info.severity]


def _level_word(text: str) -> str | None:
    value = text.strip()
    if value.upper().rstrip("级") in _ROMAN:
        return _ROMAN[value.upper().rstrip("级")]
    lowered = value.lower()
    for level, words in _LEVEL_WORDS.items():
        if any(w.lower() in lowered for w in words if not w.isascii() or len(w) > 2):
            return level
    return None


def hazard_of(info: CapInfo) -> str:
    text = f"{info.event} {info.headline}".lower()
    for hazard, words in _HAZARD_WORDS:
        if any(w in text for w in words):
            return hazard
    return "general"


def area_geojson(info: CapInfo) -> str:
    """The info's polygons as a GeoJSON MultiPolygon ('' without any)."""
    rings = [ring for a in info.areas for ring in a.polygons]
    if not rings:
        return ""
    coords = [[[list(p) for p in ring]] for ring in rings]
    import json

    return json.dumps({"type": "MultiPolygon", "coordinates": coords})


@dataclass(frozen=True)
class OutgoingWarning:
    identifier: str
    sender: str
    sent: datetime  # naive UTC
    event: str
    level: str
    headline: str
    description: str
    area: str
    effective: datetime | None = None
    expires: datetime | None = None
    polygon: tuple[tuple[float, float], ...] = ()  # (lon, lat) ring
    sender_name: str = ""
    status: str = "Actual"


LEVEL_SEVERITY = {"blue": "Minor", "yellow": "Moderate", "orange": "Severe", "red": "Extreme"}
LEVEL_NAMES = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}


def _cap_time(moment: datetime) -> str:
    return moment.replace(tzinfo=timezone.utc).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def build(w: OutgoingWarning) -> bytes:
    """A CAP 1.2 message for a township warning (zh-CN info, the level as 预警级别)."""
    def tag(name: str, value: str) -> str:
        return f"<{name}>{escape(value)}</{name}>"

    polygon = ""
    if w.polygon:
        polygon = tag("polygon", " ".join(f"{lat:.6f},{lon:.6f}" for lon, lat in w.polygon))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>', f'<alert xmlns="{NS}">', tag("identifier", w.identifier),
        tag("sender", w.sender), tag("sent", _cap_time(w.sent)), tag("status", w.status), tag("msgType", "Alert"),
        tag("scope", "Public"), "<info>", tag("language", "zh-CN"), tag("category", "Met" if "雨" in w.event else "Geo"),
        tag("event", w.event), tag("urgency", "Expected"), tag("severity", LEVEL_SEVERITY[w.level]),
        tag("certainty", "Likely"),
        tag("effective", _cap_time(w.effective)) if w.effective else "",
        tag("expires", _cap_time(w.expires)) if w.expires else "",
        tag("senderName", w.sender_name) if w.sender_name else "",
        tag("headline", w.headline), tag("description", w.description or w.headline),
        "<parameter>", tag("valueName", "预警级别"), tag("value", LEVEL_NAMES[w.level]), "</parameter>",
        "<area>", tag("areaDesc", w.area), polygon, "</area>", "</info>", "</alert>"]
    return "\n".join(p for p in parts if p).encode("utf-8")


def is_identifier(text: str) -> bool:
    """CAP identifiers may not contain spaces, commas or restricted characters (& <)."""
    return bool(text) and re.search(r"[\s,&<]", text) is None
