"""Floods and landslides: shelters, hazard points, evacuation routes, gauges, warnings and plans."""
from __future__ import annotations

import json

from dataclasses import dataclass
from datetime import time, timedelta

from shapely.geometry import MultiPoint, Point
from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.demo import geography as geo
from db.demo.names import HILL_SPOTS, short
from db.demo.people import new_staff
from db.demo.township import apportion
from db.demo.world import GridInfo, UnitInfo, World
from db.models import (
    ActionTemplate,
    Base,
    DrillRun,
    EmergencyActivation,
    EvacuationRoute,
    Gauge,
    GaugeReading,
    HazardPoint,
    ResponsePlan,
    Shelter,
    Warning,
)
from desk.domain import clock, geometry

READING_HOURS = 72
STORM_HOURS = 18
RAIN_WARN_MM, RAIN_DANGER_MM = 50.0, 100.0  # 24 h accumulation
STORM_TOTAL_MM = 72.0  # the wettest gauge: above the warning line, below danger
RIVER_WARN_M, RIVER_GUARANTEED_M = 4.8, 6.2
FLOOD_SPOTS = ("沿溪低洼地段", "溪口老桥", "河湾农田")
LANDSLIDE_SIGNS = (
    "坡体后缘出现拉张裂缝约{n}米", "雨后坡脚有泥水渗出", "夜间山体偶有异响", "房屋后墙出现细小裂缝",
    "挡土墙局部鼓胀变形", "坡面有小规模溜塌", "坡上树木歪斜", "泉水突然变浑",
)
FLOOD_SIGNS = ("溪水暴涨时漫过路面", "排水沟淤积不畅", "河岸冲刷坍塌约{n}米", "低洼处房屋曾进水")

# (level, text, department kind, target minutes): a level's steps apply from that level up.
PLAN_STEPS = {
    "flood": (
        ("blue", "通知各村防汛责任人上岗到位", "emergency", 30),
        ("blue", "加密雨量、水位监测，每2小时报送一次", "natural_resources", 120),
        ("blue", "排查沿溪低洼地带和山塘水库", "village_committee", 120),
        ("yellow", "信息15分钟内报送县防指", "emergency", 15),
        ("yellow", "停止隐患区域巡逻，义警撤至安全地带", "police_station", 30),
        ("yellow", "通知群测群防员加密巡查", "natural_resources", 30),
        ("yellow", "预置救援力量和抢险物资", "fire", 60),
        ("orange", "转移受威胁群众至安置点", "village_committee", 60),
        ("orange", "开放安置点，保障食宿和基本生活", "civil_affairs", 60),
        ("orange", "救援力量30分钟内到场", "fire", 30),
        ("orange", "医疗队伍集结待命", "health", 30),
        ("red", "全面转移危险区域群众，逐户清点", "village_committee", 60),
        ("red", "封闭涉水路段，实行交通管制", "police_station", 30),
        ("red", "启动应急广播，10秒内覆盖镇区", "emergency", 10),
        ("red", "开展失联人员排查", "police_station", 120),
    ),
    "landslide": (
        ("blue", "通知群测群防员加密巡查", "natural_resources", 30),
        ("blue", "提醒隐患点受威胁住户做好撤离准备", "village_committee", 60),
        ("yellow", "信息15分钟内报送县自然资源部门", "emergency", 15),
        ("yellow", "停止隐患区域巡逻，设置警示标志", "police_station", 30),
        ("yellow", "高风险隐患点住户预先转移", "village_committee", 60),
        ("yellow", "安置点开放并清点床位", "civil_affairs", 60),
        ("orange", "转移受威胁群众至安置点", "village_committee", 60),
        ("orange", "救援力量30分钟内到场", "fire", 30),
        ("orange", "医疗救护力量前置待命", "health", 30),
        ("red", "全面撤离隐患区域，封控危险地带", "police_station", 30),
        ("red", "启动应急广播，10秒内覆盖镇区", "emergency", 10),
        ("red", "开展失联人员排查和安置人员核对", "police_station", 120),
        ("red", "组织专家现场会商研判", "natural_resources", 120),
    ),
}
PLAN_NAMES = {"flood": "{seat}山洪灾害防御预案", "landslide": "{seat}地质灾害应急预案"}


@dataclass
class Cluster:
    """The hazard points of one village, their shelter and the route between them."""
    unit: UnitInfo
    points: list[HazardPoint]
    shelter: Shelter
    route: EvacuationRoute | None = None


