// Runs Natter's count loader (argv[2]) against a stub page described by
// JSON (argv[3]) and prints the counter texts and the request it made.
"use strict";
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
const spec = JSON.parse(process.argv[3]);
function elem(attrs, extra) {
  const a = Object.assign({}, attrs);
  return Object.assign({
    attributes: Object.keys(a).map((k) => ({ name: k, value: a[k] })),
    getAttribute: (k) => (k in a ? a[k] : null),
    hasAttribute: (k) => k in a,
    setAttribute: (k, v) => { a[k] = String(v); },
    textContent: "",
  }, extra);
}
const scripts = spec.scripts.map((s) => elem(s.attrs, { src: s.src || "" }));
const links = spec.links.map((l) => elem(l.attrs || {}, { href: new URL(l.href, spec.page).href }));
let fetched = null;
globalThis.location = { href: spec.page };
globalThis.window = { navigator: { languages: spec.languages } };
globalThis.document = {
  currentScript: scripts[spec.me || 0],
  readyState: "complete",
  querySelectorAll: (sel) => sel === "script" ? scripts
    : links.filter((l) => l.href.endsWith("#isso-thread") || l.hasAttribute("data-natter-count")),
};
globalThis.fetch = (url) => {
  fetched = url;
  return Promise.resolve({ ok: true, json: () => spec.res });
};
new Function(src)();
setTimeout(() => {
  console.log(JSON.stringify({ url: fetched, texts: links.map((l) => l.textContent) }));
}, 20);
