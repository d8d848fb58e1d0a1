/* desk map labels: window.DeskLabels.
 *
 * Names on the map (villages, grids, police cells, gauge readings, road and river names, the search
 * result) are placed after every move and zoom, most important first, and a label whose box would
 * touch one already placed is left out: labels never pile on each other. Whether a polygon's name
 * shows depends on the room it has on screen (the largest circle inside the polygon, worked out once
 * by page.py), so village names appear at low zoom and grid names only once the grids are large
 * enough, at any scale (a township or a county). The labels are drawn on the shared canvas, between
 * the areas and the points, so they move, zoom and clip with everything else.
 *
 * An item: {role, id, latlng, pri (lower first), fit: "room"|"always"|"zoom"|"line", room (metres),
 * minZoom, a/b (LatLngs along a line), lengthM, offset [dx, dy], variants: [{lines, w, h}]}; a
 * variant's lines are [{text, font, color}], widest (most detailed) variant first.
 */
(function () {
  "use strict";

  var MARGIN = 2; // px kept free around every label
  var LINE = 14; // px per text line
  var CELL = 96; // px, the collision grid's cell
  var EARTH = 40075016.686;

  function metresPerPixel(map, lat, zoom) {
    return (EARTH * Math.cos((lat * Math.PI) / 180)) / map.options.crs.scale(zoom);
  }

  // Lines -> a variant with its measured box (measured once, not on every move).
  function variant(lines) {
    var w = 0;
    lines.forEach(function (line) {
      w = Math.max(w, window.DeskDraw.measure(line.text, line.font));
    });
    return { lines: lines, w: Math.ceil(w), h: lines.length * LINE };
  }

  var LabelLayer = L.Path.extend({
    options: { interactive: false, stroke: false, fill: false, deskZ: 58 },

    initialize: function (options) {
      L.setOptions(this, options);
      this._byRole = {};
      this._items = [];
      this._placed = [];
    },

    // Replace one role's labels (items as above, without measured variants: {.., variants: [lines, ..]}).
    setItems: function (role, items) {
      this._byRole[role] = (items || []).map(function (item) {
        item.role = item.role || role;
        item.variants = item.variants.map(variant);
        return item;
      });
      var all = [];
      Object.keys(this._byRole).forEach(function (key) {
        all.push.apply(all, this._byRole[key]);
      }, this);
      all.sort(function (a, b) { return a.pri - b.pri; });
      this._items = all;
      if (this._map) this.redraw();
      return this._byRole[role].length;
    },

    placed: function () {
      return this._placed;
    },

    _project: function () {},

    _update: function () {
      if (!this._map || !this._renderer._bounds) return;
      this._pxBounds = this._renderer._bounds;
      this._layout();
    },

    _containsPoint: function () {
      return false;
    },

    _choose: function (item, zoom) {
      var map = this._map;
      switch (item.fit) {
        case "room": {
          var room = (2 * item.room) / metresPerPixel(map, item.latlng.lat, zoom);
          var slack = item.slack || 1;
          for (var i = 0; i < item.variants.length; i++) {
            var v = item.variants[i];
            if (v.w <= room * slack && v.h <= room * 1.2) return v;
          }
          return null;
        }
        case "zoom":
          return zoom >= item.minZoom ? item.variants[0] : null;
        case "line": {
          if (zoom < item.minZoom) return null;
          var length = item.lengthM / metresPerPixel(map, item.latlng.lat, zoom);
          return length >= item.variants[0].w * 1.4 ? item.variants[0] : null;
        }
        default:
          return item.variants[0];
      }
    },

    _layout: function () {
      var map = this._map;
      var zoom = map.getZoom();
      var bounds = this._pxBounds;
      var cells = new Map();
      var placed = [];

      function collides(box) {
        for (var cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL); cx++) {
          for (var cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL); cy++) {
            var list = cells.get(cx + ":" + cy);
            if (!list) continue;
            for (var i = 0; i < list.length; i++) {
              var o = list[i];
              if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return true;
            }
          }
        }
        return false;
      }

      function insert(box) {
        for (var cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL); cx++) {
          for (var cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL); cy++) {
            var key = cx + ":" + cy;
            var list = cells.get(key);
            if (list) list.push(box);
            else cells.set(key, [box]);
          }
        }
      }

      for (var i = 0; i < this._items.length; i++) {
        var item = this._items[i];
        var v = this._choose(item, zoom);
        if (!v) continue;
        var p = map.latLngToLayerPoint(item.latlng);
        var angle = 0;
        if (item.fit === "line") {
          var pa = map.latLngToLayerPoint(item.a);
          var pb = map.latLngToLayerPoint(item.b);
          angle = Math.atan2(pb.y - pa.y, pb.x - pa.x);
          if (angle > Math.PI / 2) angle -= Math.PI; // keep the text upright
          if (angle < -Math.PI / 2) angle += Math.PI;
        }
        var x = p.x + (item.offset ? item.offset[0] : 0);
        var y = p.y + (item.offset ? item.offset[1] : 0);
        if (!bounds.contains([x, y])) continue;
        var hw = v.w / 2;
        var hh = v.h / 2;
        if (angle) { // the rotated box's bounding box
          var c = Math.abs(Math.cos(angle));
          var s = Math.abs(Math.sin(angle));
          var rw = hw * c + hh * s;
          hh = hw * s + hh * c;
          hw = rw;
        }
        var box = [x - hw - MARGIN, y - hh - MARGIN, x + hw + MARGIN, y + hh + MARGIN];
        if (collides(box)) continue;
        insert(box);
        placed.push({ item: item, v: v, x: x, y: y, angle: angle, box: box });
      }
      this._placed = placed;
    },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing) return;
      var ctx = renderer._ctx;
      var halo = (window.DeskDraw.palette || {}).halo || "#ffffff";
      for (var i = 0; i < this._placed.length; i++) {
        var l = this._placed[i];
        window.DeskDraw.text(ctx, l.v.lines, l.x, l.y, LINE, halo, l.angle);
      }
    },
  });

  window.DeskLabels = {
    Layer: LabelLayer,
    LINE: LINE,
    metresPerPixel: metresPerPixel,
  };
})();
