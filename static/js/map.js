// The map of collection points (Leaflet, served by us). The list beside it works without it.
(function () {
  'use strict';
  var element = document.getElementById('map');
  if (!element || !window.L || !window.fetch) return;
  element.hidden = false;
  var lang = element.getAttribute('data-lang');
  var map = L.map(element).setView([parseFloat(element.getAttribute('data-lat')),
                                    parseFloat(element.getAttribute('data-lon'))], 15);
  L.tileLayer(element.getAttribute('data-tiles'), {
    maxZoom: 19,
    attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  // One colour a kind of place; the list and the point pages say the kind in words.
  var colours = {
    'container-site': '#1d6b2f', 'sorting-site': '#5d6d3a', 'reverse-vending': '#00796b',
    'shop-box': '#455a64', 'pharmacy': '#2f6ea5', 'textile-container': '#6a5a8c',
    'electronics-drop-off': '#37576b', 'institution-box': '#b35c00'
  };
  fetch(element.getAttribute('data-points'), { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var bounds = [];
      collection.features.forEach(function (feature) {
        var p = feature.properties;
        var at = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
        bounds.push(at);
        var marker = L.circleMarker(at, {
          radius: 10, color: '#1a1a1a', weight: 2, fillColor: colours[p.kind] || '#1d6b2f', fillOpacity: 0.9
        }).addTo(map);
        var link = document.createElement('a');
        link.href = '/' + lang + '/points/' + encodeURIComponent(p.id);
        link.textContent = p.name;
        marker.bindPopup(link);
      });
      if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30] });
    });
})();
