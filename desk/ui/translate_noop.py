"""QT_TRANSLATE_NOOP with the type it really has.

PySide's type hints say it returns `object`; it returns the source text it marks for lupdate. Modules
import it from here under the same name, so lupdate still finds every marked string."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...  # noqa: N802
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP"]
