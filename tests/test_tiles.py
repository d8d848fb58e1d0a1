"""desk-tiles: an MBTiles file served to a local page through the URL scheme handler."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QCoreApplication, QEvent, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from desk.map import tiles

# The scheme has to be declared before the QApplication exists; collection runs before any test asks
# for qapp. (The app and tests/conftest.py do the same at start-up; a second call does nothing.)
tiles.register_scheme()


def png(color: str, size: int = 256) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def make_mbtiles(path: Path, tiles_zxy: dict[tuple[int, int, int], bytes], fmt: str = "png") -> Path:
    """Tiles given in XYZ numbering, stored TMS-style as the MBTiles spec says."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        conn.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
        conn.executemany("INSERT INTO metadata VALUES (?, ?)",
                         [("name", "test"), ("format", fmt), ("minzoom", "0"), ("maxzoom", "1")])
        conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                         [(z, x, (1 << z) - 1 - y, data) for (z, x, y), data in tiles_zxy.items()])
    conn.close()
    return path


@pytest.fixture
def mbtiles(tmp_path) -> Path:
    return make_mbtiles(tmp_path / "base.mbtiles", {(0, 0, 0): png("#0000ff"), (1, 0, 0): png("#ff0000"),
                                                    (1, 0, 1): png("#00ff00")})


@pytest.fixture
def browser(qapp):
    """A view on a profile of its own, set up like the map's page: a file:// page that may not reach
    remote URLs. Torn down page first, then the profile, as WebEngine requires."""
    profile = QWebEngineProfile()
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    settings = page.settings()
    settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
    settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
    view.resize(300, 200)
    view.show()
    yield view, page, profile
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del view, page
    profile.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_js(qtbot, page: QWebEnginePage, script: str):
    box: list = []
    page.runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


# Loads each src in an <img> (CORS mode, so the pixel can be read back) and records what happened.
PAGE = """<!doctype html><html><body><script>
window.results = {};
function probe(key, src) {
  var img = new Image();
  img.crossOrigin = "anonymous";
  img.onload = function () {
    var c = document.createElement("canvas"); c.width = 1; c.height = 1;
    var ctx = c.getContext("2d"); ctx.drawImage(img, 0, 0);
    var d = ctx.getImageData(0, 0, 1, 1).data;
    window.results[key] = {ok: true, width: img.naturalWidth, rgb: [d[0], d[1], d[2]]};
  };
  img.onerror = function () { window.results[key] = {ok: false, width: img.naturalWidth}; };
  img.src = src;
}
%s
</script></body></html>"""


def load_probes(qtbot, page: QWebEnginePage, tmp_path: Path, probes: dict[str, str]) -> dict:
    calls = "\n".join(f"probe({json.dumps(k)}, {json.dumps(v)});" for k, v in probes.items())
    html = tmp_path / "page.html"
    html.write_text(PAGE % calls, encoding="utf-8")
    with qtbot.waitSignal(page.loadFinished, timeout=20_000):
        page.load(QUrl.fromLocalFile(str(html)))
    qtbot.waitUntil(lambda: run_js(qtbot, page, "Object.keys(window.results).length") == len(probes),
                    timeout=20_000)
    return json.loads(run_js(qtbot, page, "JSON.stringify(window.results)"))


def test_a_local_page_loads_tiles_and_a_missing_tile_fails(qtbot, browser, mbtiles, tmp_path):
    _, page, profile = browser
    handler = tiles.install(profile, mbtiles)
    results = load_probes(qtbot, page, tmp_path, {
        "north": "desk-tiles://local/1/0/0",
        "south": "desk-tiles://local/1/0/1.png",
        "world": "desk-tiles://local/0/0/0",
        "missing": "desk-tiles://local/1/1/1",
        "beyond": "desk-tiles://local/1/2/0",
        "not_a_tile": "desk-tiles://local/tiles/1/0",
    })
    assert results["north"] == {"ok": True, "width": 256, "rgb": [255, 0, 0]}  # XYZ y=0 is TMS row 1
    assert results["south"] == {"ok": True, "width": 256, "rgb": [0, 255, 0]}
    assert results["world"]["ok"] and results["world"]["rgb"] == [0, 0, 255]
    for key in ("missing", "beyond", "not_a_tile"):
        assert results[key] == {"ok": False, "width": 0}, key
    assert handler.served == 3 and handler.missing == 1


def test_install_again_repoints_the_same_handler(qtbot, browser, mbtiles, tmp_path):
    _, page, profile = browser
    first = tiles.install(profile, mbtiles)
    other = make_mbtiles(tmp_path / "other.mbtiles", {(1, 0, 0): png("#ffffff", 128)}, fmt="")
    second = tiles.install(profile, other)
    assert second is first and first.path == other
    results = load_probes(qtbot, page, tmp_path, {"north": "desk-tiles://local/1/0/0",
                                                  "south": "desk-tiles://local/1/0/1"})
    assert results["north"] == {"ok": True, "width": 128, "rgb": [255, 255, 255]}  # format sniffed: PNG
    assert results["south"]["ok"] is False
    tiles.install(profile, None)
    assert first.path is None and first.tile(1, 0, 0) is None


def test_a_file_that_is_not_mbtiles_is_refused_and_the_old_one_kept(mbtiles, tmp_path):
    handler = tiles.MBTilesHandler()
    handler.open(mbtiles)
    text = tmp_path / "notes.mbtiles"
    text.write_text("not a database", encoding="utf-8")
    empty_db = tmp_path / "empty.mbtiles"
    sqlite3.connect(empty_db).execute("CREATE TABLE other (x)").connection.close()
    for bad, reason in ((tmp_path / "absent.mbtiles", "no such"), (text, "not an MBTiles"),
                        (empty_db, "no tiles table")):
        with pytest.raises(tiles.MBTilesError, match=reason):
            handler.open(bad)
    assert handler.path == mbtiles and handler.tile(0, 0, 0) is not None
    handler.close()


def test_the_file_is_opened_read_only(mbtiles):
    handler = tiles.MBTilesHandler()
    handler.open(mbtiles)
    assert handler._conn is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        handler._conn.execute("DELETE FROM tiles")
    handler.close()


@pytest.mark.parametrize(("path", "zxy"), [("/3/2/5", (3, 2, 5)), ("/0/0/0.jpg", (0, 0, 0)), ("/3/8/0", None),
                                           ("/a/b/c", None), ("/1/0", None), ("/31/0/0", None), ("/1/-1/0", None)])
def test_tile_paths(path, zxy):
    assert tiles.parse_tile_path(path) == zxy


def test_content_types():
    assert tiles.content_type("jpg", b"") == b"image/jpeg"
    assert tiles.content_type("WEBP", b"") == b"image/webp"
    assert tiles.content_type("", b"\xff\xd8\xff\xe0") == b"image/jpeg"
    assert tiles.content_type("", b"\x89PNG\r\n") == b"image/png"
