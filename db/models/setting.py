from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class Setting(Base):
    """Database-wide facts and choices: whether this is demo data, the separation-of-duties policy."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Counter(Base):
    """Numbers issued without a race: one row per series (e.g. incident codes of one day).

    A writer increments the row inside its own transaction, so two seats can never draw the same
    number, and there is no ceiling (the code grows a digit instead)."""

    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
