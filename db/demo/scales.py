"""How big each demo is: the reference township and the county-size benchmark."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Scale:
    name: str
    place_name: str  # the Township row
    short_name: str  # prefix of stations, schools, markets: 青岚派出所
    seat: str  # prefix of government offices: 青岚镇综治办
    county: str
    code: str
    villages: int
    communities: int
    scenic_villages: int
    remote_villages: int
    village_schools: int  # villages that hold a school grid besides the communities
    grids: int
    workstations: int
    population: int
    incidents: int
    patrol_areas: int
    hazard_points: int
    routes: int  # one per hazard cluster
    rain_gauges: int
    river_gauges: int
    residents: bool = True  # every grid's households, the visit groups and a year of visits

    @property
    def units(self) -> int:
        return self.villages + self.communities

    def with_incidents(self, count: int) -> Scale:
        return replace(self, incidents=count)

    def without_residents(self) -> Scale:
        """The geography and the work without the households and visits (tests of the rest, faster)."""
        return replace(self, residents=False)


TOWNSHIP = Scale(
    name="township", place_name="青岚镇", short_name="青岚", seat="青岚镇", county="青溪县", code="339901101",
    villages=12, communities=1, scenic_villages=1, remote_villages=2, village_schools=1,
    grids=60, workstations=5, population=12_000, incidents=1_500,
    patrol_areas=8, hazard_points=8, routes=4, rain_gauges=4, river_gauges=1,
)

COUNTY = Scale(
    name="county", place_name="青溪县县域演示片区", short_name="青溪", seat="青溪县", county="青溪县", code="339901000",
    villages=45, communities=3, scenic_villages=3, remote_villages=8, village_schools=5,
    grids=239, workstations=19, population=300_000, incidents=100_000,
    patrol_areas=24, hazard_points=30, routes=12, rain_gauges=10, river_gauges=2,
)

BY_NAME = {s.name: s for s in (TOWNSHIP, COUNTY)}
