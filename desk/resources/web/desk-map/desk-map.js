/* desk map page API: window.desk.
 *
 * The page is built once by desk/map/page.py (folium); this file turns it into a live view.
 * Python pushes incident diffs (setIncidents / upsertIncidents / removeIncidents), the 30-day heat,
 * a grid measure, live overlays and camera moves; the page reports clicks to a host object (the Qt
 * bridge, attached by a script that the widget injects) and says when it is ready. Everything
 * interactive is drawn on one canvas (desk-draw.js), names are placed without overlap
 * (desk-labels.js). Nothing here touches the network.
 */
(function () {
  "use strict";

  var D = window.DeskDraw;
  var CARD_RANK = { none: 0, yellow: 1, red: 2 };
  var MODES = ["cluster", "points", "heat"];
  var MEASURES = ["open", "card", "households", "population", "visits_overdue"];
  var OVERLAYS = ["staff", "gauges", "coverage", "search"];
  var STATIC_ROLES = ["grids", "areas", "units", "cells", "routes", "workstations", "hazards", "shelters"];
  var PATH_ROLES = ["grids", "areas", "units", "cells", "routes", "coverage"];
  // Drawing order on the shared canvas, bottom to top (labels sit between areas and points).
  var Z = {
    grids: 10, coverage: 15, areas: 20, units: 30, cells: 40, routes: 50, labels: 58,
    workstations: 60, hazards: 60, shelters: 60, staff: 62, gauges: 64,
    incidents: 70, highlighted: 80, search: 90,
  };
  var BASE_Z = { relief: 1, water: 2, contour: 3, river: 4, road: 6 };
  var SHAPE = { workstations: "workstation", hazards: "hazard", shelters: "shelter", staff: "staff" };
  var FOCUS_ZOOM = 15;
  var UNCLUSTER_ZOOM = 16; // from here on every incident is drawn on its own
  var PULSE_MS = 1600;
  var LEVEL_TEXT = {
    light: { normal: null, warn: "#e65100", danger: "#c62828" },
    dark: { normal: null, warn: "#ffb74d", danger: "#ff6b6b" },
  };

  var desk = {
    ready: false,
    _map: null,
    _labels: {},
    _values: {}, // vocabulary -> stored key -> display name (from the UI's translations)
    _theme: "light",
    _lang: "zh_CN",
    _palette: {},
    _base: { kind: "vector" },
    _controls: true,
    _layers: {}, // static role -> its GeoJSON layer
    _index: {}, // role -> Map(id -> layer), for focus, selection and clicks
    _markers: new Map(), // incident id -> marker (D.IncidentMarker)
    _mode: "cluster",
    _holder: null, // the group the incident markers live in: the cluster group or the plain one
    _restyles: 0, // incident markers restyled (a changed card, status or highlight); tests count them
    _highlighted: null,
    _overlays: {}, // overlay role -> feature group
    _inControl: {}, // overlay role -> true once it has an entry in the layer control
    _measure: null,
    _selected: null,
    _hasBase: false,
    _baseLabels: [],
    _pick: false,
    _host: null,
    _announced: false,
    _readyCallbacks: [],
    _bounds: null,
    _followHome: true, // keep the township fitted on resize until someone moves the map
  };
  window.desk = desk;

  function label(key) {
    return Object.prototype.hasOwnProperty.call(desk._labels, key) ? desk._labels[key] : key;
  }

  function valueLabel(vocab, key) {
    var names = desk._values[vocab];
    return names && present(key) && Object.prototype.hasOwnProperty.call(names, key) ? names[key] : key;
  }

  function normCard(card) {
    return Object.prototype.hasOwnProperty.call(CARD_RANK, card) ? card : "none";
  }

  function present(value) {
    return value !== undefined && value !== null && value !== "";
  }

  function formatNumber(value, digits) {
    var n = Number(value);
    if (!Number.isFinite(n)) return String(value);
    return n.toLocaleString(desk._lang === "en" ? "en" : "zh-CN", { maximumFractionDigits: digits || 0 });
  }

  // ISO timestamps are shown to the minute; anything else as given.
  function formatTime(value) {
    if (!present(value)) return value;
    var text = String(value);
    return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) ? text.slice(0, 16).replace("T", " ") : text;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function indexOf(role) {
    var index = desk._index[role];
    if (!index) index = desk._index[role] = new Map();
    return index;
  }

  /* ---- tooltips: built with textContent, since names come from operators' input ---- */

  function tipElement(title, rows) {
    var div = document.createElement("div");
    div.className = "desk-tip__body";
    var head = document.createElement("div");
    head.className = "desk-tip__title";
    head.textContent = present(title) ? String(title) : "";
    div.appendChild(head);
    rows.forEach(function (row) {
      if (!present(row[1])) return;
      var line = document.createElement("div");
      var key = document.createElement("span");
      key.className = "desk-tip__key";
      key.textContent = row[0];
      line.appendChild(key);
      line.appendChild(document.createTextNode(String(row[1])));
      div.appendChild(line);
    });
    return div;
  }

  function patternLabel(pattern) {
    return present(pattern) ? label("pattern_" + pattern) : null;
  }

  function tipFor(kind, p) {
    p = p || {};
    switch (kind) {
      case "grids":
        return tipElement(p.name, [
          [label("code"), p.code],
          [label("unit"), p.unit],
          [label("kind"), present(p.kind) ? label("kind_" + p.kind) : null],
          [label("households"), present(p.households) ? formatNumber(p.households) : null],
          [label("population"), present(p.population) ? formatNumber(p.population) : null],
        ]);
      case "cells":
        return tipElement(p.name, [
          [label("code"), p.code],
          [label("officers"), p.officers],
          [label("officer_count"), p.officer_count],
          [label("pattern"), patternLabel(p.pattern)],
        ]);
      case "areas":
        return tipElement(p.name, [[label("kind"), valueLabel("patrol_area", p.kind)]]);
      case "workstations":
        return tipElement(p.name, [[label("theme"), valueLabel("theme", p.theme)]]);
      case "hazards":
        return tipElement(p.name, [
          [label("risk"), valueLabel("risk", p.risk)],
          [label("households"), p.households],
          [label("persons"), p.persons],
        ]);
      case "shelters":
        return tipElement(p.name, [
          [label("occupancy"), present(p.capacity) ? (p.occupancy || 0) + " / " + p.capacity : p.occupancy],
        ]);
      case "staff":
        return tipElement(p.name, [
          [label("role"), valueLabel("staff_role", p.role)],
          [label("at"), formatTime(p.at)],
        ]);
      case "gauges":
        return tipElement(p.name, [
          [label("kind"), present(p.kind) ? label("gauge_" + p.kind) : null],
          [label("value"), present(p.value) ? gaugeText(p) : null],
          [label("level"), present(p.level) ? label("level_" + p.level) : null],
        ]);
      case "coverage":
        return tipElement(p.name, [
          [label("coverage_done"), present(p.planned) ? (p.done || 0) + " / " + p.planned : p.done],
        ]);
      case "incidents": {
        // Code and title; the card in words too, for whoever cannot tell the colours apart.
        var card = normCard(p.card);
        var tip = tipElement([p.code, p.title].filter(present).join(" "), []);
        if (card !== "none") {
          var line = document.createElement("div");
          line.className = "desk-tip__card desk-tip__card--" + card;
          line.textContent = label("card_" + card);
          tip.appendChild(line);
        }
        return tip;
      }
      default:
        return tipElement(p.name, []);
    }
  }

  function gaugeText(p) {
    return formatNumber(p.value, 1) + (present(p.unit) ? " " + p.unit : "");
  }

  function bindTip(layer, kind, sticky) {
    layer.bindTooltip(function () { return tipFor(kind, layer.feature && layer.feature.properties); },
      { sticky: sticky, className: "desk-tip", direction: "top", opacity: 1 });
  }

  /* ---- configuration, renderers, styles: hooks used by the folium-generated layers ---- */

  desk.configure = function (cfg, map) {
    desk._labels = cfg.labels || {};
    desk._values = cfg.values || {};
    desk._theme = cfg.theme || "light";
    desk._lang = cfg.lang === "en" ? "en" : "zh_CN";
    desk._palette = cfg.palette || {};
    desk._base = cfg.base || { kind: "vector" };
    desk._controls = cfg.controls !== false;
    D.configure(desk._palette, desk._theme === "dark",
      { yellow: label("badge_yellow"), red: label("badge_red") });
    document.documentElement.classList.add("desk-theme-" + desk._theme);
    document.documentElement.lang = desk._lang === "en" ? "en" : "zh-CN";
    if (map) {
      desk._map = map;
      if (cfg.maxZoom) map.setMaxZoom(cfg.maxZoom);
      pane(map, "deskBase", 250, false); // vector base map, above tiles (200), below overlays (400)
      pane(map, "deskFocus", 630, false); // selection outline and focus pulse
      pane(map, "deskIncidents", 640, true); // incident clusters, below tooltips (650)
    }
  };

  function pane(map, name, z, interactive) {
    var el = map.getPane(name) || map.createPane(name);
    el.style.zIndex = z;
    if (!interactive) el.style.pointerEvents = "none";
    return el;
  }

  // One canvas for everything interactive; the vector base map has its own, in its own pane.
  desk.renderer = function (role) {
    if (role === "base") {
      if (!desk._baseRenderer) desk._baseRenderer = new D.Canvas({ pane: "deskBase", padding: 0.35 });
      return desk._baseRenderer;
    }
    if (!desk._renderer) desk._renderer = new D.Canvas({ padding: 0.35, tolerance: 3 });
    return desk._renderer;
  };

  function focusRenderer() {
    if (!desk._focusRenderer) desk._focusRenderer = L.svg({ pane: "deskFocus", padding: 0.35 });
    return desk._focusRenderer;
  }

  function baseStyle(p) {
    var pal = desk._palette;
    var rank = Number(p.rank) || 2;
    switch (p.kind) {
      case "road":
        return {
          color: pal.road, weight: rank <= 1 ? 5 : rank === 2 ? 3.5 : 2, opacity: 1, fill: false,
          lineCap: "round", lineJoin: "round", deskZ: BASE_Z.road,
          deskCasing: { z: BASE_Z.road - 1, width: 1, color: pal.road_casing },
        };
      case "river":
        return { color: pal.river, weight: rank <= 1 ? 3 : rank === 2 ? 2 : 1.2, opacity: 0.9, fill: false,
          lineCap: "round", lineJoin: "round", deskZ: BASE_Z.river };
      case "water":
        return { color: pal.river, weight: 0.8, opacity: 0.8, fillColor: pal.water, fillOpacity: 1,
          deskZ: BASE_Z.water };
      case "contour": // every fifth contour (rank 1) heavier, as on a printed map
        return { color: pal.contour, weight: rank <= 1 ? 1 : 0.6, opacity: 0.7, fill: false,
          deskZ: BASE_Z.contour };
      case "relief":
        return { stroke: false, fillColor: pal.relief, fillOpacity: Math.min(0.25, Math.max(0.04, 0.05 * rank)),
          deskZ: BASE_Z.relief };
      default:
        return { color: pal.contour, weight: 0.6, opacity: 0.5, fill: false, deskZ: 0 };
    }
  }

  function gridBase() {
    return { color: desk._palette.grid, weight: 1, opacity: 0.9, deskZ: Z.grids };
  }

  // A grid's look: the measure's class colour, or neutral when it has no value.
  function gridStyle(feature) {
    var style = gridBase();
    var neutral = desk._hasBase ? 0.25 : 0.45;
    style.fillColor = desk._palette.grid_fill;
    style.fillOpacity = neutral;
    var m = desk._measure;
    if (m) {
      var id = String(((feature && feature.properties) || {}).id);
      var color = Object.prototype.hasOwnProperty.call(m.values, id) ? classColor(m, m.values[id]) : null;
      if (color) {
        style.fillColor = color;
        style.fillOpacity = desk._hasBase ? 0.6 : 0.75;
      } else {
        style.fillOpacity = neutral * 0.6; // no value: neutral and quieter than any class
      }
    }
    return style;
  }

  function coverageStyle(p) {
    var planned = Number(p.planned) || 0;
    var ratio = planned > 0 ? Math.min(1, (Number(p.done) || 0) / planned) : 0;
    return {
      color: desk._palette.coverage, weight: 2, opacity: 0.9, dashArray: ratio >= 1 ? null : "5 4",
      fillColor: desk._palette.coverage, fillOpacity: 0.06 + 0.34 * ratio, deskZ: Z.coverage,
    };
  }

  desk.style = function (role) {
    var pal = desk._palette;
    return function (feature) {
      switch (role) {
        case "base": return baseStyle((feature && feature.properties) || {});
        case "grids": return gridStyle(feature);
        case "areas":
          return { color: pal.area, weight: 1.5, opacity: 0.9, dashArray: "2 3", fillColor: D.hatch(),
            fillOpacity: 1, deskZ: Z.areas };
        // Village borders are a wide muted band under the cells, so the cells' dashes stay legible
        // where both follow the same line (they often do).
        case "units":
          return { color: pal.unit, weight: 5, opacity: 0.6, fill: false, interactive: false, deskZ: Z.units };
        // Cells have no fill so the grid underneath shows through: reading both at once is the point.
        case "cells":
          return { color: pal.cell, weight: 2.5, opacity: 1, dashArray: "8 5", fill: false, deskZ: Z.cells };
        case "routes":
          return { color: pal.route, weight: 5, opacity: 0.9, lineCap: "round", lineJoin: "round",
            deskZ: Z.routes };
        default: return { deskZ: Z[role] || 0 };
      }
    };
  };

  // pointToLayer factory: each static point kind is a distinct shape on the canvas.
  desk.pointLayer = function (kind) {
    return function (feature, latlng) {
      // Bubbling lets a pick-mode click on a symbol still report the map position.
      return new D.SymbolMarker(latlng, {
        renderer: desk.renderer(kind), deskShape: SHAPE[kind] || "workstation", deskZ: Z[kind] || 60,
        radius: 9, reach: 12, bubblingMouseEvents: true,
      });
    };
  };

  // onEachFeature factory: index, tooltip, click, hover, label.
  desk.feature = function (role) {
    return function (feature, layer) {
      var props = feature.properties || {};
      var id = Number(props.id);
      layer.deskRole = role;
      layer.deskId = id;
      if (role === "base") {
        desk._hasBase = true;
        baseLabel(feature, layer);
        return;
      }
      if (Number.isFinite(id)) indexOf(role).set(id, layer);
      if (role === "units") return; // a band for reading (not interactive); its name is a label
      if (role === "cells") D.outlineOnly(layer);
      bindTip(layer, role, PATH_ROLES.indexOf(role) >= 0);
      layer.on("click", function () {
        if (!desk._pick) desk._featureClick(role, id);
      });
      if (role === "grids") {
        layer.on("mouseover", function () {
          var style = gridStyle(layer.feature);
          layer.setStyle({ weight: 2.5, fillOpacity: Math.min(0.9, style.fillOpacity + 0.2) });
        });
        layer.on("mouseout", function () { layer.setStyle(gridStyle(layer.feature)); });
      }
    };
  };
  desk.tip = desk.feature; // the hook's earlier name

  /* ---- labels ---- */

  function anchorOf(layer) {
    var a = ((layer.feature && layer.feature.properties) || {})._label;
    if (Array.isArray(a) && a.length === 3) return { latlng: L.latLng(a[0], a[1]), room: Number(a[2]) };
    // No anchor from page.py (an overlay, or a broken ring): the box's centre, a quarter of it as room.
    var b = layer.getBounds();
    var c = b.getCenter();
    var w = c.distanceTo(L.latLng(c.lat, b.getEast()));
    var h = c.distanceTo(L.latLng(b.getNorth(), c.lng));
    return { latlng: c, room: Math.min(w, h) / 2 };
  }

  function staticLabels() {
    var pal = desk._palette;
    var items = { units: [], grids: [], cells: [] };
    indexOf("units").forEach(function (layer, id) {
      var p = layer.feature.properties || {};
      if (!present(p.name)) return;
      var a = anchorOf(layer);
      items.units.push({ id: id, latlng: a.latlng, room: a.room, fit: "room", slack: 1.6,
        pri: 100 + 1 / (1 + a.room),
        variants: [[{ text: String(p.name), font: D.font(700, 13), color: pal.unit_label }]] });
    });
    indexOf("grids").forEach(function (layer, id) {
      var p = layer.feature.properties || {};
      var a = anchorOf(layer);
      var code = present(p.code) ? { text: String(p.code), font: D.font(500, 11), color: pal.grid } : null;
      var name = present(p.name) ? { text: String(p.name), font: D.font(600, 12), color: pal.text } : null;
      var variants = [];
      if (name && code) variants.push([name, code]);
      if (name && !code) variants.push([name]);
      if (code) variants.push([code]);
      if (!variants.length) return;
      items.grids.push({ id: id, latlng: a.latlng, room: a.room, fit: "room", pri: 200 + 1 / (1 + a.room),
        variants: variants });
    });
    indexOf("cells").forEach(function (layer, id) {
      var p = layer.feature.properties || {};
      var text = [p.code, patternLabel(p.pattern)].filter(present).join(" ");
      if (!text) return;
      var a = anchorOf(layer);
      items.cells.push({ id: id, latlng: a.latlng, room: a.room, fit: "room", pri: 300 + 1 / (1 + a.room),
        variants: [[{ text: text, font: D.font(600, 11), color: pal.cell }]] });
    });
    return items;
  }

  // A road's or river's name along its middle, at high zoom, if it is long enough on screen.
  function baseLabel(feature, layer) {
    var p = feature.properties || {};
    if (!present(p.name) || (p.kind !== "road" && p.kind !== "river") || !layer.getLatLngs) return;
    var parts = layer.getLatLngs();
    if (parts.length && !Array.isArray(parts[0])) parts = [parts];
    var best = null;
    parts.forEach(function (line) {
      var length = 0;
      for (var i = 1; i < line.length; i++) length += line[i - 1].distanceTo(line[i]);
      if (!best || length > best.length) best = { line: line, length: length };
    });
    if (!best || best.line.length < 2 || !best.length) return;
    var half = best.length / 2;
    var walked = 0;
    for (var i = 1; i < best.line.length; i++) {
      var a = best.line[i - 1];
      var b = best.line[i];
      var step = a.distanceTo(b);
      if (walked + step >= half) {
        var t = step ? (half - walked) / step : 0;
        var mid = L.latLng(a.lat + (b.lat - a.lat) * t, a.lng + (b.lng - a.lng) * t);
        var pal = desk._palette;
        var color = p.kind === "river" ? pal.river : pal.text;
        desk._baseLabels.push({ id: Number(p.id), latlng: mid, a: a, b: b, lengthM: best.length, fit: "line",
          minZoom: 14, pri: 600 + (Number(p.rank) || 3) + 1 / (1 + best.length),
          variants: [[{ text: String(p.name), font: D.font(p.kind === "river" ? "italic 500" : 500, 11),
            color: color }]] });
        return;
      }
      walked += step;
    }
  }

  // The labels now on screen, in container pixels (tests and diagnostics).
  desk.visibleLabels = function () {
    if (!desk._labelLayer) return [];
    var map = desk._map;
    return desk._labelLayer.placed().map(function (l) {
      var min = map.layerPointToContainerPoint([l.box[0], l.box[1]]);
      var max = map.layerPointToContainerPoint([l.box[2], l.box[3]]);
      return {
        role: l.item.role, id: l.item.id, text: l.v.lines.map(function (x) { return x.text; }).join(" "),
        box: [min.x, min.y, max.x, max.y],
      };
    });
  };

  /* ---- legend ---- */

  function swatchRect(fill, stroke, dash, alpha) {
    return D.swatch(function (ctx, w, h) {
      ctx.globalAlpha = alpha === undefined ? 1 : alpha;
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fillRect(2, 3, w - 4, h - 6);
      }
      ctx.globalAlpha = 1;
      if (stroke) {
        if (dash) ctx.setLineDash(dash);
        ctx.strokeStyle = stroke;
        ctx.lineWidth = stroke.width || 1.5;
        ctx.strokeRect(2.5, 3.5, w - 5, h - 7);
      }
    });
  }

  function swatchLine(color, width, dash) {
    return D.swatch(function (ctx, w, h) {
      if (dash) ctx.setLineDash(dash);
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.lineCap = "round";
      ctx.beginPath();
      ctx.moveTo(3, h / 2);
      ctx.lineTo(w - 3, h / 2);
      ctx.stroke();
    });
  }

  function swatchSymbol(shape, state) {
    return D.swatch(function (ctx, w, h) { D.symbol(ctx, shape, w / 2, h / 2, state); }, 24, 22);
  }

  function swatchIncident(state) {
    return D.swatch(function (ctx, w, h) { D.incident(ctx, 9, h / 2 + 3, state); }, 26, 24);
  }

  function legendRow(list, swatch, text) {
    var row = L.DomUtil.create("div", "desk-legend__row", list);
    var box = L.DomUtil.create("span", "desk-legend__swatch", row);
    if (swatch) box.appendChild(swatch);
    L.DomUtil.create("span", "desk-legend__text", row).textContent = text;
    return row;
  }

  function has(role) {
    if (role in desk._layers) return true;
    var group = desk._overlays[role];
    return !!group && group.getLayers().length > 0;
  }

  function clusterSwatch() {
    var el = document.createElement("div");
    el.className = "desk-cl desk-cl--red desk-cl--legend";
    var disc = L.DomUtil.create("div", "desk-cl__disc", el);
    disc.textContent = "12";
    var badges = L.DomUtil.create("div", "desk-cl__badges", el);
    L.DomUtil.create("span", "desk-cl__b desk-cl__b--red", badges).textContent = label("badge_red") + "2";
    L.DomUtil.create("span", "desk-cl__b desk-cl__b--yellow", badges).textContent = label("badge_yellow") + "3";
    return el;
  }

  function heatSwatch() {
    var colors = desk._palette.heat || [];
    return D.swatch(function (ctx, w, h) {
      var g = ctx.createLinearGradient(2, 0, w - 2, 0);
      colors.forEach(function (c, i) { g.addColorStop(colors.length > 1 ? i / (colors.length - 1) : 0, c); });
      ctx.fillStyle = g;
      ctx.fillRect(2, 4, w - 4, h - 8);
    }, 30, 18);
  }

  function fillLegend(box) {
    var pal = desk._palette;
    L.DomUtil.create("div", "desk-legend__title", box).textContent = label("legend");
    var list = L.DomUtil.create("div", "desk-legend__list", box);
    if (has("grids")) legendRow(list, swatchRect(pal.grid_fill, pal.grid), label("grids"));
    if (has("cells")) legendRow(list, swatchRect(null, pal.cell, [4, 3]), label("cells"));
    if (has("units")) legendRow(list, swatchLine(pal.unit, 5), label("units"));
    if (has("areas")) legendRow(list, swatchRect(D.hatch(), pal.area, [2, 2]), label("areas"));
    if (has("routes")) legendRow(list, swatchLine(pal.route, 5), label("routes"));
    ["workstations", "hazards", "shelters"].forEach(function (role) {
      if (has(role)) legendRow(list, swatchSymbol(SHAPE[role]), label(role));
    });
    if (has("staff")) legendRow(list, swatchSymbol("staff"), label("staff"));
    if (has("gauges")) {
      legendRow(list, swatchSymbol("gauge_rain"), label("gauge_rain"));
      legendRow(list, swatchSymbol("gauge_river"), label("gauge_river"));
    }
    if (has("coverage")) {
      [["coverage_full", 1], ["coverage_part", 0.5], ["coverage_none", 0]].forEach(function (row) {
        var s = coverageStyle({ planned: 2, done: 2 * row[1] });
        legendRow(list, swatchRect(s.fillColor, s.color, s.dashArray ? [3, 2] : null, s.fillOpacity + 0.1),
          label(row[0]));
      });
    }
    if (has("search")) legendRow(list, swatchSymbol("search"), label("search"));
    if (desk._mode === "heat") {
      legendRow(list, heatSwatch(), label("heat"));
    } else {
      ["none", "yellow", "red"].forEach(function (card) {
        legendRow(list, swatchIncident({ card: card }), label("card_" + card));
      });
      legendRow(list, swatchIncident({ card: "none", registered: true }), label("status_registered"));
      if (desk._mode === "cluster") legendRow(list, clusterSwatch(), label("cluster"));
    }
  }

  var Legend = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      var box = L.DomUtil.create("div", "desk-legend leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this._box = box;
      this.update();
      return box;
    },
    update: function () {
      if (!this._box) return;
      this._box.textContent = "";
      fillLegend(this._box);
    },
  });

  // The grid measure's own block: title and classes.
  var MeasureLegend = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd: function () {
      var box = L.DomUtil.create("div", "desk-measure leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this._box = box;
      this.update();
      return box;
    },
    update: function () {
      var box = this._box;
      if (!box) return;
      box.textContent = "";
      var m = desk._measure;
      box.style.display = m ? "" : "none";
      if (!m) return;
      L.DomUtil.create("div", "desk-legend__title", box).textContent = m.title;
      var list = L.DomUtil.create("div", "desk-legend__list", box);
      m.classes.forEach(function (c) {
        legendRow(list, swatchRect(c.color, desk._palette.grid, null, 0.85), c.label);
      });
      if (m.unknown) legendRow(list, swatchRect(desk._palette.grid_fill, desk._palette.grid, null, 0.4),
        label("no_data"));
    },
  });

  function updateLegends() {
    if (desk._legend) desk._legend.update();
    if (desk._measureLegend) desk._measureLegend.update();
  }

  /* ---- grid measure ---- */

  function niceCeil(x) {
    if (x <= 10) return Math.ceil(x);
    var step = Math.pow(10, Math.floor(Math.log10(x)) - 1);
    return Math.ceil(x / step) * step;
  }

  function rangeLabel(lo, hi) {
    return lo === hi ? formatNumber(lo) : formatNumber(lo) + "–" + formatNumber(hi);
  }

  // Classes for counts: 0 on its own (open incidents: none is news), then up to five rising classes
  // with round upper bounds (quantiles of the values, or opts.breaks).
  function numericClasses(measure, numbers, breaks) {
    var ramp = desk._palette.measure || [];
    var classes = [];
    var positives = numbers.filter(function (n) { return n > 0; }).sort(function (a, b) { return a - b; });
    if (numbers.some(function (n) { return n <= 0; }) || measure === "open" || measure === "visits_overdue") {
      classes.push({ min: -Infinity, max: 0, color: ramp[0], label: formatNumber(0) });
    }
    var tops = [];
    if (Array.isArray(breaks) && breaks.length) {
      tops = breaks.map(Number).filter(function (b) { return Number.isFinite(b) && b > 0; });
    } else if (positives.length) {
      var distinct = Array.from(new Set(positives));
      var k = Math.min(5, distinct.length);
      for (var i = 1; i <= k; i++) {
        var q = positives[Math.min(positives.length - 1, Math.ceil((i / k) * positives.length) - 1)];
        tops.push(i === k ? positives[positives.length - 1] : niceCeil(q));
      }
    }
    tops = tops.sort(function (a, b) { return a - b; }).filter(function (b, i, all) { return i === 0 || b > all[i - 1]; });
    if (positives.length && tops.length && tops[tops.length - 1] < positives[positives.length - 1]) {
      tops.push(positives[positives.length - 1]);
    }
    var integral = numbers.every(Number.isInteger);
    var lo = 0;
    tops.forEach(function (top, i) {
      var shade = tops.length === 1 ? 3 : 1 + Math.round((i * 4) / (tops.length - 1));
      var first = integral ? Math.floor(lo) + 1 : lo;
      classes.push({ min: lo, max: top, color: ramp[shade], label: rangeLabel(first, top) });
      lo = top;
    });
    return classes;
  }

  function cardClasses() {
    var tints = desk._palette.measure_cards || [];
    return ["none", "yellow", "red"].map(function (card, i) {
      return { card: card, color: tints[i], label: label("card_" + card) };
    });
  }

  function classColor(m, value) {
    if (m.measure === "card") {
      var card = Object.prototype.hasOwnProperty.call(CARD_RANK, value) ? value : null;
      return card ? m.classes[CARD_RANK[card]].color : null;
    }
    var n = Number(value);
    if (value === null || value === "" || !Number.isFinite(n)) return null;
    for (var i = 0; i < m.classes.length; i++) {
      var c = m.classes[i];
      if (n > c.min && n <= c.max) return c.color;
    }
    return m.classes.length ? m.classes[m.classes.length - 1].color : null;
  }

  // Fill the grids by a measure: values {gridId: number} ("card": {gridId: "none|yellow|red"}); opts
  // {title, breaks: [upper bounds]}. A grid without a value is drawn neutral. A null measure clears.
  // Returns how many grids got a class colour, or null for an unknown measure.
  desk.setGridMeasure = function (measure, values, opts) {
    opts = opts || {};
    if (measure === null || measure === undefined || measure === "") {
      desk._measure = null;
    } else {
      if (MEASURES.indexOf(measure) < 0) {
        console.warn("desk: unknown grid measure " + measure);
        return null;
      }
      var clean = {};
      Object.keys(values || {}).forEach(function (key) { clean[String(key)] = values[key]; });
      var numbers = [];
      if (measure !== "card") {
        Object.keys(clean).forEach(function (key) {
          var n = Number(clean[key]);
          if (clean[key] !== null && clean[key] !== "" && Number.isFinite(n)) numbers.push(n);
        });
      }
      desk._measure = {
        measure: measure, values: clean,
        title: present(opts.title) ? String(opts.title) : label("measure_" + measure),
        classes: measure === "card" ? cardClasses() : numericClasses(measure, numbers, opts.breaks),
      };
    }
    var filled = 0;
    var unknown = 0;
    indexOf("grids").forEach(function (layer) {
      var style = gridStyle(layer.feature);
      layer.setStyle(style);
      if (desk._measure) {
        var id = String(layer.deskId);
        if (Object.prototype.hasOwnProperty.call(desk._measure.values, id) &&
            classColor(desk._measure, desk._measure.values[id])) filled++;
        else unknown++;
      }
    });
    if (desk._measure) desk._measure.unknown = unknown;
    updateLegends();
    return filled;
  };

  desk.gridMeasure = function () {
    var m = desk._measure;
    return m ? { measure: m.measure, title: m.title, unknown: m.unknown,
      classes: m.classes.map(function (c) { return { label: c.label, color: c.color }; }) } : null;
  };

  desk.gridFill = function (id) {
    var layer = indexOf("grids").get(Number(id));
    return layer ? layer.options.fillColor : null;
  };

  /* ---- incidents ---- */

  function incidentZ(state) {
    return state.highlighted ? Z.highlighted : Z.incidents + CARD_RANK[state.card];
  }

  // Apply a marker's deskState to its drawing; counted, so tests can tell a needless restyle.
  function restyle(marker) {
    var state = marker.deskState;
    marker.options.deskZ = incidentZ(state);
    marker.options.reach = D.incidentReach(state.card) + (state.highlighted ? 8 : 2);
    marker.setRadius(D.cardRadius(state.card) + 1);
    desk._restyles++;
  }

  function stateOf(props, id) {
    var status = present(props.status) ? String(props.status) : "";
    return { card: normCard(props.card), status: status, registered: status === "registered",
      highlighted: desk._highlighted === id };
  }

  function newMarker(id, ll, feature) {
    var state = stateOf(feature.properties || {}, id);
    var marker = new D.IncidentMarker(ll, {
      renderer: desk.renderer("incidents"), bubblingMouseEvents: true, radius: D.cardRadius(state.card) + 1,
      reach: D.incidentReach(state.card) + (state.highlighted ? 8 : 2), deskZ: incidentZ(state),
    });
    marker.deskId = id;
    marker.deskRole = "incidents";
    marker.deskState = state;
    marker.feature = feature;
    marker.bindTooltip(function () { return tipFor("incidents", marker.feature.properties); },
      { className: "desk-tip", direction: "top", offset: [0, -8], opacity: 1 });
    marker.on("click", function () {
      // In pick mode the click bubbles on to the map, which reports the position.
      if (!desk._pick) desk._reportIncident(id);
    });
    return marker;
  }

  function featuresOf(fc) {
    if (!fc) return [];
    if (Array.isArray(fc)) return fc;
    if (fc.type === "Feature") return [fc];
    return fc.features || [];
  }

  function latLngOf(feature) {
    var g = feature.geometry;
    if (!g || g.type !== "Point" || !Array.isArray(g.coordinates)) return null;
    var lat = Number(g.coordinates[1]);
    var lon = Number(g.coordinates[0]);
    return Number.isFinite(lat) && Number.isFinite(lon) ? L.latLng(lat, lon) : null;
  }

  function addAll(group, layers) {
    if (!layers.length) return;
    if (group.addLayers) group.addLayers(layers);
    else layers.forEach(function (l) { group.addLayer(l); });
  }

  function removeAll(group, layers) {
    if (!layers.length) return;
    if (group.removeLayers) group.removeLayers(layers);
    else layers.forEach(function (l) { group.removeLayer(l); });
  }

  // Markers whose look changed: their clusters' icons (counts, worst card) are redrawn too.
  function refreshClusters(markers) {
    if (markers.length && desk._holder === desk._cluster) desk._cluster.refreshClusters(markers);
  }

  // One batch of incident features: new markers are added to the group in one call (one clustering
  // pass), and a marker is restyled only when its card or status changed.
  function upsertMany(features) {
    var added = [];
    var restyled = [];
    features.forEach(function (feature) {
      var props = feature.properties || {};
      var id = Number(props.id);
      if (!Number.isFinite(id)) return;
      var ll = latLngOf(feature);
      var marker = desk._markers.get(id);
      if (!ll) {
        // No position (yet): nothing to draw; drop a stale marker rather than mislead.
        if (marker) removeMany([id]);
        return;
      }
      if (!marker) {
        marker = newMarker(id, ll, feature);
        desk._markers.set(id, marker);
        added.push(marker);
        return;
      }
      marker.feature = feature;
      if (!marker.getLatLng().equals(ll)) marker.setLatLng(ll); // the cluster group follows 'move'
      var next = stateOf(props, id);
      var state = marker.deskState;
      if (next.card !== state.card || next.status !== state.status) {
        marker.deskState = next;
        restyle(marker);
        restyled.push(marker);
      }
      if (marker.isTooltipOpen()) marker.setTooltipContent(tipFor("incidents", props));
    });
    addAll(desk._holder, added);
    refreshClusters(restyled);
  }

  function removeMany(ids) {
    var gone = [];
    ids.forEach(function (id) {
      var marker = desk._markers.get(id);
      if (!marker) return;
      desk._markers.delete(id);
      gone.push(marker);
      if (desk._highlighted === id) desk._highlighted = null;
    });
    removeAll(desk._holder, gone);
  }

  desk.setIncidents = function (fc) {
    var features = featuresOf(fc);
    var keep = new Set();
    features.forEach(function (f) { keep.add(Number((f.properties || {}).id)); });
    removeMany(Array.from(desk._markers.keys()).filter(function (id) { return !keep.has(id); }));
    upsertMany(features);
    return desk._markers.size;
  };

  desk.upsertIncidents = function (fc) {
    upsertMany(featuresOf(fc));
    return desk._markers.size;
  };

  desk.removeIncidents = function (ids) {
    removeMany((ids || []).map(Number));
    return desk._markers.size;
  };

  desk.incidentCount = function () {
    return desk._markers.size;
  };

  desk.incidentCard = function (id) {
    var marker = desk._markers.get(Number(id));
    return marker ? marker.deskState.card : null;
  };

  desk.restyleCount = function () {
    return desk._restyles;
  };

  function setHighlighted(marker, on) {
    if (marker.deskState.highlighted === on) return false;
    marker.deskState = Object.assign({}, marker.deskState, { highlighted: on });
    restyle(marker);
    return true;
  }

  // Highlight one incident (null clears); pans to it if it is off screen, and zooms in to open its
  // cluster if it is inside one (the cluster is ringed meanwhile). True if found.
  desk.highlightIncident = function (id) {
    var previous = desk._markers.get(desk._highlighted);
    desk._highlighted = id === null || id === undefined ? null : Number(id);
    var marker = desk._markers.get(desk._highlighted);
    var changed = [];
    if (previous && previous !== marker && setHighlighted(previous, false)) changed.push(previous);
    if (!marker) {
      desk._highlighted = null;
      refreshClusters(changed);
      return false;
    }
    if (setHighlighted(marker, true)) changed.push(marker);
    refreshClusters(changed);
    var map = desk._map;
    // Not on the map while its group is: inside a cluster (or out of view, where zooming in is fine).
    // (The group's getVisibleParent looks for a DOM icon, which canvas markers have not.)
    var clustered = desk._holder === desk._cluster && map.hasLayer(desk._cluster) && !marker._map;
    if (clustered) {
      desk._followHome = false;
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), UNCLUSTER_ZOOM), { animate: false });
    } else if (!map.getBounds().contains(marker.getLatLng())) {
      desk._followHome = false;
      map.panTo(marker.getLatLng());
    }
    return true;
  };

  desk.highlightedIncident = function () {
    return desk._highlighted;
  };

  /* ---- clusters ---- */

  function clusterIcon(cluster) {
    var markers = cluster.getAllChildMarkers();
    var red = 0;
    var yellow = 0;
    var highlighted = false;
    for (var i = 0; i < markers.length; i++) {
      var state = markers[i].deskState;
      if (state.card === "red") red++;
      else if (state.card === "yellow") yellow++;
      if (state.highlighted) highlighted = true;
    }
    var n = markers.length;
    var worst = red ? "red" : yellow ? "yellow" : "none";
    var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
    var html = '<div class="desk-cl__disc" data-count="' + n + '" data-red="' + red + '" data-yellow="' +
      yellow + '">' + n + "</div>";
    if (red || yellow) {
      html += '<div class="desk-cl__badges">' +
        (red ? '<span class="desk-cl__b desk-cl__b--red">' + escapeHtml(label("badge_red")) + red + "</span>" : "") +
        (yellow ? '<span class="desk-cl__b desk-cl__b--yellow">' + escapeHtml(label("badge_yellow")) + yellow +
          "</span>" : "") + "</div>";
    }
    return L.divIcon({
      html: html, iconSize: [size, size],
      className: "desk-cl desk-cl--" + worst + (highlighted ? " desk-cl--hl" : ""),
    });
  }

  // The clusters on screen: what each icon shows and what its incidents are (tests compare the two).
  desk.clusterState = function () {
    var out = [];
    if (!desk._cluster || !desk._map.hasLayer(desk._cluster)) return out;
    desk._cluster._featureGroup.eachLayer(function (layer) {
      if (!(layer instanceof L.MarkerCluster)) return;
      var kids = layer.getAllChildMarkers();
      var actual = { count: kids.length, red: 0, yellow: 0 };
      kids.forEach(function (m) {
        if (m.deskState.card === "red") actual.red++;
        else if (m.deskState.card === "yellow") actual.yellow++;
      });
      var disc = layer._icon && layer._icon.querySelector(".desk-cl__disc");
      out.push({
        actual: actual,
        shown: disc ? { count: Number(disc.dataset.count), red: Number(disc.dataset.red),
          yellow: Number(disc.dataset.yellow) } : null,
        worst: layer._icon ? ["red", "yellow", "none"].filter(function (c) {
          return layer._icon.classList.contains("desk-cl--" + c);
        })[0] : null,
        badges: layer._icon ? layer._icon.querySelector(".desk-cl__badges") ?
          layer._icon.querySelector(".desk-cl__badges").textContent : "" : null,
      });
    });
    return out;
  };

  /* ---- incident modes and heat ---- */

  // "cluster" (groups when zoomed out), "points" (every incident), "heat" (the 30-day heat layer
  // instead of markers). Returns the mode now in force.
  desk.setIncidentMode = function (mode) {
    if (MODES.indexOf(mode) < 0) {
      console.warn("desk: unknown incident mode " + mode);
      return desk._mode;
    }
    if (mode !== "heat") {
      var holder = mode === "cluster" ? desk._cluster : desk._plain;
      if (holder !== desk._holder) {
        var markers = Array.from(desk._markers.values());
        desk._holder.clearLayers();
        desk._holder = holder;
        addAll(holder, markers);
      }
    }
    desk._mode = mode;
    desk._incidents.clearLayers();
    desk._incidents.addLayer(mode === "heat" ? desk._heat : desk._holder);
    updateLegends();
    return mode;
  };

  desk.incidentMode = function () {
    return desk._mode;
  };

  // The heat layer's points: [[lat, lon, weight], ...] (weight 1 if left out). Returns how many.
  desk.setHeat = function (points) {
    var clean = [];
    (points || []).forEach(function (p) {
      if (!Array.isArray(p)) return;
      var lat = Number(p[0]);
      var lon = Number(p[1]);
      var w = p.length > 2 ? Number(p[2]) : 1;
      if (Number.isFinite(lat) && Number.isFinite(lon) && Number.isFinite(w) && w > 0) clean.push([lat, lon, w]);
    });
    desk._heat.setLatLngs(clean);
    return clean.length;
  };

  desk.heatCount = function () {
    return desk._heat ? desk._heat._latlngs.length : 0;
  };

  /* ---- live overlays ---- */

  function overlayLayer(role, feature) {
    var p = feature.properties || {};
    var pal = desk._palette;
    var renderer = desk.renderer(role);
    var layer = L.GeoJSON.geometryToLayer(feature, {
      renderer: renderer,
      pointToLayer: function (f, latlng) {
        var shape = role === "gauges" ? (p.kind === "river" ? "gauge_river" : "gauge_rain") :
          role === "search" ? "search" : SHAPE[role] || "staff";
        var marker = new D.SymbolMarker(latlng, {
          renderer: renderer, deskShape: shape, deskZ: Z[role], radius: role === "search" ? 12 : 9,
          reach: role === "gauges" ? 15 : 14, bubblingMouseEvents: true,
        });
        marker.deskState = { level: p.level };
        return marker;
      },
    });
    layer.feature = feature;
    if (role === "coverage") layer.setStyle(coverageStyle(p));
    else if (role === "search" && layer.setStyle && !(layer instanceof L.CircleMarker)) {
      layer.setStyle({ color: pal.search, weight: 4, opacity: 1, fill: layer instanceof L.Polygon,
        fillColor: pal.search, fillOpacity: 0.12, deskZ: Z.search });
    } else if (layer.setStyle && !(layer instanceof L.CircleMarker)) {
      layer.setStyle({ deskZ: Z[role] || 0 });
    }
    return layer;
  }

  function overlayLabels(role, layer, id) {
    var p = layer.feature.properties || {};
    var pal = desk._palette;
    var point = layer.getLatLng ? layer.getLatLng() : null;
    if (role === "gauges" && point && present(p.value)) {
      var text = gaugeText(p);
      var font = D.font(700, 11);
      var color = LEVEL_TEXT[desk._theme === "dark" ? "dark" : "light"][p.level] || pal.text;
      return [{ id: id, latlng: point, fit: "always", pri: 10, offset: [13 + D.measure(text, font) / 2, 0],
        variants: [[{ text: text, font: font, color: color }]] }];
    }
    if (role === "staff" && point && present(p.name)) {
      return [{ id: id, latlng: point, fit: "zoom", minZoom: 15, pri: 400, offset: [0, 16],
        variants: [[{ text: String(p.name), font: D.font(600, 11), color: pal.staff }]] }];
    }
    if (role === "search" && present(p.name)) {
      var at = point ? { latlng: point, offset: [0, -22] } : (function () {
        var a = anchorOf(layer);
        return { latlng: a.latlng, offset: [0, 0] };
      })();
      return [{ id: id, latlng: at.latlng, fit: "always", pri: 0, offset: at.offset,
        variants: [[{ text: String(p.name), font: D.font(700, 13), color: pal.search }]] }];
    }
    return [];
  }

  // Replace one live overlay: "staff" (points {id, name, role, at}), "gauges" (points {id, name,
  // kind rain|river, value, unit, level normal|warn|danger}), "coverage" (patrol-area polygons
  // {id, name, planned, done}), "search" (one point or polygon {id, name}). Returns how many.
  desk.setOverlay = function (role, fc) {
    if (OVERLAYS.indexOf(role) < 0) {
      console.warn("desk: unknown overlay " + role);
      return null;
    }
    var group = desk._overlays[role];
    group.clearLayers();
    var index = desk._index[role] = new Map();
    var labels = [];
    featuresOf(fc).forEach(function (feature, n) {
      if (!feature || !feature.geometry) return;
      var props = feature.properties || {};
      var id = present(props.id) ? Number(props.id) : n;
      var layer;
      try {
        layer = overlayLayer(role, feature);
      } catch (err) {
        console.warn("desk: " + role + " feature " + id + " has no drawable geometry");
        return;
      }
      layer.deskRole = role;
      layer.deskId = id;
      index.set(id, layer);
      bindTip(layer, role, !(layer instanceof L.CircleMarker));
      layer.on("click", function () {
        if (!desk._pick) desk._featureClick(role, id);
      });
      group.addLayer(layer);
      labels.push.apply(labels, overlayLabels(role, layer, id));
    });
    desk._labelLayer.setItems(role, labels);
    if (index.size && !desk._inControl[role] && desk._layerControl) {
      desk._layerControl.addOverlay(group, label(role));
      desk._inControl[role] = true;
    }
    if (desk._selected && desk._selected.role === role) desk.selectFeature(role, desk._selected.id);
    updateLegends();
    return index.size;
  };

  desk.overlayCount = function (role) {
    var index = desk._index[role];
    return OVERLAYS.indexOf(role) >= 0 && index ? index.size : 0;
  };

  /* ---- selection and focus ---- */

  function findLayer(role, id) {
    if (role === "incidents") return desk._markers.get(Number(id)) || null;
    var index = desk._index[role];
    return (index && index.get(Number(id))) || null;
  }

  function isPoint(layer) {
    return layer instanceof L.CircleMarker || (layer.getLatLng && !layer.getLatLngs);
  }

  // An outline of a feature on the focus pane (SVG, so CSS can animate it), above the canvas.
  function outline(layer, className, weight) {
    var opts = { renderer: focusRenderer(), interactive: false, fill: false, color: desk._palette.select,
      weight: weight, opacity: 1, className: className };
    if (isPoint(layer)) return L.circleMarker(layer.getLatLng(), Object.assign(opts, { radius: 16 }));
    if (layer instanceof L.Polygon) return L.polygon(layer.getLatLngs(), opts);
    if (layer instanceof L.Polyline) return L.polyline(layer.getLatLngs(), opts);
    return L.circleMarker(layer.getBounds().getCenter(), Object.assign(opts, { radius: 16 }));
  }

  // Outline one feature (role, id); null clears. True if found (or cleared).
  desk.selectFeature = function (role, id) {
    if (desk._selection) {
      desk._map.removeLayer(desk._selection);
      desk._selection = null;
    }
    desk._selected = null;
    if (role === null || role === undefined || role === "") return true;
    var layer = findLayer(role, id);
    if (!layer) return false;
    desk._selection = outline(layer, "desk-select", 3.5).addTo(desk._map);
    desk._selected = { role: role, id: Number(id) };
    return true;
  };

  desk.selectedFeature = function () {
    return desk._selected ? [desk._selected.role, desk._selected.id] : null;
  };

  function pulse(layer) {
    var ring = outline(layer, "desk-pulse", 4).addTo(desk._map);
    setTimeout(function () { if (desk._map.hasLayer(ring)) desk._map.removeLayer(ring); }, PULSE_MS);
  }

  // Bring a feature of any role into view: polygons and lines fitted, points centred at zoom 15 or
  // more (incidents at the zoom where they are no longer clustered), then a brief pulse. True if found.
  desk.focus = function (role, id) {
    var layer = findLayer(role, id);
    if (!layer) return false;
    var map = desk._map;
    desk._followHome = false;
    if (isPoint(layer)) {
      var least = role === "incidents" ? UNCLUSTER_ZOOM : FOCUS_ZOOM;
      map.setView(layer.getLatLng(), Math.min(map.getMaxZoom(), Math.max(map.getZoom(), least)), { animate: false });
    } else {
      map.fitBounds(layer.getBounds(), { padding: [32, 32], maxZoom: 17, animate: false });
    }
    pulse(layer);
    return true;
  };

  /* ---- camera and picking ---- */

  desk.flyTo = function (lat, lon, zoom) {
    desk._followHome = false;
    desk._map.flyTo([lat, lon], zoom === undefined || zoom === null ? desk._map.getZoom() : zoom);
  };

  desk.fitHome = function () {
    desk._followHome = true;
    var size = desk._map.getSize();
    // A hidden or tiny view has no zoom that fits (padding larger than the map gives NaN);
    // the resize handler fits again once the view has a real size.
    if (!desk._bounds || size.x < 8 || size.y < 8) return;
    var pad = Math.min(16, Math.floor(size.x / 8), Math.floor(size.y / 8));
    desk._map.fitBounds(desk._bounds, { padding: [pad, pad], animate: false });
  };

  desk.setPickMode = function (on) {
    desk._pick = !!on;
    if (desk._map) {
      L.DomUtil[desk._pick ? "addClass" : "removeClass"](desk._map.getContainer(), "desk-pick");
    }
  };

  desk.pickMode = function () {
    return desk._pick;
  };

  // What a pick-mode click calls: one pick per request, then back to normal.
  desk._reportClick = function (lat, lon) {
    desk.setPickMode(false);
    if (desk._host) desk._host.mapClicked(lat, lon);
    return !!desk._host;
  };

  desk._reportIncident = function (id) {
    if (desk._host) desk._host.incidentClicked(Number(id));
    return !!desk._host;
  };

  desk._reportFeature = function (role, id) {
    if (desk._host && desk._host.featureClicked) desk._host.featureClicked(String(role), Number(id));
    return !!desk._host;
  };

  desk._featureClick = function (role, id) {
    desk.selectFeature(role, id);
    return desk._reportFeature(role, id);
  };

  /* ---- readiness and the host (Qt bridge) handshake ---- */

  function announce() {
    if (desk.ready && desk._host && !desk._announced) {
      desk._announced = true;
      desk._host.pageReady();
    }
  }

  // The host is the QWebChannel proxy of the widget's bridge. Whichever comes first, the
  // channel or this file, the other side finds it: see window.__deskHost below.
  desk.attachHost = function (host) {
    if (desk._host === host) return;
    desk._host = host;
    announce();
  };

  desk.onReady = function (callback) {
    if (desk.ready) callback(desk);
    else desk._readyCallbacks.push(callback);
  };

  function heatGradient() {
    var colors = desk._palette.heat || ["#c9b8e8", "#9d7fd0", "#7b3fb0", "#4a0d78"];
    var g = {};
    colors.forEach(function (c, i) { g[(0.25 * (i + 1)).toFixed(2)] = c; });
    return g;
  }

  function addBaseTiles(map) {
    var base = desk._base;
    if (base.kind !== "tiles" || !base.url) return;
    desk._tiles = L.tileLayer(base.url, {
      minNativeZoom: base.min_zoom, maxNativeZoom: base.max_zoom, maxZoom: map.getMaxZoom(),
      attribution: "", keepBuffer: 2,
    }).addTo(map);
    if (present(base.attribution)) {
      // Text only: Leaflet writes attributions as HTML, and a link would leave the app.
      desk._attribution = L.control.attribution({ prefix: false }).addTo(map);
      desk._attribution.addAttribution(escapeHtml(base.attribution));
    }
  }

  // An exported page has no tile source (desk-tiles: is the app's, an intranet server is far away).
  desk.dropTiles = function () {
    if (desk._tiles) desk._map.removeLayer(desk._tiles);
    if (desk._attribution) desk._map.removeControl(desk._attribution);
    desk._tiles = desk._attribution = null;
  };

  function addControls(map, layerControl) {
    if (!desk._controls) return;
    L.control.zoom({ position: "topleft", zoomInTitle: label("zoom_in"), zoomOutTitle: label("zoom_out") })
      .addTo(map);
    if (layerControl && layerControl._layersLink) {
      layerControl._layersLink.title = label("layers");
      layerControl._layersLink.setAttribute("aria-label", label("layers"));
    }
  }

  desk.init = function (map, opts) {
    desk._map = map;
    desk._layers = opts.layers || {};
    desk._layerControl = opts.layerControl || null;
    desk._bounds = opts.bounds ? L.latLngBounds(opts.bounds) : null;
    var pal = desk._palette;

    addBaseTiles(map);
    addControls(map, desk._layerControl);

    desk._labelLayer = new window.DeskLabels.Layer({ renderer: desk.renderer("labels"), deskZ: Z.labels })
      .addTo(map);
    var labels = staticLabels();
    Object.keys(labels).forEach(function (role) { desk._labelLayer.setItems(role, labels[role]); });
    desk._labelLayer.setItems("base", desk._baseLabels);

    // Incidents: one markers group in force (cluster or plain), or the heat layer, inside one
    // layer-control entry. No chunked loading and no animation: once setIncidents returns, the
    // clusters are built, so a frame requested after it shows them.
    desk._cluster = L.markerClusterGroup({
      clusterPane: "deskIncidents", maxClusterRadius: 60, disableClusteringAtZoom: UNCLUSTER_ZOOM,
      animate: false, animateAddingMarkers: false, chunkedLoading: false, zoomToBoundsOnClick: false,
      spiderfyOnMaxZoom: false, showCoverageOnHover: true, removeOutsideVisibleBounds: true,
      polygonOptions: { renderer: focusRenderer(), interactive: false, color: pal.select, weight: 1.5,
        opacity: 0.8, fillOpacity: 0.06 },
      iconCreateFunction: clusterIcon,
    });
    desk._cluster.on("clusterclick", function (e) {
      if (desk._pick) desk._reportClick(e.latlng.lat, e.latlng.lng);
      else e.layer.zoomToBounds({ padding: [24, 24] });
    });
    desk._plain = L.featureGroup();
    desk._heat = L.heatLayer([], { radius: 22, blur: 18, maxZoom: 17, minOpacity: 0.2, gradient: heatGradient() });
    desk._holder = desk._cluster;
    desk._incidents = L.layerGroup([desk._cluster]).addTo(map);
    if (desk._layerControl) desk._layerControl.addOverlay(desk._incidents, label("incidents"));

    OVERLAYS.forEach(function (role) {
      desk._overlays[role] = L.featureGroup().addTo(map);
    });

    L.control.scale({ imperial: false }).addTo(map);
    desk._legend = new Legend().addTo(map);
    desk._measureLegend = new MeasureLegend().addTo(map);

    map.on("click", function (e) {
      if (desk._pick) desk._reportClick(e.latlng.lat, e.latlng.lng);
    });
    // A page loaded into a hidden view is sized late and maybe in steps: keep fitting the
    // township on every resize until an operator moves the map.
    map.on("resize", function () {
      if (desk._followHome) desk.fitHome();
    });
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (type) {
      L.DomEvent.on(map.getContainer(), type, function () { desk._followHome = false; });
    });
    desk.fitHome();

    desk.ready = true;
    desk._readyCallbacks.splice(0).forEach(function (cb) { cb(desk); });
    announce();
  };

  if (window.__deskHost) desk.attachHost(window.__deskHost);
})();
