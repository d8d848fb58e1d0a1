"""Build the township map page once, with folium, as a local HTML file (no Qt here).

The page holds the static layers (grids, police cells, villages, key areas, workstations,
hazard points, shelters, evacuation routes). Incidents change all day, so they are not baked
in: the page's `window.desk` API (resources/web/desk-map/desk-map.js) receives them later.
Every script and stylesheet is a local file: the command room has no internet and the app
must never touch the network.
"""
from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
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
LEAFLET_DIR = RESOURCES_DIR / "web" / "leaflet"
ASSETS_DIR = RESOURCES_DIR / "web" / "desk-map"

# Shown when there is no geometry at all yet (fresh install): mainland China.
_FALLBACK_BOUNDS: Bounds = ((18.0, 73.0), (54.0, 135.0))


def empty_collection() -> FeatureCollection:
    return {"type": "FeatureCollection", "features": []}


@dataclass(frozen=True)
class MapLayers:
    """The static layers, as GeoJSON FeatureCollections whose features carry an integer `id`."""

    grids: FeatureCollection = field(default_factory=empty_collection)  # {id, code, name, unit, kind}
    cells: FeatureCollection = field(default_factory=empty_collection)  # {id, code, name, officers}
    units: FeatureCollection = field(default_factory=empty_collection)  # {id, name}
    areas: FeatureCollection = field(default_factory=empty_collection)  # {id, name, kind}
    workstations: FeatureCollection = field(default_factory=empty_collection)  # {id, name, theme}
    hazards: FeatureCollection = field(default_factory=empty_collection)  # {id, name, risk, households, persons}
    shelters: FeatureCollection = field(default_factory=empty_collection)  # {id, name, capacity, occupancy}
    routes: FeatureCollection = field(default_factory=empty_collection)  # {id, name}
    bounds: Bounds | None = None  # None: fit whatever geometry there is

    def collections(self) -> dict[str, FeatureCollection]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "bounds"}


@dataclass(frozen=True)
class Palette:
    """Map colours for one theme. Each field is also a CSS variable (`grid_fill` → --desk-grid-fill)
    so the legend and the point symbols use exactly the colours the layers are drawn with."""

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

    def css(self) -> str:
        decls = "".join(f"--desk-{f.name.replace('_', '-')}: {getattr(self, f.name)};" for f in fields(self))
        return f"<style>:root {{{decls}}}</style>"


