"""Nothing acknowledged is lost when a writer dies: `stress write` prints each incident's code only after
its commit has returned; killed with SIGKILL in the middle of a burst, again and again, every code it
printed is in the database afterwards and SQLite's integrity check passes."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_and_kill(db_path: Path, lines_before_kill: int) -> list[str]:
    proc = subprocess.Popen([sys.executable, "-m", "desk", "stress", "write", "--db", str(db_path), "--count",
                             "100000"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    printed: list[str] = []
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    while len(printed) < lines_before_kill and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        printed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)  # mid-burst: it is writing the next one now
    proc.wait(timeout=30)
    with proc.stdout:
        rest = proc.stdout.read()  # anything printed before the kill landed counts too
    printed += [x.strip() for x in rest.splitlines() if x.strip()]
    return printed


def test_a_writer_killed_mid_burst_loses_nothing_it_acknowledged(db_path):
    acknowledged: list[str] = []
    for n in (7, 13, 5):
        got = _run_and_kill(db_path, n)
        assert len(got) >= n, "the writer printed fewer codes than asked before the kill"
        acknowledged += got
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in con.execute("SELECT code FROM incident")}
    finally:
        con.close()
    missing = [c for c in acknowledged if c not in stored]
    assert not missing and len(set(acknowledged)) == len(acknowledged)
