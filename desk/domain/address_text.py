"""How addresses are compared: the form an address is stored and searched under."""
from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """Full-width letters, digits and punctuation folded to half-width, every kind of space dropped,
    lower case: "青岚社区 文昌路１５６号" and "青岚社区文昌路156号" are the same address.

    NFKC does the folding (it maps the full-width forms U+FF01–FF5E and the ideographic space to
    their ASCII counterparts); Chinese characters themselves are left as they are."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace()).lower()
