"""Rows of a table file as county platforms export them: CSV or TXT in UTF-8 (with or without BOM) or
GBK/GB18030, comma, tab or semicolon separated; or the first sheet of an XLSX workbook (openpyxl).
Every cell comes back as text; an unreadable file raises what the caller's `unreadable` makes."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

from desk.services.errors import BadInput

TEXT_SUFFIXES = (".csv", ".txt")
BOOK_SUFFIXES = (".xlsx", ".xlsm")
Unreadable = Callable[[Path, str], BadInput]


def decode(path: Path, data: bytes, unreadable: Unreadable) -> str:
    # GBK is a subset of GB18030, so one fallback reads both; UTF-8 first, as GBK would garble it.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise unreadable(path, "the file is neither UTF-8 nor GBK text")


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # an id typed as a number comes back as 1001.0
    return str(value).strip()


def _book_rows(path: Path, unreadable: Unreadable) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise unreadable(path, f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(v) for v in values]
    finally:
        book.close()


def _delimiter(text: str) -> str:
    # From the header line only: descriptions are full of Chinese commas and colons, which confuse a sniffer.
    head = text.split("\n", 1)[0]
    return max((",", "\t", ";"), key=head.count)


def _text_rows(path: Path, unreadable: Unreadable) -> Iterator[list[str]]:
    text = decode(path, path.read_bytes(), unreadable)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
        yield [v.strip() for v in row]


def table_rows(path: Path, unreadable: Unreadable) -> Iterator[list[str]]:
    suffix = path.suffix.lower()
    if suffix in BOOK_SUFFIXES:
        return _book_rows(path, unreadable)
    if suffix in TEXT_SUFFIXES:
        return _text_rows(path, unreadable)
    raise unreadable(path, "not a CSV or XLSX file")


def header_index(row: list[str], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Where each wanted column is, by any of its names (Chinese or English, any case, a BOM ignored)."""
    lowered = [c.strip().lstrip("\ufeff").lower() for c in row]
    found: dict[str, int] = {}
    for target, names in columns.items():
        for name in names:
            if name.lower() in lowered:
                found[target] = lowered.index(name.lower())
                break
    return found
