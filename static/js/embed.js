// Natter embed loader for host pages (style guide §4.1).
// Served from BASE/embed.js; host pages include it with <script defer>.
// Loader: built in the widget issue.
