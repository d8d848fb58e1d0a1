"""The map as a standalone folder: index.html, the scripts and styles it uses, and the data shown now.

For a joint meeting on a presentation laptop: no app, no network, any browser. The page is the one
the desk built (page.py), its file:// links rewritten to copies beside it, with the current
incidents, overlays and grid fill baked into one more script that runs once the map is up.
A tile base map is not carried along (its tiles live in the app, desk-tiles:, or on an intranet
server): the exported page drops it and shows the plain background. The vector base map is part of
the page and comes with it.
"""
from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from desk.map.page import WEB_DIR, FeatureCollection

ASSETS = "assets"
_LINK = re.compile(r'(<(?:script|link)\b[^>]*?\b(?:src|href)=")(file://[^"]+)(")')
_OVERLAYS = ("staff", "gauges", "coverage", "search")


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element (no "</script>", no line separators)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _collection(name: str, fc: Mapping[str, Any]) -> FeatureCollection:
    if not isinstance(fc, Mapping) or fc.get("type") != "FeatureCollection" \
            or not isinstance(fc.get("features"), list):
        raise ValueError(f"{name}: expected a GeoJSON FeatureCollection")
    return {"type": "FeatureCollection", "features": list(fc["features"])}


def _measure(grid_measure: Sequence[Any]) -> list[Any]:
    if not 2 <= len(grid_measure) <= 3:
        raise ValueError("grid_measure: expected (measure, values) or (measure, values, opts)")
    measure, values, *rest = grid_measure
    if not isinstance(values, Mapping):
        raise ValueError(f"grid_measure {measure!r}: values must map grid ids to values")
    return [measure, {str(k): v for k, v in values.items()}, dict(rest[0]) if rest and rest[0] else {}]


def _copy_asset(url: str, out_dir: Path) -> str:
    """Copy the vendored folder a file:// link points into (stylesheets refer to images beside them)
    and return the link relative to index.html."""
    path = Path(unquote(urlparse(url).path))
    try:
        rel = path.resolve().relative_to(WEB_DIR.resolve())
    except ValueError:
        raise ValueError(f"the map page links a file outside the desk's web assets: {url}") from None
    folder = rel.parts[0]
    target = out_dir / ASSETS / folder
    if not target.is_dir():
        shutil.copytree(WEB_DIR / folder, target)
    return f"{ASSETS}/{rel.as_posix()}"


def export_html(page_file: Path, out_dir: Path, incidents: Mapping[str, Any],
                overlays: Mapping[str, Mapping[str, Any]] | None = None,
                grid_measure: Sequence[Any] | None = None) -> Path:
    """Write page_file as out_dir/index.html with its assets under out_dir/assets and the given data
    baked in: incidents (a FeatureCollection), overlays {role: FeatureCollection} for "staff",
    "gauges", "coverage", "search", and grid_measure (measure, values[, opts]) as for setGridMeasure.
    Returns the index.html path. out_dir may exist; what the export writes is replaced."""
    html = Path(page_file).read_text(encoding="utf-8")
    data: dict[str, Any] = {"incidents": _collection("incidents", incidents), "overlays": {}, "measure": None}
    for role, fc in (overlays or {}).items():
        if role not in _OVERLAYS:
            raise ValueError(f"unknown overlay {role!r}; expected one of {', '.join(_OVERLAYS)}")
        data["overlays"][role] = _collection(f"overlay {role}", fc)
    if grid_measure:
        data["measure"] = _measure(grid_measure)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if (out_dir / ASSETS).is_dir():
        shutil.rmtree(out_dir / ASSETS)  # assets of an earlier export may be of an older desk
    html = _LINK.sub(lambda m: m.group(1) + _copy_asset(m.group(2), out_dir) + m.group(3), html)
    bake = (
        "<script>\n"
        "window.desk.onReady(function (desk) {\n"
        "  desk.dropTiles();\n"
        f"  var data = {_script_json(data)};\n"
        "  desk.setIncidents(data.incidents);\n"
        "  Object.keys(data.overlays).forEach(function (role) { desk.setOverlay(role, data.overlays[role]); });\n"
        "  if (data.measure) desk.setGridMeasure(data.measure[0], data.measure[1], data.measure[2]);\n"
        "});\n"
        "</script>\n"
    )
    end = html.rfind("</html>")
    html = html[:end] + bake + html[end:] if end >= 0 else html + bake
    index = out_dir / "index.html"
    index.write_text(html, encoding="utf-8")
    return index
