"""Times are stored as naive UTC; operators read Beijing time."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def to_local(utc: datetime) -> datetime:
    return utc.replace(tzinfo=timezone.utc).astimezone(LOCAL_TZ).replace(tzinfo=None)


def to_utc(local: datetime) -> datetime:
    return local.replace(tzinfo=LOCAL_TZ).astimezone(timezone.utc).replace(tzinfo=None)


def local_today(now_utc: datetime) -> date:
    return to_local(now_utc).date()


def local_window(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """A local clock window on a given day, as UTC."""
    s = to_utc(datetime.combine(day, start))
    e = to_utc(datetime.combine(day, end))
    if e <= s:
        e += timedelta(days=1)
    return s, e
