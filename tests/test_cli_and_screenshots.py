"""The commands as a newcomer runs them: python -m desk …, python main.py --screenshot …."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.services.reads.info import INFO_KEYS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    """The commands' user data directory (default database, logs) is the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def run(*args, env_extra=None, timeout=180):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env=env)


def test_info_json_reports_every_count(db_path):
    result = run("-m", "desk", "info", "--db", str(db_path), "--json")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert tuple(counts) == INFO_KEYS
    assert counts["units"] == 13 and counts["red"] > 0 and counts["yellow"] > 0


def test_info_on_a_missing_file_says_so(tmp_path):
    result = run("-m", "desk", "info", "--db", str(tmp_path / "nope.sqlite"))
    assert result.returncode == 2 and "no such database" in result.stderr
    assert not (tmp_path / "nope.sqlite").exists()


def test_demo_refuses_to_overwrite_a_township(db_path):
    before = db_path.stat().st_size
    result = run("-m", "desk", "demo", "--db", str(db_path))
    assert result.returncode == 2 and "already holds a township" in result.stderr
    assert db_path.stat().st_size == before


def test_first_start_creates_the_demo_in_the_data_dir(tmp_path, clock):
    from desk.services.desk import open_desk

    path = tmp_path / "fresh" / "desk.sqlite"
    path.parent.mkdir()
    desk = open_desk(path, create_demo=True, clock=clock)  # what the GUI does for its default database
    try:
        assert desk.is_demo()
        assert desk.info()["units"] == 13
        assert desk.actor.login == "duty" and desk.actor.role == "operator"
    finally:
        desk.close()


def _variety(image, box) -> int:
    x0, y0, x1, y1 = box
    colours = set()
    for x in range(x0, x1, max(1, (x1 - x0) // 40)):
        for y in range(y0, y1, max(1, (y1 - y0) // 40)):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.parametrize("view", ["map", "queue", "boards", "agenda", "emergency", "wall"])
def test_screenshot_of_each_view_is_the_asked_size_and_not_blank(view, db_path, tmp_path, qapp):
    from PySide6.QtGui import QImage

    out = tmp_path / f"{view}.png"
    result = run("main.py", "--db", str(db_path), "--screenshot", str(out), "--view", view, "--size", "1280x800")
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert _variety(image, (0, 0, 1280, 800)) > 20
    if view in ("map", "wall"):
        # The map itself painted: the middle of its area is not one flat colour.
        assert _variety(image, (200, 250, 600, 600)) > 5


def test_screenshot_of_an_empty_database_is_the_first_run_page(tmp_path, qapp):
    from PySide6.QtGui import QImage

    db = tmp_path / "new.sqlite"
    made = run("-m", "desk", "init", "--db", str(db))
    assert made.returncode == 0, made.stderr
    out = tmp_path / "first-run.png"
    result = run("main.py", "--db", str(db), "--user", "admin", "--screenshot", str(out), "--size", "1000x700")
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700) and _variety(image, (0, 0, 1000, 700)) > 5


def test_only_the_default_database_is_created_with_the_demo(tmp_path):
    missing = tmp_path / "mistyped.sqlite"
    result = run("main.py", "--db", str(missing), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2 and "no such database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not missing.exists()

    out = tmp_path / "default.png"
    result = run("main.py", "--screenshot", str(out), "--view", "agenda", "--size", "800x600")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "xdg-data" / "desk" / "desk.sqlite").is_file() and out.is_file()


@pytest.mark.parametrize("content", [b"", b"not a database at all, just some text"])
def test_a_file_that_is_not_a_desk_database_is_refused_in_one_line(tmp_path, content):
    db = tmp_path / "typo.sqlite"
    db.write_bytes(content)
    result = run("main.py", "--db", str(db), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("desk: ") and str(db) in lines[0], result.stderr
    assert db.read_bytes() == content  # refused, not filled with a township
    assert not (tmp_path / "x.png").exists()


def test_the_gui_logs_to_a_file_in_the_data_dir(db_path, tmp_path):
    out = tmp_path / "queue.png"
    result = run("main.py", "--db", str(db_path), "--screenshot", str(out), "--view", "queue", "--size", "800x600")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "xdg-data" / "desk" / "logs" / "desk.log").is_file()


def test_bad_size_is_refused_with_a_message(tmp_path):
    result = run("main.py", "--screenshot", str(tmp_path / "x.png"), "--size", "big")
    assert result.returncode == 2 and "--size must look like" in result.stderr


def test_bench_prints_figures_and_leaves_the_database_alone(db_path):
    before = json.loads(run("-m", "desk", "info", "--db", str(db_path), "--json").stdout)["incidents"]
    result = run("-m", "desk", "bench", "--db", str(db_path), "--repeat", "1")
    assert result.returncode == 0, result.stderr
    assert "queue (open, sorted)" in result.stdout and "register→close round trip" in result.stdout
    after = json.loads(run("-m", "desk", "info", "--db", str(db_path), "--json").stdout)["incidents"]
    assert after == before


def test_screenshot_of_a_drill_under_way(db_path, tmp_path, qapp):
    """The README's picture of a drill: the emergency view 20 minutes into the shipped rainstorm drill, on
    the drill's own data, the real record untouched."""
    from PySide6.QtGui import QImage

    from desk.services.desk import open_desk

    out = tmp_path / "drill.png"
    scenario = ROOT / "desk" / "resources" / "drills" / "rainstorm_landslide.json"
    result = run("main.py", "--db", str(db_path), "--screenshot", str(out), "--view", "emergency", "--drill",
                 str(scenario), "--drill-at", "20", "--size", "1280x800")
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800) and _variety(image, (0, 0, 1280, 800)) > 20
    desk = open_desk(db_path, login="duty")
    try:
        snap = desk.emergency()
        assert snap.activation is None and all("演练" not in line.text for line in snap.log)
    finally:
        desk.close()
    # The pictured drill was stood down unscored when the desk closed: another can start.
    again = run("main.py", "--db", str(db_path), "--screenshot", str(out), "--view", "emergency", "--drill",
                str(scenario), "--drill-at", "5", "--size", "1280x800")
    assert again.returncode == 0, again.stderr[-2000:]
    bad = run("main.py", "--db", str(db_path), "--screenshot", str(out), "--view", "emergency", "--drill",
              str(tmp_path / "missing.json"))
    assert bad.returncode == 2 and "missing.json" in bad.stderr
