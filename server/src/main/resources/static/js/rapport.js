// Rapport's only script: small enhancements. Every page works without it.
(function () {
  "use strict";

  // Live character counters for text areas with data-max (the invitation note: 300).
  function bindCounter(area) {
    var max = parseInt(area.getAttribute("data-max"), 10);
    var out = document.getElementById(area.getAttribute("aria-describedby"));
    if (!max || !out) { return; }
    function update() {
      var used = Array.from(area.value).length;
      out.textContent = used + " / " + max;
      out.classList.toggle("over", used > max);
    }
    area.addEventListener("input", update);
    update();
  }

  function init(root) {
    root.querySelectorAll("textarea[data-max]").forEach(bindCounter);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });

  // htmx requests carry the CSRF token as a header too (forms also post it as a field).
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) { e.detail.headers["X-CSRF-TOKEN"] = meta.content; }
  });

  // Close an open disclosure menu when clicking elsewhere or pressing Escape.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (!d.contains(e.target)) { d.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      document.querySelectorAll("details.menu[open]").forEach(function (d) { d.removeAttribute("open"); });
    }
  });
})();
