// Follows a background task (swv.taken) on /taken/<id>/: asks for its status every two
// seconds and reloads the page once it is ready or failed. Without script the page has a
// "Nu verversen" link.
(function () {
  "use strict";
  var el = document.getElementById("taak");
  if (!el || el.dataset.klaar === "ja") { return; }
  var url = el.dataset.statusUrl;
  var status = document.getElementById("taak-status");
  function vraag() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) { return; }
        if (d.klaar) { window.location.reload(); return; }
        if (status && status.textContent.trim() !== d.label) { status.textContent = d.label; }
        window.setTimeout(vraag, 2000);
      })
      .catch(function () { window.setTimeout(vraag, 5000); });
  }
  window.setTimeout(vraag, 1000);
})();
