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
