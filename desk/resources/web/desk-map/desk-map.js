/* desk map page API: window.desk.
 *
 * The page is built once by desk/map/page.py (folium); this file turns it into a live view.
 * Python pushes incident diffs (setIncidents / upsertIncidents / removeIncidents) and camera
 * moves; the page reports clicks to a host object (the Qt bridge, attached by a script that the
 * widget injects) and says when it is ready. Nothing here touches the network.
 */
(function () {
  "use strict";

  var CARD_RANK = { none: 0, yellow: 1, red: 2 };
  var CARD_SIZE = { none: 14, yellow: 18, red: 20 };
  var CARD_BADGE = { none: "", yellow: "Y", red: "R" };
  var POINT_SIZE = { workstations: [12, 12], hazards: [18, 16], shelters: [16, 15] };
  var POINT_CLASS = { workstations: "workstation", hazards: "hazard", shelters: "shelter" };
  // Bottom to top: restored whenever an overlay is switched back on (Leaflet re-appends it).
  var PATH_ORDER = ["grids", "areas", "units", "cells", "routes"];

  var desk = {
    ready: false,
    _map: null,
    _labels: {},
    _values: {}, // vocabulary -> stored key -> display name (from the UI's translations)
    _theme: "light",
    _layers: {},
    _incidents: null,
    _markers: new Map(), // incident id -> L.Marker
    _highlighted: null,
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

  // Tooltip content is built with textContent: names come from operators' input.
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

  function tipFor(kind, p) {
    p = p || {};
    switch (kind) {
      case "grids":
        return tipElement(p.name, [
          [label("code"), p.code],
          [label("unit"), p.unit],
          [label("kind"), present(p.kind) ? label("kind_" + p.kind) : null],
        ]);
      case "cells":
        return tipElement(p.name, [[label("code"), p.code], [label("officers"), p.officers]]);
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

  /* ---- hooks used by the folium-generated layers (see page.py) ---- */

  desk.configure = function (cfg) {
    desk._labels = cfg.labels || {};
    desk._values = cfg.values || {};
    desk._theme = cfg.theme || "light";
    document.documentElement.classList.add("desk-theme-" + desk._theme);
    document.documentElement.lang = cfg.lang === "en" ? "en" : "zh-CN";
  };

  // onEachFeature factory: a lazily built tooltip (sticky on areas, fixed on points).
  desk.tip = function (kind) {
    var sticky = PATH_ORDER.indexOf(kind) >= 0;
    return function (feature, layer) {
      layer.bindTooltip(function () { return tipFor(kind, feature.properties); },
        { sticky: sticky, className: "desk-tip", direction: "top", opacity: 1 });
    };
  };

  // Village/community names sit at the polygon's centre as permanent labels.
  desk.unitLabel = function (feature, layer) {
    var name = (feature.properties || {}).name;
    if (!present(name)) return;
    layer.bindTooltip(String(name), {
      permanent: true, direction: "center", className: "desk-unit-label", interactive: false,
    });
  };

  // pointToLayer factory: each static point kind is a distinct CSS shape.
  desk.pointLayer = function (kind) {
    var size = POINT_SIZE[kind] || [12, 12];
    var icon = L.divIcon({
      className: "desk-pt",
      html: '<div class="desk-sym desk-sym--' + (POINT_CLASS[kind] || "point") + '"></div>',
      iconSize: size,
      iconAnchor: [size[0] / 2, size[1] / 2],
    });
    return function (feature, latlng) {
      // Bubbling lets a pick-mode click on a symbol still report the map position.
      return L.marker(latlng, { icon: icon, keyboard: false, bubblingMouseEvents: true });
    };
  };

  /* ---- legend ---- */

  function legendRow(list, swatchClass, text, inner) {
    var row = L.DomUtil.create("div", "desk-legend__row", list);
    var sw = L.DomUtil.create("span", "desk-legend__swatch " + swatchClass, row);
    if (inner) sw.innerHTML = inner; // static markup from this file only
    L.DomUtil.create("span", "desk-legend__text", row).textContent = text;
  }

  function incidentHtml(card) {
    var badge = CARD_BADGE[card] ? '<span class="desk-inc__badge">' + CARD_BADGE[card] + "</span>" : "";
    return '<div class="desk-inc desk-inc--' + card + '">' + badge + "</div>";
  }

  var Legend = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      var box = L.DomUtil.create("div", "desk-legend leaflet-bar");
      L.DomUtil.create("div", "desk-legend__title", box).textContent = label("legend");
      var list = L.DomUtil.create("div", "desk-legend__list", box);
      legendRow(list, "desk-sw-grid", label("grids"));
      legendRow(list, "desk-sw-cell", label("cells"));
      legendRow(list, "desk-sw-unit", label("units"));
      legendRow(list, "desk-sw-area", label("areas"));
      legendRow(list, "desk-sw-route", label("routes"));
      legendRow(list, "desk-sw-point", label("workstations"), '<div class="desk-sym desk-sym--workstation"></div>');
      legendRow(list, "desk-sw-point", label("hazards"), '<div class="desk-sym desk-sym--hazard"></div>');
      legendRow(list, "desk-sw-point", label("shelters"), '<div class="desk-sym desk-sym--shelter"></div>');
      ["none", "yellow", "red"].forEach(function (card) {
        legendRow(list, "desk-sw-inc desk-sw-inc--" + card, label("card_" + card), incidentHtml(card));
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });

  /* ---- incidents ---- */

  function incidentIcon(card, highlighted) {
    var size = CARD_SIZE[card];
    return L.divIcon({
      className: "desk-inc-icon" + (highlighted ? " desk-inc-icon--hl" : ""),
      html: incidentHtml(card),
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
  }

  function restyleIncident(marker) {
    var card = normCard(marker.feature.properties.card);
    var hl = desk._highlighted === marker.deskId;
    marker.setIcon(incidentIcon(card, hl));
    // Red over yellow over none; the highlighted one above all.
    marker.setZIndexOffset(hl ? 10000 : CARD_RANK[card] * 1000);
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
    return L.latLng(g.coordinates[1], g.coordinates[0]);
  }

  function upsertOne(feature) {
    var props = feature.properties || {};
    var id = Number(props.id);
    var ll = latLngOf(feature);
    if (!Number.isFinite(id)) return;
    var marker = desk._markers.get(id);
    if (!ll) {
      // No position (yet): nothing to draw; drop a stale marker rather than mislead.
      if (marker) removeOne(id);
      return;
    }
    if (!marker) {
      marker = L.marker(ll, { pane: "deskIncidents", keyboard: false, riseOnHover: true });
      marker.deskId = id;
      marker.bindTooltip(function () { return tipFor("incidents", marker.feature.properties); },
        { className: "desk-tip", direction: "top", offset: [0, -8], opacity: 1 });
      marker.on("click", function (e) {
        if (desk._pick) {
          desk._reportClick(e.latlng.lat, e.latlng.lng);
        } else {
          desk._reportIncident(id);
        }
      });
      desk._markers.set(id, marker);
      marker.feature = feature;
      restyleIncident(marker);
      marker.addTo(desk._incidents);
    } else {
      marker.feature = feature;
      marker.setLatLng(ll);
      restyleIncident(marker);
      if (marker.isTooltipOpen()) marker.setTooltipContent(tipFor("incidents", props));
    }
  }

  function removeOne(id) {
    var marker = desk._markers.get(id);
    if (!marker) return;
    desk._incidents.removeLayer(marker);
    desk._markers.delete(id);
    if (desk._highlighted === id) desk._highlighted = null;
  }

  desk.setIncidents = function (fc) {
    var keep = new Set();
    featuresOf(fc).forEach(function (f) {
      keep.add(Number((f.properties || {}).id));
    });
    Array.from(desk._markers.keys()).forEach(function (id) {
      if (!keep.has(id)) removeOne(id);
    });
    featuresOf(fc).forEach(upsertOne);
    return desk._markers.size;
  };

  desk.upsertIncidents = function (fc) {
    featuresOf(fc).forEach(upsertOne);
    return desk._markers.size;
  };

  desk.removeIncidents = function (ids) {
    (ids || []).forEach(function (id) { removeOne(Number(id)); });
    return desk._markers.size;
  };

  desk.incidentCount = function () {
    return desk._markers.size;
  };

  desk.incidentCard = function (id) {
    var marker = desk._markers.get(Number(id));
    return marker ? normCard(marker.feature.properties.card) : null;
  };

  // Highlight one incident (null clears); pans to it if it is off screen. True if found.
  desk.highlightIncident = function (id) {
    var previous = desk._markers.get(desk._highlighted);
    desk._highlighted = id === null || id === undefined ? null : Number(id);
    if (previous) restyleIncident(previous);
    var marker = desk._markers.get(desk._highlighted);
    if (!marker) {
      desk._highlighted = null;
      return false;
    }
    restyleIncident(marker);
    if (!desk._map.getBounds().contains(marker.getLatLng())) {
      desk._followHome = false;
      desk._map.panTo(marker.getLatLng());
    }
    return true;
  };

  desk.highlightedIncident = function () {
    return desk._highlighted;
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

  desk.init = function (map, opts) {
    desk._map = map;
    desk._layers = opts.layers || {};
    desk._bounds = opts.bounds ? L.latLngBounds(opts.bounds) : null;

    map.createPane("deskIncidents").style.zIndex = 640; // above markers (600), below tooltips (650)
    desk._incidents = L.featureGroup().addTo(map);
    if (opts.layerControl) opts.layerControl.addOverlay(desk._incidents, label("incidents"));
    L.control.scale({ imperial: false }).addTo(map);
    new Legend().addTo(map);

    map.on("click", function (e) {
      if (desk._pick) desk._reportClick(e.latlng.lat, e.latlng.lng);
    });
    map.on("overlayadd", function () {
      PATH_ORDER.forEach(function (role) {
        var layer = desk._layers[role];
        if (layer && map.hasLayer(layer)) layer.bringToFront();
      });
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
