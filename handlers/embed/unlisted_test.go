package embed_test

import (
	"strings"
	"testing"
)

// TestEmbedUnlistedOrigin: a page whose origin is missing from [general]
// host gets a readable refusal (not a CORS failure the loader would call
// "unreachable") naming the origin for the site owner, no comment, and
// one record per origin for the log and the dashboard.
func TestEmbedUnlistedOrigin(t *testing.T) {
	s := newEmbedSite(t, "")
	seedOther(t, s, "/x", "A comment the other site must not see")
	pre := edo(t, s, "OPTIONS", "/embed/thread?uri=/x", "", "Origin", "http://other.example",
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "hx-request")
	if pre.StatusCode != 204 || pre.Header.Get("Access-Control-Allow-Origin") != "http://other.example" ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "HX-Request") {
		t.Fatalf("preflight: %d %v", pre.StatusCode, pre.Header)
	}
	for _, o := range []string{"http://other.example", "http://other.example", "null"} {
		r := edo(t, s, "GET", "/embed/thread?uri=/x", "", "Origin", o, "HX-Request", "true")
		if r.StatusCode != 403 || r.Header.Get("X-Natter-Refusal") == "" || r.Header.Get("X-Natter-Unlisted-Origin") != o {
			t.Fatalf("%s: %d %v", o, r.StatusCode, r.Header)
		}
		if !strings.Contains(r.body, "Comments are not enabled for this site.") || strings.Contains(r.body, "must not see") {
			t.Errorf("%s: body %.300s", o, r.body)
		}
		hint := "add http://other.example to [general] host"
		if o == "null" {
			hint = "file:// URL"
		}
		if !strings.Contains(strings.ToLower(r.body), strings.ToLower(hint)) {
			t.Errorf("%s: no console hint %q in %.400s", o, hint, r.body)
		}
	}
	got := map[string]int{}
	for _, v := range s.Site.Unlisted.List() {
		got[v.Origin] = v.Requests
	}
	if len(got) != 2 || got["http://other.example"] != 2 || got["null"] != 1 {
		t.Errorf("record = %v", got)
	}
	// Logged once per origin, where the admin dashboard lists warnings.
	var logged []string
	for _, f := range s.Failures.Recent() {
		if strings.Contains(f.Message, "[general] host") {
			logged = append(logged, f.Message)
		}
	}
	if len(logged) != 2 || !strings.Contains(strings.Join(logged, "\n"), "origin=http://other.example") {
		t.Errorf("warnings = %q, want one per origin", logged)
	}
	// A listed origin still gets the thread; an unlisted one cannot post.
	if r := edo(t, s, "GET", "/embed/thread?uri=/x", "", "Origin", blog, "HX-Request", "true"); r.StatusCode != 200 || !strings.Contains(r.body, "must not see") {
		t.Errorf("listed origin: %d", r.StatusCode)
	}
	if pre := edo(t, s, "OPTIONS", "/embed/comments", "", "Origin", "http://other.example", "Access-Control-Request-Method", "POST"); pre.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("a write preflight from an unlisted origin is allowed")
	}
}
