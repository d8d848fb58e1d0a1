"""Which base map the map draws, from the database's settings, and what those settings accept.

"vector": roads, rivers, water and relief drawn from the township's own data (base_feature);
"mbtiles": a raster MBTiles file on this machine, served to the page as desk-tiles://local/{z}/{x}/{y};
"xyz": an intranet tile server's URL template; "none": the plain background.
Positions are stored in WGS-84. A tile base published in GCJ-02 (most Chinese base maps) says so
in map.crs, and the map then shifts its overlays onto it (desk.domain.gcj02).
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select

from db.models import Setting
from desk.services.database import Database
from desk.services.errors import BadInput

BASE_KEY, MBTILES_KEY, XYZ_KEY, CRS_KEY, ATTRIBUTION_KEY = "map.base", "map.mbtiles", "map.xyz", "map.crs", \
    "map.attribution"
KEYS = (BASE_KEY, MBTILES_KEY, XYZ_KEY, CRS_KEY, ATTRIBUTION_KEY)
KINDS = ("vector", "mbtiles", "xyz", "none")
CRSES = ("wgs84", "gcj02")
MBTILES_URL = "desk-tiles://local/{z}/{x}/{y}"  # desk.map.tiles serves this scheme
MAX_ATTRIBUTION = 200
MAX_URL = 500
DEFAULT_ZOOMS = (0, 18)
ZOOM_LIMIT = 22


@dataclass(frozen=True)
class BaseMap:
    kind: str = "vector"
    mbtiles_path: str = ""
    xyz_url: str = ""
    crs: str = "wgs84"  # of the tiles; "vector" and "none" are drawn from WGS-84 data, so always wgs84
    attribution: str = ""
    min_zoom: int = DEFAULT_ZOOMS[0]
    max_zoom: int = DEFAULT_ZOOMS[1]
    # Why the chosen base could not be used (an MBTiles file gone since it was set): the vector base
    # is drawn instead, and the map says why.
    problem: str = ""

    @property
    def tile_url(self) -> str:
        """The URL template the page loads tiles from; empty for the vector base and none."""
        return {"mbtiles": MBTILES_URL, "xyz": self.xyz_url}.get(self.kind, "")

    @property
    def shift_to_gcj02(self) -> bool:
        return self.crs == "gcj02"


# --- what the settings accept ---------------------------------------------------------------

def check_mbtiles(value: str) -> tuple[str, dict[str, str]]:
    """An existing, readable MBTiles file: its absolute path, and its metadata table."""
    text = value.strip()
    if not text:
        raise BadInput("bad_mbtiles", "map.mbtiles needs the path of an MBTiles file", field="setting", value=value)
    path = Path(text).expanduser().resolve()
    if not path.is_file():
        raise BadInput("bad_mbtiles", f"{path}: no such MBTiles file", field="setting", value=str(path))
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            metadata = ({str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}
                        if "metadata" in names else {})
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BadInput("bad_mbtiles", f"{path}: not a readable MBTiles file ({exc})", field="setting",
                       value=str(path)) from exc
    if "tiles" not in names:
        raise BadInput("bad_mbtiles", f"{path}: not an MBTiles file (it has no tiles table)", field="setting",
                       value=str(path))
    return str(path), metadata


def check_xyz(value: str) -> str:
    """An http(s) tile URL template with {z}, {x} and {y} in its path or query, e.g.
    http://10.1.2.3/tiles/{z}/{x}/{y}.png. The host has no placeholder, so the map can let exactly
    this server through (xyz_prefix) and nothing else."""
    text = value.strip()
    missing = [key for key in ("{z}", "{x}", "{y}") if key not in text]
    if missing:
        raise BadInput("bad_tile_url", f"tile URL {text!r} lacks {', '.join(missing)}", field="setting",
                       value=text)
    if len(text) > MAX_URL or any(ch.isspace() for ch in text):
        raise BadInput("bad_tile_url", f"tile URL {text!r} is longer than {MAX_URL} characters or has spaces",
                       field="setting", value=text)
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "{" in parts.netloc \
            or not parts.path.startswith("/"):
        raise BadInput("bad_tile_url", f"tile URL {text!r} must be http:// or https:// with a fixed host",
                       field="setting", value=text)
    return text


def xyz_prefix(template: str) -> str:
    """What the map lets through for a template: everything up to the last "/" before the first
    placeholder ("http://10.1.2.3/tiles/{z}/{x}/{y}.png" → "http://10.1.2.3/tiles/")."""
    head = template.split("{", 1)[0]
    return head[: head.rfind("/") + 1]


def check_attribution(value: str) -> str:
    text = " ".join(value.split())  # shown on one line, as plain text
    if len(text) > MAX_ATTRIBUTION:
        raise BadInput("too_long", f"map.attribution is longer than {MAX_ATTRIBUTION} characters", field="setting",
                       value=MAX_ATTRIBUTION)
    return text


def check_base(value: str, current: dict[str, str]) -> str:
    """A tile base needs its source set first, so the map never switches to a base it cannot draw."""
    if value == "mbtiles" and not current.get(MBTILES_KEY):
        raise BadInput("base_not_set", "set map.mbtiles to an MBTiles file before choosing the mbtiles base",
                       field="setting", value=value)
    if value == "xyz" and not current.get(XYZ_KEY):
        raise BadInput("base_not_set", "set map.xyz to a tile URL template before choosing the xyz base",
                       field="setting", value=value)
    return value


# --- reading ----------------------------------------------------------------------------------

def load(db: Database) -> BaseMap:
    with db.session() as s:
        values = {k: v for k, v in s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(KEYS)))}
    return from_settings(values)


def from_settings(values: dict[str, str]) -> BaseMap:
    kind = values.get(BASE_KEY) or "vector"
    if kind not in KINDS:
        return BaseMap(problem=f"{BASE_KEY}: unknown base map {kind!r}")
    crs = values.get(CRS_KEY) or "wgs84"
    crs = crs if crs in CRSES else "wgs84"
    attribution = values.get(ATTRIBUTION_KEY, "")
    if kind == "mbtiles":
        try:
            path, metadata = check_mbtiles(values.get(MBTILES_KEY, ""))
        except BadInput as exc:
            return BaseMap(problem=f"{MBTILES_KEY}: {exc}")
        low, high = _zooms(metadata)
        return BaseMap("mbtiles", mbtiles_path=path, crs=crs,
                       attribution=attribution or _plain_text(metadata.get("attribution", "")),
                       min_zoom=low, max_zoom=high)
    if kind == "xyz":
        try:
            url = check_xyz(values.get(XYZ_KEY, ""))
        except BadInput as exc:
            return BaseMap(problem=f"{XYZ_KEY}: {exc}")
        return BaseMap("xyz", xyz_url=url, crs=crs, attribution=attribution)
    return BaseMap(kind, attribution=attribution)


def _plain_text(html: str) -> str:
    """MBTiles attributions are often HTML with links; the map shows plain text only."""
    return " ".join(re.sub(r"<[^>]*>", "", html).split())[:MAX_ATTRIBUTION]


def _zooms(metadata: dict[str, str]) -> tuple[int, int]:
    """The zooms the file holds tiles for (MBTiles metadata minzoom/maxzoom), within 0..22."""
    try:
        low = int(metadata.get("minzoom", DEFAULT_ZOOMS[0]))
        high = int(metadata.get("maxzoom", DEFAULT_ZOOMS[1]))
    except ValueError:
        return DEFAULT_ZOOMS
    low, high = max(0, min(low, ZOOM_LIMIT)), max(0, min(high, ZOOM_LIMIT))
    return (low, high) if low <= high else DEFAULT_ZOOMS
