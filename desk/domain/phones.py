"""Phone numbers as reporters give them, stored in one form.

Operators type what callers say and what Chinese input methods produce: full-width digits
(１３８…), a country code (+86, 0086), spaces, hyphens, dots and brackets. A mobile number is stored as
its 11 digits; a landline as area code, hyphen, local number (0571-88886666, 010-65123456); a local
number without area code as its 7 or 8 digits."""
from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-.()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010 and 02x are three digits with the 0, every other one four.
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})")
_LOCAL = re.compile(r"[2-9]\d{6,7}")


class NotAPhone(ValueError):
    """The text is not a mobile, landline or local number."""


def normalise_phone(text: str) -> str:
    """The stored form of a phone number; empty stays empty. Raises NotAPhone for anything else."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    if not folded:
        return ""
    digits = _SEPARATORS.sub("", folded)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        digits = digits[2:]
    if not digits.isascii() or not digits.isdigit():
        raise NotAPhone(text)
    if _MOBILE.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    if _LOCAL.fullmatch(digits):
        return digits
    raise NotAPhone(text)
