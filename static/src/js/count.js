/*
 * Natter comment counters (docs/widget.md). Served at <natter>/embed/count.js
 * and at Isso's /js/count.min.js. Fills, with one request per page:
 *  - <a href="…#isso-thread"> links (thread: data-isso-id, else the link's
 *    path and query), as Isso's count script does, in Isso's words: the
 *    page's data-isso-num-comments-text-<lang> when it has one for the
 *    reader's language, Isso's English ("One Comment", "0 Comments") for
 *    English readers, else Natter's label in that language;
 *  - any element with data-natter-count="<thread uri>" (Natter's label).
 * The language is chosen as Isso's client does: data-isso-lang (or
 * data-natter-lang), the browser's languages, data-isso-default-lang; each
 * tag, then its primary subtag, among the languages Natter speaks.
 */
(function () {
  "use strict";
  var doc = document, me = doc.currentScript;
  if (!me) return;
  var root = me.getAttribute("data-isso");
  var base = root ? new URL(root, location.href).href
    : me.src.replace(/\/(embed\/count\.js|js\/count\.(min|dev)\.js)([?#].*)?$/, "");
  base = base.replace(/\/$/, "");
  // Natter's catalogues (internal/i18n Tags and aliases; a Go test keeps
  // this list in step).
  var LANGS = ["de", "en", "es", "fr", "ja", "zh-cn", "zh-tw"];
  var ALIASES = { "zh": "zh-cn", "zh-hans": "zh-cn", "zh-hans-cn": "zh-cn", "zh-sg": "zh-cn",
    "zh-hant": "zh-tw", "zh-hk": "zh-tw", "zh-mo": "zh-tw", "zh-hant-tw": "zh-tw" };

  // issoConfig reads data-isso-* from every script of the page, as Isso:
  // the name after data-isso- lower-cased with "_" as "-", and a typed
  // "\n" in the value as a newline.
  function issoConfig() {
    var cfg = {}, scripts = doc.querySelectorAll("script");
    for (var i = 0; i < scripts.length; i++) {
      var attrs = scripts[i].attributes || [];
      for (var j = 0; j < attrs.length; j++) {
        var name = attrs[j].name.toLowerCase();
        if (name.indexOf("data-isso-") !== 0) continue;
        cfg[name.slice(10).replace(/_/g, "-")] = String(attrs[j].value).replace(/\\n/g, "\n");
      }
    }
    return cfg;
  }

  function norm(tag) { return String(tag || "").trim().toLowerCase().replace(/_/g, "-"); }

  // pick returns the first candidate Natter speaks: {tag: as asked,
  // lang: Natter's catalogue}, trying each tag and then its primary subtag.
  function pick(candidates) {
    for (var i = 0; i < candidates.length; i++) {
      var t = norm(candidates[i]);
      var tries = t.indexOf("-") > 0 ? [t, t.split("-")[0]] : [t];
      for (var k = 0; k < tries.length; k++) {
        var l = ALIASES[tries[k]] || tries[k];
        if (l && LANGS.indexOf(l) >= 0) return { tag: tries[k], lang: l };
      }
    }
    return null;
  }

  function browserLangs() {
    var nav = window.navigator || {};
    if (nav.languages && nav.languages.length) return Array.prototype.slice.call(nav.languages);
    return [nav.language || nav.userLanguage].filter(Boolean);
  }

  // plural chooses among forms separated by newlines: one form for all
  // counts, else by the language's plural category (one, few, many, other).
  function plural(text, n, lang) {
    var forms = text.split("\n"), i = forms.length - 1;
    if (forms.length > 1) {
      var cat = "other";
      try { cat = new Intl.PluralRules(lang).select(n); } catch (e) { cat = n === 1 ? "one" : "other"; }
      var order = ["one", "few", "many"].slice(0, forms.length - 1);
      if (order.indexOf(cat) >= 0) i = order.indexOf(cat);
    }
    return forms[i].replace(/\{\{\s*n\s*\}\}/g, String(n));
  }

  // issoText is what Isso's client writes into a counter link, or null
  // for Natter's label.
  function issoText(cfg, chosen, n) {
    if (!chosen) return null;
    var keys = ["num-comments-text-" + chosen.tag, "num-comments-text-" + chosen.lang];
    for (var i = 0; i < keys.length; i++) {
      if (typeof cfg[keys[i]] === "string" && cfg[keys[i]] !== "") return plural(cfg[keys[i]], n, chosen.lang);
    }
    if (chosen.lang === "en") return plural("One Comment\n{{ n }} Comments", n, "en");
    return null;
  }

  function run() {
    var cfg = issoConfig();
    var forced = cfg.lang || me.getAttribute("data-natter-lang") || "";
    var chosen = pick([forced].concat(browserLangs(), [cfg["default-lang"] || ""]));
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
    if (chosen) q.set("lang", chosen.lang);
    fetch(base + "/embed/counts?" + q.toString(), { mode: "cors" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (!res) return;
        uris.forEach(function (u, i) {
          by[u].forEach(function (el) {
            var isso = el.hasAttribute("data-natter-count") ? null : issoText(cfg, chosen, res.counts[i]);
            el.textContent = isso === null ? res.labels[i] : isso;
            el.setAttribute("data-natter-comments", res.counts[i]);
          });
        });
      })
      .catch(function () { /* counters are decoration */ });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", run); else run();
})();
