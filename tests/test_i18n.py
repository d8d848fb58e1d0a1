"""The desk speaks Simplified Chinese by default: every source string has a finished Chinese entry in
desk_zh_CN.ts, the .ts holds exactly what lupdate collects from the code, the .qm is what lrelease
makes of the .ts, and the running app answers every source with its Chinese entry."""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "desk" / "resources" / "i18n"
TS = I18N / "desk_zh_CN.ts"
QM = I18N / "desk_zh_CN.qm"
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\d")
MNEMONIC = re.compile(r"&[^&\s]")


def _tools():
    spec = importlib.util.spec_from_file_location("desk_tools_i18n", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(path: Path) -> list[dict]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            out.append({"context": name, "source": msg.findtext("source"), "comment": msg.findtext("comment"),
                        "translation": tr.text if tr is not None else None,
                        "type": tr.get("type") if tr is not None else "missing",
                        "numerus": msg.get("numerus") == "yes"})
    return out


def _key(m: dict) -> tuple:
    return m["context"], m["source"], m["comment"]


@pytest.fixture(scope="module")
def messages() -> list[dict]:
    return _messages(TS)


def test_every_entry_is_finished_in_chinese(messages):
    assert len(messages) > 300
    bad = [_key(m) for m in messages
           if m["type"] is not None or not (m["translation"] or "").strip() or not CJK.search(m["translation"])]
    assert bad == [], f"unfinished, obsolete or empty entries: {bad}"


def test_translations_keep_placeholders_and_mnemonics(messages):
    for m in messages:
        source, text = m["source"], m["translation"]
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), _key(m)
        if MNEMONIC.search(source):
            assert MNEMONIC.search(text), _key(m)  # 文件(&F): the Alt key still works in Chinese


def test_one_translation_means_one_thing_per_context(messages):
    """Two meanings never share one Chinese word on a screen: 事项类型 is the item type, 事项类别 its
    class, 事项性质 police or grid; a singular and its plural may."""
    same: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in messages:
        same[(m["context"], m["translation"])].add(m["source"].lower().rstrip("s"))
    shared = {k: v for k, v in same.items() if len(v) > 1}
    assert shared == {}
    by_source = {(m["context"], m["source"]): m["translation"] for m in messages}
    for ctx, item_type, category, matter in (("Errors", "item type", "category", "matter"),
                                              ("RegisterDialog", "Item type", "Class", "Matter"),
                                              ("QueueView", "Item type", "Category", "Matter")):
        assert [by_source[(ctx, s)] for s in (item_type, category, matter)] == ["事项类型", "事项类别", "事项性质"]
    assert (by_source[("QueueModel", "Category")], by_source[("QueueModel", "Matter")]) == ("事项类别", "事项性质")


def test_the_ts_holds_what_lupdate_collects(tmp_path, messages):
    """A tr() string added without its Chinese entry, or an entry whose string is gone, fails here:
    run `python tools/i18n.py` and translate what it marks unfinished."""
    tools = _tools()
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run([tools.tool("lupdate"), "-no-obsolete", "-locations", "none",
                    *[str(p.relative_to(ROOT)) for p in tools.SOURCES], "-ts", str(copy)],
                   cwd=ROOT, check=True, capture_output=True)
    fresh = _messages(copy)
    assert [_key(m) for m in fresh if m["type"] is not None] == []
    assert sorted(map(_key, fresh)) == sorted(map(_key, messages))


def test_the_qm_is_compiled_from_the_ts(tmp_path):
    tools = _tools()
    out = tmp_path / QM.name
    subprocess.run([tools.tool("lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run `python tools/i18n.py` to compile the .qm"


def test_the_qm_answers_every_source_in_chinese(qapp, messages):
    translator = QTranslator()
    assert translator.load(str(QM))
    for m in messages:
        if m["numerus"]:
            continue
        got = translator.translate(m["context"], m["source"], m["comment"])
        assert got == m["translation"], _key(m)


def test_the_installed_app_speaks_chinese(zh_app):
    from desk.ui.errors import describe
    from desk.ui.labels import label
    from desk.ui.queue_model import header_text
    from desk.ui.widgets import demo_caption

    assert demo_caption() == "演示数据"
    assert [header_text(c) for c in ("title", "category", "matter")] == ["事项标题", "事项类别", "事项性质"]
    assert label("item_type", "telecom_fraud") == "电信诈骗"

    class Locked(Exception):
        code = "storage_locked"
        params: dict = {}

    assert describe(Locked()) == "数据库暂时被其他席位占用，请稍后重试。"