def build_emergency(session: Session, world: World) -> None:
    shelters = _write_shelters(session, world)
    clusters = _write_hazards(session, world, shelters)
    _write_gauges(session, world, clusters)
    _write_warnings(session, world, clusters)
    _write_plans(session, world)


# --- shelters, hazard points, routes --------------------------------------------------------

def _write_shelters(session: Session, world: World) -> dict[int, Shelter]:
    """Each village's party-service centre, plus the central school's gym in each market town."""
    rng = world.rng
    by_unit: dict[int, Shelter] = {}
    rows = []
    for unit in world.units:
        lon, lat = geo.point_near(rng, unit.geom, geo.inner_centre(unit.geom), 300)
        capacity = 500 if unit.kind == "community" else 10 * rng.randint(12, 30)
        row = Shelter(unit_id=unit.id, name=f"{unit.name}党群服务中心", capacity=capacity, occupancy=0,
                      supplies=f"床位{capacity // 2}张、饮用水{capacity}箱、方便食品{capacity}份、应急照明10套",
                      lon=lon, lat=lat)
        by_unit[unit.id] = row
        rows.append(row)
        school = next((g for g in world.grids_of(unit) if g.special_type == "school"), None)
        if unit.kind == "community" and school is not None:
            c = school.geom.representative_point()
            rows.append(Shelter(unit_id=unit.id, name=f"{short(unit.name)}中心小学体育馆", capacity=600, occupancy=0,
                                supplies="折叠床300张、饮用水600箱、方便食品600份、发电机1台",
                                lon=round(c.x, geo.DECIMALS), lat=round(c.y, geo.DECIMALS)))
    session.add_all(rows)
    session.flush()
    for unit in world.units:
        unit.shelter_id = by_unit[unit.id].id
    world.counts["shelter"] += len(rows)
    return by_unit


def _hazard_units(world: World) -> list[UnitInfo]:
    """Remote and scenic villages lie in the hills; then the rim villages farthest from town."""
    town = world.units_with("market")[0].geom.centroid
    villages = [u for u in world.units if u.kind == "village"]
    hills = {"remote": 0, "scenic": 1}
    order = sorted(villages, key=lambda u: (hills.get(u.profile, 2), -u.geom.centroid.distance(town)))
    return order[: world.scale.routes]


def _write_hazards(session: Session, world: World, shelters: dict[int, Shelter]) -> list[Cluster]:
    rng = world.rng
    units = _hazard_units(world)
    per_unit = apportion(world.scale.hazard_points, [rng.uniform(0.7, 1.3) for _ in units], minimum=1)
    floods = max(1, round(world.scale.hazard_points * 0.2))
    town = world.units_with("market")[0].geom.centroid
    # Flood points lie along the river, in the hazard villages closest to town; each is its village's last point.
    flood_units = {u.id for u in sorted(units, key=lambda u: u.geom.centroid.distance(town))[:floods]}
    clusters: list[Cluster] = []
    code = 0
    for unit, count in zip(units, per_unit):
        points = []
        for i in range(count):
            kind = "flood" if unit.id in flood_units and i == count - 1 else "landslide"
            code += 1
            points.append(_hazard_point(world, unit, kind, i, code, shelters[unit.id]))
        clusters.append(Cluster(unit, points, shelters[unit.id]))
    session.add_all(p for c in clusters for p in c.points)
    session.flush()
    _write_monitors(session, world, clusters)
    _write_routes(session, world, clusters)
    _fill_shelters(clusters)
    world.counts["hazard_point"] += sum(len(c.points) for c in clusters)
    return clusters


def _hazard_point(world: World, unit: UnitInfo, kind: str, index: int, code: int, shelter: Shelter) -> HazardPoint:
    rng = world.rng
    town = world.units_with("market")[0].geom.centroid
    grids = sorted(world.grids_of(unit), key=lambda g: g.geom.centroid.distance(town))
    grid = grids[0] if kind == "flood" else grids[-1 - index % len(grids)]  # landslides on the hill side
    lon, lat = geo.random_point(rng, grid.geom)
    households = rng.randint(3, 25)
    signs: tuple[str, ...]
    if kind == "flood":
        name, signs = f"{unit.name}{FLOOD_SPOTS[index % len(FLOOD_SPOTS)]}山洪隐患点", FLOOD_SIGNS
    else:
        name, signs = f"{unit.name}{HILL_SPOTS[index % len(HILL_SPOTS)]}滑坡隐患点", LANDSLIDE_SIGNS
    text = "；".join(s.format(n=rng.randint(5, 40)) for s in rng.sample(signs, 2))
    risk = "high" if index == 0 and kind == "landslide" else rng.choices(("high", "medium", "low"), (1, 2, 1))[0]
    # Inspected every few days in the rainy season; the date follows from the code, not the random stream.
    inspected = world.now - timedelta(days=1 + code % 6, hours=code % 9)
    return HazardPoint(code=f"YH{code:03d}", name=name, kind=kind, unit_id=unit.id, households=households,
                       persons=round(households * rng.uniform(2.2, 3.2)), risk=risk, signs=text,
                       shelter_id=shelter.id, lon=lon, lat=lat, last_inspected_at=inspected)


