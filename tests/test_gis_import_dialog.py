"""The import dialog as an administrator uses it: preview on a map, problems by feature in Chinese,
columns picked by hand, import only when the file is clean."""
from __future__ import annotations

import json

import pytest


@pytest.fixture
def admin(desk):
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    return DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)


def _square(w, s, size=0.01):
    return [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]]


def _layer(tmp_path, features):
    path = tmp_path / "layer.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def test_a_clean_file_previews_and_imports(zh_app, admin, qtbot, tmp_path):
    from desk.ui.gis_import_dialog import GisImportDialog

    path = _layer(tmp_path, [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": _square(118.7, 28.9)},
                              "properties": {"网格编码": "D001", "网格名称": "对话框网格", "所属村社": "对话框村"}}])
    dlg = GisImportDialog(admin, path=None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.previewed, timeout=10000):
        dlg.reload()
    assert dlg.problems.count() == 0 and dlg.import_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.map.is_ready, timeout=30000)
    with qtbot.waitSignal(dlg.imported, timeout=10000):
        dlg.run_import()
    assert any(h.kind == "grid" for h in admin.search("D001"))


def test_problems_are_listed_in_chinese_and_import_stays_off(zh_app, admin, qtbot, tmp_path):
    from desk.ui.gis_import_dialog import GisImportDialog

    bowtie = [[[118.70, 28.90], [118.72, 28.92], [118.72, 28.90], [118.70, 28.92], [118.70, 28.90]]]
    path = _layer(tmp_path, [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": bowtie},
         "properties": {"网格编码": "B1", "网格名称": "坏", "所属村社": "村"}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": _square(118.8, 28.9)},
         "properties": {"网格编码": "B2", "所属村社": "村"}},
    ])
    dlg = GisImportDialog(admin, path=path)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=10000)
    texts = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert any("要素 0 (B1)" in t for t in texts) and any("要素 1 (B2)" in t and "名称" in t for t in texts)
    assert not dlg.import_button.isEnabled()
    # Ticking repair fixes the bowtie; the missing name still stops the import.
    with qtbot.waitSignal(dlg.previewed, timeout=10000):
        dlg.repair.setChecked(True)
    assert not dlg.import_button.isEnabled()
    assert any("B1" in dlg.problems.item(i).text() for i in range(dlg.problems.count()))  # listed as repaired


def test_columns_named_their_own_way_are_picked_by_hand(zh_app, admin, qtbot, tmp_path):
    from desk.ui.gis_import_dialog import GisImportDialog

    path = _layer(tmp_path, [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": _square(118.7, 28.9)},
                              "properties": {"adcode": 330000999, "mc": "自定义村", "extra": {"hh": 12}}}])
    dlg = GisImportDialog(admin, path=path)
    qtbot.addWidget(dlg)
    dlg.layer.setCurrentIndex(dlg.layer.findData("unit"))
    qtbot.waitUntil(lambda: dlg.preview is not None and dlg.preview.layer == "unit", timeout=10000)
    assert not dlg.import_button.isEnabled()
    for target, column in (("code", "adcode"), ("name", "mc"), ("households", "extra.hh")):
        box = dlg.field_boxes[target]
        with qtbot.waitSignal(dlg.previewed, timeout=10000):
            box.setCurrentIndex(box.findData(column))
    assert dlg.import_button.isEnabled()
    assert dlg.preview.features[0].values == {"code": "330000999", "name": "自定义村", "households": 12}
