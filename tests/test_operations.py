"""The one write path: every operation checks its actor, audits what changed, records a change set;
the audit is append-only in the database itself; the rules that used to live elsewhere hold."""
from __future__ import annotations

import json
from pathlib import Path
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DatabaseError

from db.models import (ActivationAction, AuditRecord, ChangeLogEntry, EvacuationCount, Household, Incident, Resident,
                       Setting, Staff, UserAccount)
from desk.domain.cards import Card
from desk.domain.changes import Entity, Op
from desk.domain.permissions import OPERATIONS, Actor, PermissionDenied
from desk.services.accounts import SYSTEM_ACTOR, actor_for, create_account, set_active
from desk.services.catalogue import update_item_type
from desk.domain import sampling
from desk.domain import drill as drill_rules
from desk.services import drills
from desk.services import emergency_ops as em
from desk.services import evacuation, visits
from desk.services import review_draws, rules
from desk.services.warnings_cap import import_cap
from desk.services.incident_import import import_incidents
from desk.services.resident_import import import_residents
from desk.services.desk import DeskServices, open_desk
from desk.services.errors import BadInput
from desk.services.incidents import SEPARATION_KEY, IncidentDraft, IncidentError, format_code
from desk.services.settings import update_setting


def _inside(desk):
    from shapely.geometry import shape

    grid = desk.map_layers()["grids"]["features"][0]
    p = shape(grid["geometry"]).representative_point()
    return p.x, p.y


def _draft(desk, **kw):
    lon, lat = _inside(desk)
    base = dict(title="邻里噪音纠纷", item_type="邻里纠纷", source="walk_in", lon=lon, lat=lat,
                reporter_name="王小明", reporter_phone="13900001111")
    base.update(kw)
    return IncidentDraft(**base)


def _as(desk, login) -> DeskServices:
    return DeskServices(desk.db, actor_for(desk.db, login), desk.clock)


def _audits(desk, after_id=0):
    with desk.db.session() as s:
        return list(s.scalars(select(AuditRecord).where(AuditRecord.id > after_id).order_by(AuditRecord.id)))


def _last_audit_id(desk):
    with desk.db.session() as s:
        return s.scalar(select(func.max(AuditRecord.id))) or 0


def _handler(desk):
    depts, handlers = desk.dispatch_choices()
    return depts[0].id, handlers[0].id


