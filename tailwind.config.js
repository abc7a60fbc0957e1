// Tailwind configuration for Natter's widget and pages.
//
// Why Tailwind v3 (pinned 3.4.x in package.json) and not v4:
// - The design prescribes a tailwind.config.js. v3 reads it natively; v4 moves
//   configuration into CSS and reads a JS config only through @config.
// - The widget renders inside somebody else's page (style guide §4.7), so every
//   class name must be namespaced and every rule scoped. v3 offers exactly that:
//   `prefix` turns utilities into `nt-flex`, `hover:nt-underline`, …, and the
//   `important` *selector* strategy emits `.natter-root .nt-flex`, which scopes
//   each utility under our root and outranks host element rules such as
//   `article p` without using !important.
// - Preflight is disabled: it would reset the whole host page. A reset scoped to
//   `.natter-root` lives in static/src/app.css instead.
//
// Consequences for templates:
// - Class names are literal strings with the `nt-` prefix, or they are purged.
// - Utilities match descendants of `.natter-root` only. The element that carries
//   `natter-root` is styled by plain CSS in app.css; put utilities on children.
//
// Build: npx tailwindcss -c tailwind.config.js -i static/src/app.css -o static/dist/natter.css --minify

/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ['./views/**/*.templ', './views/**/*.go', './static/src/js/**/*.js'],
  prefix: 'nt-',
  // A class rather than an id: a page may hold more than one widget.
  important: '.natter-root',
  corePlugins: {
    preflight: false,
  },
  // `dark:` applies under data-natter-theme="dark", or "system" when the
  // reader prefers dark (static/src/app.css explains the themes). An attribute, not a class:
  // v3 applies `prefix` to class names inside variant selectors too
  // (`.natter-dark` would become `.nt-natter-dark`). Colours already switch
  // through the --natter-* variables in app.css, so `dark:` is rarely needed.
  darkMode: [
    'variant',
    [
      '@media (prefers-color-scheme: dark) { &:is([data-natter-theme="system"] *) }',
      '&:is([data-natter-theme="dark"] *)',
    ],
  ],
  theme: {
    extend: {
      // The --natter-* custom properties are the host's customisation API;
      // they are defined (light and dark) on .natter-root in app.css. Plain
      // colour values, so opacity modifiers (nt-bg-accent/50) are not supported.
      colors: {
        fg: 'var(--natter-fg)',
        bg: 'var(--natter-bg)',
        surface: 'var(--natter-surface)',
        muted: 'var(--natter-muted)',
        accent: 'var(--natter-accent)',
        'accent-fg': 'var(--natter-accent-fg)',
        border: 'var(--natter-border)',
        divider: 'var(--natter-divider)',
        danger: 'var(--natter-danger)',
      },
      borderColor: {
        DEFAULT: 'var(--natter-border)',
      },
      borderRadius: {
        natter: 'var(--natter-radius)',
      },
      fontFamily: {
        natter: 'var(--natter-font)',
        'natter-mono': 'var(--natter-font-mono)',
      },
    },
  },
  plugins: [],
};
