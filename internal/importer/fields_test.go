package importer

import (
	"testing"
	"time"
)

func TestCleanWebsite(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://example.org/a?b=1&c=2", "http://example.org/a?b=1&amp;c=2"},
		{"https://example.org/'x'", "https://example.org/&#x27;x&#x27;"},
		{"example.org", "http://example.org"},
		{"  ", ""},
		{"javascript:alert(1)", "<nil>"},
		{"JavaScript://%0aalert(1)", "<nil>"},
		{"data:text/html,<script>", "<nil>"},
		{"mailto:a@b.c", "<nil>"},
		{"ftp://example.org", "<nil>"},
		{"undefined", "<nil>"},
		{"http://localhost:8080/", "http://localhost:8080/"},
	}
	for _, tc := range tests {
		got := "<nil>"
		if p := cleanWebsite(&tc.in); p != nil {
			got = *p
		}
		if got != tc.want {
			t.Errorf("cleanWebsite(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscapeField(t *testing.T) {
	in := " <b>Tom & Jerry</b>\n"
	if got := *escapeField(&in); got != "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" {
		t.Errorf("escapeField = %q", got)
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"2013-10-10T19:20:29Z", 1381432829},
		// DST: Berlin is +02:00 in summer and +01:00 in winter.
		{"2021-07-01T12:00:00+02:00", 1625133600},
		{"2021-12-01T12:00:00+01:00", 1638356400},
		{"2021-10-28 20:50:15 +0800 +0800", 1635425415},
		{"2014-01-14 17:32:12", 1389720732},
	}
	for _, tc := range tests {
		got, ok := parseTime(tc.in)
		if !ok || got.Unix() != tc.want || got.Location() != time.UTC {
			t.Errorf("parseTime(%q) = %v, %v; want unix %d UTC", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := parseTime("yesterday"); ok {
		t.Error("parseTime accepted garbage")
	}
}
