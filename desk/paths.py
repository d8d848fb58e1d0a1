"""Where the desk keeps its database and generated pages on this machine."""
from __future__ import annotations

from importlib.resources import files
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
    """The package's own data (themes, translations, web assets, the catalogue of matters).

    Read through importlib.resources so a wheel installed anywhere finds them; the desk installs as
    a plain directory (never zipped), so this is a real folder that Qt and Chromium can open."""
    return Path(str(files("desk") / "resources"))
