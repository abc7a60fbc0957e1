/*
 * Natter embed loader (docs/widget.md). Served at <natter>/embed.js and at
 * Isso's client paths (/js/embed.min.js, /js/embed.dev.js). It:
 *  - loads Natter's pinned htmx 2 unless the page already has htmx; on a
 *    page running htmx 4 (whose request model and events differ) it keeps
 *    htmx 4 away from Natter's elements and inlines the thread's plain
 *    version instead (read in place, write through normal form posts),
 *    touching none of the page's htmx settings;
 *  - lets htmx request Natter's origin (and only that, besides the page's
 *    own, when the page relied on htmx's same-origin default);
 *  - keeps the reader's edit tokens in localStorage and sends them in a
 *    header, so editing never depends on third-party cookies;
 *  - lets Natter's inline error fragments (4xx) swap, and for any other
 *    failure (network, proxy, body limit) keeps what the reader typed and
 *    says so next to it;
 *  - remembers name, e-mail and website for the next comment;
 *  - injects the stylesheet, mounts the widget on Isso pages
 *    (#isso-thread + data-isso-* attributes) and loads the count script
 *    when the page has comment counters.
 * Hand-written, no build step; the server fills in the placeholders.
 */
(function () {
  "use strict";
  var doc = document, W = window;
  var me = doc.currentScript;
  if (!me || W.__natter) return;
  var issoRoot = me.getAttribute("data-isso");
  var base = issoRoot
    ? new URL(issoRoot, location.href).href
    : me.src.replace(/\/(embed\.js|js\/embed\.(min|dev)\.js)([?#].*)?$/, "");
  base = base.replace(/\/$/, "");
  var origin = new URL(base).origin;
  var TOKEN = "__NATTER_TOKEN_HEADER__", DROP = "__NATTER_TOKEN_DROP__", REFUSAL = "__NATTER_REFUSAL__";
  var KEY = "natter:" + base;
  W.__natter = { base: base };

  function ours(path) { return typeof path === "string" && path.indexOf(base + "/") === 0; }
  function load(k) { try { return JSON.parse(localStorage.getItem(KEY + k)) || {}; } catch (e) { return {}; } }
  function save(k, v) { try { localStorage.setItem(KEY + k, JSON.stringify(v)); } catch (e) { /* private mode */ } }

  // Tokens: {id: [token, expiresAtMs]}.
  function tokens() {
    var t = load(":tokens"), now = Date.now(), out = [], id;
    for (id in t) { if (t[id][1] > now) out.push(id + ":" + t[id][0]); else delete t[id]; }
    return out.slice(-50).join(" ");
  }
  function keepToken(h) {
    var m = /^(\d+):(\S+?)(?:;\s*max-age=(\d+))?$/.exec(h || "");
    if (!m) return;
    var t = load(":tokens");
    t[m[1]] = [m[2], Date.now() + 1000 * (m[3] ? +m[3] : 900)];
    save(":tokens", t);
  }
  function dropToken(id) { var t = load(":tokens"); delete t[id]; save(":tokens", t); }

  // Isso's data-isso-* attributes, read from every script (isso-compat §3.3).
  function issoConfig() {
    var cfg = {}, scripts = doc.getElementsByTagName("script");
    for (var i = 0; i < scripts.length; i++) {
      var at = scripts[i].attributes;
      for (var j = 0; j < at.length; j++) {
        if (at[j].name.indexOf("data-isso-") !== 0) continue;
        var k = at[j].name.slice(10).toLowerCase().replace(/_/g, "-"), v = at[j].value.replace(/\\n/g, "\n");
        try { v = JSON.parse(v); } catch (e) { /* keep the string */ }
        cfg[k] = v;
      }
    }
    return cfg;
  }
  var isso = issoConfig();

  // pageLang is the language the host page declares for el (its nearest
  // lang attribute, usually <html lang>): the widget's language after an
  // explicit data-natter-lang / data-isso-lang and before the reader's
  // browser (Accept-Language), as Isso's client prefers the page's too.
  function pageLang(el) {
    var at = el && el.closest ? el.closest("[lang]") : null;
    return (at && at.getAttribute("lang")) || doc.documentElement.getAttribute("lang") || "";
  }

  // theme resolves data-natter-theme for el: light, dark and system as
  // given; auto (the default) matches the host page: the palette whose
  // text contrasts more with the first opaque background behind el, or,
  // when the page paints none, the page's color-scheme (the canvas). The
  // page shows through the widget (transparent root) only while every
  // text colour of the palette keeps AA contrast on it: between
  // SEE_THROUGH's luminances (mid-tone pages) the widget paints its own
  // background. static/contrast_test.go checks these bounds.
  var SEE_THROUGH = [0.04, 0.7];
  function theme(el) {
    var t = el.getAttribute("data-natter-theme");
    if (t === "light" || t === "dark" || t === "system") return t;
    var L = pageLuminance(el);
    if (L === null) t = canvasDark() ? "dark" : "light";
    else t = L < 0.21 ? "dark" : "light";
    var clear = L === null || (t === "dark" ? L <= SEE_THROUGH[0] : L >= SEE_THROUGH[1]);
    if (clear && !el.__natterClear && !getComputedStyle(el).getPropertyValue("--natter-root-bg")) {
      el.style.setProperty("--natter-root-bg", "transparent");
      el.__natterClear = true;
    } else if (!clear && el.__natterClear) {
      el.style.removeProperty("--natter-root-bg");
      el.__natterClear = false;
    }
    follow(el);
    return t;
  }
  // follow keeps an auto-themed widget matching its page when the page
  // changes scheme later (a dark-mode toggle on <html> or <body>, the
  // reader's system setting) and after each swap inside it.
  function follow(el) {
    if (el.__natterFollow) return;
    el.__natterFollow = true;
    var again = function () {
      var roots = el.querySelectorAll(".natter-root[data-natter-theme]");
      if (!roots.length) return;
      var t = theme(el);
      for (var i = 0; i < roots.length; i++) if (roots[i].getAttribute("data-natter-theme") !== t) roots[i].setAttribute("data-natter-theme", t);
    };
    if (W.MutationObserver) {
      var mo = new MutationObserver(again), watch = { attributes: true, attributeFilter: ["class", "style", "data-theme", "data-color-scheme", "data-mode"] };
      mo.observe(doc.documentElement, watch);
      if (doc.body) mo.observe(doc.body, watch);
    }
    var mq = W.matchMedia && W.matchMedia("(prefers-color-scheme: dark)");
    if (mq && mq.addEventListener) mq.addEventListener("change", again);
    el.addEventListener("htmx:load", again);
  }
  // pageLuminance is the luminance of the first opaque background at or
  // above el, or null.
  function pageLuminance(el) {
    for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
      var c = (getComputedStyle(n).backgroundColor.match(/[\d.]+/g) || []).map(Number);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return luminance(c);
    }
    return null;
  }
  function canvasDark() {
    var cs = getComputedStyle(doc.documentElement).colorScheme || "";
    return /dark/.test(cs) && (!/light/.test(cs) || !!(W.matchMedia && W.matchMedia("(prefers-color-scheme: dark)").matches));
  }
  // luminance is WCAG's relative luminance of an sRGB triple; 0.21 is
  // where the light palette's text (#1f2937) and the dark one's (#f3f4f6)
  // contrast equally with a background.
  function luminance(c) {
    var l = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }
  // font applies data-natter-font to el (the widget inherits the host's
  // font otherwise).
  function font(el) {
    var f = el.getAttribute("data-natter-font");
    if (f) el.style.setProperty("--natter-font", f);
  }

  // The loader's own texts, from Natter's catalogue (filled in by the
  // server): {"en": {key: text}, "zh-cn": …}.
  var TEXTS = __NATTER_TEXTS__;
  function langOf(el) {
    return (el && el.getAttribute && el.getAttribute("data-natter-lang")) || isso.lang || pageLang(el) || navigator.language || "";
  }
  function text(el, key) {
    var t = String(langOf(el)).toLowerCase(), p = t.split("-")[0];
    var m = TEXTS[t] || TEXTS[p] || (p === "zh" && TEXTS["zh-cn"]) || TEXTS.en;
    return m[key];
  }

  // A snippet's first load (the host's element, not yet a widget): it
  // says "Loading comments…" while htmx works, and if the thread cannot
  // come, a retry and a link to the thread's plain page.
  function isThread(path) { return /\/embed\/thread(\?|$)/.test(path || ""); }
  function isSnippet(el, path) { return el && isThread(path) && !(el.closest && el.closest(".natter-root")); }
  function clearState(el) {
    var old = el.querySelectorAll("[data-natter-state]");
    for (var i = 0; i < old.length; i++) if (old[i].parentNode === el) el.removeChild(old[i]);
    el.removeAttribute("aria-busy");
  }
  function loading(el) {
    clearState(el);
    var p = doc.createElement("p");
    p.setAttribute("role", "status");
    p.setAttribute("data-natter-state", "loading");
    p.setAttribute("data-testid", "natter-loading");
    p.textContent = text(el, "thread.loading");
    el.setAttribute("aria-busy", "true");
    el.appendChild(p);
  }
  function loadFailed(el) {
    clearState(el);
    var box = doc.createElement("div"), p = doc.createElement("p"), b = doc.createElement("button"), a = doc.createElement("a");
    box.className = "natter-root";
    box.setAttribute("role", "alert");
    box.setAttribute("data-natter-state", "failed");
    box.setAttribute("data-testid", "natter-load-failed");
    p.className = "nt-flex nt-flex-wrap nt-items-center nt-gap-3 nt-rounded-natter nt-border nt-px-3 nt-py-2 nt-text-sm";
    p.appendChild(doc.createTextNode(text(el, "loader.failed")));
    b.type = "button";
    b.className = "!nt-rounded-natter !nt-border !nt-border-border !nt-px-3 !nt-py-1.5 !nt-font-semibold";
    b.setAttribute("data-testid", "natter-retry");
    b.textContent = text(el, "loader.retry");
    b.addEventListener("click", function () {
      W.htmx.ajax("GET", el.getAttribute("hx-get") || el.getAttribute("data-hx-get"), { source: el, target: el, swap: "innerHTML" });
    });
    var u = threadURL(el, el.getAttribute("hx-get") || el.getAttribute("data-hx-get"));
    if (!u.searchParams.get("page")) u.searchParams.set("page", location.href.split("#")[0]);
    a.href = u.href;
    a.className = "nt-font-semibold nt-text-accent nt-underline";
    a.setAttribute("data-testid", "natter-open-page");
    a.textContent = text(el, "loader.open_page");
    p.appendChild(b);
    p.appendChild(a);
    box.appendChild(p);
    el.appendChild(box);
  }
  // failed is every failure that is not one of Natter's refusals.
  function failed(elt, path) {
    if (isSnippet(elt, path)) loadFailed(elt); else unreachable(elt);
  }

  function css() {
    if (isso.css === false || doc.getElementById("natter-style")) return;
    var l = doc.createElement("link");
    l.id = "natter-style"; l.rel = "stylesheet"; l.href = base + "__NATTER_CSS__";
    doc.head.appendChild(l);
  }

  function setup(htmx) {
    if (String(htmx.version || "2").charAt(0) === "2") {
      var guarded = htmx.config.selfRequestsOnly !== false;
      htmx.config.selfRequestsOnly = false;
      if (guarded) {
        doc.addEventListener("htmx:validateUrl", function (ev) {
          if (!ev.detail.sameHost && ev.detail.url.origin !== origin) ev.preventDefault();
        });
      }
    }
    doc.addEventListener("htmx:configRequest", function (ev) {
      var d = ev.detail;
      if (!ours(d.path)) return;
      d.withCredentials = true;
      var t = tokens();
      if (t) d.headers[TOKEN] = t;
      if (isSnippet(d.elt, d.path) && !d.timeout) d.timeout = 20000; // a hung server ends as a failure
      if (isThread(d.path)) {
        // The host's snippet element: fill what its URL leaves out.
        var el = d.elt, p = d.parameters, has = function (k) { return new RegExp("[?&]" + k + "=").test(d.path); };
        var set = function (k, v) { if (v && !has(k)) p[k] = v; };
        set("uri", el.getAttribute("data-natter-uri") || el.getAttribute("data-isso-id") || location.pathname);
        set("title", el.getAttribute("data-natter-title") || el.getAttribute("data-title") || doc.title);
        set("lang", el.getAttribute("data-natter-lang") || pageLang(el));
        set("theme", theme(el));
        set("sort", el.getAttribute("data-natter-sort"));
        font(el);
      }
    });
    doc.addEventListener("htmx:beforeRequest", function (ev) {
      var f = ev.detail.elt;
      var path = ev.detail.requestConfig && ev.detail.requestConfig.path;
      if (!ours(path) || !f) return;
      if (isSnippet(f, path)) loading(f);
      var old = failBox(f).querySelector("[data-natter-unreachable-msg]");
      if (old) old.parentNode.removeChild(old);
      if (f.tagName !== "FORM") return;
      var r = load(":me"), ins = f.querySelectorAll("[data-natter-remember]");
      for (var i = 0; i < ins.length; i++) r[ins[i].name] = ins[i].value;
      if (ins.length) save(":me", r);
    });
    doc.addEventListener("htmx:beforeSwap", function (ev) {
      var d = ev.detail;
      if (!d.requestConfig || !ours(d.requestConfig.path) || d.xhr.status < 400) return;
      if (d.xhr.getResponseHeader(REFUSAL) && d.serverResponse) {
        d.shouldSwap = true;
        d.isError = false;
        return;
      }
      d.shouldSwap = false;
      failed(d.elt, d.requestConfig.path);
    });
    var lost = function (ev) {
      var d = ev.detail;
      if (d.requestConfig && ours(d.requestConfig.path)) failed(d.elt, d.requestConfig.path);
    };
    doc.addEventListener("htmx:sendError", lost);
    doc.addEventListener("htmx:timeout", lost);
    doc.addEventListener("htmx:afterRequest", function (ev) {
      var d = ev.detail, x = d.xhr;
      if (d.requestConfig && isSnippet(d.elt, d.requestConfig.path)) d.elt.removeAttribute("aria-busy"); // loaded or failed
      if (!x || !d.requestConfig || !ours(d.requestConfig.path) || !x.status) return;
      keepToken(x.getResponseHeader(TOKEN));
      var gone = x.getResponseHeader(DROP);
      if (gone) dropToken(gone);
    });
    doc.addEventListener("htmx:load", function (ev) {
      var el = ev.detail.elt;
      if (!el || !el.querySelectorAll) return;
      // For the site owner: why comments do not load here (the page's
      // origin is missing from [general] host), in the console.
      var hint = el.getAttribute && el.getAttribute("data-natter-console");
      if (hint && W.console) W.console.warn(hint);
      var r = load(":me"), ins = el.querySelectorAll("[data-natter-remember]");
      for (var i = 0; i < ins.length; i++) if (!ins[i].value && r[ins[i].name]) ins[i].value = r[ins[i].name];
      var t = el.matches && el.matches("form[data-testid=reply-form],form[data-testid=edit-form]") ? el.querySelector("textarea") : null;
      if (t) t.focus();
    });
  }

  // A failure that is not one of Natter's refusals: nothing was swapped,
  // so the reader's text is still in place; say so where they look.
  function failBox(elt) {
    var root = elt.closest && elt.closest(".natter-root");
    if (!root) return elt; // never reach into the host page's own elements
    var b = elt.closest('form[data-testid$="form"], article'); // a writing form, else the comment
    return b && root.contains(b) ? b : root;
  }
  function unreachable(elt) {
    if (!elt) return;
    var root = elt.closest && elt.closest(".natter-root"), box = failBox(elt);
    var msg = root && root.getAttribute(box.tagName === "FORM" ? "data-natter-unreachable" : "data-natter-unreachable-short");
    if (!msg) msg = text(elt, "err.unreachable_short");
    var old = box.querySelector("[data-natter-unreachable-msg]");
    if (old) old.parentNode.removeChild(old);
    var p = doc.createElement("p");
    p.setAttribute("role", "alert");
    p.setAttribute("data-natter-unreachable-msg", "");
    p.setAttribute("data-testid", "unreachable");
    p.className = "nt-my-2 nt-rounded-natter nt-border nt-border-danger nt-bg-bg nt-px-3 nt-py-2 nt-text-sm nt-font-medium nt-text-danger";
    p.textContent = msg;
    if (!root) { // the first load failed: no widget yet to hold the styles
      var wrap = doc.createElement("div");
      wrap.className = "natter-root";
      wrap.setAttribute("data-natter-unreachable-msg", "");
      wrap.appendChild(p);
      box.appendChild(wrap);
      return;
    }
    if (box.tagName === "ARTICLE") { // under the comment's text and buttons
      (box.lastElementChild || box).appendChild(p);
      return;
    }
    var head = box.firstElementChild;
    if (box.tagName === "FORM" && head && /^H\d$/.test(head.tagName)) box.insertBefore(p, head.nextSibling);
    else box.insertBefore(p, box.firstChild);
  }

  // issoThreadURL is the thread URL for an Isso page's #isso-thread, with
  // the data-isso-* settings that have a meaning for the widget.
  function issoThreadURL(host) {
    var q = new URLSearchParams();
    q.set("uri", host.getAttribute("data-isso-id") || location.pathname);
    if (host.getAttribute("data-title") || doc.title) q.set("title", host.getAttribute("data-title") || doc.title);
    if (isso.lang || pageLang(host)) q.set("lang", isso.lang || pageLang(host));
    if (isso.sorting) q.set("sort", isso.sorting);
    if (isso["max-comments-top"] !== undefined) q.set("limit", isso["max-comments-top"]);
    if (isso["max-comments-nested"] !== undefined) q.set("nested", isso["max-comments-nested"]);
    if (isso.vote === false) q.set("vote", "0");
    if (isso.avatar === false) q.set("avatar", "0");
    if (isso["page-author-hashes"]) q.set("author_hashes", String(isso["page-author-hashes"]));
    if (isso["reply-notifications-default-enabled"] === true) q.set("notify", "1");
    q.set("theme", theme(host));
    return base + "/embed/thread?" + q.toString();
  }

  function mountIsso(htmx) {
    var host = doc.getElementById("isso-thread");
    if (!host || host.querySelector("[data-natter-mount]")) return;
    var div = doc.createElement("div");
    div.setAttribute("data-natter-mount", "");
    div.setAttribute("hx-get", issoThreadURL(host));
    div.setAttribute("hx-trigger", "load");
    host.appendChild(div);
    htmx.process(div);
  }

  function counters() {
    if (!doc.querySelector('a[href$="#isso-thread"],[data-natter-count]') || doc.getElementById("natter-count-js")) return;
    var s = doc.createElement("script");
    s.id = "natter-count-js"; s.src = base + "/embed/count.js"; s.defer = true;
    if (isso.lang) s.setAttribute("data-isso-lang", isso.lang);
    doc.head.appendChild(s);
  }

  // htmx 4 (or later) on the host page: the widget needs htmx 2. Stop the
  // host's htmx from initialising Natter's elements (its same-origin fetch
  // would fail) and inline the thread's plain version, the markup readers
  // without JavaScript get: comments in place, posting and voting through
  // normal form posts that come back to this page. Only if that cannot be
  // fetched, a link to the thread's plain page.
  function natterElt(el) {
    if (!el || !el.getAttribute) return false;
    var u = el.getAttribute("hx-get") || el.getAttribute("data-hx-get") || el.getAttribute("hx-post") || el.getAttribute("data-hx-post");
    return ours(u);
  }
  // threadURL completes a snippet's thread URL from its element, as the
  // htmx 2 path does in htmx:configRequest.
  function threadURL(el, url) {
    var u = new URL(url, location.href), q = u.searchParams;
    var set = function (k, v) { if (v && !q.get(k)) q.set(k, v); };
    set("uri", el.getAttribute("data-natter-uri") || el.getAttribute("data-isso-id") || location.pathname);
    set("title", el.getAttribute("data-natter-title") || el.getAttribute("data-title") || doc.title);
    set("lang", el.getAttribute("data-natter-lang") || isso.lang || pageLang(el));
    set("theme", theme(el));
    set("sort", el.getAttribute("data-natter-sort") || isso.sorting);
    font(el);
    return u;
  }
  function plainMount(el, url) {
    if (el.querySelector("[data-natter-plain]")) return;
    var u = threadURL(el, url);
    u.searchParams.set("fragment", "plain");
    if (!u.searchParams.get("page")) u.searchParams.set("page", location.href.split("#")[0]);
    // Revalidate (an ETag makes it cheap): after a post this page reloads
    // and must not be given the thread from before it.
    fetch(u.href, { credentials: "include", cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.text();
    }).then(function (html) {
      var box = doc.createElement("div");
      box.setAttribute("hx-ignore", ""); // htmx 4 leaves it alone
      box.setAttribute("data-natter-plain", "");
      box.innerHTML = html;
      // The plain markup keeps hx-* attributes for htmx 2; htmx 4 must not
      // act on them (it would take over the plain form posts).
      var all = box.querySelectorAll("*");
      for (var i = 0; i < all.length; i++) {
        for (var j = all[i].attributes.length - 1; j >= 0; j--) {
          var n = all[i].attributes[j].name;
          if (n.indexOf("hx-") === 0 || n.indexOf("data-hx-") === 0) all[i].removeAttribute(n);
        }
      }
      el.appendChild(box);
      if (location.hash.indexOf("#natter-") === 0) { // back from a post: show it
        var at = doc.getElementById(location.hash.slice(1));
        if (at) at.scrollIntoView();
      }
    }).catch(function () { fallback(el, u.href); });
  }
  function fallback(el, url) {
    if (el.querySelector("[data-natter-fallback]")) return;
    var u = threadURL(el, url);
    u.searchParams.delete("fragment");
    var box = doc.createElement("div"), p = doc.createElement("p"), a = doc.createElement("a");
    box.className = "natter-root";
    box.setAttribute("data-natter-fallback", "");
    box.setAttribute("data-testid", "natter-fallback");
    box.setAttribute("role", "status");
    p.className = "nt-rounded-natter nt-border nt-px-3 nt-py-2";
    p.appendChild(doc.createTextNode(text(el, "loader.htmx4") + " "));
    a.className = "nt-font-semibold nt-text-accent nt-underline";
    a.href = u.href;
    a.textContent = text(el, "loader.htmx4_link");
    p.appendChild(a);
    box.appendChild(p);
    el.appendChild(box);
  }
  function startUnsupported() {
    // Cancel before htmx 4 initialises them (it does so on DOMContentLoaded)
    // and, should one slip through, before it sends a request.
    var stop = function (ev) { if (natterElt(ev.target)) ev.preventDefault(); };
    doc.addEventListener("htmx:before:init", stop, true);
    doc.addEventListener("htmx:config:request", stop, true);
    var run = function () {
      css();
      var els = doc.querySelectorAll("[hx-get],[data-hx-get]");
      for (var i = 0; i < els.length; i++) {
        if (natterElt(els[i])) plainMount(els[i], els[i].getAttribute("hx-get") || els[i].getAttribute("data-hx-get"));
      }
      var host = doc.getElementById("isso-thread");
      if (host) plainMount(host, issoThreadURL(host));
      counters();
    };
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", run); else run();
  }

  function start(htmx) {
    setup(htmx);
    var run = function () {
      css();
      mountIsso(htmx);
      counters();
      // A dynamically loaded htmx may miss DOMContentLoaded: process the
      // page ourselves (htmx skips elements it already initialised).
      if (!W.__natterHostHtmx) htmx.process(doc.body);
    };
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", run); else run();
  }

  if (W.htmx) {
    W.__natterHostHtmx = true;
    if (parseInt(String(W.htmx.version || "2"), 10) >= 3) startUnsupported();
    else start(W.htmx);
  } else {
    var s = doc.createElement("script");
    s.src = base + "__NATTER_HTMX__";
    s.onload = function () { start(W.htmx); };
    doc.head.appendChild(s);
  }
})();
