"""The code type-checks, and a wheel built from it runs from any directory with its resources."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_passes():
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_wheel_runs_outside_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                            str(wheels), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    [wheel] = wheels.glob("desk-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The wheel's dependencies come from the test environment's site-packages (a plain path, so the
    # source tree's editable install is not picked up); the desk itself only from the wheel.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                              str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["HOME"] = str(tmp_path / "home")  # its own data directory for logs

    def run(*args, program=python):
        return subprocess.run([str(program), *args], cwd=elsewhere, capture_output=True, text=True, env=env,
                              timeout=300)

    where = run("-c", "import desk, desk.paths; print(desk.__file__); print(desk.paths.resources_dir())")
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout and (Path(where.stdout.split()[1]) / "catalog" / "matters.json").exists()
    db = elsewhere / "demo.sqlite"
    desk = env_dir / "bin" / "desk"
    assert run("demo", "--db", str(db), program=desk).returncode == 0
    info = run("info", "--db", str(db), "--json", program=desk)
    assert info.returncode == 0 and '"incidents"' in info.stdout, info.stderr
    shot = run("--db", str(db), "--screenshot", str(elsewhere / "queue.png"), "--view", "queue", "--size", "1366x768",
               program=desk)
    assert shot.returncode == 0, shot.stderr[-3000:]
    assert (elsewhere / "queue.png").stat().st_size > 10_000