PALETTES: dict[str, Palette] = {
    "light": Palette(
        background="#eef1f4", panel="#ffffff", text="#1f2a36", halo="#ffffff",
        grid="#6b7f95", grid_fill="#d5dee8", cell="#0b47b8", unit="#8795a3", unit_label="#263238",
        area="#7b1fa2",
        route="#2e7d32", workstation="#00796b", hazard="#6d4c41", shelter="#2e7d32",
    ),
    # The wall display: dark room, seen from across it, so lines are lighter and heavier.
    "dark": Palette(
        background="#0d1520", panel="#16212e", text="#dce4ec", halo="#0d1520",
        grid="#7f93a8", grid_fill="#22324a", cell="#64a8ff", unit="#55677a", unit_label="#dce4ec",
        area="#ce93d8",
        route="#66bb6a", workstation="#4db6ac", hazard="#bcaaa4", shelter="#81c784",
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
}


def labels_for(overrides: Mapping[str, str] | None) -> dict[str, str]:
    unknown = set(overrides or {}) - set(DEFAULT_LABELS)
    if unknown:
        raise ValueError(f"unknown map labels: {', '.join(sorted(unknown))}")
    return {**DEFAULT_LABELS, **(overrides or {})}


def _polygon_styles(p: Palette) -> dict[str, dict[str, Any]]:
    # Leaflet path options. Cells have no fill so the grid underneath shows through:
    # reading both layers at once is the point of the map.
    return {
        "grids": {"color": p.grid, "weight": 1, "opacity": 0.9, "fillColor": p.grid_fill, "fillOpacity": 0.45},
        "areas": {"color": p.area, "weight": 1.5, "opacity": 0.9, "dashArray": "2 3",
                  "fillColor": "url(#desk-hatch)", "fillOpacity": 1},
        # Village borders are a wide muted band under the cells, so the cells' dashes stay
        # legible where both follow the same line (they often do).
        "units": {"color": p.unit, "weight": 5, "opacity": 0.6, "fill": False},
        "cells": {"color": p.cell, "weight": 2.5, "opacity": 1, "dashArray": "8 5", "fill": False},
        "routes": {"color": p.route, "weight": 5, "opacity": 0.9, "lineCap": "round", "lineJoin": "round"},
    }


# Drawing order, bottom to top; desk.init restores it when an overlay is toggled back on.
_PATH_LAYERS = ("grids", "areas", "units", "cells", "routes")
_POINT_LAYERS = ("workstations", "hazards", "shelters")


def _hatch_svg(p: Palette) -> str:
    # A pattern referenced by the key areas' fill (`url(#desk-hatch)`); Leaflet's SVG renderer
    # writes fillColor straight into the fill attribute, so a document-level pattern works.
    return (
        '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
        '<pattern id="desk-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{p.area}" fill-opacity="0.10"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{p.area}" stroke-width="2.5" stroke-opacity="0.45"/>'
        "</pattern></defs></svg>"
    )


@cache
def _folium() -> SimpleNamespace:
    """folium and the page's folium classes, imported when the first page is built: a desk started on
    another view (or the first-run page) never pays for importing folium, branca and jinja."""
    import folium
    from branca.element import Element, MacroElement
    from folium.template import Template
    from folium.utilities import JsCode

    class LocalMap(folium.Map):
        """A folium.Map that links only the vendored Leaflet and our own assets, as file:// URLs.

        folium's defaults pull Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; none of them
        is needed (no popups with jQuery, no awesome-markers), and the network is off limits.
        Instance lists, not class lists: folium's add_js_link mutates them in place.
        """

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(tiles=None, **kwargs)
            self.default_js = [
                ("leaflet", (LEAFLET_DIR / "leaflet.js").as_uri()),
                ("desk_map", (ASSETS_DIR / "desk-map.js").as_uri()),
            ]
            self.default_css = [
                ("leaflet_css", (LEAFLET_DIR / "leaflet.css").as_uri()),
                ("desk_map_css", (ASSETS_DIR / "desk-map.css").as_uri()),
            ]

    class _DeskConfigure(MacroElement):
        """Hands labels and theme to desk-map.js before any layer is created."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                window.desk.configure({{ this.config|tojson }});
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
                    layerControl: {{ this.control.get_name() }},
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

        def __init__(self, control: folium.LayerControl, layers: Mapping[str, folium.GeoJson],
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
    for fc in layers.collections().values():
        for feature in fc.get("features", []):
            geometry = feature.get("geometry") or {}
            for lon, lat in _positions(geometry.get("coordinates", [])):
                lons.append(lon)
                lats.append(lat)
    if not lats:
        return None
    return (min(lats), min(lons)), (max(lats), max(lons))


def _path_layer(role: str, fc: FeatureCollection, name: str, style: dict[str, Any],
                highlight: dict[str, Any] | None) -> folium.GeoJson:
    fm = _folium()
    on_each = "desk.unitLabel" if role == "units" else f"desk.tip({role!r})"
    return fm.folium.GeoJson(
        fc,
        name=name,
        style_function=lambda _feature, s=style: s,
        highlight_function=(lambda _feature, h=highlight: h) if highlight else None,
        on_each_feature=fm.JsCode(on_each),
    )


def _point_layer(role: str, fc: FeatureCollection, name: str) -> folium.GeoJson:
    # pointToLayer is passed as a raw Leaflet option: folium spreads extra options after its
    # own, and desk.pointLayer draws each kind as a CSS shape (no icon fonts, no images).
    fm = _folium()
    return fm.folium.GeoJson(
        fc,
        name=name,
        on_each_feature=fm.JsCode(f"desk.tip({role!r})"),
        point_to_layer=fm.JsCode(f"desk.pointLayer({role!r})"),
    )


def render_page(layers: MapLayers, theme: str = "light", lang: str = "zh_CN",
                value_labels: Mapping[str, Mapping[str, str]] | None = None,
                labels: Mapping[str, str] | None = None) -> str:
    """The page's HTML text (build_page writes it to a file). See build_page for the label arguments."""
    if theme not in PALETTES:
        raise ValueError(f"unknown map theme {theme!r}; expected one of {sorted(PALETTES)}")
    palette = PALETTES[theme]
    labels = labels_for(labels)
    bounds = layers.bounds or data_bounds(layers) or _FALLBACK_BOUNDS
    (south, west), (north, east) = bounds

    fm = _folium()
    m = fm.LocalMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=13,
        zoom_snap=0.25,  # fit the township snugly, not to the next whole zoom level down
        zoom_delta=0.5,
        attribution_control=False,  # no tiles to credit, and its link would leave the app
    )
    root = m.get_root()
    root.title = labels["grids"] + " · " + labels["cells"]
    root.header.add_child(fm.Element(palette.css()), name="desk_palette")
    root.html.add_child(fm.Element(_hatch_svg(palette)), name="desk_hatch")
    m.add_child(fm.DeskConfigure({
        "theme": theme,
        "lang": "en" if lang.lower().startswith("en") else "zh_CN",
        "labels": labels,
        "values": {vocab: dict(names) for vocab, names in (value_labels or {}).items()},
    }))

    # folium may add ids or wrap data in place; the caller's dicts stay untouched.
    collections = copy.deepcopy(layers.collections())
    styles = _polygon_styles(palette)
    highlights = {"grids": {**styles["grids"], "weight": 2.5, "fillOpacity": 0.65}}
    created: dict[str, folium.GeoJson] = {}
    for role in _PATH_LAYERS + _POINT_LAYERS:
        fc = collections[role]
        if not fc.get("features"):
            continue  # an empty overlay would only clutter the layer control
        if role in _PATH_LAYERS:
            layer = _path_layer(role, fc, labels[role], styles[role], highlights.get(role))
        else:
            layer = _point_layer(role, fc, labels[role])
        m.add_child(layer)
        created[role] = layer

    control = fm.folium.LayerControl(position="topright", collapsed=True)
    m.add_child(control)
    m.add_child(fm.DeskInit(control, created, bounds))
    return root.render()


def build_page(layers: MapLayers, out_dir: Path, theme: str = "light", lang: str = "zh_CN",
               value_labels: Mapping[str, Mapping[str, str]] | None = None,
               labels: Mapping[str, str] | None = None) -> Path:
    """Write the map page into out_dir and return its path (load it by file URL, not setHtml).

    value_labels translates stored keys shown in tooltips, by vocabulary: "risk" (hazard risk),
    "patrol_area" (key-area kind) and "theme" (workstation theme), e.g. {"risk": {"high": "高"}}.
    The UI owns those translations; a key without one is shown as stored. labels replaces the page's
    own texts (legend, layer names, tooltip captions; keys of DEFAULT_LABELS), English by default.
    """
    html = render_page(layers, theme=theme, lang=lang, value_labels=value_labels, labels=labels)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"map-{theme}-{'en' if lang.lower().startswith('en') else 'zh_CN'}.html"
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
