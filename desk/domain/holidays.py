"""China's public holidays and the weekend days worked instead (调休上班), as announced by the State
Council's General Office for each year. The township keeps the table current (a new year's notice comes
each November); these are the years known when this was written."""
from __future__ import annotations

from datetime import date, timedelta


def _days(first: str, last: str) -> list[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


# (first day, last day, name) of each holiday, and the worked weekend days with the holiday they pay for.
_HOLIDAYS_2026 = (
    ("2026-01-01", "2026-01-03", "元旦"),
    ("2026-02-15", "2026-02-23", "春节"),
    ("2026-04-04", "2026-04-06", "清明节"),
    ("2026-05-01", "2026-05-05", "劳动节"),
    ("2026-06-19", "2026-06-21", "端午节"),
    ("2026-09-25", "2026-09-27", "中秋节"),
    ("2026-10-01", "2026-10-07", "国庆节"),
)
_WORKDAYS_2026 = (
    ("2026-01-04", "元旦"), ("2026-02-14", "春节"), ("2026-02-28", "春节"), ("2026-05-09", "劳动节"),
    ("2026-09-20", "国庆节"), ("2026-10-10", "国庆节"),
)


def default_holidays() -> list[tuple[date, str, str]]:
    """(day, kind, name) rows: kind is "holiday" or "workday"."""
    rows = [(d, "holiday", name) for first, last, name in _HOLIDAYS_2026 for d in _days(first, last)]
    rows += [(date.fromisoformat(d), "workday", f"{name}调休") for d, name in _WORKDAYS_2026]
    return sorted(rows)
