/* global document, window */
// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // The notice page's print button (hidden without script, since it needs script to work).
    var print = document.querySelector('.print-button');
    if (print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
    // Move focus to the error summary so screen-reader and keyboard users hear the problem first.
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  });
})();
