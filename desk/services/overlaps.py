"""Grid ↔ police-cell overlaps, derived from the shapes: recomputed whenever either layer changes."""
from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.models import Grid, GridCellOverlap, PoliceCell, Staff
from desk.domain.geometry import overlaps, parse


def recompute(session: Session) -> int:
    """Replace every overlap row from the current grids and cells; returns how many there are."""
    grids = {gid: parse(text) for gid, text in session.execute(select(Grid.id, Grid.geojson))}
    cells = {cid: parse(text) for cid, text in session.execute(select(PoliceCell.id, PoliceCell.geojson))}
    officers = dict(session.execute(
        select(Staff.police_cell_id, func.count()).where(Staff.role == "community_police", Staff.active.is_(True),
                                                         Staff.police_cell_id.is_not(None))
        .group_by(Staff.police_cell_id)).all())
    session.execute(delete(GridCellOverlap))
    found = overlaps(grids, cells) if grids and cells else []
    session.add_all(GridCellOverlap(grid_id=o.grid_id, cell_id=o.cell_id, grid_share=o.grid_share,
                                    cell_share=o.cell_share, area_km2=o.area_km2,
                                    officer_count=officers.get(o.cell_id, 0)) for o in found)
    return len(found)
