"""The catalogue of matters, the shared vocabularies, their labels and the register dialog built on them."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from desk.domain import catalog, lifecycle, roster, vocab
from desk.domain.catalog import CLASSES, Catalogue, CatalogueError, ItemType, default_catalogue, load_catalogue

REQUIRED = ("邻里纠纷", "婚姻家庭纠纷", "土地权属纠纷", "宅基地纠纷", "劳资纠纷", "治安隐患", "安全隐患", "消防隐患",
            "道路交通", "电信诈骗", "可疑人员车辆", "地质灾害隐患", "防汛隐患", "民生服务", "求助", "政策咨询", "环境卫生",
            "基础设施损坏", "其他")
# What the demo wrote as item types before the catalogue; old databases hold these names.
OLD_DEMO_NAMES = ("土地承包纠纷", "宅基地边界纠纷", "山林权属纠纷", "家庭婚姻纠纷", "赡养纠纷", "邻里纠纷", "劳资纠纷",
                  "消费纠纷", "旅游服务纠纷", "交通事故纠纷", "可疑人员线索", "盗窃线索", "赌博线索", "噪音扰民",
                  "电信诈骗预警", "酒后滋事", "地质灾害隐患", "道路交通隐患", "消防隐患", "溺水隐患", "危房隐患",
                  "用电安全隐患", "食品安全隐患", "低保救助咨询", "独居老人帮扶", "路灯损坏", "供水中断", "垃圾清运",
                  "医保参保咨询", "户籍证照咨询")
TS = Path(__file__).resolve().parent.parent / "desk" / "resources" / "i18n" / "desk_zh_CN.ts"


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return default_catalogue()


def _file(*entries: dict) -> str:
    general = [{"code": f"{c}_general", "name": f"通用{i}", "class": c, "nature": "grid", "general": True}
               for i, c in enumerate(CLASSES)]
    return json.dumps({"item_types": [*general, *entries]}, ensure_ascii=False)


def _entry(**fields) -> dict:
    return {"code": "a_type", "name": "某事项", "class": "dispute", "aliases": [], "nature": "grid",
            "tier": "second", "department": "justice", "answer_hours": None, "close_days": 3, **fields}


# --- the shipped catalogue ---------------------------------------------------------------------

def test_shipped_catalogue_has_three_classes_and_at_least_sixty_types(shipped):
    assert CLASSES == ("dispute", "security", "public_service")
    assert len(shipped) >= 60 and len(list(shipped)) == len(shipped)
    for cls in CLASSES:
        assert len(shipped.by_class(cls)) >= 10
        general = shipped.general(cls)
        assert general is not None and general.item_class == cls and general.general
    assert {t.item_class for t in shipped} == set(CLASSES)


def test_required_names_are_item_types(shipped):
    for name in REQUIRED:
        found = shipped.resolve(name)
        assert found is not None and found.name == name, name


def test_aliases_resolve_to_their_type(shipped):
    assert shipped.resolve("电信诈骗预警").name == "电信诈骗"
    assert shipped.resolve("家庭婚姻纠纷").name == "婚姻家庭纠纷"
    assert shipped.resolve("宅基地边界纠纷").name == "宅基地纠纷"
    assert shipped.resolve("  电信诈骗预警 ").code == "telecom_fraud"  # whitespace does not matter


def test_codes_resolve_without_regard_to_case(shipped):
    assert shipped.resolve("telecom_fraud").name == "电信诈骗"
    assert shipped.resolve(" Telecom_Fraud ").name == "电信诈骗"
    assert shipped.get("telecom_fraud") is shipped.resolve("电信诈骗")
    assert shipped.get("nope") is None and "telecom_fraud" in shipped


def test_class_names_and_codes_resolve_to_the_general_type(shipped):
    assert shipped.resolve("矛盾纠纷") is shipped.general("dispute")
    assert shipped.resolve("治安与安全隐患") is shipped.general("security")
    assert shipped.resolve("民生服务") is shipped.general("public_service")
    assert shipped.general("public_service").name == "民生服务"
    for cls in CLASSES:
        assert shipped.resolve(cls) is shipped.general(cls)
    # Class codes from before the merge still mean something.
    assert shipped.resolve("public_security") is shipped.general("security")
    assert shipped.resolve("safety") is shipped.general("security")
    assert catalog.upgrade_class("safety") == catalog.upgrade_class("public_security") == "security"
    assert shipped.resolve("") is None and shipped.resolve("   ") is None and shipped.resolve("无此事项") is None


def test_no_name_or_alias_means_two_types(shipped):
    seen: dict[str, str] = {}
    for t in shipped:
        for name in t.names:
            assert name not in seen, (name, seen.get(name), t.code)
            seen[name] = t.code
    assert len({t.code for t in shipped}) == len(shipped)


def test_defaults_are_sound(shipped):
    kinds = set(vocab.DEPARTMENT_KINDS)
    for t in shipped:
        assert t.department in kinds, t.code
        assert t.nature in vocab.MATTERS and t.tier in vocab.TIERS
        if t.nature == "police":
            assert t.answer_hours == 24 and t.close_days is None, t.code
        else:
            assert t.answer_hours is None and t.close_days == 3, t.code
    assert {t.tier for t in shipped} == set(vocab.TIERS)
    assert {t.nature for t in shipped} == set(vocab.MATTERS)


def test_department_kinds_are_the_demo_departments():
    from db.demo.people import DEPARTMENTS

    assert {kind for _, kind, _ in DEPARTMENTS} == set(vocab.DEPARTMENT_KINDS)


def test_every_demo_item_type_is_in_the_catalogue(shipped):
    from db.demo.catalog import ITEM_TYPES

    for demo_type in ITEM_TYPES:
        entry = shipped.get(demo_type.code)
        assert entry is not None, demo_type.code
        assert demo_type.category == entry.item_class in CLASSES
    for name in OLD_DEMO_NAMES:
        assert shipped.resolve(name) is not None, name


def test_search_finds_names_aliases_and_codes(shipped):
    assert [t.code for t in shipped.search("电信诈骗预警")] == ["telecom_fraud"]
    assert "telecom_fraud" in [t.code for t in shipped.search("诈骗")]
    assert "fire_hazard" in [t.code for t in shipped.search("FIRE")]
    assert len(shipped.search("")) == len(shipped)


# --- bad files -------------------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "field"), [
    (_entry(**{"class": "safety"}), "class"),
    (_entry(nature="both"), "nature"),
    (_entry(tier="urgent"), "tier"),
    (_entry(department="mayor"), "department"),
    (_entry(code="Bad Code"), "code"),
    (_entry(name=""), "name"),
    (_entry(aliases="电信诈骗"), "aliases"),
    (_entry(close_days=-1), "close_days"),
    (_entry(answer_hours="24"), "answer_hours"),
    (_entry(colour="red"), "colour"),
])
def test_a_bad_entry_is_refused_naming_entry_and_field(entry, field):
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_file(entry))
    assert caught.value.field == field
    assert caught.value.entry == entry["code"]
    assert field in str(caught.value)


def test_a_missing_field_names_the_entry_by_position():
    entry = _entry()
    del entry["code"]
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_file(entry))
    assert (caught.value.entry, caught.value.field) == ("#4", "code")


@pytest.mark.parametrize(("second", "field"), [
    (_entry(name="另一事项"), "code"),  # the same code again
    (_entry(code="b_type"), "name"),  # the same name again
    (_entry(code="b_type", name="另一事项", aliases=["某事项"]), "aliases"),  # an alias that is a name
])
def test_duplicates_are_refused(second, field):
    first = _entry(aliases=["别名"])
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_file(first, second))
    assert (caught.value.entry, caught.value.field) == (second["code"], field)


def test_an_alias_may_not_point_at_two_types():
    with pytest.raises(CatalogueError, match="别名"):
        load_catalogue(_file(_entry(aliases=["别名"]), _entry(code="b_type", name="另一事项", aliases=["别名"])))


def test_a_class_name_belongs_to_the_general_type():
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_file(_entry(aliases=["矛盾纠纷"])))
    assert (caught.value.entry, caught.value.field) == ("a_type", "aliases")


def test_every_class_needs_one_general_type():
    text = json.dumps({"item_types": [_entry(general=True)]}, ensure_ascii=False)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(text)
    assert (caught.value.entry, caught.value.field) == ("security", "general")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_file(_entry(general=True)))
    assert (caught.value.entry, caught.value.field) == ("a_type", "general")


def test_not_json_or_not_a_catalogue():
    with pytest.raises(CatalogueError, match="JSON"):
        load_catalogue("{")
    with pytest.raises(CatalogueError, match="item_types"):
        load_catalogue("[]")


def test_a_catalogue_from_the_database_is_checked_too():
    good = ItemType("a_type", "某事项", "dispute")
    with pytest.raises(CatalogueError):
        Catalogue([good, ItemType("b_type", "某事项", "dispute")])
    with pytest.raises(CatalogueError):
        Catalogue([ItemType("c_type", "某", "safety")])
    assert len(Catalogue([good])) == 1


# --- vocabularies ----------------------------------------------------------------------------

def test_each_vocabulary_is_defined_once():
    assert lifecycle.CATEGORIES is vocab.CLASSES is catalog.CLASSES
    assert lifecycle.SOURCES is vocab.SOURCES and lifecycle.MATTERS is vocab.MATTERS
    assert lifecycle.TIERS is vocab.TIERS is catalog.TIERS
    assert roster.ROLES is vocab.STAFF_ROLES and roster.DUTY_FUNCTIONS is vocab.DUTY_FUNCTIONS
    assert set(roster.STATION_FORMULA) <= set(vocab.STAFF_ROLES)
    assert len(vocab.DUTY_FUNCTIONS) == len(set(vocab.DUTY_FUNCTIONS)) == 8


def test_every_vocabulary_code_has_a_label():
    from desk.ui.labels import keys

    assert keys("class") == keys("category") == list(vocab.CLASSES)
    assert keys("source") == list(vocab.SOURCES)
    assert keys("matter") == list(vocab.MATTERS)
    assert keys("tier") == list(vocab.TIERS)
    assert keys("role") == list(vocab.STAFF_ROLES)
    assert keys("duty") == list(vocab.DUTY_FUNCTIONS)
    assert keys("department") == list(vocab.DEPARTMENT_KINDS)
    assert keys("status") == [s.value for s in lifecycle.Status]
    assert keys("action") == [a.value for a in lifecycle.Action]


# --- labels ----------------------------------------------------------------------------------

def _translation_entries() -> dict[tuple[str | None, str | None], ET.Element | None]:
    root = ET.parse(TS).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation")
            for c in root.iter("context") for m in c.iter("message")}


def test_no_two_meanings_share_one_translation_entry():
    from desk.ui import labels

    entries = _translation_entries()
    kinds = list(labels._LABELS)
    assert len({labels.context(k) for k in kinds}) == len(kinds)
    assert labels.context("status") != labels.context("action")
    assert labels.context("category") == labels.context("class")
    for kind in kinds:
        for source in labels._LABELS[kind].values():
            translation = entries.get((labels.context(kind), source))
            assert translation is not None, (kind, source)
            assert translation.get("type") != "unfinished" and translation.text, (kind, source)


def test_the_dialog_strings_are_translated():
    entries = _translation_entries()
    mine = [(k, m) for k, m in entries.items() if k[0] in ("RegisterDialog", "ItemTypeBox")]
    assert mine and all(m is not None and m.get("type") != "unfinished" and m.text for _, m in mine)


def test_labels_in_chinese(zh_app):
    from desk.ui.labels import label

    assert label("status", "feedback") == "已反馈" and label("action", "feedback") == "反馈"
    assert [label("category", c) for c in CLASSES] == ["矛盾纠纷", "治安与安全隐患", "民生服务"]
    assert [label("duty", d) for d in vocab.DUTY_FUNCTIONS] == [
        "情报信息员", "隐患排查员", "纠纷调解员", "平安守护员", "应急处突员", "群众服务员", "社会治理员", "政策宣传员"]
    assert label("duty", "mediation") != label("theme", "mediation")
    assert label("duty", "public_service") != label("class", "public_service")
    assert label("department", "justice") == "司法所"


def test_item_types_show_their_catalogue_name():
    from desk.ui.labels import label

    assert label("item_type", "telecom_fraud") == "电信诈骗"
    assert label("item_type", "电信诈骗预警") == "电信诈骗"  # a row from before the catalogue
    assert label("item_type", "unknown_code") == "unknown_code"


# --- the register dialog -----------------------------------------------------------------------

def _located(_lon: float, _lat: float) -> SimpleNamespace:
    return SimpleNamespace(inside=True, unit_name="青岚村", grid_name="网格1", cell_name="警格1")


DEPARTMENTS = [SimpleNamespace(id=i + 1, label=kind, group=kind) for i, kind in enumerate(vocab.DEPARTMENT_KINDS)]


@pytest.fixture
def dialog(qtbot):
    from desk.ui.incident_dialogs import RegisterDialog

    dlg = RegisterDialog(_located, 118.7, 28.9, departments=DEPARTMENTS)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitActive(dlg)
    return dlg


def _department(dlg, kind: str) -> int:
    return next(d.id for d in DEPARTMENTS if d.group == kind)


def test_item_type_brings_its_defaults_which_stay_changeable(dialog):
    assert dialog.item_type.set_item_type("电信诈骗预警")
    v = dialog.values()
    assert (v["item_type"], v["category"], v["matter"], v["tier"]) == ("telecom_fraud", "security", "police", "second")
    assert v["department_id"] == _department(dialog, "police_station")
    assert dialog.item_type.set_item_type("地质灾害隐患")
    v = dialog.values()
    assert (v["matter"], v["tier"], v["department_id"]) == ("grid", "first", _department(dialog, "natural_resources"))
    dialog.matter.setCurrentIndex(dialog.matter.findData("police"))
    dialog.department.setCurrentIndex(dialog.department.findData(_department(dialog, "emergency")))
    v = dialog.values()
    assert (v["item_type"], v["matter"], v["department_id"]) == ("geological_hazard", "police",
                                                                 _department(dialog, "emergency"))


# The offscreen platform cannot raise the completer's list or let it grab the keyboard; it says so.
@pytest.mark.qt_log_ignore("^This plugin does not support raise", "^This plugin does not support grabbing")
def test_typing_filters_by_name_alias_or_code_and_tab_settles(dialog, qtbot):
    from PySide6.QtCore import Qt

    box = dialog.item_type
    assert dialog.focusWidget() is box  # focus starts on the first field
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "fraud")
    completer = box.completer()
    assert completer.completionCount() == 1
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert dialog.values()["item_type"] == "telecom_fraud"
    assert box.currentText().endswith("电信诈骗")
    assert dialog.focusWidget() is dialog.title


def test_enter_settles_an_alias_without_submitting(dialog, qtbot):
    from PySide6.QtCore import Qt

    submitted = []
    dialog.submit = lambda: submitted.append(dialog.values())
    box = dialog.item_type
    box.setEditText("电信诈骗预警")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert dialog.values()["item_type"] == "telecom_fraud" and not submitted
    assert dialog.isVisible()
    box.setEditText("no such thing")
    box.clearFocus()
    assert dialog.values()["item_type"] == "telecom_fraud"  # an unknown text goes back to the choice


def test_tab_walks_every_field_and_leaves_the_description(dialog, qtbot):
    from PySide6.QtCore import Qt

    d = dialog
    order = [d.item_type, d.title, d.category, d.matter, d.tier, d.department, d.source, d.lon, d.lat, d.address,
             d.description, d.reporter_name, d.reporter_phone]
    for before, after in zip(order, order[1:]):
        before.setFocus()
        qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Tab)
        assert d.focusWidget() is after or d.focusWidget().parent() is after, (before, d.focusWidget())
    assert d.description.toPlainText() == ""  # Tab was never typed into it


def test_fields_have_limits_and_show_them(dialog):
    from desk.services.incidents import MAX_LENGTH

    # The dialog's limits are the service's: nothing it accepts is refused on save.
    assert dialog.title.maxLength() == MAX_LENGTH["title"] == 120 and dialog.address.maxLength() == 120
    assert dialog.reporter_name.maxLength() == 32 and dialog.reporter_phone.maxLength() == 20
    assert "120" in dialog.title.placeholderText() and "32" in dialog.reporter_name.placeholderText()
    dialog.description.setPlainText("述" * (MAX_LENGTH["description"] + 500))
    assert len(dialog.description.toPlainText()) == MAX_LENGTH["description"]
    limit = str(MAX_LENGTH["description"])
    assert dialog.description_count.text().startswith(f"{limit} / {limit}")


def test_without_a_department_list_the_item_type_decides(qtbot):
    from desk.ui.incident_dialogs import RegisterDialog

    dlg = RegisterDialog(_located, 118.7, 28.9)
    qtbot.addWidget(dlg)
    assert dlg.item_type.set_item_type("消防隐患")
    assert dlg.values()["department_id"] is None and not dlg.department.isEnabled()
    assert dlg.department.currentText() == "Fire rescue"


def test_the_dialog_registers_through_the_service(desk, qtbot):
    from desk.services.incidents import IncidentDraft
    from desk.ui.incident_dialogs import RegisterDialog

    grid = desk.map_layers()["grids"]["features"][0]
    from shapely.geometry import shape

    p = shape(grid["geometry"]).representative_point()
    catalogue = desk.catalogue() if hasattr(desk, "catalogue") else default_catalogue()
    dlg = RegisterDialog(desk.geo.locate, p.x, p.y, catalogue=catalogue)
    qtbot.addWidget(dlg)
    assert dlg.item_type.set_item_type("电信诈骗预警")
    dlg.title.setText("王某接到冒充客服电话")
    new_id, _ = desk.incidents.register(desk.actor, IncidentDraft(**dlg.values()))
    detail = desk.incident_detail(new_id)
    assert detail.item_type == "telecom_fraud" and detail.row.category == "security"
    assert detail.row.matter == "police"