def test_every_operation_writes_its_audit_and_change_set(desk, tmp_path):
    """Walks the domain's table of operations: none may escape the audit and the change log."""
    leader, admin = _as(desk, "leader"), _as(desk, "admin")
    walked: dict[str, tuple[Entity, set]] = {}

    def step(operation, entity, fn, svc=None):
        mark = _last_audit_id(desk)
        with desk.db.session() as s:
            log_mark = s.scalar(select(func.max(ChangeLogEntry.id)))
        published = []
        unsubscribe = (svc or desk).hub.subscribe(published.append)
        result = fn()
        unsubscribe()
        audits = _audits(desk, mark)
        assert [a.operation for a in audits] == [operation], operation
        assert audits[0].entity == entity.value and audits[0].actor_login
        walked[operation] = (entity, set())
        if operation != "personal.reveal":  # a read: audited, but nothing changed for other views
            assert published and published[0].touches(entity), operation
            with desk.db.session() as s:
                payloads = s.scalars(select(ChangeLogEntry.payload).where(ChangeLogEntry.id > log_mark)).all()
            assert len(payloads) == 1 and json.loads(payloads[0])[0]["entity"] == entity.value
        return result

    new_id, _ = step("incident.register", Entity.INCIDENT, lambda: desk.incidents.register(desk.actor, _draft(desk)))
    dept, handler = _handler(desk)
    step("incident.dispatch", Entity.INCIDENT, lambda: desk.incidents.dispatch(desk.actor, new_id, dept, handler))
    step("incident.arrive", Entity.INCIDENT, lambda: desk.incidents.arrive(desk.actor, new_id))
    step("incident.accept", Entity.INCIDENT, lambda: desk.incidents.accept(desk.actor, new_id))
    step("incident.feedback", Entity.INCIDENT, lambda: desk.incidents.feedback(desk.actor, new_id, "已调解"))
    step("incident.return", Entity.INCIDENT, lambda: leader.incidents.return_for_rework(leader.actor, new_id, "再核实"), leader)
    desk.incidents.feedback(desk.actor, new_id, "再次调解")
    step("incident.close", Entity.INCIDENT, lambda: leader.incidents.close(leader.actor, new_id), leader)
    step("incident.evaluate", Entity.INCIDENT, lambda: leader.incidents.evaluate(leader.actor, new_id, 5), leader)
    step("personal.reveal", Entity.INCIDENT, lambda: leader.reveal_personal(new_id, "reporter_phone"), leader)
    acc = step("account.create", Entity.ACCOUNT,
               lambda: create_account(admin.ops, admin.actor, "op2", "第二值班员", "operator", "s3cret-pass"), admin)
    step("account.set_active", Entity.ACCOUNT, lambda: set_active(admin.ops, admin.actor, acc, False), admin)
    step("item_type.update", Entity.ITEM_TYPE,
         lambda: update_item_type(admin.ops, admin.actor, desk.catalogue().resolve("邻里纠纷").code, tier="first"), admin)
    step("setting.update", Entity.SETTING, lambda: update_setting(admin.ops, admin.actor, SEPARATION_KEY, "1"), admin)
    grid = desk.map_layers()["grids"]["features"][0]
    layer = tmp_path / "grid.geojson"
    layer.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": grid["geometry"],
        "properties": {"网格编码": grid["properties"]["code"], "网格名称": "改名网格", "所属村社": grid["properties"]["unit"]},
    }]}, ensure_ascii=False), encoding="utf-8")
    step("gis.import", Entity.GRID, lambda: admin.gis_import(layer, "grid"), admin)
    gazetteer = tmp_path / "addresses.csv"
    gazetteer.write_text("地址,经度,纬度\n青岚社区测试路1号,118.76,28.95\n", encoding="utf-8")
    step("address.import", Entity.ADDRESS, lambda: admin.address_import(gazetteer), admin)
    lon, lat = _inside(desk)[:2]
    incidents = tmp_path / "incidents.csv"
    incidents.write_text(f"事件编号,上报时间,事件类型,事件描述,来源,经度,纬度\nX-1,2026-11-20 10:00,邻里纠纷,两户争执,"
                         f"网格员上报,{lon},{lat}\n", encoding="gbk")
    step("incident.import", Entity.INCIDENT, lambda: import_incidents(admin.ops, admin.actor, incidents), admin)
    month = sampling.previous_month(desk.now())
    drawn = step("review.draw", Entity.INCIDENT_REVIEW,
                 lambda: review_draws.draw(leader.ops, leader.actor, "quality", month), leader)
    review_id = next(r.id for r in review_draws.reviews(desk.db, "quality", month) if r.code == drawn.codes[-1])
    step("review.record", Entity.INCIDENT_REVIEW,
         lambda: review_draws.record(desk.ops, desk.actor, review_id, "acceptable"))
    code = desk.emergency().gauges[0].code
    system = DeskServices(desk.db, SYSTEM_ACTOR, desk.clock)
    step("gauge.readings", Entity.GAUGE_READING,
         lambda: em.ingest_readings(system.ops, SYSTEM_ACTOR, [(code, desk.now(), 1.5)]), system)
    step("warning.import", Entity.WARNING, lambda: import_cap(
        system.ops, SYSTEM_ACTOR, Path(__file__).parent / "data" / "cap_oasis" / "amber.xml"), system)
    step("warning.threshold", Entity.WARNING, lambda: em.set_threshold(system.ops, SYSTEM_ACTOR, 1, "blue", 30.0), system)
    warning_id = step("warning.issue", Entity.WARNING,
                      lambda: em.issue_warning(desk.ops, desk.actor, "rain", "orange", "全镇", "暴雨橙色预警"))
    record = step("emergency.activate", Entity.EMERGENCY_ACTIVATION,
                  lambda: em.activate(desk.ops, desk.actor, "landslide", "orange", warning_id=warning_id))
    with desk.db.session() as s:
        action_id = s.scalars(select(ActivationAction.id).where(ActivationAction.activation_id == record)).first()
        point_id = s.scalars(select(EvacuationCount.hazard_point_id)
                             .where(EvacuationCount.activation_id == record)).first()
    step("emergency.action", Entity.EMERGENCY_ACTIVATION,
         lambda: em.move_action(desk.ops, desk.actor, action_id, "notified"))
    step("emergency.log", Entity.EMERGENCY_EVENT, lambda: em.log_event(desk.ops, desk.actor, "镇长到场指挥"))
    step("emergency.evacuation", Entity.EMERGENCY_ACTIVATION,
         lambda: em.record_moved(desk.ops, desk.actor, point_id, 1, 2))
    step("emergency.call", Entity.CALL, lambda: evacuation.log_call(desk.ops, desk.actor, "reached", cadre_id=1))
    step("emergency.stand_down", Entity.EMERGENCY_ACTIVATION,
         lambda: em.stand_down(desk.ops, desk.actor, "雨停，解除响应"))
    step("drill.record", Entity.EMERGENCY_ACTIVATION, lambda: drills.record_drill(
        desk.ops, desk.actor, "演练", desk.now(), None, drill_rules.score(drill_rules.Goals(), [], 10.0, 5.0)))
    step("milestone_rule.update", Entity.MILESTONE_RULE,
         lambda: rules.update_rule(admin.ops, admin.actor, rules.list_rules(admin.db)[0][0], limit_value=15), admin)
    step("holiday.update", Entity.HOLIDAY,
         lambda: rules.set_holiday(admin.ops, admin.actor, date(2027, 1, 1), "holiday", "元旦"), admin)
    with desk.db.session() as s:
        house = s.scalars(select(Household).order_by(Household.id)).first()
        worker = s.scalar(select(Staff.id).where(Staff.role == "grid_worker"))
        person = s.scalar(select(Resident.id).where(Resident.household_id == house.id))
    step("visit.record", Entity.VISIT, lambda: visits.record_visit(desk.ops, desk.actor, house.id, desk.now(),
                                                                   "入户走访，核实人员。", grid_worker_id=worker))
    step("visit.group", Entity.HOUSEHOLD, lambda: visits.set_member(desk.ops, desk.actor, "living_alone", True,
                                                                    resident_id=person))
    step("visit.plan", Entity.HOUSEHOLD, lambda: visits.set_plan(desk.ops, desk.actor, person, None, worker, None,
                                                                 "每月两次"))
    step("visit.joint_plan", Entity.VISIT, lambda: visits.plan_joint_visit(desk.ops, desk.actor, house.grid_id,
                                                                           desk.now().date()))
    step("household.confirm", Entity.HOUSEHOLD, lambda: visits.confirm_household(desk.ops, desk.actor, house.id))
    from tests.test_resident_import import _grid, _rows, _write

    residents = _write(tmp_path / "residents.csv", _rows(_grid(desk)))
    step("resident.import", Entity.HOUSEHOLD, lambda: import_residents(admin.ops, admin.actor, residents), admin)
    from desk.services.accounts import sign_in

    create_account(admin.ops, admin.actor, "li.op", "李值班", "operator", password="另一个-密码-2026")
    step("account.sign_in", Entity.ACCOUNT, lambda: sign_in(desk.ops, "li.op", "另一个-密码-2026"))
    from desk.services.accounts import enable_totp

    step("account.totp", Entity.ACCOUNT, lambda: enable_totp(admin.ops, admin.actor, "li.op"), admin)
    assert set(walked) == set(OPERATIONS)


