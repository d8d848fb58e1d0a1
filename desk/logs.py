"""Logging for the desk: a rotating file in the user data directory, warnings on stderr, and no
residents' personal data in either.

Records are scrubbed as they leave, whoever logged them (our code, SQLAlchemy, Qt's messages): phone
and ID numbers are masked, and an exception is written as its type, its error code and the stack of
code locations, never its message or arguments (a database error's message carries the row it
failed to write: the reporter's name and phone)."""
from __future__ import annotations

import logging
import re
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desk.domain.masking import mask_id_number

LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Resident ID numbers: 18 characters (the last may be X), or 15 digits from before 1999.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
# Phone numbers: a run of 7–12 digits (not the decimals of a coordinate), or a mobile number written
# in groups (137 0000 2222, +86-137-0000-2222).
_PHONE = re.compile(r"(?<![\d.])(?:\+?86[ -]?)?1\d{2}[ -]\d{4}[ -]\d{4}(?!\d)|(?<![\d.])\d{7,12}(?![\d.])")


def scrub(text: str) -> str:
    """Mask ID and phone numbers in free text, the way shared displays mask them."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _PHONE.sub(_mask_phone, text)


def _mask_phone(m: re.Match[str]) -> str:
    # Only the last two digits: a 7-digit landline masked the display way would still show them all.
    digits = re.sub(r"\D", "", m.group(0))
    return "*" * (len(digits) - 2) + digits[-2:]


def describe_exception(exc: BaseException | None) -> str:
    """The traceback's code locations and, for each exception in the chain, its type and error code:
    never its message, arguments or local variables."""
    chain: list[BaseException] = []
    while exc is not None and all(exc is not seen for seen in chain):
        chain.append(exc)
        exc = exc.__cause__ if exc.__cause__ is not None else (
            None if exc.__suppress_context__ else exc.__context__)
    lines: list[str] = []
    for exc in reversed(chain):  # oldest first, as Python prints them
        if lines:
            lines += ["", "which led to:", ""]
        lines.append("Traceback (most recent call last):")
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
                  for f in traceback.extract_tb(exc.__traceback__)]
        code = getattr(exc, "code", None)
        lines.append(type(exc).__qualname__ + (f" [{code}]" if isinstance(code, (str, int)) else ""))
    return "\n".join(lines)


class PersonalDataFilter(logging.Filter):
    """Scrubs each record in place before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record, nor leak its arguments
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info:
            record.exc_text = describe_exception(record.exc_info[1])
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def log_path() -> Path:
    from desk.paths import data_dir

    return data_dir() / "logs" / "desk.log"


def configure_logging(verbose: bool = False, path: Path | None = None) -> Path:
    """Log to a rotating file (1 MB × 5) and warnings to stderr; `verbose` puts debug detail in the
    file and information on stderr. Safe to call again: it replaces what it set up before."""
    path = Path(path) if path is not None else log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_desk", False)]:
        root.removeHandler(handler)
        handler.close()
    scrubber = PersonalDataFilter()
    formatter = logging.Formatter(FORMAT)
    to_file = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    to_file.setLevel(logging.DEBUG if verbose else logging.INFO)
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    handlers: tuple[logging.Handler, ...] = (to_file, to_stderr)
    for handler in handlers:
        handler.addFilter(scrubber)
        handler.setFormatter(formatter)
        setattr(handler, "_desk", True)  # marks ours, so a second call replaces rather than doubles
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.captureWarnings(True)
    return path
