"""Drills: a scenario scripts rain, warnings and injects; run headless its expected responses are done on
time; everything is drill data, apart from the real records; the report scores it against its goals."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import DrillRun, EmergencyActivation, EmergencyEvent, GaugeReading, Warning
from desk.domain.drill import Goals, ScenarioError, parse_scenario, score
from desk.domain.drill import ActionResult

SHORT = {
    "name": "短时暴雨演练",
    "hazard": "landslide",
    "duration_minutes": 12,
    "goals": {"evacuate_households": 6, "evacuate_minutes": 5},
    "steps": [
        {"at": "00:00", "rain": {"gauge": "YL01", "mm": 9, "every_minutes": 1, "for_minutes": 10}},
        {"at": "00:01", "warning": {"hazard": "rain", "level": "yellow", "area": "竹坞村"}},
        {"at": "00:02", "respond": {"activate": {"hazard": "landslide", "level": "orange"}}},
        {"at": "00:03", "inject": "后山出现新裂缝"},
        {"at": "00:04", "respond": {"action": {"match": "群测群防", "state": "done"}}},
        {"at": "00:06", "respond": {"moved": {"hazard_point": "YH001", "households": 6, "persons": 18}}},
        {"at": "00:11", "respond": {"stand_down": "演练结束"}},
    ],
}


def _write(tmp_path, body) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_shipped_scenario_is_valid():
    from importlib.resources import files

    scenario = parse_scenario(files("desk").joinpath("resources/drills/rainstorm_landslide.json").read_bytes())
    assert scenario.goals.evacuate_households == 20 and scenario.duration == timedelta(minutes=60)
    assert scenario.rain_readings()[0][1] == "YL01"


@pytest.mark.parametrize("change,where", [
    ({"steps": [{"at": "1:2:3", "inject": "x"}]}, "steps[1]"),
    ({"steps": [{"at": "00:01", "warning": {"hazard": "rain", "level": "purple", "area": "x"}}]}, "steps[1]"),
    ({"steps": [{"at": "00:01", "inject": "x", "rain": {"gauge": "a", "mm": 1}}]}, "steps[1]"),
    ({"steps": [{"at": "00:01", "respond": {"fly": "x"}}]}, "steps[1]"),
    ({"steps": [{"at": "09:00", "inject": "x"}]}, "steps[1]"),
    ({"goals": {"speed": 3}}, "goals"),
])
def test_a_bad_scenario_names_the_step_and_field(change, where):
    with pytest.raises(ScenarioError, match="^" + re.escape(where)):
        parse_scenario(json.dumps({**SHORT, **change}))
    with pytest.raises(ScenarioError, match="not JSON"):
        parse_scenario(b"{name:")


def test_scoring():
    goals = Goals(evacuate_households=20, evacuate_minutes=15, inform_minutes=15)
    perfect = score(goals, [ActionResult("a", 30, 10)], 12, 5)
    assert perfect.score == 100 and perfect.missed == ()
    late = score(goals, [ActionResult("a", 30, 40), ActionResult("b", 30, None)], 20, 25)
    assert late.score == 100 - 5 - 10 - 10 - 10 and len(late.missed) == 4


def test_a_headless_drill_is_scored_and_kept_apart(db_path, desk, tmp_path, capsys):
    from desk.cli import main

    level_before = desk.emergency().level
    with desk.db.session() as s:
        real_events = s.scalar(select(func.count()).select_from(EmergencyEvent))
        real_readings = s.scalar(select(func.count()).select_from(GaugeReading))
    report = tmp_path / "report.pdf"
    assert main(["drill", "run", _write(tmp_path, SHORT), "--db", str(db_path), "--login", "duty", "--speed", "600",
                 "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "短时暴雨演练: score" in out and "pages" in out
    assert report.read_bytes().startswith(b"%PDF") and b"/FontFile" in report.read_bytes()
    with desk.db.session() as s:
        run = s.scalars(select(DrillRun).where(DrillRun.scenario == "短时暴雨演练")).one()
        figures = json.loads(run.result)
        assert run.score == figures["score"] and figures["evacuation_minutes"] == 4.0  # 00:02 → 00:06
        assert s.scalar(select(func.count()).select_from(EmergencyEvent)) > real_events
        assert s.scalar(select(func.count()).where(EmergencyEvent.drill.is_(False))) == real_events
        assert s.scalar(select(func.count()).where(GaugeReading.drill.is_(False))) == real_readings
        drill = s.get(EmergencyActivation, run.activation_id)
        assert drill.ended_at is not None and drill.level == "orange"
        assert not s.scalars(select(Warning).where(Warning.drill.is_(True), Warning.lifted_at.is_(None))).all()
    # The real desk saw none of it: same level, no record open.
    snap = desk.emergency()
    assert snap.level == level_before and snap.activation is None
    assert all("演练" not in line.text for line in snap.log)
    assert main(["drill", "list", "--db", str(db_path)]) == 0
    assert "短时暴雨演练" in capsys.readouterr().out


def test_a_drill_that_cannot_run_says_why(db_path, tmp_path, capsys):
    from desk.cli import main

    wrong = {**SHORT, "steps": [{"at": "00:01", "respond": {"action": {"match": "不存在的行动", "state": "done"}}}]}
    assert main(["drill", "run", _write(tmp_path, wrong), "--db", str(db_path), "--login", "duty",
                 "--speed", "600"]) == 2
    assert "no open action matches" in capsys.readouterr().err
    assert main(["drill", "run", _write(tmp_path, SHORT), "--db", str(db_path), "--login", "duty",
                 "--speed", "900"]) == 2


def test_a_drill_abandoned_unscored_lets_the_next_one_start(desk):
    from desk.services.accounts import actor_for
    from desk.services.drills import DrillRunner, abandon_drill, past_drills
    from desk.services.errors import BadInput

    scenario = parse_scenario(json.dumps(SHORT))
    runner = DrillRunner(desk.db, actor_for(desk.db, "duty"), scenario, desk.now(), scripted=True)
    runner.advance(timedelta(minutes=3))
    with pytest.raises(BadInput, match="already running"):
        DrillRunner(desk.db, actor_for(desk.db, "duty"), scenario, desk.now(), scripted=True)
    runs = len(past_drills(desk.db))
    assert abandon_drill(runner.ops, runner.actor)
    assert not abandon_drill(runner.ops, runner.actor)
    DrillRunner(desk.db, actor_for(desk.db, "duty"), scenario, desk.now(), scripted=True)
    assert len(past_drills(desk.db)) == runs  # nothing scored
