// Package config reads Natter's configuration: Isso's isso.cfg format, with
// Natter's own settings in additional sections, overridable from the
// environment.
//
// # Loading
//
// Isso's built-in defaults are applied first, then the file, then the
// environment, so every option always has a value. The file is parsed like
// Python's configparser as Isso uses it: case-sensitive sections, case-
// insensitive keys, "key = value" or "key: value", whole-line "#" and ";"
// comments only, indented continuation lines, no duplicate sections or keys.
// Every value read from the file then goes through:
//
//   - %(name)s interpolation (Isso ≤ 0.12.5), referring to a key of the same
//     section or [DEFAULT]; unknown names and any other "%" stay literal;
//   - $NAME / ${NAME} expansion (Isso 0.14); unset variables stay literal.
//
// [DEFAULT] keys are only seen by %(name)s: as in Isso, the built-in
// defaults take precedence over them.
//
// # Environment
//
// NATTER_<SECTION>_<KEY> overrides a key (upper-cased, "-" and "." become
// "_"; e.g. NATTER_GENERAL_DBPATH, NATTER_MARKUP_MISAKA_OPTIONS,
// NATTER_NATTER_DATABASE). NATTER_<SECTION>_<KEY>_FILE reads the value from
// a file instead (trailing newline removed). Values from the environment are
// used literally. Secret keys may also be read from a file inside isso.cfg
// with "<key>-file = /path" (relative to the file's directory).
//
// # Keys beyond Isso 0.14
//
//	Section   Key               Default   Meaning
//	[general] host              (empty)   Natter extension: "http://HOST:*" (port
//	                                      wildcard) allows any port of that
//	                                      scheme and host.
//	[general] session-key       (unset)   Legacy; kept for the v1→v2 migration.
//	[markup]  options           (unset)   Legacy Misaka list; Natter maps it to
//	                                      Markdown extensions.
//	[wechat]  sckey             (empty)   isso-cn ServerChan key (secret).
//	[wechat]  tckey             (empty)   isso-cn key (secret); "takey" is the
//	                                      same key (isso-cn's code spelling).
//	[natter]  database          (empty)   DSN overriding [general] dbpath: a
//	                                      SQLite path ("~" expanded) or a
//	                                      postgres:// / postgresql:// URL;
//	                                      [general] dbpath takes the same.
//	[natter]  log-level         info      debug, info, warn or error.
//	[natter]  log-format        text      text or json.
//	[natter]  body-limit        262144    Maximum request body in bytes
//	                                      (Isso's 256 KiB); Isso integer syntax.
//	[natter]  shutdown-timeout  10s       Grace period for in-flight requests
//	                                      on shutdown; Isso duration syntax.
//	[natter]  read-header-timeout 10s     Time to receive a request's headers
//	                                      (slow or silent clients are cut off).
//	[natter]  read-timeout      30s       Time to receive a body after headers.
//	[natter]  write-timeout     30s       Time to write one answer.
//	[natter]  idle-timeout      120s      Kept-alive connection's wait for the
//	                                      next request. 0 disables a timeout.
//	[natter]  max-connections   1024      Connections served at once; more
//	                                      are answered 503.
//	[natter]  max-connections-per-ip 0    Connections per client address
//	                                      (429 beyond); 0 = no cap (behind a
//	                                      proxy every client has its address).
//	[natter]  lang              en        The widget's language when neither the
//	                                      page nor the reader's browser names a
//	                                      supported one.
//	[natter]  isso-client       (empty)   Folder with Isso's built client files;
//	                                      served at /js/* instead of Natter's
//	                                      loader; its isso.css (or ../css/isso.css)
//	                                      at /css/isso.css.
//	[natter]  sites-db          (empty)   Registry of sites added at run time
//	                                      (natter site add); empty means
//	                                      natter-sites.db beside the first
//	                                      configuration file.
//	[natter]  sites-admin-password (empty) The hoster's panel at /admin/sites
//	                                      (plain, 12 characters or more, or a
//	                                      bcrypt/argon2id hash); empty: off.
//	[natter]  metrics-from      127.0.0.0/8 Client addresses or networks that may
//	                            ::1       read /metrics (Prometheus); "off"
//	                                      disables it.
//	[natter]  backup-dir        (empty)   Folder for periodic verified backups
//	                                      of the database; empty: none.
//	[natter]  backup-every      1d        How often (Isso duration syntax).
//	[natter]  backup-keep       7         How many backups are kept.
//	[natter]  cache-budget      64MB      Memory for all of the site's caches
//	                                      together (snapshots, Markdown, Isso
//	                                      answers, widget fragments); bytes, or
//	                                      with KB, MB or GB (binary: 1MB =
//	                                      1048576); at least 1MB.
//
//	[wechat]  api-base          (empty)   Replaces scheme and host of ServerChan's
//	                                      endpoints (relays, tests).
//	[wecom]   webhook           (empty)   企业微信 group robot URL (secret).
//	[feishu]  webhook, secret   (empty)   Feishu bot URL and signing secret (secrets).
//	[dingtalk] webhook, secret  (empty)   DingTalk robot URL and signing secret (secrets).
//	[telegram] token            (empty)   Bot token (secret); chat-id names the chat;
//	                                      api-base defaults to https://api.telegram.org.
//	[webhook] url, secret       (empty)   JSON webhook and its HMAC secret (secret).
//	[natter]  notify-give-up    24h       How long a notification is retried.
//	[natter]  notify-timeout    10s       One delivery attempt to a push channel.
//
// [general] notify lists channels separated by commas or spaces: stdout,
// smtp/SMTP, wechat, wecom, feishu, dingtalk, telegram, webhook. Any other
// name, or a channel without its keys, is an error at the notify line.
// Secret keys ("<key>-file" allowed; masked by WriteEffective, as is
// [general] session-key):
//
//	[admin] password   [smtp] username   [smtp] password
//	[hash] salt        [wechat] sckey    [wechat] tckey
//	[wecom] webhook    [feishu] webhook  [feishu] secret
//	[dingtalk] webhook [dingtalk] secret [telegram] token
//	[webhook] secret
//
// # Deliberate differences from Isso
//
//   - [smtp] from without a display name is kept as given (Isso rewrites it).
//   - Comma lists drop empty items, so an empty value is an empty list.
//   - [server] samesite is matched case-insensitively and normalised.
//   - A bare "key" line without "=" is an error (Isso crashes on it later).
//   - Invalid values are all reported at once, as FILE:LINE: [section] key.
package config
