// Progressive enhancement only: every page works without this file.
// The guide's search box shows answers as you type, from /api/v1/search.
(function () {
  'use strict';
  var input = document.querySelector('input[data-live-search]');
  var results = document.getElementById('results');
  if (!input || !results || !window.fetch) return;
  var lang = input.getAttribute('data-lang') || 'lv';
  var timer = null;
  var latest = 0;

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function swatch(colour) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'swatch');
    svg.setAttribute('viewBox', '0 0 10 10');
    svg.setAttribute('aria-hidden', 'true');
    var rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('width', '10');
    rect.setAttribute('height', '10');
    if (/^#[0-9a-fA-F]{6}$/.test(colour)) rect.setAttribute('fill', colour);
    svg.appendChild(rect);
    return svg;
  }

  function render(data) {
    var list = element('ul', 'results');
    data.results.forEach(function (r) {
      var item = element('li');
      var link = element('a', 'result');
      link.href = '/' + lang + '/guide/item/' + encodeURIComponent(r.item);
      link.appendChild(element('span', 'result-name', r.name));
      if (r.bin) {
        var chip = element('span', 'bin-chip');
        chip.appendChild(swatch(r.bin.colour));
        var icon = element('img');
        icon.src = '/static/icons/' + encodeURIComponent(r.bin.icon) + '.svg';
        icon.alt = '';
        icon.width = 28;
        icon.height = 28;
        chip.appendChild(icon);
        chip.appendChild(document.createTextNode(r.bin.name));
        link.appendChild(chip);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    results.replaceChildren(list);
  }

  function search() {
    var query = input.value;
    if (query.trim().length < 2) return;
    var ticket = ++latest;
    fetch('/api/v1/search?prefix=1&limit=8&lang=' + lang + '&q=' + encodeURIComponent(query))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && ticket === latest) render(data); })
      .catch(function () { /* the form still works */ });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
})();

// "Use my location" on an item page: the nearest points from where the person stands, only if
// they allow it (the page works without it, from the neighbourhood's centre).
(function () {
  'use strict';
  var button = document.querySelector('[data-locate]');
  if (!button || !navigator.geolocation) return;
  // The page holds the words for a refusal in its own language.
  var refused = document.querySelector('[data-locate-refused]');
  button.hidden = false;
  button.addEventListener('click', function () {
    if (refused) refused.hidden = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      var url = new URL(window.location.href);
      url.searchParams.set('near', position.coords.latitude.toFixed(5) + ',' + position.coords.longitude.toFixed(5));
      url.hash = 'nearest-heading';
      window.location.href = url.toString();
    }, function () {
      if (refused) refused.hidden = false;
    }, { timeout: 15000, maximumAge: 300000 });
  });
})();

// A refused form (GOV.UK's error summary): the summary takes the focus, so that a screen reader
// starts there; its links put the cursor in the field they name.
(function () {
  'use strict';
  var summary = document.querySelector('.error-summary');
  if (!summary) return;
  summary.setAttribute('tabindex', '-1');
  summary.focus();
  summary.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    var target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    var field = target.matches('input, select, textarea') ? target
      : target.querySelector('input, select, textarea');
    target.scrollIntoView({ block: 'center' });
    if (field) field.focus({ preventScroll: true });
  });
})();

// On a wide screen the menu stands open, also where CSS cannot open a <details> by itself.
(function () {
  'use strict';
  var menu = document.querySelector('details.menu');
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia('(min-width: 48rem)');
  function fit() { menu.open = wide.matches; }
  fit();
  if (wide.addEventListener) wide.addEventListener('change', fit);
})();
