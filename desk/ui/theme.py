"""Two themes (light desk, dark wall) rendered from one stylesheet template."""
from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from desk.paths import resources_dir

THEMES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#f4f6f9", "panel": "#ffffff", "panel_alt": "#eef1f5", "border": "#d5dbe3",
        "text": "#1f2933", "muted": "#66788a", "accent": "#1565c0", "accent_text": "#ffffff",
        "selection": "#cfe3fb", "ok": "#2e7d32", "demo": "#6a1b9a", "demo_text": "#ffffff",
        "card_red": "#c62828", "card_yellow": "#f9a825",
        "level_blue": "#1e6fd9", "level_yellow": "#e6b800", "level_orange": "#ef6c00", "level_red": "#b71c1c",
        "font_size": "10pt", "title_size": "13pt", "big_size": "20pt",
    },
    "dark": {
        "bg": "#0b1220", "panel": "#111a2c", "panel_alt": "#17233a", "border": "#253453",
        "text": "#e6edf7", "muted": "#8aa0bd", "accent": "#4fa3ff", "accent_text": "#0b1220",
        "selection": "#1f3b66", "ok": "#5bd36b", "demo": "#b388ff", "demo_text": "#0b1220",
        "card_red": "#ff5252", "card_yellow": "#ffd740",
        "level_blue": "#4f9bff", "level_yellow": "#ffd400", "level_orange": "#ff9100", "level_red": "#ff3d3d",
        "font_size": "15pt", "title_size": "20pt", "big_size": "34pt",
    },
}

_current = "light"
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def current_name() -> str:
    return _current


def color(role: str) -> str:
    return THEMES[_current][role]


def render(name: str) -> str:
    template = (resources_dir() / "themes" / "desk.qss.tmpl").read_text(encoding="utf-8")
    values = THEMES[name]

    def fill(m: re.Match) -> str:
        key = m.group(1)
        if key not in values:
            raise KeyError(f"theme '{name}' has no value for '{key}'")
        return values[key]

    return _PLACEHOLDER.sub(fill, template)


def apply(app: QApplication, name: str) -> None:
    global _current
    _current = name
    app.setStyleSheet(render(name))