def _write_monitors(session: Session, world: World, clusters: list[Cluster]) -> None:
    """One 群测群防员 per point: a villager living by it."""
    pairs = []
    for c in clusters:
        station = world.station_of_unit(c.unit.id)
        for p in c.points:
            grid = _grid_at(world, c.unit, Point(p.lon, p.lat))
            pairs.append((p, new_staff(world, "hazard_monitor", workstation_id=station.id, grid_id=grid.id)))
    session.add_all(m for _, m in pairs)
    session.flush()
    for point, monitor in pairs:
        point.monitor_id = monitor.id


def _grid_at(world: World, unit: UnitInfo, p: Point) -> GridInfo:
    return min(world.grids_of(unit), key=lambda g: g.geom.distance(p))


def _write_routes(session: Session, world: World, clusters: list[Cluster]) -> None:
    routes = []
    for n, c in enumerate(clusters, start=1):
        start = MultiPoint([(p.lon, p.lat) for p in c.points]).centroid
        line = geo.canonical(geo.path(world.rng, start, Point(c.shelter.lon, c.shelter.lat), bends=3, wiggle_m=150))
        routes.append(EvacuationRoute(name=f"{c.unit.name}{n}号撤离干道", shelter_id=c.shelter.id,
                                      length_km=round(geometry.length_km(line), 2), **geo.shape_columns(line)))
    session.add_all(routes)
    session.flush()
    for c, route in zip(clusters, routes):
        for p in c.points:
            p.route_id = route.id
    world.counts["evacuation_route"] += len(clusters)


def _fill_shelters(clusters: list[Cluster]) -> None:
    """Under the current yellow warning the high-risk points have already moved out."""
    for c in clusters:
        moved = sum(p.persons for p in c.points if p.risk == "high")
        c.shelter.occupancy = min(c.shelter.capacity, moved)


# --- gauges ---------------------------------------------------------------------------------

def _write_gauges(session: Session, world: World, clusters: list[Cluster]) -> None:
    rng = world.rng
    gauges: list[tuple[Gauge, list[float]]] = []
    rain_series = []
    for n in range(world.scale.rain_gauges):
        c = clusters[n % len(clusters)]
        lon, lat = geo.point_near(rng, c.unit.geom, Point(c.points[0].lon, c.points[0].lat), 400)
        factor = 1.0 if n == 0 else rng.uniform(0.45, 0.9)
        series = _rain_series(world, STORM_TOTAL_MM * factor)
        rain_series.append(series)
        suffix = "" if n < len(clusters) else f"{n // len(clusters) + 1}号"
        gauges.append((Gauge(code=f"YL{n + 1:02d}", name=f"{c.unit.name}{suffix}雨量站", kind="rain", unit="mm",
                             warn_value=RAIN_WARN_MM, danger_value=RAIN_DANGER_MM, lon=lon, lat=lat), series))
    mean_rain = [sum(v) / len(rain_series) for v in zip(*rain_series)]
    for n, town in enumerate(world.units_with("market")[: world.scale.river_gauges]):
        lon, lat = geo.point_near(rng, town.geom, geo.inner_centre(town.geom), 600)
        gauges.append((Gauge(code=f"SW{n + 1:02d}", name=f"{short(town.name)}溪水位站", kind="river", unit="m",
                             warn_value=RIVER_WARN_M, danger_value=RIVER_GUARANTEED_M, lon=lon, lat=lat),
                       _river_series(world, mean_rain)))
    session.add_all(g for g, _ in gauges)
    session.flush()
    times = [world.now - timedelta(hours=k) for k in range(READING_HOURS - 1, -1, -1)]
    rows = [{"gauge_id": g.id, "at": at, "value": v} for g, series in gauges for at, v in zip(times, series)]
    session.execute(insert(Base.metadata.tables[GaugeReading.__tablename__]), rows)
    world.counts["gauge"] += len(gauges)
    world.counts["gauge_reading"] += len(rows)


