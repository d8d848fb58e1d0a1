"""Resident ID numbers (居民身份证号码, GB 11643-1999): 18 characters, the last a check digit (0–9 or X)
over the first 17; digits 7–14 the birth date; the 17th odd for men, even for women."""
from __future__ import annotations

from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


class NotAnIdNumber(ValueError):
    """Why the text is not a valid ID number (the message says it)."""


def check_id_number(text: str) -> tuple[str, date, str]:
    """The number in its stored form (capital X), its birth date and gender (M | F)."""
    value = text.strip().upper()
    if len(value) == 15:
        raise NotAnIdNumber("a 15-digit number of the first generation; give the 18-digit one")
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise NotAnIdNumber("an ID number has 17 digits and a check digit (0–9 or X)")
    expected = CHECK[sum(int(d) * w for d, w in zip(value[:17], WEIGHTS)) % 11]
    if value[17] != expected:
        raise NotAnIdNumber(f"the check digit is wrong (it should be {expected})")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise NotAnIdNumber(f"digits 7–14 ({value[6:14]}) are not a date") from None
    return value, born, "M" if int(value[16]) % 2 else "F"
