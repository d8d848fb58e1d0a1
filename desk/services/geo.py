"""Where a point falls: administrative unit, governance grid and police cell."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.models import AdminUnit, Grid, PoliceCell
from desk.domain.geometry import Locator, parse
from desk.services.database import Database


@dataclass(frozen=True)
class Location:
    lon: float
    lat: float
    unit_id: int | None
    unit_name: str
    grid_id: int | None
    grid_name: str
    cell_id: int | None
    cell_name: str

    @property
    def inside(self) -> bool:
        return self.grid_id is not None


class OutsideTownship(ValueError):
    code = "coordinate_out_of_range"

    def __init__(self, lon: float, lat: float):
        super().__init__(f"coordinate out of range: lon={lon}, lat={lat}")
        self.params = {"lon": lon, "lat": lat}


class GeoService:
    def __init__(self, db: Database):
        self._db = db
        self._locators: dict[str, tuple[Locator, dict[int, str]]] | None = None

    def invalidate(self) -> None:
        self._locators = None

    def _load(self) -> dict[str, tuple[Locator, dict[int, str]]]:
        if self._locators is None:
            out = {}
            with self._db.session() as s:
                for key, model in (("unit", AdminUnit), ("grid", Grid), ("cell", PoliceCell)):
                    rows = s.execute(select(model.id, model.name, model.geojson)).all()
                    out[key] = (Locator({r.id: parse(r.geojson) for r in rows}), {r.id: r.name for r in rows})
            self._locators = out
        return self._locators

    def locate(self, lon: float, lat: float) -> Location:
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise OutsideTownship(lon, lat)
        found = {}
        for key, (locator, names) in self._load().items():
            ident = locator.find(lon, lat)
            found[key] = (ident, names.get(ident, "") if ident is not None else "")
        return Location(lon, lat, found["unit"][0], found["unit"][1], found["grid"][0], found["grid"][1],
                        found["cell"][0], found["cell"][1])