def test_audit_holds_before_and_after_and_masks_personal_data(desk):
    mark = _last_audit_id(desk)
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    dept, handler = _handler(desk)
    desk.incidents.dispatch(desk.actor, new_id, dept, handler, tier="first")
    created, dispatched = _audits(desk, mark)
    changes = json.loads(created.changes)
    assert changes["title"] == [None, "邻里噪音纠纷"]
    assert changes["reporter_phone"] == [None, "139****1111"]  # never in the clear
    assert "13900001111" not in created.changes and "王小明" not in created.changes
    step = json.loads(dispatched.changes)
    assert step["status"] == ["registered", "dispatched"] and step["tier"] == ["second", "first"]
    assert step["department_id"][1] == dept and step["handler_id"] == [None, handler]
    assert dispatched.entity_id == new_id and dispatched.actor_login == "duty"


@pytest.mark.parametrize("table", ["audit_record", "incident_event"])
def test_the_audit_refuses_update_and_delete_in_plain_sql(desk, db_path, table):
    desk.incidents.register(desk.actor, _draft(desk))
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        for sql in (f"UPDATE {table} SET note = 'rewritten'", f"DELETE FROM {table}"):
            with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
                conn.execute(text(sql))
        with engine.connect() as conn:
            assert conn.execute(text(f"SELECT count(*) FROM {table} WHERE note = 'rewritten'")).scalar() == 0
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() > 0
    finally:
        engine.dispose()


