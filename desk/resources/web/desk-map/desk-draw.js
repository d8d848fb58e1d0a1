/* desk map drawing: window.DeskDraw.
 *
 * Everything interactive on the map is drawn on ONE canvas (DeskCanvas). A canvas covers the whole
 * map and takes every mouse event, so an SVG layer under it could never be clicked; with one canvas
 * the desk decides both the drawing order (options.deskZ, bottom to top) and which feature a click
 * or hover belongs to (the topmost one drawn there). Incident cards and the point kinds are drawn
 * here as shapes, so thousands of them cost one canvas, not thousands of DOM nodes.
 */
(function () {
  "use strict";

  // Card looks are fixed: they must read the same on every screen. A card is a filled circle with a
  // ring, and yellow and red also carry a square badge with a glyph: a shape no warning level uses
  // (levels are wide banners with a triangle). No card is slate, not blue (blue is warning level IV).
  var CARD = {
    none: { fill: "#607d8b", ring: "#ffffff", ringWidth: 2, edge: "#263238", radius: 6 },
    yellow: { fill: "#f9a825", ring: "#000000", ringWidth: 3, edge: null, radius: 8,
      badgeBack: "#000000", badgeText: "#f9a825" },
    red: { fill: "#d32f2f", ring: "#3b0000", ringWidth: 3.5, edge: "#ffffff", radius: 9,
      badgeBack: "#3b0000", badgeText: "#ffffff" },
  };
  var BADGE = 11; // badge square, px
  var LEVEL_RING = { normal: null, warn: "#ef6c00", danger: "#c62828" };
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", ' +
    '"WenQuanYi Micro Hei", sans-serif';

  var draw = {
    CARD: CARD,
    FONT: FONT,
    palette: {},
    dark: false,
    badges: { yellow: "Y", red: "R" },
  };
  window.DeskDraw = draw;

  draw.configure = function (palette, dark, badges) {
    draw.palette = palette || {};
    draw.dark = !!dark;
    if (badges) draw.badges = badges;
    draw._hatch = null;
  };

  function reset(ctx) {
    ctx.globalAlpha = 1;
    if (ctx.setLineDash) ctx.setLineDash([]);
  }

  function ring(ctx, x, y, r, color, width) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2, false);
    ctx.lineWidth = width;
    ctx.strokeStyle = color;
    ctx.stroke();
  }

  function disc(ctx, x, y, r, color) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2, false);
    ctx.fillStyle = color;
    ctx.fill();
  }

  function glyph(ctx, text, x, y, size, color) {
    ctx.font = "700 " + size + "px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = color;
    ctx.fillText(text, x, y + 0.5);
  }

  /* ---- incident cards ---- */

  draw.cardRadius = function (card) {
    return (CARD[card] || CARD.none).radius;
  };

  // state: {card, registered (not yet dispatched: a white centre dot), highlighted}
  draw.incident = function (ctx, x, y, state) {
    var card = CARD[state.card] ? state.card : "none";
    var c = CARD[card];
    var r = c.radius;
    reset(ctx);
    var edge = c.edge || (draw.dark ? "#ffffff" : null); // a black ring alone vanishes on the dark wall
    if (edge) disc(ctx, x, y, r + 1, edge);
    disc(ctx, x, y, r, c.ring);
    disc(ctx, x, y, r - c.ringWidth, c.fill);
    if (state.registered) disc(ctx, x, y, 2, "#ffffff");
    if (card !== "none") {
      var bx = Math.round(x + r - 3);
      var by = Math.round(y - r - BADGE + 3);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(bx - 1, by - 1, BADGE + 2, BADGE + 2);
      ctx.fillStyle = c.badgeBack;
      ctx.fillRect(bx, by, BADGE, BADGE);
      glyph(ctx, draw.badges[card] || "", bx + BADGE / 2, by + BADGE / 2, 9, c.badgeText);
    }
    if (state.highlighted) {
      // Magenta: a colour no card, level or layer uses.
      ring(ctx, x, y, r + 5, draw.palette.select || "#d500f9", 3);
    }
  };

  // How far an incident's drawing reaches from its centre (badge and highlight included).
  draw.incidentReach = function (card) {
    return draw.cardRadius(card) + BADGE + 2;
  };

  /* ---- point symbols: a distinct shape per kind ---- */

  function outlined(ctx, color, halo) {
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = halo;
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.fill();
  }

  var SHAPES = {
    workstation: function (ctx, x, y, p) { // square in a halo band
      x = Math.round(x);
      y = Math.round(y);
      ctx.fillStyle = p.workstation;
      ctx.fillRect(x - 7, y - 7, 14, 14);
      ctx.fillStyle = p.halo;
      ctx.fillRect(x - 6, y - 6, 12, 12);
      ctx.fillStyle = p.workstation;
      ctx.fillRect(x - 4, y - 4, 8, 8);
    },
    hazard: function (ctx, x, y, p) { // triangle with "!"
      ctx.beginPath();
      ctx.moveTo(x, y - 9);
      ctx.lineTo(x + 9, y + 7);
      ctx.lineTo(x - 9, y + 7);
      ctx.closePath();
      outlined(ctx, p.hazard, p.halo);
      glyph(ctx, "!", x, y + 2, 11, p.halo);
    },
    shelter: function (ctx, x, y, p) { // house
      ctx.beginPath();
      ctx.moveTo(x, y - 8);
      ctx.lineTo(x + 8, y - 1);
      ctx.lineTo(x + 6, y - 1);
      ctx.lineTo(x + 6, y + 7);
      ctx.lineTo(x - 6, y + 7);
      ctx.lineTo(x - 6, y - 1);
      ctx.lineTo(x - 8, y - 1);
      ctx.closePath();
      outlined(ctx, p.shelter, p.halo);
    },
    staff: function (ctx, x, y, p) { // diamond with a light core
      ctx.beginPath();
      ctx.moveTo(x, y - 8);
      ctx.lineTo(x + 7, y);
      ctx.lineTo(x, y + 8);
      ctx.lineTo(x - 7, y);
      ctx.closePath();
      outlined(ctx, p.staff, p.halo);
      disc(ctx, x, y, 2, p.halo);
    },
    gauge_rain: function (ctx, x, y, p, state) { // droplet
      ctx.beginPath();
      ctx.moveTo(x, y - 9);
      ctx.bezierCurveTo(x + 3, y - 4, x + 7, y - 1, x + 7, y + 2);
      ctx.arc(x, y + 2, 7, 0, Math.PI, false);
      ctx.bezierCurveTo(x - 7, y - 1, x - 3, y - 4, x, y - 9);
      ctx.closePath();
      outlined(ctx, p.gauge, p.halo);
      levelRing(ctx, x, y + 1, 11, state);
    },
    gauge_river: function (ctx, x, y, p, state) { // staff gauge: a post with marks
      x = Math.round(x);
      y = Math.round(y);
      ctx.fillStyle = p.halo;
      ctx.fillRect(x - 5, y - 9, 10, 18);
      ctx.fillStyle = p.gauge;
      ctx.fillRect(x - 4, y - 8, 8, 16);
      ctx.fillStyle = p.halo;
      for (var i = -5; i <= 5; i += 5) ctx.fillRect(x - 1, y + i, 5, 1.5);
      levelRing(ctx, x, y, 12, state);
    },
    search: function (ctx, x, y, p) { // a wide ring with a dot: "here"
      ring(ctx, x, y, 11, p.halo, 7);
      ring(ctx, x, y, 11, p.search, 4);
      disc(ctx, x, y, 3, p.search);
    },
  };

  function levelRing(ctx, x, y, r, state) {
    var color = LEVEL_RING[(state && state.level) || "normal"];
    if (!color) return;
    ring(ctx, x, y, r, color, state.level === "danger" ? 3 : 2);
  }

  draw.shapes = Object.keys(SHAPES);

  draw.symbol = function (ctx, shape, x, y, state) {
    var fn = SHAPES[shape] || SHAPES.workstation;
    reset(ctx);
    fn(ctx, x, y, draw.palette, state || {});
  };

  /* ---- text with a halo (labels) ---- */

  draw.font = function (weight, size) {
    return weight + " " + size + "px " + FONT;
  };

  var measureCtx = null;
  draw.measure = function (text, font) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = font;
    return measureCtx.measureText(text).width;
  };

  // lines: [{text, font, color}], centred on (x, y), rotated by angle (radians) if given.
  draw.text = function (ctx, lines, x, y, lineHeight, halo, angle) {
    reset(ctx);
    ctx.save();
    ctx.translate(x, y);
    if (angle) ctx.rotate(angle);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = halo;
    var top = -((lines.length - 1) * lineHeight) / 2;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      ctx.font = line.font;
      ctx.strokeText(line.text, 0, top + i * lineHeight);
      ctx.fillStyle = line.color;
      ctx.fillText(line.text, 0, top + i * lineHeight);
    }
    ctx.restore();
  };

  /* ---- the key areas' hatch, as a canvas pattern ---- */

  draw.hatch = function () {
    if (draw._hatch) return draw._hatch;
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = tile.height = size;
    var t = tile.getContext("2d");
    t.fillStyle = draw.palette.area || "#7b1fa2";
    t.globalAlpha = 0.1;
    t.fillRect(0, 0, size, size);
    t.globalAlpha = 0.45;
    t.strokeStyle = draw.palette.area || "#7b1fa2";
    t.lineWidth = 2;
    t.beginPath(); // three strokes so the diagonal joins seamlessly across tiles
    t.moveTo(-2, 2); t.lineTo(2, -2);
    t.moveTo(0, size); t.lineTo(size, 0);
    t.moveTo(size - 2, size + 2); t.lineTo(size + 2, size - 2);
    t.stroke();
    draw._hatch = t.createPattern(tile, "repeat");
    return draw._hatch;
  };

  /* ---- legend swatches: the same drawing, on a small canvas ---- */

  draw.swatch = function (paint, width, height) {
    width = width || 22;
    height = height || 18;
    var ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    paint(ctx, width, height);
    return canvas;
  };

  /* ---- the canvas renderer ---- */

  function zOf(layer) {
    return layer.options.deskZ || 0;
  }

  var DeskCanvas = L.Canvas.extend({
    // Draw in deskZ order (stable within a level), and each road's casing below every road.
    _draw: function () {
      var bounds = this._redrawBounds;
      var ctx = this._ctx;
      ctx.save();
      if (bounds) {
        var size = bounds.getSize();
        ctx.beginPath();
        ctx.rect(bounds.min.x, bounds.min.y, size.x, size.y);
        ctx.clip();
      }
      this._drawing = true;
      var levels = {};
      var zs = [];
      var put = function (z, layer, casing) {
        var level = levels[z];
        if (!level) {
          level = levels[z] = [];
          zs.push(z);
        }
        level.push(casing ? { casing: layer } : layer);
      };
      for (var order = this._drawFirst; order; order = order.next) {
        var layer = order.layer;
        if (bounds && !(layer._pxBounds && layer._pxBounds.intersects(bounds))) continue;
        put(zOf(layer), layer, false);
        if (layer.options.deskCasing) put(layer.options.deskCasing.z, layer, true);
      }
      zs.sort(function (a, b) { return a - b; });
      for (var i = 0; i < zs.length; i++) {
        var level = levels[zs[i]];
        for (var j = 0; j < level.length; j++) {
          var item = level[j];
          if (item.casing) this._drawCasing(item.casing);
          else item._updatePath();
        }
      }
      this._drawing = false;
      ctx.restore();
    },

    _drawCasing: function (layer) {
      var o = layer.options;
      var keep = { color: o.color, weight: o.weight, opacity: o.opacity, _dashArray: o._dashArray };
      o.color = o.deskCasing.color;
      o.weight = o.weight + 2 * o.deskCasing.width;
      o.opacity = 1;
      o._dashArray = null;
      layer._updatePath();
      o.color = keep.color;
      o.weight = keep.weight;
      o.opacity = keep.opacity;
      o._dashArray = keep._dashArray;
    },

    // The layer a pointer event belongs to: the topmost interactive one drawn under the pointer.
    _topmost: function (point, e) {
      var best = null;
      var bestZ = -Infinity;
      var clicking = e && (e.type === "click" || e.type === "preclick");
      for (var order = this._drawFirst; order; order = order.next) {
        var layer = order.layer;
        var z = zOf(layer);
        if (z < bestZ || !layer.options.interactive) continue;
        if (!layer._containsPoint(point)) continue;
        if (clicking && this._map._draggableMoved(layer)) continue;
        best = layer;
        bestZ = z;
      }
      return best;
    },

    _onClick: function (e) {
      var layer = this._topmost(this._map.mouseEventToLayerPoint(e), e);
      this._fireEvent(layer ? [layer] : false, e);
    },

    _handleMouseHover: function (e, point) {
      if (this._mouseHoverThrottled) return;
      var candidate = this._topmost(point, null);
      if (candidate !== this._hoveredLayer) {
        this._handleMouseOut(e);
        if (candidate) {
          L.DomUtil.addClass(this._container, "leaflet-interactive");
          this._fireEvent([candidate], e, "mouseover");
          this._hoveredLayer = candidate;
        }
      }
      this._fireEvent(this._hoveredLayer ? [this._hoveredLayer] : false, e);
      this._mouseHoverThrottled = true;
      setTimeout(L.Util.bind(function () { this._mouseHoverThrottled = false; }, this), 32);
    },
  });
  draw.Canvas = DeskCanvas;

  // A polygon without fill is hit on its outline only (a police cell's dashes), as in SVG:
  // clicks inside it belong to the grid underneath.
  draw.outlineOnly = function (layer) {
    layer._containsPoint = function (p) {
      return L.Polyline.prototype._containsPoint.call(this, p, true);
    };
  };

  /* ---- markers drawn on the canvas ---- */

  var CanvasMarker = L.CircleMarker.extend({
    options: { stroke: false, fill: false, radius: 9, reach: 12 },

    _updateBounds: function () {
      var r = this.options.reach;
      this._pxBounds = new L.Bounds(this._point.subtract([r, r]), this._point.add([r, r]));
    },

    _containsPoint: function (p) {
      return p.distanceTo(this._point) <= this._radius + this._clickTolerance();
    },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing || this._empty()) return;
      this._paint(renderer._ctx, this._point.x, this._point.y);
    },
  });

  // An incident: its look comes from deskState {card, registered, highlighted}.
  draw.IncidentMarker = CanvasMarker.extend({
    _paint: function (ctx, x, y) {
      draw.incident(ctx, x, y, this.deskState);
    },
  });

  // A point of a static or live layer: options.deskShape, state in deskState (gauge level).
  draw.SymbolMarker = CanvasMarker.extend({
    _paint: function (ctx, x, y) {
      draw.symbol(ctx, this.options.deskShape, x, y, this.deskState);
    },
  });
})();
