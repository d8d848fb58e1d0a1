"""The calendar the demo lives by: rest days and when the joint meetings fall, all from `now`."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from desk.domain import clock

# Lunar holidays move every year; the fixed-date ones are enough to show the holiday peaks.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (5, 3), (5, 4), (5, 5), *((10, d) for d in range(1, 8))}
JOINT_MEETING_AT = time(9)
WEEKLY_MEETING_AT = time(8, 30)


def is_rest_day(day: date) -> bool:
    return day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS


def next_joint_day(today: date) -> date:
    """The coming monthly joint meeting, a few days ahead."""
    return _weekday_from(today + timedelta(days=3))


def last_joint_day(today: date) -> date:
    return _weekday_from(next_joint_day(today) - timedelta(days=30))


def next_weekly_day(now: datetime) -> date:
    """The next Monday whose dispatch meeting is still ahead of `now`."""
    local = clock.to_local(now)
    day = local.date() + timedelta(days=(7 - local.weekday()) % 7)
    if datetime.combine(day, WEEKLY_MEETING_AT) <= local:
        day += timedelta(days=7)
    return day


def at_local(day: date, at: time) -> datetime:
    """A local clock time on a day, as naive UTC."""
    return clock.to_utc(datetime.combine(day, at))


def _weekday_from(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
