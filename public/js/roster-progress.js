/* global document, window, fetch */
// Progressive enhancement of a running roster job's page: polls its progress and updates the bar,
// then reloads the page once the job has finished. Without JavaScript the page's Refresh header reloads it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('roster-progress');
    if (!box || box.getAttribute('data-active') !== 'yes') return;
    // Between the server's slower Refresh reloads, the bar moves every second.
    var url = box.getAttribute('data-progress-url');
    var bar = document.getElementById('roster-bar');
    var set = function (name, value) {
      var el = box.querySelector('[data-field="' + name + '"]');
      if (el) el.textContent = value;
    };
    var tick = function () {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) return;
          if (bar) { bar.value = p.rowsDone; bar.textContent = p.percent + '%'; }
          set('rowsDone', String(p.rowsDone));
          set('statusLabel', p.statusLabel);
          set('rate', p.rate);
          set('timeLeft', p.timeLeft);
          if (!p.active) window.location.reload();
          else window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    };
    window.setTimeout(tick, 500);
  });
})();
