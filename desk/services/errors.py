"""Refusals the services raise. Each carries a code and parameters, so the UI can say what happened in
the operator's language and the CLI can print one clean line; str() is the English message for logs."""
from __future__ import annotations

from typing import Any


class DeskError(ValueError):
    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


class BadInput(DeskError):
    """A field the operator (or an import) gave is not acceptable; params name the field."""


class StorageError(DeskError):
    """The database could not take the write: locked by another seat, disk full, or failed."""


class NotADeskDatabase(DeskError):
    """The path or URL does not hold a sound desk database (or the schema is behind)."""

    def __init__(self, target: str, reason: str, code: str = "not_a_database"):
        super().__init__(code, f"{target}: {reason}", target=target, reason=reason)
        self.target = target
        self.reason = reason


class DatabaseBusy(DeskError):
    """Another seat has the database open, so a destructive command is refused."""
