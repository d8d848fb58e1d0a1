"""Refresh the translation sources and compile them.

    python tools/i18n.py          # lupdate: collect tr() strings into resources/i18n/desk_zh_CN.ts
                                  # lrelease: compile every .ts into .qm next to it
Translators edit the .ts (Qt Linguist, or by hand); unfinished entries fall back to English.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "desk" / "resources" / "i18n"
LANGS = ("zh_CN",)
SOURCES = sorted(p for d in ("desk/ui", "desk/map") for p in (ROOT / d).glob("*.py"))


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        ts = I18N / f"desk_{lang}.ts"
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none",
                        *[str(p.relative_to(ROOT)) for p in SOURCES], "-ts", str(ts.relative_to(ROOT))],
                       cwd=ROOT, check=True)
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
