/* Session expiry without losing work (issue 14). No inline script: loaded by base.html.
 *
 * 1. Warning. The session ends after `data-sessie-duur` seconds without a request
 *    (SESSION_COOKIE_AGE, refreshed by every request). Two minutes before that, a region
 *    at the top of the page says so and offers "Blijf ingelogd": a GET of the keep-alive
 *    (`data-sessie-url`, swv.sessie) that refreshes the session. When the time is up it
 *    says the session has ended and offers "Opnieuw aanmelden" (back to this page).
 *    Tabs share the moment of the last request through localStorage.
 * 2. What was typed. Fields of POST forms are kept in sessionStorage (this tab only)
 *    while typing; never passwords, files, hidden fields or one-time codes. The copy is
 *    put back only when the user comes back to the page through the sign-in pages
 *    (`data-aanmelden`), i.e. after the session expired. Any other page load drops it
 *    (a submit that succeeded, a reload); signing out (`data-uitgelogd`) drops all.
 */
(function () {
  "use strict";

  var body = document.body;
  var VOORVOEGSEL = "swv-concept:";
  var LAATST = "swv-sessie-laatst";

  function opslag(soort) {
    try {
      var s = window[soort];
      s.setItem("swv-test", "1");
      s.removeItem("swv-test");
      return s;
    } catch (e) {
      return null;
    }
  }
  var tab = opslag("sessionStorage");
  var gedeeld = opslag("localStorage");

  /* ---- 2. What was typed ------------------------------------------------------------ */

  function sleutel() {
    return VOORVOEGSEL + location.pathname + location.search;
  }

  function concepten() {
    var uit = [];
    if (!tab) return uit;
    for (var i = 0; i < tab.length; i++) {
      var k = tab.key(i);
      if (k && k.indexOf(VOORVOEGSEL) === 0) uit.push(k);
    }
    return uit;
  }

  function bewaarbaar(el) {
    if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken") return false;
    if (el.hasAttribute("data-niet-bewaren")) return false;
    if ((el.autocomplete || "").indexOf("one-time-code") !== -1) return false;
    var type = (el.type || "").toLowerCase();
    return ["password", "hidden", "file", "submit", "button", "reset", "image"].indexOf(type) === -1;
  }

  function postFormulieren() {
    return Array.prototype.filter.call(document.forms, function (f) {
      return (f.getAttribute("method") || "").toLowerCase() === "post";
    });
  }

  function toestand(form) {
    var velden = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!bewaarbaar(el)) return;
      var type = (el.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        velden[el.name] = velden[el.name] || [];
        if (el.checked) velden[el.name].push(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        velden[el.name] = Array.prototype.filter
          .call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        velden[el.name] = el.value;
      }
    });
    return velden;
  }

  function bewaren() {
    if (!tab) return;
    var formulieren = {};
    postFormulieren().forEach(function (f, i) { formulieren[i] = toestand(f); });
    try {
      tab.setItem(sleutel(), JSON.stringify({ formulieren: formulieren, terugzetten: false }));
    } catch (e) { /* full: nothing kept */ }
  }

  function terugzetten(concept) {
    var iets = false;
    var forms = postFormulieren();
    Object.keys(concept.formulieren || {}).forEach(function (i) {
      var form = forms[i];
      if (!form) return;
      var velden = concept.formulieren[i];
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!bewaarbaar(el) || !(el.name in velden)) return;
        var w = velden[el.name];
        var type = (el.type || "").toLowerCase();
        if (type === "checkbox" || type === "radio") {
          el.checked = w.indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = w.indexOf(o.value) !== -1; });
        } else if (el.value !== w) {
          el.value = w;
          if (w) iets = true;
        }
      });
    });
    return iets;
  }

  function conceptenBijLaden() {
    if (!tab) return;
    if (body.hasAttribute("data-uitgelogd")) {
      concepten().forEach(function (k) { tab.removeItem(k); });
      return;
    }
    if (body.hasAttribute("data-aanmelden")) {
      concepten().forEach(function (k) {
        try {
          var c = JSON.parse(tab.getItem(k));
          c.terugzetten = true;
          tab.setItem(k, JSON.stringify(c));
        } catch (e) { tab.removeItem(k); }
      });
      return;
    }
    if (!body.hasAttribute("data-sessie-duur")) return; // a public page: leave them be
    var hier = null;
    try { hier = JSON.parse(tab.getItem(sleutel())); } catch (e) { hier = null; }
    concepten().forEach(function (k) { tab.removeItem(k); });
    if (hier && hier.terugzetten && terugzetten(hier)) {
      bewaren();
      var melding = document.getElementById("formulier-teruggezet");
      if (melding) melding.hidden = false;
    }
  }

  function conceptenVolgen() {
    if (!tab || !body.hasAttribute("data-sessie-duur") || body.hasAttribute("data-aanmelden")) return;
    document.addEventListener("input", function (e) {
      if (e.target.form && postFormulieren().indexOf(e.target.form) !== -1) bewaren();
    });
    document.addEventListener("change", function (e) {
      if (e.target.form && postFormulieren().indexOf(e.target.form) !== -1) bewaren();
    });
    document.addEventListener("submit", function (e) {
      if (postFormulieren().indexOf(e.target) !== -1) bewaren();
    });
    var wissen = document.querySelector("[data-formulier-wissen]");
    if (wissen) {
      wissen.addEventListener("click", function () {
        postFormulieren().forEach(function (f) { f.reset(); });
        tab.removeItem(sleutel());
        document.getElementById("formulier-teruggezet").hidden = true;
      });
    }
  }

  /* ---- 1. Warning before the session ends ------------------------------------------- */

  function waarschuwen() {
    var duur = parseInt(body.getAttribute("data-sessie-duur"), 10);
    var paneel = document.getElementById("sessie-waarschuwing");
    if (!duur || !paneel) return;
    var vooraf = Math.min(120, duur / 2) * 1000;
    var melding = document.getElementById("sessie-melding");
    var verlengen = paneel.querySelector("[data-sessie-verlengen]");
    var aanmelden = paneel.querySelector("[data-sessie-aanmelden]");
    var tekst = document.getElementById("sessie-tekst");
    var verlopen = document.getElementById("sessie-verlopen");
    var toestandNu = "actief";
    var klok = null;

    function laatst() {
      var w = gedeeld ? parseInt(gedeeld.getItem(LAATST), 10) : NaN;
      return isNaN(w) ? begin : Math.max(w, begin);
    }
    function vernieuwd() {
      begin = Date.now();
      if (gedeeld) gedeeld.setItem(LAATST, String(begin));
    }
    function zeg(t) {
      melding.textContent = "";
      window.setTimeout(function () { melding.textContent = t; }, 50);
    }
    function zet(nieuw) {
      if (nieuw === toestandNu) return;
      toestandNu = nieuw;
      paneel.hidden = nieuw === "actief";
      tekst.hidden = nieuw !== "bijna";
      verlopen.hidden = nieuw !== "verlopen";
      verlengen.hidden = nieuw !== "bijna";
      aanmelden.hidden = nieuw !== "verlopen";
      if (nieuw === "bijna") zeg(tekst.textContent);
      if (nieuw === "verlopen") zeg(verlopen.textContent);
    }
    function controleer() {
      window.clearTimeout(klok);
      var rest = duur * 1000 - (Date.now() - laatst());
      if (rest <= 0) {
        zet("verlopen");
        return;
      }
      zet(rest <= vooraf ? "bijna" : "actief");
      klok = window.setTimeout(controleer, rest <= vooraf ? Math.min(rest, 1000) : rest - vooraf);
    }

    var begin = Date.now();
    vernieuwd();
    verlengen.addEventListener("click", function () {
      verlengen.disabled = true;
      fetch(body.getAttribute("data-sessie-url"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store"
      }).then(function (r) {
        var json = (r.headers.get("content-type") || "").indexOf("application/json") === 0;
        if (!r.ok || r.redirected || !json) throw new Error("verlopen");
        vernieuwd();
        zet("actief");
        zeg(verlengen.getAttribute("data-gelukt") || "U blijft ingelogd.");
        controleer();
      }).catch(function () {
        zet("verlopen");
      }).then(function () {
        verlengen.disabled = false;
      });
    });
    window.addEventListener("storage", function (e) {
      if (e.key === LAATST) controleer(); // another tab made a request
    });
    document.addEventListener("visibilitychange", controleer); // timers sleep in background tabs
    controleer();
  }

  conceptenBijLaden();
  conceptenVolgen();
  waarschuwen();
})();
