"""Build the township map page once, with folium, as a local HTML file (no Qt here).

The page holds the static layers (grids, police cells, villages, key areas, workstations,
hazard points, shelters, evacuation routes) over an offline base map. Incidents, overlays and
grid measures change all day, so they are not baked in: the page's `window.desk` API
(resources/web/desk-map/*.js) receives them later. Every script and stylesheet is a local file:
the command room has no internet and the app must never touch the network.
"""
from __future__ import annotations

import copy
import math
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from desk.paths import resources_dir

if TYPE_CHECKING:
    import folium

FeatureCollection = dict[str, Any]
Bounds = tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))

RESOURCES_DIR = resources_dir()
WEB_DIR = RESOURCES_DIR / "web"
LEAFLET_DIR = WEB_DIR / "leaflet"
CLUSTER_DIR = WEB_DIR / "leaflet.markercluster"
HEAT_DIR = WEB_DIR / "leaflet.heat"
ASSETS_DIR = WEB_DIR / "desk-map"

# The page's scripts and stylesheets, in load order (export.py copies exactly these).
PAGE_SCRIPTS = (
    LEAFLET_DIR / "leaflet.js",
    CLUSTER_DIR / "leaflet.markercluster.js",
    HEAT_DIR / "leaflet-heat.js",
    ASSETS_DIR / "desk-draw.js",
    ASSETS_DIR / "desk-labels.js",
    ASSETS_DIR / "desk-map.js",
)
PAGE_STYLES = (LEAFLET_DIR / "leaflet.css", CLUSTER_DIR / "MarkerCluster.css", ASSETS_DIR / "desk-map.css")

# Shown when there is no geometry at all yet (fresh install): mainland China.
_FALLBACK_BOUNDS: Bounds = ((18.0, 73.0), (54.0, 135.0))


def empty_collection() -> FeatureCollection:
    return {"type": "FeatureCollection", "features": []}


@dataclass(frozen=True)
class MapLayers:
    """The static layers, as GeoJSON FeatureCollections whose features carry an integer `id`."""

    grids: FeatureCollection = field(default_factory=empty_collection)  # {id, code, name, unit, kind,
    #                                                                       households, population}
    cells: FeatureCollection = field(default_factory=empty_collection)  # {id, code, name, officers,
    #                                                                       officer_count, pattern}
    units: FeatureCollection = field(default_factory=empty_collection)  # {id, name}
    areas: FeatureCollection = field(default_factory=empty_collection)  # {id, name, kind}
    workstations: FeatureCollection = field(default_factory=empty_collection)  # {id, name, theme}
    hazards: FeatureCollection = field(default_factory=empty_collection)  # {id, name, risk, households, persons}
    shelters: FeatureCollection = field(default_factory=empty_collection)  # {id, name, capacity, occupancy}
    routes: FeatureCollection = field(default_factory=empty_collection)  # {id, name}
    # The vector base map: {kind: road|river|water|contour|relief, name, rank}; drawn only when the
    # page's BaseMapSpec is "vector". It may reach beyond the township, so it never sets the bounds.
    base: FeatureCollection = field(default_factory=empty_collection)
    bounds: Bounds | None = None  # None: fit whatever geometry there is

    def collections(self) -> dict[str, FeatureCollection]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "bounds"}


BASE_KINDS = ("vector", "tiles", "none")
# desk-tiles: MBTiles served by the app itself; http(s): an intranet tile server the widget lets through
# (MapWidget.allow_prefix); file: a tile folder on disk.
TILE_SCHEMES = ("desk-tiles", "http", "https", "file")
MAX_ZOOM = 19


