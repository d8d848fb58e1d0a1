"""The incident-code format: SJ + the local registration date + that day's sequence number.

SJ20261123-0001 …; past 9,999 in a day the number simply grows a digit (SJ20261123-10000), so the
code never runs out and still sorts within a day by length, then text."""
from __future__ import annotations

from datetime import date


def incident_code_prefix(local_day: date) -> str:
    return f"SJ{local_day:%Y%m%d}-"


def incident_code(local_day: date, seq: int) -> str:
    if seq < 1:
        raise ValueError(f"a sequence number starts at 1, not {seq}")
    return f"{incident_code_prefix(local_day)}{seq:04d}"


def sequence_of(code: str, prefix: str) -> int | None:
    """The day's sequence number of a code with this prefix, None for anything else."""
    tail = code[len(prefix):] if code.startswith(prefix) else ""
    return int(tail) if tail.isdigit() else None