def test_revealing_personal_data_is_audited_and_needs_the_right(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    with pytest.raises(PermissionDenied):
        desk.reveal_personal(new_id, "reporter_phone")  # an operator sees it masked only
    leader = _as(desk, "leader")
    mark = _last_audit_id(desk)
    assert leader.reveal_personal(new_id, "reporter_phone") == "13900001111"
    [audit] = _audits(desk, mark)
    assert audit.operation == "personal.reveal" and audit.actor_login == "leader" and audit.entity_id == new_id
    assert "13900001111" not in audit.changes
    assert leader.incident_detail(new_id).reporter_phone == "139****1111"  # masked until revealed


def test_police_clock_runs_until_the_handling_unit_answers(desk, clock):
    """Dispatched in 1 h and untouched for 25 h: red. The dispatch does not stop the clock."""
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk, item_type="可疑人员车辆", matter="police"))
    dept, handler = _handler(desk)
    clock.now += timedelta(hours=1)
    desk.incidents.dispatch(desk.actor, new_id, dept, handler)
    clock.now += timedelta(hours=22)
    row = next(r for r in desk.queue() if r.id == new_id)
    assert row.card is Card.NONE and row.milestone == "answer"
    clock.now += timedelta(hours=2)  # 25 h after registration, nobody at the handling unit answered
    assert next(r for r in desk.queue() if r.id == new_id).card is Card.RED
    assert desk.status().open_red >= 1

    answered_id, _ = desk.incidents.register(desk.actor, _draft(desk, item_type="可疑人员车辆", matter="police"))
    desk.incidents.dispatch(desk.actor, answered_id, dept, handler)
    clock.now += timedelta(hours=2)
    desk.incidents.accept(desk.actor, answered_id)  # the handling unit answers in time
    clock.now += timedelta(days=2)
    assert next(r for r in desk.queue() if r.id == answered_id).card is Card.NONE


def test_sql_card_counts_agree_with_the_domain_rule(desk, clock):
    for hours in (0, 30, 80, 200):
        clock.now += timedelta(hours=hours)
        rows = desk.queue()
        snap = desk.status()
        assert snap.open_red == sum(r.card is Card.RED for r in rows)
        assert snap.open_yellow == sum(r.card is Card.YELLOW for r in rows)
        assert snap.open_total == len(rows)