@dataclass(frozen=True)
class BaseMapSpec:
    """What the map draws under everything.

    "vector": MapLayers.base, drawn from the township's own data; "tiles": an XYZ URL template
    (`desk-tiles://local/{z}/{x}/{y}`, or an intranet server), min_zoom..max_zoom being the zooms the
    tiles exist for (deeper zooms enlarge max_zoom's tiles); "none": the plain background.
    The attribution is shown as plain text, never as a link."""

    kind: str = "vector"
    url: str = ""
    attribution: str = ""
    min_zoom: int = 0
    max_zoom: int = 18

    def __post_init__(self) -> None:
        if self.kind not in BASE_KINDS:
            raise ValueError(f"unknown base map kind {self.kind!r}; expected one of {', '.join(BASE_KINDS)}")
        if not 0 <= self.min_zoom <= self.max_zoom <= 22:
            raise ValueError(f"base map zooms {self.min_zoom}..{self.max_zoom} are not a range within 0..22")
        if self.kind == "tiles":
            missing = [key for key in ("{z}", "{x}", "{y}") if key not in self.url]
            if missing:
                raise ValueError(f"tile URL {self.url!r} lacks {', '.join(missing)}")
            scheme = self.url.split(":", 1)[0].lower()
            if scheme not in TILE_SCHEMES:
                raise ValueError(f"tile URL {self.url!r}: scheme {scheme!r} is not one of {', '.join(TILE_SCHEMES)}")


@dataclass(frozen=True)
class Palette:
    """Map colours for one theme. Each text field is also a CSS variable (`grid_fill` → --desk-grid-fill)
    so the legend and the symbols use exactly the colours the layers are drawn with; the page's canvas
    drawing gets the same values (tuples are ramps: grid measure classes, heat gradient)."""

    background: str
    panel: str
    text: str
    halo: str
    grid: str
    grid_fill: str
    cell: str
    unit: str
    unit_label: str
    area: str
    route: str
    workstation: str
    hazard: str
    shelter: str
    staff: str
    gauge: str
    coverage: str
    search: str
    select: str  # selection and focus; no card, warning level or layer uses it
    road: str
    road_casing: str
    river: str
    water: str
    contour: str
    relief: str
    measure: tuple[str, ...]  # class 0 (zero) then five rising classes
    measure_cards: tuple[str, str, str]  # worst card none, yellow, red (as fills: tints, not the card colours)
    heat: tuple[str, str, str, str]

    def css(self) -> str:
        decls = "".join(f"--desk-{f.name.replace('_', '-')}: {getattr(self, f.name)};"
                        for f in fields(self) if isinstance(getattr(self, f.name), str))
        return f"<style>:root {{{decls}}}</style>"


PALETTES: dict[str, Palette] = {
    "light": Palette(
        background="#eef1f4", panel="#ffffff", text="#1f2a36", halo="#ffffff",
        grid="#6b7f95", grid_fill="#d5dee8", cell="#0b47b8", unit="#8795a3", unit_label="#263238",
        area="#7b1fa2",
        route="#2e7d32", workstation="#00796b", hazard="#6d4c41", shelter="#2e7d32",
        staff="#3949ab", gauge="#37474f", coverage="#2e7d32", search="#00838f", select="#d500f9",
        road="#ffffff", road_casing="#a9b3be", river="#4f8fcf", water="#b7d1ea", contour="#b39b7f",
        relief="#6d5c4a",
        measure=("#f3f7f5", "#cfe9df", "#98d3bd", "#5bb495", "#2a896b", "#0d5b45"),
        measure_cards=("#dde8df", "#fbe0a0", "#f1aca6"),
        heat=("#c9b8e8", "#9d7fd0", "#7b3fb0", "#4a0d78"),
    ),
    # The wall display: dark room, seen from across it, so lines are lighter and heavier.
    "dark": Palette(
        background="#0d1520", panel="#16212e", text="#dce4ec", halo="#0d1520",
        grid="#7f93a8", grid_fill="#22324a", cell="#64a8ff", unit="#55677a", unit_label="#dce4ec",
        area="#ce93d8",
        route="#66bb6a", workstation="#4db6ac", hazard="#bcaaa4", shelter="#81c784",
        staff="#9fa8da", gauge="#b0bec5", coverage="#81c784", search="#4dd0e1", select="#ea80fc",
        road="#3a4757", road_casing="#0a1119", river="#4a80b3", water="#1a3250", contour="#5f5040",
        relief="#000000",
        measure=("#1b2631", "#1d3f37", "#225a49", "#2d795e", "#48a47e", "#84d2aa"),
        measure_cards=("#243440", "#5c4a12", "#602521"),
        heat=("#4a2a7a", "#7d55c0", "#b38de0", "#efe0ff"),
    ),
}