def _rain_series(world: World, storm_mm: float) -> list[float]:
    """Hourly mm, oldest first: a few showers two days ago, then a storm building over the last 18 h."""
    rng = world.rng
    hours = [0.0] * READING_HOURS
    for k in range(52, 58):
        hours[READING_HOURS - 1 - k] = round(rng.uniform(0, 2.0), 1)
    weights = [(i + 1) ** 1.5 * rng.uniform(0.7, 1.3) for i in range(STORM_HOURS)]
    for i, w in enumerate(weights):
        hours[READING_HOURS - STORM_HOURS + i] = round(storm_mm * w / sum(weights), 1)
    return hours


def _river_series(world: World, rain: list[float]) -> list[float]:
    """The river answers the rain of the previous half day, two hours late."""
    rng = world.rng
    base = rng.uniform(2.3, 2.6)
    levels = []
    for i in range(len(rain)):
        recent = sum(rain[max(0, i - 14): max(0, i - 2)])
        levels.append(round(base + 0.032 * recent + rng.uniform(-0.02, 0.02), 2))
    return levels


# --- warnings, plans, drills ----------------------------------------------------------------

def _write_warnings(session: Session, world: World, clusters: list[Cluster]) -> None:
    now = world.now.replace(second=0)
    issuer = f"{world.scale.county}自然资源和规划局、{world.scale.county}气象局"
    area = "、".join(c.unit.name for c in clusters)
    area = area if len(area) <= 100 else area[:99] + "等"
    rows = [
        Warning(hazard="landslide", level="yellow", issued_at=now - timedelta(hours=3), lifted_at=None, issuer=issuer,
                area=area, text=f"受持续强降雨影响，预计未来24小时{area}发生地质灾害的风险较高（黄色预警），"
                                "请停止隐患区域巡逻，群测群防员加密巡查，高风险点住户预先转移。"),
        Warning(hazard="rain", level="blue", issued_at=now - timedelta(days=41),
                lifted_at=now - timedelta(days=40, hours=4),
                issuer=f"{world.scale.county}气象局", area=world.scale.place_name,
                text="预计未来12小时累计雨量可达30毫米以上，请注意防范。"),
        Warning(hazard="flood", level="yellow", issued_at=now - timedelta(days=67),
                lifted_at=now - timedelta(days=65, hours=12),
                issuer=f"{world.scale.county}防汛防旱指挥部", area=world.scale.place_name,
                text="沿溪低洼地带可能发生山洪，请做好人员转移准备。"),
    ]
    session.add_all(rows)
    world.counts["warning"] += len(rows)


def _write_plans(session: Session, world: World) -> None:
    plans = {hazard: ResponsePlan(name=PLAN_NAMES[hazard].format(seat=world.scale.seat), hazard=hazard)
             for hazard in PLAN_STEPS}
    session.add_all(plans.values())
    session.flush()
    templates = []
    for hazard, steps in PLAN_STEPS.items():
        for position, (level, text, department, minutes) in enumerate(steps, start=1):
            templates.append(ActionTemplate(plan_id=plans[hazard].id, level=level, position=position, text=text,
                                            department_id=world.departments[department], target_minutes=minutes))
    session.add_all(templates)
    drill_day = world.today - timedelta(days=34)
    start, _ = clock.local_window(drill_day, time(9, 30), time(11, 30))
    drill = EmergencyActivation(plan_id=plans["landslide"].id, level="yellow", started_at=start,
                                ended_at=start + timedelta(hours=2), drill=True, warning_id=None,
                                notes="汛期地质灾害应急演练：预警发布后义警协助15分钟内转移20户群众至党群服务中心，"
                                      "信息15分钟内报送，救援力量28分钟到场。")
    session.add(drill)
    session.flush()
    # The same drill as the desk keeps its drills: scored, so the next one can be compared with it.
    figures = {"score": 92.0, "evacuation_minutes": 15.0, "activation_minutes": 12.0,
               "missed": ["超时：提醒隐患点受威胁住户做好撤离准备（64/60 分钟）"], "actions": []}
    session.add(DrillRun(scenario="汛期地质灾害应急演练", started_at=start, ended_at=start + timedelta(hours=2),
                         speed=1.0, activation_id=drill.id, score=figures["score"],
                         result=json.dumps(figures, ensure_ascii=False)))
    world.counts["drill_run"] += 1
    world.counts["response_plan"] += len(plans)
    world.counts["action_template"] += len(templates)
    world.counts["emergency_activation"] += 1