def test_the_registrar_cannot_close_or_evaluate_their_own_incident(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    dept, handler = _handler(desk)
    desk.incidents.dispatch(desk.actor, new_id, dept, handler)
    desk.incidents.feedback(desk.actor, new_id, "已处理")
    with pytest.raises(IncidentError) as refused:
        desk.incidents.close(desk.actor, new_id)
    assert refused.value.code == "separation_of_duties"
    leader = _as(desk, "leader")
    leader.incidents.close(leader.actor, new_id)
    leader.incidents.evaluate(leader.actor, new_id, 4)
    assert desk.incident_detail(new_id).row.status == "evaluated"


def test_separation_is_configurable_by_the_admin(desk):
    admin = _as(desk, "admin")
    with pytest.raises(PermissionDenied):
        update_setting(desk.ops, desk.actor, SEPARATION_KEY, "1")
    update_setting(admin.ops, admin.actor, SEPARATION_KEY, "1")
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    dept, handler = _handler(desk)
    desk.incidents.dispatch(desk.actor, new_id, dept, handler)
    desk.incidents.feedback(desk.actor, new_id, "已处理")
    desk.incidents.close(desk.actor, new_id)  # a one-person night desk
    assert desk.incident_detail(new_id).row.status == "closed"


def test_the_auditor_only_reads_and_the_admin_cannot_touch_incidents(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    for login in ("audit", "admin"):
        other = _as(desk, login)
        with pytest.raises(PermissionDenied):
            other.incidents.register(other.actor, _draft(desk))
        with pytest.raises(PermissionDenied):
            other.incidents.dispatch(other.actor, new_id, _handler(desk)[0])
    auditor = _as(desk, "audit")
    with pytest.raises(PermissionDenied):
        create_account(auditor.ops, auditor.actor, "x1", "x", "operator")


def test_the_actor_is_checked_against_the_database(desk):
    admin = _as(desk, "admin")
    with pytest.raises(PermissionDenied, match="no such account"):
        desk.incidents.register(Actor(987_654, "ghost", "operator"), _draft(desk))
    with pytest.raises(PermissionDenied, match="role"):
        desk.incidents.register(Actor(admin.actor.user_id, "admin", "operator"), _draft(desk))
    acc = create_account(admin.ops, admin.actor, "op3", "值班员三", "operator")
    op3 = Actor(acc, "op3", "operator")
    desk.incidents.register(op3, _draft(desk))
    set_active(admin.ops, admin.actor, acc, False)
    with pytest.raises(PermissionDenied, match="disabled"):
        desk.incidents.register(op3, _draft(desk))


def test_only_active_staff_of_a_handling_role_can_be_assigned(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    dept = _handler(desk)[0]
    with desk.db.session() as s:
        volunteer = s.scalar(select(Staff.id).where(Staff.role == "volunteer"))
        inactive = s.scalar(select(Staff).where(Staff.role == "grid_worker"))
        inactive.active = False
        inactive_id = inactive.id
    for staff_id in (volunteer, inactive_id):
        with pytest.raises(IncidentError) as refused:
            desk.incidents.dispatch(desk.actor, new_id, dept, staff_id)
        assert refused.value.code == "not_a_handler"
    assert desk.incident_detail(new_id).row.status == "registered"


def test_only_the_assigned_handler_or_their_station_acts(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    with desk.db.session() as s:
        accounts = s.execute(select(UserAccount.login, Staff.id, Staff.workstation_id)
                             .join(Staff, Staff.id == UserAccount.staff_id)
                             .where(UserAccount.role == "grid_worker")).all()
    mine = accounts[0]
    stranger = next(a for a in accounts if a.workstation_id != mine.workstation_id)
    desk.incidents.dispatch(desk.actor, new_id, _handler(desk)[0], mine.id)
    other = _as(desk, stranger.login)
    with pytest.raises(IncidentError) as refused:
        other.incidents.accept(other.actor, new_id)
    assert refused.value.code == "not_your_incident"
    handler = _as(desk, mine.login)
    handler.incidents.accept(handler.actor, new_id)
    assert desk.incident_detail(new_id).row.status == "handling"


@pytest.mark.parametrize("field, value, code", [
    ("lon", "120.1", "bad_type"),
    ("title", None, "title_empty"),
    ("title", 42, "bad_type"),
    ("title", "长" * 121, "too_long"),
    ("reporter_phone", "139-0000", "bad_phone"),
    ("reporter_phone", "１３９０", "bad_phone"),  # full-width digits are read, but four are no phone
    ("reporter_phone", "+1 650 253 0000", "bad_phone"),
    ("item_type", "不存在的事项", "unknown_value"),
    ("source", "pigeon", "unknown_value"),
    ("lat", float("nan"), "bad_type"),
])
def test_wrong_types_and_bad_values_are_refused_as_bad_input(desk, field, value, code):
    before = desk.info()["incidents"]
    with pytest.raises(IncidentError) as refused:
        desk.incidents.register(desk.actor, _draft(desk, **{field: value}))
    assert refused.value.code == code
    assert desk.info()["incidents"] == before


def test_control_characters_are_stripped(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk, title="噪音\x00扰民\x1b[31m", description="第一行\n第二行\x07"))
    detail = desk.incident_detail(new_id)
    assert detail.row.title == "噪音扰民[31m" and detail.description == "第一行\n第二行"


def test_item_type_sets_nature_tier_and_department(desk):
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk, item_type="电信诈骗预警"))  # an alias
    cat = desk.catalogue()
    fraud = cat.resolve("电信诈骗")
    with desk.db.session() as s:
        inc = s.get(Incident, new_id)
        assert inc.item_type == fraud.code and inc.category == fraud.item_class and inc.matter == fraud.nature
        assert inc.department_id is not None
    grid_id, _ = desk.incidents.register(desk.actor, _draft(desk, item_type="电信诈骗", matter="grid"))
    with desk.db.session() as s:
        assert s.get(Incident, grid_id).matter == "grid"  # the default can be changed


def test_codes_have_no_four_digit_ceiling(desk):
    from desk.services.incidents import code_prefix

    prefix = code_prefix(desk.now())
    with desk.db.write_session() as s:
        from db.models import Counter

        row = s.get(Counter, f"incident:{prefix}")
        if row is None:
            s.add(Counter(name=f"incident:{prefix}", value=9_999))
        else:
            row.value = 9_999
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk))
    assert desk.incident_detail(new_id).row.code == format_code(prefix, 10_000) == f"{prefix}10000"


