"""GIS and gazetteer imports with files as county platforms export them, and search over what came in.

Every import is all or nothing: a bad feature or row is named (index and code, or row number) and
nothing is written."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Address, AdminUnit, Grid, GridCellOverlap, PoliceCell, Township
from desk.services.errors import BadInput

WGS84_PRJ = ('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
             'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')
UTM_PRJ = 'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984"],PROJECTION["Transverse_Mercator"]]'


def _square(w: float, s: float, size: float = 0.01) -> list[list[list[float]]]:
    return [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]]


def _fc(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _feature(geometry: dict, **props) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _write(tmp_path: Path, name: str, doc: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _count(desk, model) -> int:
    with desk.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def admin(desk):
    from desk.services.accounts import actor_for
    from desk.services.desk import DeskServices

    return DeskServices(desk.db, actor_for(desk.db, "admin"), desk.clock)


def _grid_layer(tmp_path: Path, unit: str = "新建村") -> Path:
    hole = [[[118.70, 28.90], [118.72, 28.90], [118.72, 28.92], [118.70, 28.92], [118.70, 28.90]],
            [[118.705, 28.905], [118.71, 28.905], [118.71, 28.91], [118.705, 28.91], [118.705, 28.905]]]
    multi = {"type": "MultiPolygon", "coordinates": [_square(118.73, 28.90), _square(118.75, 28.90)]}
    return _write(tmp_path, "grids.geojson", _fc(
        _feature({"type": "Polygon", "coordinates": hole}, 网格编码="T001", 网格名称="新建村第1网格", 所属村社=unit,
                 户数="120", 人口=360),
        _feature(multi, 网格编码="T002", 网格名称="新建村第2网格", 所属村社=unit, 户数=80, 人口=240),
    ))


def test_grids_with_holes_and_multipolygons_import_and_create_their_village(admin, desk, tmp_path):
    units, grids, overlaps = _count(desk, AdminUnit), _count(desk, Grid), _count(desk, GridCellOverlap)
    result = admin.gis_import(_grid_layer(tmp_path), "grid")
    assert (result.created, result.updated, result.units_created) == (2, 0, ["新建村"])
    assert _count(desk, AdminUnit) == units + 1 and _count(desk, Grid) == grids + 2
    with desk.db.session() as s:
        g = s.scalars(select(Grid).where(Grid.code == "T001")).one()
        assert (g.households, g.population) == (120, 360)
        assert len(json.loads(g.geojson)["coordinates"]) == 2  # the hole kept
        assert json.loads(s.scalars(select(Grid.geojson).where(Grid.code == "T002")).one())["type"] == "MultiPolygon"
        town = s.scalars(select(Township)).one()
        assert town.min_lon <= 118.70  # the township's extent grew to hold them
    assert result.overlaps == _count(desk, GridCellOverlap) >= overlaps  # recomputed with the new grids
    # Imported again with another name: updated by code, not duplicated.
    again = admin.gis_import(_grid_layer(tmp_path), "grid")
    assert (again.created, again.updated, again.units_created) == (0, 2, [])


def test_an_invalid_polygon_is_named_and_nothing_is_written(admin, desk, tmp_path):
    bowtie = [[[118.70, 28.90], [118.72, 28.92], [118.72, 28.90], [118.70, 28.92], [118.70, 28.90]]]
    path = _write(tmp_path, "bad.geojson", _fc(
        _feature({"type": "Polygon", "coordinates": _square(118.70, 28.90)}, 网格编码="OK1", 网格名称="好", 所属村社="新建村"),
        _feature({"type": "Polygon", "coordinates": bowtie}, 网格编码="BAD2", 网格名称="坏", 所属村社="新建村"),
    ))
    grids = _count(desk, Grid)
    with pytest.raises(BadInput) as err:
        admin.gis_import(path, "grid")
    assert err.value.code == "gis_rejected"
    assert "feature 1 (BAD2)" in str(err.value) and "Self-intersection" in str(err.value)
    assert _count(desk, Grid) == grids and _count(desk, AdminUnit) == _count(desk, AdminUnit)
    # --repair: make_valid fixes it and says what changed.
    result = admin.gis_import(path, "grid", repair=True)
    assert result.created == 2 and len(result.repairs) == 1 and "BAD2" in result.repairs[0]
    assert "MultiPolygon" in result.repairs[0]


@pytest.mark.parametrize("doc, words", [
    (_fc(_feature({"type": "Polygon", "coordinates": [[[500000, 3300000], [501000, 3300000], [501000, 3301000],
                                                        [500000, 3300000]]]}, code="P1", name="x", unit="y")),
     "projected"),
    (_fc(_feature({"type": "Polygon", "coordinates": [[[28.9, 118.7], [28.91, 118.7], [28.91, 118.71],
                                                        [28.9, 118.7]]]}, code="S1", name="x", unit="y")),
     "not in degrees"),
    (_fc(_feature({"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.31, 48.8], [2.31, 48.81], [2.3, 48.8]]]},
                  code="F1", name="x", unit="y")),
     "not in China"),
    (_fc(_feature({"type": "Polygon", "coordinates": _square(118.7, 28.9)}, code="D1", name="x", unit="y"),
         _feature({"type": "Polygon", "coordinates": _square(118.8, 28.9)}, code="D1", name="z", unit="y")),
     "feature 1 (D1): code D1 is also used by feature 0"),
    (_fc(_feature({"type": "Polygon", "coordinates": _square(118.7, 28.9)}, code="M1", unit="y")),
     "feature 0 (M1): no name"),
    (_fc(_feature({"type": "Point", "coordinates": [118.7, 28.9]}, code="Q1", name="x", unit="y")),
     "not a polygon"),
])
def test_files_that_cannot_be_imported_say_why(admin, desk, tmp_path, doc, words):
    path = _write(tmp_path, "layer.geojson", doc)
    before = _count(desk, Grid)
    with pytest.raises(BadInput) as err:
        admin.gis_import(path, "grid")
    assert words in str(err.value)
    assert _count(desk, Grid) == before


def test_broken_json_names_the_line(admin, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [\n{"type": "Feature",,}]}', encoding="utf-8")
    with pytest.raises(BadInput) as err:
        admin.gis_import(path, "grid")
    assert err.value.code == "gis_unreadable" and "line 2" in str(err.value)


def test_adcode_and_nested_properties_are_mapped_by_field(admin, desk, tmp_path):
    path = _write(tmp_path, "boundary.geojson", _fc(
        _feature({"type": "Polygon", "coordinates": _square(118.70, 28.90, 0.02)}, adcode=330000101,
                 name="新村", center=[118.71, 28.91], parent={"adcode": 330000}, stats={"hh": 300}),
    ))
    preview = admin.gis_preview(path, "unit", {"code": "adcode", "households": "stats.hh"})
    assert {"adcode", "name", "center.0", "center.1", "parent.adcode", "stats.hh"} <= set(preview.columns)
    assert preview.ok and preview.features[0].values["households"] == 300
    result = admin.gis_import(path, "unit", {"code": "adcode", "households": "stats.hh"})
    assert result.created == 1
    with desk.db.session() as s:
        unit = s.scalars(select(AdminUnit).where(AdminUnit.code == "330000101")).one()
        assert (unit.name, unit.households, unit.kind) == ("新村", 300, "village")


def _zipped_shapefile(tmp_path: Path, prj: str, encoding: str = "gbk", cpg: bool = False) -> Path:
    import shapefile

    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding) as w:
        w.field("JGBM", "C", 20)  # 警格编码 in the county platform's own short column names
        w.field("JGMC", "C", 40)
        w.field("ZRMJ", "C", 20)
        w.poly(_square(118.70, 28.90))
        w.record("JG900", "新建警格", "查无此人")
    path = tmp_path / "cells.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("cells/cells.shp", shp.getvalue())
        z.writestr("cells/cells.shx", shx.getvalue())
        z.writestr("cells/cells.dbf", dbf.getvalue())
        z.writestr("cells/cells.prj", prj)
        if cpg:
            z.writestr("cells/cells.cpg", encoding.upper())
    return path


def test_a_zipped_gbk_shapefile_of_police_cells(admin, desk, tmp_path):
    path = _zipped_shapefile(tmp_path, WGS84_PRJ)
    fields = {"code": "JGBM", "name": "JGMC", "officer": "ZRMJ"}
    preview = admin.gis_preview(path, "police", fields)
    assert preview.ok and preview.features[0].values["name"] == "新建警格"  # GBK decoded
    cells = _count(desk, PoliceCell)
    result = admin.gis_import(path, "police", fields)
    assert result.created == 1 and _count(desk, PoliceCell) == cells + 1
    assert result.warnings and "查无此人" in result.warnings[0]


def test_a_projected_shapefile_is_refused_by_its_prj(admin, desk, tmp_path):
    path = _zipped_shapefile(tmp_path, UTM_PRJ, encoding="utf-8", cpg=True)
    with pytest.raises(BadInput) as err:
        admin.gis_import(path, "police", {"code": "JGBM", "name": "JGMC"})
    assert err.value.code == "gis_projected" and "PROJCS" in str(err.value)


def test_a_fresh_database_needs_a_township_name(tmp_path):
    from desk.services.accounts import SYSTEM_ACTOR
    from desk.services.database import Database
    from desk.services.desk import DeskServices

    db = Database(tmp_path / "fresh.sqlite")
    desk = DeskServices(db, SYSTEM_ACTOR)
    try:
        layer = _grid_layer(tmp_path)
        with pytest.raises(BadInput) as err:
            desk.gis_import(layer, "grid")
        assert err.value.code == "gis_no_township"
        result = desk.gis_import(layer, "grid", township="测试镇")
        assert result.created == 2 and desk.has_township()
        assert desk.map_layers()["bounds"] is not None
    finally:
        desk.close()


def test_the_import_command(db_path, tmp_path):
    layer = _grid_layer(tmp_path)
    run = subprocess.run([sys.executable, "-m", "desk", "import", "grids", str(layer), "--db", str(db_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "2 created" in run.stdout and "新建村" in run.stdout
    bad = _write(tmp_path, "p.geojson", _fc(_feature(
        {"type": "Polygon", "coordinates": [[[500000, 3300000], [501000, 3300000], [501000, 3301000],
                                             [500000, 3300000]]]}, code="P", name="P", unit="U")))
    run = subprocess.run([sys.executable, "-m", "desk", "import", "grids", str(bad), "--db", str(db_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "projected" in run.stderr and "Traceback" not in run.stderr


# ---- the address gazetteer ----

def test_gbk_csv_utf8_bom_csv_and_xlsx(admin, desk, tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("地址,经度,纬度,村社\n青岚社区文昌路1560号,118.7612,28.9541,青岚社区\n".encode("gbk"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffaddress,lon,lat\n梅坞村99组,118.74,28.97\n".encode("utf-8"))
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["标准地址", "经度", "纬度"])
    sheet.append(["柳塘村88组", 118.75, 28.93])
    xlsx = tmp_path / "addresses.xlsx"
    book.save(xlsx)
    before = _count(desk, Address)
    for path in (gbk, bom, xlsx):
        assert admin.address_import(path).created == 1
    assert _count(desk, Address) == before + 3
    hit = desk.geocode("文昌路1560号")
    assert hit is not None and hit.label == "青岚社区文昌路1560号" and hit.lon == pytest.approx(118.7612)
    assert desk.geocode("青岚社区 文昌路１５６０号") is not None  # spaces and full-width digits as typed
    # Imported again with a corrected point: updated, not doubled.
    gbk.write_bytes("地址,经度,纬度\n青岚社区文昌路1560号,118.7613,28.9541\n".encode("gbk"))
    assert admin.address_import(gbk).updated == 1


@pytest.mark.parametrize("text, words", [
    ("地址,经度,纬度\n甲,118.7,28.9\n乙,28.9,118.7\n", "row 3: coordinate 28.9, 118.7: longitude and latitude look swapped"),
    ("地址,经度,纬度\n甲,118.7,28.9\n甲,118.8,28.9\n", "row 3: 甲 is also on row 2"),
    ("地址,经度,纬度\n甲,东经,28.9\n", "row 2: longitude '东经'"),
    ("名称,经度,纬度\n甲,118.7,28.9\n", "no column 地址"),
])
def test_bad_gazetteer_rows_are_named_and_nothing_is_written(admin, desk, tmp_path, text, words):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = _count(desk, Address)
    with pytest.raises(BadInput) as err:
        admin.address_import(path)
    assert words in str(err.value)
    assert _count(desk, Address) == before


# ---- search ----

def test_search_finds_grids_villages_groups_incidents_and_addresses(desk):
    grid = desk.map_layers()["grids"]["features"][2]["properties"]
    assert desk.search(grid["code"])[0].id == grid["id"]
    village = desk.search(grid["unit"])[0]
    assert village.kind == "unit" and village.label == grid["unit"] and village.bounds is not None
    code = desk.queue()[0].code
    assert desk.search(code)[0].kind == "incident"
    with desk.db.session() as s:
        group = s.scalars(select(Address.text).where(Address.text.like("%组"))).first()
        street = s.scalars(select(Address.text).where(Address.text.like("%号"))).first()
    assert group and desk.search(group)[0].kind == "group"
    suffix = street[street.index("社区") + 2:] if "社区" in street else street
    assert desk.search(suffix)[0].label == street
    assert desk.search("") == [] and desk.search("没有这个地方") == []
