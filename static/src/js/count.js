/*
 * Natter comment counters (docs/widget.md). Served at <natter>/embed/count.js
 * and at Isso's /js/count.min.js. Fills, with one request per page:
 *  - <a href="…#isso-thread"> links (thread: data-isso-id, else the link's
 *    path and query), as Isso's count script does;
 *  - any element with data-natter-count="<thread uri>".
 */
(function () {
  "use strict";
  var doc = document, me = doc.currentScript;
  if (!me) return;
  var root = me.getAttribute("data-isso");
  var base = root ? new URL(root, location.href).href
    : me.src.replace(/\/(embed\/count\.js|js\/count\.(min|dev)\.js)([?#].*)?$/, "");
  base = base.replace(/\/$/, "");
  var lang = me.getAttribute("data-isso-lang") || me.getAttribute("data-natter-lang") || "";

  function run() {
    var els = doc.querySelectorAll('a[href$="#isso-thread"],[data-natter-count]'), uris = [], by = {};
    for (var i = 0; i < els.length; i++) {
      var el = els[i], uri = el.getAttribute("data-natter-count") || el.getAttribute("data-isso-id");
      if (!uri) { var u = new URL(el.href, location.href); uri = u.pathname + u.search; }
      if (!by[uri]) { by[uri] = []; uris.push(uri); }
      by[uri].push(el);
    }
    if (!uris.length) return;
    var q = new URLSearchParams();
    uris.forEach(function (u) { q.append("uri", u); });
    if (lang) q.set("lang", lang);
    fetch(base + "/embed/counts?" + q.toString(), { mode: "cors" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (!res) return;
        uris.forEach(function (u, i) {
          by[u].forEach(function (el) {
            el.textContent = res.labels[i];
            el.setAttribute("data-natter-comments", res.counts[i]);
          });
        });
      })
      .catch(function () { /* counters are decoration */ });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", run); else run();
})();