def test_concurrent_registration_never_collides(desk, db_path, clock):
    seats = [open_desk(db_path, clock=clock) for _ in range(4)]
    errors: list[BaseException] = []
    made: list[int] = []
    draft = _draft(desk)

    def write(seat):
        try:
            for _ in range(10):
                made.append(seat.incidents.register(seat.actor, draft)[0])
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(seat,)) for seat in seats]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seat in seats:
        seat.close()
    assert errors == [] and len(made) == 40
    with desk.db.session() as s:
        codes = s.scalars(select(Incident.code).where(Incident.id.in_(made))).all()
    assert len(set(codes)) == 40


def test_the_minute_tick_is_a_change_set(desk):
    seen = []
    desk.hub.subscribe(seen.append)
    desk.tick()
    assert len(seen) == 1 and seen[0].touches(Entity.CLOCK) and seen[0].changes[0].op is Op.UPDATED


def test_a_failed_operation_writes_nothing(desk):
    with desk.db.session() as s:
        audits, logs = s.scalar(select(func.count(AuditRecord.id))), s.scalar(select(func.count(ChangeLogEntry.id)))
    with pytest.raises(BadInput):
        create_account(_as(desk, "admin").ops, _as(desk, "admin").actor, "duty", "重复", "operator")
    with desk.db.session() as s:
        assert s.scalar(select(func.count(AuditRecord.id))) == audits
        assert s.scalar(select(func.count(ChangeLogEntry.id))) == logs
        assert s.get(Setting, SEPARATION_KEY) is None


