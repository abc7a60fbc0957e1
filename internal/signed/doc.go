// Package signed creates and verifies tamper-proof tokens in the exact
// format of itsdangerous' URLSafeTimedSerializer as Isso configures it, so
// that cookies and e-mailed moderation/unsubscribe links issued by an Isso
// with the same session-key stay valid after migrating to Natter.
//
// Token layout (isso-compat.md §2.7, checked against itsdangerous):
//
//	token   = payload "." ts "." sig
//	payload = b64(json) | "." b64(zlib(json))   (compressed only if >1 byte shorter)
//	ts      = b64(unix seconds, big-endian, minimal bytes)
//	key     = SHA1("itsdangerous" + "signer" + session-key)   ("django-concat")
//	sig     = b64(HMAC-SHA1(key, payload "." ts))
//
// where b64 is URL-safe base64 without padding and json is compact.
//
// Values Isso signs, and the max age it allows when verifying:
//
//	[comment_id, sha1_hex(raw text)]   edit/delete cookie named "<id>"   [general] max-age
//	comment_id (JSON integer)          moderation links, admin page      2^32 s
//	["unsubscribe", email]             unsubscribe links                 2^32 s
//	{"logged": true}                   admin session cookie "admin-session"  86400 s
//
// The cookie's text hash is the plain SHA-1 (lower-case hex) of the stored
// raw comment text; it must equal the current text's hash, so a cookie only
// authorises the version its holder wrote. Each edit re-issues the cookie.
package signed
