"""Raster base-map tiles from an MBTiles file, served to the map page as desk-tiles://local/{z}/{x}/{y}.

The command room has no internet, so a raster base map is an MBTiles file (an SQLite database of
tiles) on the machine. WebEngine asks a URL scheme handler for each tile; the handler reads it
from the file. The scheme must be registered before the QApplication exists (`register_scheme`),
and the handler installed on the profile the map's page uses (`install`).

Requests arrive on the GUI thread. A tile is one primary-key lookup in SQLite (tens of
microseconds), so it is answered there, from one read-only connection that is never shared with
another thread.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

log = logging.getLogger(__name__)

SCHEME = "desk-tiles"
HOST = "local"
URL_TEMPLATE = f"{SCHEME}://{HOST}/{{z}}/{{x}}/{{y}}"
MAX_ZOOM = 30
CONTENT_TYPES = {"png": b"image/png", "jpg": b"image/jpeg", "jpeg": b"image/jpeg", "webp": b"image/webp"}
# Tile formats told apart by their first bytes when the metadata does not say.
_MAGIC = ((b"\x89PNG", b"image/png"), (b"\xff\xd8\xff", b"image/jpeg"), (b"RIFF", b"image/webp"))


def register_scheme() -> None:
    """Declare desk-tiles to WebEngine. Must run once, before the QApplication is created.

    LocalScheme: the map page is a file:// page that may not load remote URLs; only local schemes
    are open to it. CorsEnabled (with the header every reply carries) lets a canvas read tiles back,
    e.g. to export the map as an image."""
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    flags = QWebEngineUrlScheme.Flag
    scheme.setFlags(flags.LocalScheme | flags.SecureScheme | flags.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


class MBTilesError(ValueError):
    """The file cannot serve tiles: missing, not SQLite, or without a `tiles` table."""


def open_mbtiles(path: str | Path) -> tuple[sqlite3.Connection, dict[str, str]]:
    """A read-only connection to an MBTiles file and its metadata table (empty if it has none)."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise MBTilesError(f"{file}: no such MBTiles file")
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise MBTilesError(f"{file}: cannot be opened: {exc}") from exc
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "tiles" not in names:
            raise MBTilesError(f"{file}: not an MBTiles file (no tiles table)")
        metadata: dict[str, str] = {}
        if "metadata" in names:
            metadata = {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}
    except sqlite3.Error as exc:
        conn.close()
        raise MBTilesError(f"{file}: not an MBTiles file ({exc})") from exc
    except MBTilesError:
        conn.close()
        raise
    return conn, metadata


def parse_tile_path(path: str) -> tuple[int, int, int] | None:
    """/{z}/{x}/{y} (an extension on y is allowed) → (z, x, y) in XYZ numbering, or None if not a tile."""
    parts = path.strip("/").split("/")
    if len(parts) != 3:
        return None
    parts[2] = parts[2].split(".", 1)[0]
    if not all(p.isdigit() for p in parts):
        return None
    z, x, y = (int(p) for p in parts)
    if z > MAX_ZOOM or x >= 2 ** z or y >= 2 ** z:
        return None
    return z, x, y


def content_type(fmt: str, data: bytes) -> bytes:
    known = CONTENT_TYPES.get(fmt.strip().lower())
    if known is not None:
        return known
    return next((mime for magic, mime in _MAGIC if data.startswith(magic)), b"application/octet-stream")


class MBTilesHandler(QWebEngineUrlSchemeHandler):
    """Answers desk-tiles://local/{z}/{x}/{y} from the MBTiles file it is pointed at."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn: sqlite3.Connection | None = None
        self._format = ""
        self.path: Path | None = None
        self.metadata: dict[str, str] = {}
        self.served = 0
        self.missing = 0

    def open(self, path: str | Path | None) -> None:
        """Serve from this file from now on (None: serve nothing). Raises MBTilesError and keeps
        serving the previous file if the new one is not usable."""
        conn: sqlite3.Connection | None = None
        metadata: dict[str, str] = {}
        if path is not None:
            conn, metadata = open_mbtiles(path)
        self.close()
        self._conn, self.metadata = conn, metadata
        self._format = metadata.get("format", "")
        self.path = Path(path).expanduser() if path is not None else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self.path, self.metadata, self._format = None, None, {}, ""

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile in XYZ numbering (y down from the north), or None. MBTiles numbers rows TMS-style,
        from the south: row = 2^z − 1 − y."""
        if self._conn is None:
            return None
        row = self._conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y)).fetchone()
        return bytes(row[0]) if row is not None and row[0] is not None else None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802
        url = job.requestUrl()
        if url.host() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        zxy = parse_tile_path(url.path())
        if zxy is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        try:
            data = self.tile(*zxy)
        except sqlite3.Error as exc:
            log.warning("MBTiles %s: reading tile %s failed: %s", self.path, zxy, exc)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if data is None:
            self.missing += 1
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        # The buffer is the job's child: WebEngine reads it after this returns, and it goes with the job.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.setAdditionalResponseHeaders({QByteArray(b"Access-Control-Allow-Origin"): QByteArray(b"*")})
        job.reply(QByteArray(content_type(self._format, data)), buffer)
        self.served += 1


def install(profile: QWebEngineProfile, path: str | Path | None) -> MBTilesHandler:
    """Serve desk-tiles on `profile` from the MBTiles file at `path`. Called again, it re-points the
    handler already installed there (a new base map chosen in the settings) instead of adding one."""
    existing = profile.urlSchemeHandler(QByteArray(SCHEME.encode()))
    if isinstance(existing, MBTilesHandler):
        existing.open(path)
        return existing
    handler = MBTilesHandler()
    handler.open(path)
    handler.setParent(profile)  # lives as long as the profile
    profile.installUrlSchemeHandler(QByteArray(SCHEME.encode()), handler)
    return handler
