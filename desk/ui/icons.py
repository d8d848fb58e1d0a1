"""One icon registry: semantic names → qtawesome glyphs and palette colours. Widgets never name glyphs."""
from __future__ import annotations

from functools import lru_cache

import qtawesome as qta
from PySide6.QtGui import QIcon

from desk.ui import theme

_GLYPHS: dict[str, tuple[str, str]] = {
    # name: (glyph, palette role)
    "view.map": ("mdi6.map-outline", "accent"),
    "view.queue": ("mdi6.format-list-checks", "accent"),
    "view.boards": ("mdi6.account-group-outline", "accent"),
    "view.agenda": ("mdi6.calendar-text-outline", "accent"),
    "view.emergency": ("mdi6.weather-pouring", "accent"),
    "view.visits": ("mdi6.home-account", "accent"),
    "action.register": ("mdi6.map-marker-plus-outline", "text"),
    "action.dispatch": ("mdi6.send-outline", "text"),
    "action.accept": ("mdi6.account-hard-hat-outline", "text"),
    "action.feedback": ("mdi6.message-reply-text-outline", "text"),
    "action.return": ("mdi6.undo-variant", "text"),
    "action.close": ("mdi6.check-circle-outline", "ok"),
    "action.evaluate": ("mdi6.star-outline", "text"),
    "action.refresh": ("mdi6.refresh", "text"),
    "action.quit": ("mdi6.exit-to-app", "text"),
    "action.about": ("mdi6.information-outline", "text"),
    "state.demo": ("mdi6.flask-outline", "demo"),
    "state.empty": ("mdi6.database-off-outline", "muted"),
    "action.wall": ("mdi6.monitor-dashboard", "text"),
    "action.locate": ("mdi6.crosshairs-gps", "text"),
    "action.export": ("mdi6.export-variant", "text"),
    "action.import": ("mdi6.database-import-outline", "text"),
    "state.on_duty": ("mdi6.account-clock-outline", "ok"),
    "state.database": ("mdi6.database-outline", "muted"),
    "state.clock": ("mdi6.clock-outline", "muted"),
    "card.red": ("mdi6.card", "card_red"),
    "card.yellow": ("mdi6.card", "card_yellow"),
    "warning.level": ("mdi6.alert", "text"),
    "hazard": ("mdi6.terrain", "text"),
    "shelter": ("mdi6.home-group", "ok"),
    "gauge": ("mdi6.gauge", "text"),
}


@lru_cache(maxsize=None)
def _icon(name: str, theme_name: str) -> QIcon:
    glyph, role = _GLYPHS[name]
    return qta.icon(glyph, color=theme.color(role))


def icon(name: str) -> QIcon:
    return _icon(name, theme.current_name())
