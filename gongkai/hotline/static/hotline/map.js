/* The hotline's maps, a progressive enhancement: the public map of recent requests and the point picker of the
   submit form. Tiles come only from the URL template the operator configured (data-tiles); without one the map
   shows the city's extent on a plain background. No other server is contacted. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  function bounds(el) {
    var b = (el.dataset.bbox || "").split(",").map(Number);
    return L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
  }

  function makeMap(el) {
    var box = bounds(el);
    var map = L.map(el, { maxBounds: box.pad(0.2) });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 18 }).addTo(map);
    } else {
      L.rectangle(box, { color: "#5577aa", weight: 1, fill: false, interactive: false }).addTo(map);
    }
    map.fitBounds(box);
    return map;
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  var publicMap = document.getElementById("public-map");
  if (publicMap) {
    var map = makeMap(publicMap);
    fetch(publicMap.dataset.points, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, { radius: 6 }); },
          onEachFeature: function (feature, layer) {
            var p = feature.properties;
            layer.bindPopup("<strong>" + escapeText(p.category) + "</strong> · " + escapeText(p.status) +
              "<br>" + escapeText(p.received) + "<br>" + escapeText(p.description));
          }
        }).addTo(map);
      });
  }

  var picker = document.getElementById("point-picker");
  if (picker) {
    picker.hidden = false;
    var note = document.getElementById("picker-note");
    if (note) { note.hidden = false; }
    var pickMap = makeMap(picker);
    var lat = document.getElementById("id_" + picker.dataset.lat);
    var lon = document.getElementById("id_" + picker.dataset.lon);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.circleMarker(latlng, { radius: 8 }).addTo(pickMap); }
    }
    if (lat.value && lon.value) { place([Number(lat.value), Number(lon.value)]); }
    pickMap.on("click", function (e) {
      if (!bounds(picker).contains(e.latlng)) { return; }
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      place(e.latlng);
    });
  }
})();
