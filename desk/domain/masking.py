"""Personal data is never shown in the clear on shared displays."""
from __future__ import annotations


def mask_phone(phone: str) -> str:
    """139****5678 for a mobile; for a landline the area code stays (it names a city, not a person) and
    all but the last two digits of the number go: 0571-******66, 7- and 8-digit local numbers ******66."""
    text = phone.strip()
    if len(text) == 11 and text.isdigit() and text.startswith("1"):
        return f"{text[:3]}****{text[-4:]}"
    area, dash, number = text.rpartition("-")
    if not dash:
        area, number = "", text
    if len(number) < 5:
        return (area + dash if area else "") + "*" * len(number)
    return (f"{area}-" if area else "") + "*" * (len(number) - 2) + number[-2:]


def mask_id_number(id_number: str) -> str:
    s = id_number.strip()
    if len(s) < 8:
        return "*" * len(s)
    return f"{s[:4]}{'*' * (len(s) - 8)}{s[-4:]}"


def mask_name(name: str) -> str:
    """张三丰 → 张*丰, 李四 → 李*."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
