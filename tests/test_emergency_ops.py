"""A flood or landslide night through the services: rain on a gauge raises a warning and says why, the
plan is activated at a level, its actions move on their clocks, households are moved and checked in,
and stand-down closes the record; the log holds every step."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import (ActivationAction, AuditRecord, EmergencyEvent, EvacuationCount, Gauge, HazardPoint,
                       PatrolAreaHazard, Warning)
from desk.domain import rainfall
from desk.services import emergency_ops as em
from desk.services.accounts import SYSTEM_ACTOR
from desk.services.errors import BadInput


def _point(desk, kind="landslide"):
    with desk.db.session() as s:
        p = s.scalars(select(HazardPoint).where(HazardPoint.kind == kind).order_by(HazardPoint.id)).first()
        gauge = s.get(Gauge, p.gauge_id)
        return p.id, p.name, gauge.code, p.households, p.persons


def _last_hour(desk, code) -> float:
    from db.models import GaugeReading

    with desk.db.session() as s:
        rows = s.execute(select(GaugeReading.at, GaugeReading.value).join(Gauge, Gauge.id == GaugeReading.gauge_id)
                         .where(Gauge.code == code)).all()
    return rainfall.accumulations(rows, desk.now())[1]


def _events(desk):
    with desk.db.session() as s:
        return list(s.scalars(select(EmergencyEvent.text).order_by(EmergencyEvent.id)))


def test_every_hazard_point_has_its_gauge_and_the_scenic_patrol_crosses_a_slope(desk):
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).where(HazardPoint.gauge_id.is_(None))) == 0
        assert s.scalar(select(func.count()).select_from(PatrolAreaHazard)) >= 1


def test_rain_over_a_threshold_raises_the_level_and_says_why(desk, clock):
    pid, name, code, _, _ = _point(desk)
    now = desk.now()
    already = _last_hour(desk, code)
    # Topped up to 60 mm in the last hour: over the 1 h yellow threshold (50), under orange (65).
    burst = [(code, now - timedelta(minutes=6 * i), (60.0 - already) / 10) for i in range(10)]
    raised = em.ingest_readings(desk.ops, SYSTEM_ACTOR, burst)
    mine = [r for r in raised if r.hazard_point == name]
    assert mine and mine[0].level == "yellow" and "1小时降雨 60.0 毫米，达黄色阈值 50 毫米" in mine[0].reason
    with desk.db.session() as s:
        w = s.get(Warning, mine[0].warning_id)
        assert (w.source, w.hazard_point_id, w.state) == ("gauge", pid, "active")
    assert any("阈值预警" in t and name in t for t in _events(desk))
    # The same rain read again raises nothing new; ten more millimetres a reading take it to orange.
    assert not [r for r in em.ingest_readings(desk.ops, SYSTEM_ACTOR, []) if r.hazard_point == name]
    clock.now += timedelta(minutes=1)
    more = [(code, clock.now - timedelta(seconds=30), 10.0)]
    again = [r for r in em.ingest_readings(desk.ops, SYSTEM_ACTOR, more) if r.hazard_point == name]
    assert again and again[0].level == "orange" and again[0].warning_id == mine[0].warning_id


def test_unknown_gauge_is_refused_and_nothing_written(desk):
    with desk.db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditRecord))
    with pytest.raises(BadInput, match="no gauge"):
        em.ingest_readings(desk.ops, SYSTEM_ACTOR, [("NOPE", desk.now(), 1.0)])
    with desk.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditRecord)) == before


def test_activation_actions_evacuation_and_stand_down(desk, clock):
    leader = desk
    record = em.activate(leader.ops, leader.actor, "landslide", "yellow", "暴雨黄色预警")
    with desk.db.session() as s:
        actions = s.scalars(select(ActivationAction).where(ActivationAction.activation_id == record)
                            .order_by(ActivationAction.position)).all()
        assert actions and {a.level for a in actions} <= {"blue", "yellow"}
        assert all(a.due_at > desk.now() and a.state == "pending" for a in actions)
        assert not s.scalars(select(EvacuationCount)).all()  # nobody moves at yellow
    with pytest.raises(BadInput, match="already at yellow"):
        em.activate(leader.ops, leader.actor, "landslide", "yellow")
    first = actions[0].id
    em.move_action(leader.ops, leader.actor, first, "notified")
    clock.now += timedelta(minutes=5)
    em.move_action(leader.ops, leader.actor, first, "done", "各监测员已到岗")
    with pytest.raises(BadInput, match="cannot become notified"):
        em.move_action(leader.ops, leader.actor, first, "notified")
    with desk.db.session() as s:
        a = s.get(ActivationAction, first)
        assert a.state == "done" and a.acknowledged_at == a.done_at and a.notified_at < a.done_at
    # Raised to orange: the orange steps are added, households under threat are counted.
    assert em.activate(leader.ops, leader.actor, "landslide", "orange", "雨量站达橙色阈值") == record
    pid, name, _, households, persons = _point(desk)
    with desk.db.session() as s:
        assert s.scalars(select(ActivationAction.level).where(ActivationAction.activation_id == record,
                                                              ActivationAction.level == "orange")).all()
        count = s.scalars(select(EvacuationCount).where(EvacuationCount.hazard_point_id == pid)).one()
        assert (count.households_to_move, count.persons_to_move) == (households, persons)
    em.record_moved(leader.ops, leader.actor, pid, 2, 5)
    with pytest.raises(BadInput, match="under threat"):
        em.record_moved(leader.ops, leader.actor, pid, households + 1, persons + 5)
    shelter_id = _shelter(desk, pid)
    em.check_in(leader.ops, leader.actor, shelter_id, "王某某户", 3, pid)
    em.log_event(leader.ops, leader.actor, "村干部电话报告：后山出现新裂缝", told="县自然资源局")
    em.stand_down(leader.ops, leader.actor, "降雨减弱，隐患点巡查无新变化，群众有序返回")
    with pytest.raises(BadInput, match="closed"):
        em.move_action(leader.ops, leader.actor, actions[1].id, "done")
    log = "\n".join(_events(desk))
    for expected in ("启动", "已完成", "提升", "已转移 2/", "登记入住：王某某户 3 人", "后山出现新裂缝", "响应结束"):
        assert expected in log, expected


def _shelter(desk, pid):
    with desk.db.session() as s:
        return s.scalar(select(HazardPoint.shelter_id).where(HazardPoint.id == pid))


def test_a_warning_by_hand_and_lifted(desk):
    wid = em.issue_warning(desk.ops, desk.actor, "rain", "yellow", "全镇", "县气象台发布暴雨黄色预警")
    assert any(w.id == wid for w in desk.emergency().warnings)
    em.lift_warning(desk.ops, desk.actor, wid)
    assert all(w.id != wid for w in desk.emergency().warnings)
    with pytest.raises(BadInput, match="area"):
        em.issue_warning(desk.ops, desk.actor, "rain", "yellow", "  ")


def test_thresholds_are_data(desk):
    admin_ops = desk.ops
    em.set_threshold(admin_ops, SYSTEM_ACTOR, 1, "yellow", 40.0)
    with desk.db.session() as s:
        default, _own = em.thresholds_for(s)
    assert (1, "yellow", 40.0) in default and len(default) == len(rainfall.DEFAULT_THRESHOLDS)
    with pytest.raises(BadInput, match="window"):
        em.set_threshold(admin_ops, SYSTEM_ACTOR, 2, "yellow", 40.0)


def test_the_sql_window_sums_are_the_domain_accumulations(desk, clock):
    from db.models import GaugeReading

    with desk.db.session() as s:
        gauges = [g.id for g in s.scalars(select(Gauge).where(Gauge.kind == "rain"))]
        for hours in (0, 7, 30, 77):
            now = desk.now() - timedelta(hours=hours, minutes=13)
            sums = em.window_sums(s, set(gauges), now)
            for g in gauges:
                rows = s.execute(select(GaugeReading.at, GaugeReading.value)
                                 .where(GaugeReading.gauge_id == g)).all()
                expected = rainfall.accumulations(rows, now)
                assert sums.get(g, dict.fromkeys(expected, 0.0)) == pytest.approx(expected, abs=0.11), (g, hours)


def test_bench_emergency_prints_its_figures(db_path, capsys, monkeypatch):
    import json

    from desk import bench_emergency
    from desk.cli import main

    monkeypatch.setattr(bench_emergency, "SECONDS", 30)
    monkeypatch.setattr(bench_emergency.run_emergency_bench, "__defaults__", (30,))
    assert main(["bench", "emergency", "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("ingest_ms", "threshold_eval_ms", "chart_frame_ms_p95", "rss_mb"):
        assert isinstance(out[key], (int, float)), key
    assert out["detail"]["gauges"] == 50 and out["detail"]["batches"] == 30


def test_a_hazard_points_own_threshold_replaces_only_that_one(desk, db_path, capsys):
    from desk.cli import main

    pid, name, code, _, _ = _point(desk)
    with desk.db.session() as s:
        point_code = s.get(HazardPoint, pid).code
    already = _last_hour(desk, code)
    assert main(["thresholds", "set", "1", "yellow", str(round(already + 5, 1)), "--hazard", point_code,
                 "--db", str(db_path)]) == 0
    assert f"{point_code}" in capsys.readouterr().out
    # Six more millimetres in the hour: over this point's own yellow, under the township's blue (35).
    now = desk.now()
    raised = em.ingest_readings(desk.ops, SYSTEM_ACTOR, [(code, now - timedelta(minutes=1), 6.0)])
    mine = [r for r in raised if r.hazard_point == name]
    assert already + 6 < 35  # the demo's hour of rain leaves room under the township's blue
    assert mine and mine[0].level == "yellow"
    assert main(["thresholds", "set", "2", "yellow", "40", "--db", str(db_path)]) == 2