# English names of the page's own texts. The UI passes translated ones (desk/ui/map_view.py, via tr()).
DEFAULT_LABELS: dict[str, str] = {
    "grids": "Grids", "cells": "Police cells", "units": "Villages/communities",
    "areas": "Key areas", "workstations": "Workstations", "hazards": "Hazard points",
    "shelters": "Shelters", "routes": "Evacuation routes", "incidents": "Incidents",
    "card_none": "No card", "card_yellow": "Yellow card", "card_red": "Red card",
    "legend": "Legend", "code": "Code", "unit": "Unit", "kind": "Type", "officers": "Officers",
    "theme": "Theme", "risk": "Risk", "households": "Households", "persons": "Persons",
    "capacity": "Capacity", "occupancy": "Sheltered",
    "kind_basic": "Basic grid", "kind_special": "Special grid",
    # Cards on the map: the badge glyphs (one character each: zh_CN passes 黄 / 红), clusters, status.
    "badge_yellow": "Y", "badge_red": "R",
    "cluster": "Group of incidents (red / yellow count)",
    "status_registered": "Not yet dispatched",
    "heat": "Incidents, last 30 days (density)",
    # Grids and police cells.
    "population": "Population", "officer_count": "Number of officers", "pattern": "Grid–cell pattern",
    "pattern_one_to_one": "One grid, one cell",
    "pattern_one_grid_many_cells": "One grid, several cells",
    "pattern_one_cell_many_grids": "One cell, several grids",
    # Grid fill by a measure (legend block titles) and its classes.
    "measure_open": "Open incidents", "measure_card": "Worst card",
    "measure_households": "Households", "measure_population": "Population",
    "measure_visits_overdue": "Home visits overdue",
    "no_data": "No data",
    # Live overlays.
    "staff": "Staff on duty", "role": "Role", "at": "Last known at",
    "gauges": "Gauges", "gauge_rain": "Rain gauge", "gauge_river": "River gauge", "value": "Reading",
    "level": "Level", "level_normal": "Normal", "level_warn": "Warning", "level_danger": "Danger",
    "coverage": "Patrol coverage today", "coverage_done": "Patrols done",
    "coverage_full": "All planned patrols done", "coverage_part": "Some done", "coverage_none": "None done",
    "search": "Search result",
    # Leaflet's own controls.
    "zoom_in": "Zoom in", "zoom_out": "Zoom out", "layers": "Layers",
}


def labels_for(overrides: Mapping[str, str] | None) -> dict[str, str]:
    unknown = set(overrides or {}) - set(DEFAULT_LABELS)
    if unknown:
        raise ValueError(f"unknown map labels: {', '.join(sorted(unknown))}")
    return {**DEFAULT_LABELS, **(overrides or {})}


# Drawn by folium as GeoJSON layers; desk-map.js styles them and orders them on one canvas.
_PATH_LAYERS = ("grids", "areas", "units", "cells", "routes")
_POINT_LAYERS = ("workstations", "hazards", "shelters")
# Polygons whose names the page places by zoom; they get a label anchor (see _label_anchor).
_LABELLED = ("grids", "cells", "units")
_METRES_PER_DEGREE = 111_320.0


@cache
def _folium() -> SimpleNamespace:
    """folium and the page's folium classes, imported when the first page is built: a desk started on
    another view (or the first-run page) never pays for importing folium, branca and jinja."""
    import folium
    from branca.element import Element, MacroElement
    from folium.template import Template
    from folium.utilities import JsCode

    class LocalMap(folium.Map):
        """A folium.Map that links only the vendored scripts and our own assets, as file:// URLs.

        folium's defaults pull Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; none of them
        is needed (no popups with jQuery, no awesome-markers), and the network is off limits.
        Instance lists, not class lists: folium's add_js_link mutates them in place.
        """

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(tiles=None, **kwargs)
            self.default_js = [(path.stem, path.as_uri()) for path in PAGE_SCRIPTS]
            self.default_css = [(path.stem + "_css", path.as_uri()) for path in PAGE_STYLES]

    class _DeskConfigure(MacroElement):
        """Hands labels, theme and base map to desk-map.js before any layer is created."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                window.desk.configure({{ this.config|tojson }}, {{ this._parent.get_name() }});
            {% endmacro %}
            """
        )

        def __init__(self, config: Mapping[str, Any]) -> None:
            super().__init__()
            self._name = "DeskConfigure"
            self.config = dict(config)

    class _DeskInit(MacroElement):
        """Last script on the page: hands the map, its layers and layer control to desk-map.js,
        which adds the legend and incident layer, fits the bounds and reports ready."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                window.desk.init({{ this._parent.get_name() }}, {
                    layerControl: {{ this.control.get_name() if this.control else "null" }},
                    layers: {
                    {%- for role, layer in this.layers.items() %}
                        {{ role|tojson }}: {{ layer.get_name() }},
                    {%- endfor %}
                    },
                    bounds: {{ this.bounds|tojson }},
                });
            {% endmacro %}
            """
        )

        def __init__(self, control: folium.LayerControl | None, layers: Mapping[str, folium.GeoJson],
                     bounds: Bounds) -> None:
            super().__init__()
            self._name = "DeskInit"
            self.control = control
            self.layers = dict(layers)
            self.bounds = [list(bounds[0]), list(bounds[1])]

    return SimpleNamespace(folium=folium, Element=Element, JsCode=JsCode, LocalMap=LocalMap,
                           DeskConfigure=_DeskConfigure, DeskInit=_DeskInit)