def test_arrival_on_site_stops_the_emergency_clocks_once(desk, clock):
    """A fight: someone on site within 10 minutes (else yellow), the professionals within 30 (else red)."""
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk, item_type="打架斗殴"))
    with pytest.raises(IncidentError, match="cannot report arrival"):
        desk.incidents.arrive(desk.actor, new_id)  # not yet sent to anyone
    dept, handler = _handler(desk)
    clock.now += timedelta(minutes=3)
    desk.incidents.dispatch(desk.actor, new_id, dept, handler)
    clock.now += timedelta(minutes=4)
    desk.incidents.arrive(desk.actor, new_id, note="两人已分开")
    with pytest.raises(IncidentError, match="already recorded"):
        desk.incidents.arrive(desk.actor, new_id)
    row = next(r for r in desk.queue() if r.id == new_id)
    assert row.milestone == "professional" and row.remaining == timedelta(minutes=23)
    clock.now += timedelta(minutes=24)  # 31 minutes: the professionals are late
    assert next(r for r in desk.queue() if r.id == new_id).card is Card.RED
    desk.incidents.arrive(desk.actor, new_id, professional=True)
    # The miss stays on record: red from the 30th minute on, while the incident is open.
    assert next(r for r in desk.queue() if r.id == new_id).card is Card.RED
    trail = [e.note for e in desk.incident_detail(new_id).events]
    assert "到达现场：两人已分开" in trail and "专业力量到场" in trail


def test_major_and_special_matters_go_to_the_duty_leader(desk, clock):
    """大事一级处理: the duty leader is asked to review and only the leader closes; 特事专报: the report to
    the county is written at once."""
    from db.models import IncidentNotice

    leader = _as(desk, "leader")
    new_id, _ = desk.incidents.register(desk.actor, _draft(desk, item_type="群体性纠纷"))
    assert desk.incident_detail(new_id).row.tier == "special"
    with desk.db.session() as s:
        notices = {n.kind: n for n in s.scalars(select(IncidentNotice).where(IncidentNotice.incident_id == new_id))}
    assert set(notices) == {"leader_review", "county_report"}
    assert "特事专报" in notices["county_report"].text and notices["leader_review"].done_at is None
    dept, handler = _handler(desk)
    desk.incidents.dispatch(desk.actor, new_id, dept, handler, tier="special")
    desk.incidents.accept(desk.actor, new_id)
    desk.incidents.feedback(desk.actor, new_id, "已稳控")
    op2 = create_account(_as(desk, "admin").ops, _as(desk, "admin").actor, "op9", "值班员九", "operator", "pw-12345678")
    other = _as(desk, "op9")
    assert op2 and "close" not in {a.value for a in other.incident_detail(new_id).actions}
    with pytest.raises(IncidentError, match="duty leader"):
        other.incidents.close(other.actor, new_id)
    leader.incidents.close(leader.actor, new_id)
    with desk.db.session() as s:
        review = s.scalars(select(IncidentNotice).where(IncidentNotice.incident_id == new_id,
                                                        IncidentNotice.kind == "leader_review")).one()
        assert review.done_at is not None and review.done_by == leader.actor.user_id
    # A minor matter stays with the station: no notice, and an operator closes it.
    minor, _ = desk.incidents.register(desk.actor, _draft(desk))
    with desk.db.session() as s:
        assert not s.scalars(select(IncidentNotice).where(IncidentNotice.incident_id == minor)).all()
