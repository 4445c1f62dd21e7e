// Small behaviours of the app's own pages. Kept out of the templates so that the
// Content-Security-Policy can forbid inline scripts and on...= attributes.
(function () {
  "use strict";
  // <select data-kirim-otomatis>: choosing an option submits its form (year, Puskesmas,
  // month pickers). A <noscript> button next to it does the same without JavaScript.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-kirim-otomatis") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });
  // <form data-konfirmasi="...">: asks before submitting (a step that skips earlier steps).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.konfirmasi !== undefined &&
        !window.confirm(form.dataset.konfirmasi)) {
      event.preventDefault();
    }
  });
})();
(function () {
  "use strict";
  // PWS grid (<input data-sel-pws data-baris data-kolom>): Tab moves along a desa's row
  // (the browser's own order); Enter moves down to the same indicator of the next desa
  // instead of submitting the whole sheet.
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || !(el instanceof HTMLInputElement) || !el.hasAttribute("data-sel-pws")) {
      return;
    }
    event.preventDefault();
    var tabel = el.closest("[data-grid-pws]");
    var baris = parseInt(el.dataset.baris, 10) + (event.shiftKey ? -1 : 1);
    var berikut = tabel && tabel.querySelector(
      '[data-sel-pws][data-baris="' + baris + '"][data-kolom="' + el.dataset.kolom + '"]');
    if (!berikut && tabel && !event.shiftKey) {
      // past the last desa: the top of the next indicator
      berikut = tabel.querySelector(
        '[data-sel-pws][data-baris="0"][data-kolom="' + (parseInt(el.dataset.kolom, 10) + 1) + '"]');
    }
    if (berikut) {
      berikut.focus();
      berikut.select();
    }
  });
})();