def _positions(coords: Any) -> Iterator[tuple[float, float]]:
    """All (lon, lat) positions in a GeoJSON coordinates array, however deeply nested."""
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        yield float(coords[0]), float(coords[1])
    elif isinstance(coords, (list, tuple)):
        for c in coords:
            yield from _positions(c)


def data_bounds(layers: MapLayers) -> Bounds | None:
    lons: list[float] = []
    lats: list[float] = []
    for role, fc in layers.collections().items():
        if role == "base":
            continue
        for feature in fc.get("features", []):
            geometry = feature.get("geometry") or {}
            for lon, lat in _positions(geometry.get("coordinates", [])):
                lons.append(lon)
                lats.append(lat)
    if not lats:
        return None
    return (min(lats), min(lons)), (max(lats), max(lons))


def _label_anchor(geometry: Mapping[str, Any] | None) -> list[float] | None:
    """[lat, lon, room in metres] for a polygon's name: the centre of the largest circle inside it
    (shapely's polylabel) and that circle's radius, so the page can tell at each zoom whether the
    name fits, without measuring polygons in the browser. Works in a locally square frame (longitude
    scaled by cos(latitude)) so the radius is the same in every direction."""
    from shapely import affinity
    from shapely.errors import ShapelyError
    from shapely.geometry import shape
    from shapely.ops import polylabel

    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    try:
        geom = shape(geometry)
        if geom.is_empty:
            return None
        k = math.cos(math.radians(geom.centroid.y)) or 1.0
        square = affinity.scale(geom, xfact=k, yfact=1.0, origin=(0, 0))
        if not square.is_valid:  # self-touching rings from digitising; polylabel needs a valid ring
            square = square.buffer(0)
        parts = list(getattr(square, "geoms", [square]))
        largest = max(parts, key=lambda part: part.area)
        if largest.is_empty or largest.area <= 0:
            return None
        minx, miny, maxx, maxy = largest.bounds
        point = polylabel(largest, tolerance=max(maxx - minx, maxy - miny) / 100)
        room = largest.boundary.distance(point) * _METRES_PER_DEGREE
    except (ShapelyError, ValueError, TypeError, KeyError, IndexError):
        return None  # the page falls back to the polygon's centre
    return [round(point.y, 7), round(point.x / k, 7), round(room, 1)]


def _with_label_anchors(fc: FeatureCollection) -> FeatureCollection:
    for feature in fc.get("features", []):
        anchor = _label_anchor(feature.get("geometry"))
        if anchor is not None:
            feature.setdefault("properties", {})["_label"] = anchor
    return fc


def _geojson_layer(role: str, fc: FeatureCollection, name: str, *, control: bool = True) -> folium.GeoJson:
    # Style, renderer and per-feature hooks are raw Leaflet options (folium spreads extra options after
    # its own): desk-map.js draws every layer on one shared canvas, in its own order, with its own hover.
    fm = _folium()
    options: dict[str, Any] = {
        "style": fm.JsCode(f"desk.style({role!r})"),
        "renderer": fm.JsCode(f"desk.renderer({role!r})"),
    }
    if role in _POINT_LAYERS:
        options["point_to_layer"] = fm.JsCode(f"desk.pointLayer({role!r})")
    if role == "base":
        options["interactive"] = False
    return fm.folium.GeoJson(fc, name=name, control=control,
                             on_each_feature=fm.JsCode(f"desk.feature({role!r})"), **options)


