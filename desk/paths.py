"""Where the desk keeps its database and generated pages on this machine."""
from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP = "desk"


def data_dir() -> Path:
    p = Path(user_data_dir(APP, appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def default_database() -> Path:
    return data_dir() / "desk.sqlite"


def cache_dir() -> Path:
    p = Path(user_cache_dir(APP, appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"
