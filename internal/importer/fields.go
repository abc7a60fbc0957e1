package importer

import (
	"encoding/json"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Isso's write-time escaping (isso-compat.md §7.2): &<> for names and
// e-mails, quotes too for websites, which Isso's client puts in a
// single-quoted attribute.
var (
	escapeBasic   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	escapeWebsite = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#x27;")
)

func isBlank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }

// escapeField trims and escapes a name or e-mail as Isso stores it.
func escapeField(s *string) *string {
	if s == nil {
		return nil
	}
	v := escapeBasic.Replace(strings.TrimSpace(*s))
	return &v
}

// cleanWebsite keeps http(s) addresses only, completing a bare host with
// http:// as Isso does, and escapes the result; anything else (javascript:,
// data:, mailto:, garbage) is dropped.
func cleanWebsite(s *string) *string {
	if s == nil {
		return nil
	}
	v := strings.TrimSpace(*s)
	if v == "" {
		return &v
	}
	if !strings.Contains(v, "://") && !strings.Contains(v, ":") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !plausibleHost(u.Hostname()) {
		return nil
	}
	v = escapeWebsite.Replace(v)
	return &v
}

// unixSeconds is Isso's timestamp: float UNIX seconds in UTC.
func unixSeconds(t time.Time) float64 {
	return float64(t.UnixNano()) / 1e9
}

// parseTime reads the layouts the formats use; a layout without a zone is
// UTC (Isso reads them in the server's zone, which is only right on UTC
// machines; isso-compat.md §11 quirk 27).
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	layouts := []string{
		time.RFC3339Nano,
		"2006-01-02 15:04:05 -0700 -0700", // Go's time.String, Artalk's exports
		"2006-01-02 15:04:05 -0700 MST",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02T15:04:05Z0700",
		"2006-01-02 15:04:05",
		"2006-01-02T15:04:05",
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// unixTime reads float UNIX seconds, keeping them exact to the
// nanosecond.
func unixTime(n json.Number) (time.Time, bool) {
	if n == "" {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil {
		return time.Time{}, false
	}
	return floatTime(f), true
}

func floatTime(f float64) time.Time {
	sec := math.Floor(f)
	return time.Unix(int64(sec), int64(math.Round((f-sec)*1e9))).UTC()
}

// plausibleHost rejects placeholders such as Commento's "undefined":
// Isso's own check wants a dotted name, localhost or an address.
func plausibleHost(h string) bool {
	return strings.Contains(h, ".") || strings.Contains(h, ":") || h == "localhost"
}