def _lang(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "zh_CN"


def render_page(layers: MapLayers, theme: str = "light", lang: str = "zh_CN",
                value_labels: Mapping[str, Mapping[str, str]] | None = None,
                labels: Mapping[str, str] | None = None, base: BaseMapSpec | None = None,
                controls: bool = True) -> str:
    """The page's HTML text (build_page writes it to a file). See build_page for the arguments."""
    if theme not in PALETTES:
        raise ValueError(f"unknown map theme {theme!r}; expected one of {sorted(PALETTES)}")
    palette = PALETTES[theme]
    labels = labels_for(labels)
    base = base or BaseMapSpec()
    bounds = layers.bounds or data_bounds(layers) or _FALLBACK_BOUNDS
    (south, west), (north, east) = bounds

    fm = _folium()
    m = fm.LocalMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=13,
        zoom_snap=0.25,  # fit the township snugly, not to the next whole zoom level down
        zoom_delta=0.5,
        zoom_control=False,  # desk-map.js adds one with translated titles (or none on the wall)
        attribution_control=False,  # tiles get a text-only one; Leaflet's own would link out
    )
    root = m.get_root()
    root.title = labels["grids"] + " · " + labels["cells"]
    root.header.add_child(fm.Element(palette.css()), name="desk_palette")
    m.add_child(fm.DeskConfigure({
        "theme": theme,
        "lang": _lang(lang),
        "labels": labels,
        "values": {vocab: dict(names) for vocab, names in (value_labels or {}).items()},
        "palette": asdict(palette),
        "base": asdict(base),
        "controls": bool(controls),
        "maxZoom": MAX_ZOOM,
    }))

    # folium may add ids or wrap data in place, and label anchors are added here: the caller's dicts
    # stay untouched.
    collections = copy.deepcopy(layers.collections())
    created: dict[str, folium.GeoJson] = {}
    if base.kind == "vector" and collections["base"].get("features"):
        m.add_child(_geojson_layer("base", collections["base"], "base", control=False))
    for role in _PATH_LAYERS + _POINT_LAYERS:
        fc = collections[role]
        if not fc.get("features"):
            continue  # an empty overlay would only clutter the layer control
        if role in _LABELLED:
            _with_label_anchors(fc)
        layer = _geojson_layer(role, fc, labels[role])
        m.add_child(layer)
        created[role] = layer

    control = None
    if controls:
        control = fm.folium.LayerControl(position="topright", collapsed=True)
        m.add_child(control)
    m.add_child(fm.DeskInit(control, created, bounds))
    return root.render()


def page_name(theme: str, lang: str) -> str:
    return f"map-{theme}-{_lang(lang)}.html"


def build_page(layers: MapLayers, out_dir: Path, theme: str = "light", lang: str = "zh_CN",
               value_labels: Mapping[str, Mapping[str, str]] | None = None,
               labels: Mapping[str, str] | None = None, base: BaseMapSpec | None = None,
               controls: bool = True) -> Path:
    """Write the map page into out_dir and return its path (load it by file URL, not setHtml).

    value_labels translates stored keys shown in tooltips, by vocabulary: "risk" (hazard risk),
    "patrol_area" (key-area kind), "theme" (workstation theme) and "staff_role" (staff overlay),
    e.g. {"risk": {"high": "高"}}. The UI owns those translations; a key without one is shown as
    stored. labels replaces the page's own texts (legend, layer names, tooltip captions, badge glyphs,
    control titles; keys of DEFAULT_LABELS), English by default. base chooses the base map (vector
    from layers.base by default); controls=False leaves out the zoom and layer controls (the wall).
    """
    html = render_page(layers, theme=theme, lang=lang, value_labels=value_labels, labels=labels, base=base,
                       controls=controls)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / page_name(theme, lang)
    # Write then rename, so a view reloading the page never reads half a file.
    fd, tmp = tempfile.mkstemp(prefix=".map-", suffix=".html", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
