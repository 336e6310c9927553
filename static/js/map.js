// The map of collection points (Leaflet, served by us). The list beside it works without it.
(function () {
  'use strict';
  var element = document.getElementById('map');
  if (!element || !window.L || !window.fetch) return;
  element.hidden = false;
  // Words the page holds in its own language: shown only once there is a map.
  document.querySelectorAll('[data-map-only]').forEach(function (e) { e.hidden = false; });
  var tilesFailed = document.querySelector('[data-tiles-failed]');
  var lang = element.getAttribute('data-lang');
  var map = L.map(element).setView([parseFloat(element.getAttribute('data-lat')),
                                    parseFloat(element.getAttribute('data-lon'))], 15);
  var tiles = L.tileLayer(element.getAttribute('data-tiles'), {
    maxZoom: 19,
    attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  // A failed tile leaves a grey square: say why, and that the list has every place.
  tiles.on('tileerror', function () { if (tilesFailed) tilesFailed.hidden = false; });
  // One colour a kind of place (site.css, .map-dot .kind-…); the list and the point pages say
  // the kind in words.
  var kinds = ['container-site', 'sorting-site', 'reverse-vending', 'shop-box', 'pharmacy',
               'textile-container', 'electronics-drop-off', 'institution-box'];
  // On a phone's narrow screen the dots are smaller, so that neighbours do not merge into one.
  var size = window.matchMedia && window.matchMedia('(max-width: 30rem)').matches ? 18 : 24;

  function popup(p) {
    var box = document.createElement('div');
    var link = document.createElement('a');
    link.href = '/' + lang + '/points/' + encodeURIComponent(p.id);
    link.textContent = p.name;
    var name = document.createElement('strong');
    name.appendChild(link);
    box.appendChild(name);
    [p.kind_name, p.address, p.status].forEach(function (text, i) {
      if (!text) return;
      var line = document.createElement('p');
      line.textContent = text;
      if (i === 2) line.className = p.open_now ? 'open' : 'closed';
      box.appendChild(line);
    });
    return box;
  }

  fetch(element.getAttribute('data-points'), { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var bounds = [];
      collection.features.forEach(function (feature) {
        var p = feature.properties;
        var at = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
        bounds.push(at);
        // A marker (not a drawn circle) so that the keyboard reaches it: Tab to it, Enter opens.
        var marker = L.marker(at, {
          keyboard: true,
          title: p.name,
          icon: L.divIcon({ className: 'map-dot', iconSize: [size, size],
                            html: '<span class="kind-' + (kinds.indexOf(p.kind) >= 0 ? p.kind : 'other') + '"></span>' })
        }).addTo(map);
        var icon = marker.getElement();
        if (icon) {
          icon.setAttribute('role', 'button');
          icon.setAttribute('aria-label', p.name + (p.status ? ' — ' + p.status : ''));
        }
        marker.bindPopup(popup(p));
      });
      if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30] });
    });
})();
