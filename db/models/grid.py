from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.geometry import HasShape


class Grid(HasShape, Base):
    """Governance grid (综治网格): basic or special (school, scenic area, market)."""

    __tablename__ = "grid"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="basic")  # basic | special
    special_type: Mapped[str] = mapped_column(String(16), default="")  # school | scenic | market
    households: Mapped[int] = mapped_column(Integer, default=0)
    population: Mapped[int] = mapped_column(Integer, default=0)


class PoliceCell(HasShape, Base):
    """Police cell (警格) drawn by the police station; overlaps grids freely."""

    __tablename__ = "police_cell"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    workstation_id: Mapped[int | None] = mapped_column(ForeignKey("workstation.id"), nullable=True)


class GridCellOverlap(Base):
    """Derived from geometry (shapely intersection); never edited by hand."""

    __tablename__ = "grid_cell_overlap"
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id", ondelete="CASCADE"), primary_key=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("police_cell.id", ondelete="CASCADE"), primary_key=True)
    grid_share: Mapped[float] = mapped_column(Float)  # share of the grid's area inside the cell
    cell_share: Mapped[float] = mapped_column(Float)  # share of the cell's area inside the grid
    area_km2: Mapped[float] = mapped_column(Float)
    officer_count: Mapped[int] = mapped_column(Integer, default=0)
