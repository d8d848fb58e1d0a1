from __future__ import annotations

from sqlalchemy import Boolean, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class ItemTypeRow(Base):
    """One entry of the catalogue of matters (事项目录), loaded from the shipped file by a migration
    and editable by an admin afterwards; see desk.domain.catalog for the rules it carries."""

    __tablename__ = "item_type"
    code: Mapped[str] = mapped_column(String(48), primary_key=True)
    name: Mapped[str] = mapped_column(String(48), unique=True)
    item_class: Mapped[str] = mapped_column(String(24), index=True)
    aliases: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    nature: Mapped[str] = mapped_column(String(8))  # police | grid
    tier: Mapped[str] = mapped_column(String(8), default="second")
    department: Mapped[str] = mapped_column(String(32), default="")  # a department kind
    answer_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    close_days: Mapped[float | None] = mapped_column(Float, nullable=True)
    general: Mapped[bool] = mapped_column(Boolean, default=False)  # the class's catch-all type
    active: Mapped[bool] = mapped_column(Boolean, default=True)
