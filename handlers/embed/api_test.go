package embed_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/natter/natter/internal/testsite"
)

const blog = "http://blog.example"

func newEmbedSite(t *testing.T, extra string) *testsite.Site {
	t.Helper()
	return newEmbedSiteTB(t, extra)
}

func newEmbedSiteTB(t testing.TB, extra string) *testsite.Site {
	t.Helper()
	return testsite.New(t, testsite.Options{Config: "[general]\nhost = " + blog + "\n" + extra})
}

type eresp struct {
	*http.Response
	body string
	doc  *goquery.Document
}

// do sends a request; headers are name/value pairs.
func edo(t *testing.T, s *testsite.Site, method, target, body string, headers ...string) eresp {
	t.Helper()
	return edoTB(t, s, method, target, body, headers...)
}

func edoTB(t testing.TB, s *testsite.Site, method, target, body string, headers ...string) eresp {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	return eresp{res, string(b), doc}
}

// htmx headers of a widget request from the blog.
var hx = []string{"HX-Request", "true", "Origin", blog}

func withHX(extra ...string) []string { return append(append([]string{}, hx...), extra...) }

func eform(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

func TestEmbedThreadFragmentAndPage(t *testing.T) {
	s := newEmbedSite(t, "")
	r := edo(t, s, "GET", "/embed/thread?uri=/post-1", "", hx...)
	if r.StatusCode != 200 || r.doc.Find(`[data-testid="natter-root"]`).Length() != 1 {
		t.Fatalf("fragment: %d %.300s", r.StatusCode, r.body)
	}
	if strings.Contains(r.body, "<html") {
		t.Error("htmx gets a fragment, not a page")
	}
	if got := r.Header.Get("Access-Control-Allow-Origin"); got != blog {
		t.Errorf("ACAO = %q", got)
	}
	if got := r.Header.Get("Cache-Control"); got != "public, max-age=30" {
		t.Errorf("Cache-Control = %q", got)
	}
	if !strings.Contains(r.Header.Get("Vary"), "Origin") {
		t.Errorf("Vary = %q", r.Header.Get("Vary"))
	}
	// Without JavaScript: a complete page with a plain form.
	p := edo(t, s, "GET", "/embed/thread?uri=/post-1&page="+url.QueryEscape(blog+"/post-1"), "")
	if !strings.Contains(p.body, "<!doctype html>") || p.doc.Find(`link[rel="stylesheet"]`).Length() != 1 {
		t.Errorf("page mode: %.300s", p.body)
	}
	f := p.doc.Find(`form[data-testid="post-form"]`)
	if m, _ := f.Attr("method"); m != "post" {
		t.Errorf("form method = %q", m)
	}
	if ret, _ := f.Find(`input[name="return"]`).Attr("value"); !strings.Contains(ret, "/embed/thread?") {
		t.Errorf("return = %q", ret)
	}
	if back, _ := p.doc.Find(`[data-testid="back"]`).Attr("href"); back != blog+"/post-1" {
		t.Errorf("back = %q", back)
	}
	// A foreign page URL is not echoed as a link.
	p = edo(t, s, "GET", "/embed/thread?uri=/post-1&page="+url.QueryEscape("http://evil.example/x"), "")
	if p.doc.Find(`[data-testid="back"]`).Length() != 0 {
		t.Error("foreign page linked")
	}
}

func TestEmbedETag(t *testing.T) {
	s := newEmbedSite(t, "")
	r := edo(t, s, "GET", "/embed/thread?uri=/e", "", hx...)
	etag := r.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	r2 := edo(t, s, "GET", "/embed/thread?uri=/e", "", withHX("If-None-Match", etag)...)
	if r2.StatusCode != 304 {
		t.Errorf("If-None-Match: %d", r2.StatusCode)
	}
	edo(t, s, "POST", "/embed/comments?uri=/e", eform("text", "changes the thread"), hx...)
	r3 := edo(t, s, "GET", "/embed/thread?uri=/e", "", withHX("If-None-Match", etag)...)
	if r3.StatusCode != 200 || r3.Header.Get("ETag") == etag {
		t.Errorf("after a post: %d %s", r3.StatusCode, r3.Header.Get("ETag"))
	}
}

// TestEmbedPlainPageNotFramed: the plain page, whose buttons act on the
// reader's comments, refuses to be framed; fragments carry no such header.
func TestEmbedPlainPageNotFramed(t *testing.T) {
	s := newEmbedSite(t, "")
	cases := []struct {
		name    string
		headers []string
		framed  bool
	}{
		{"plain page", nil, false},
		{"plain page in a state", nil, false},
		{"htmx fragment", withHX(), true},
	}
	for i, c := range cases {
		target := "/embed/thread?uri=/f"
		if i == 1 {
			target += "&reply=1"
		}
		r := edo(t, s, "GET", target, "", c.headers...)
		refused := r.Header.Get("X-Frame-Options") == "DENY" && strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
		if refused == c.framed {
			t.Errorf("%s: X-Frame-Options %q, CSP %q", c.name, r.Header.Get("X-Frame-Options"), r.Header.Get("Content-Security-Policy"))
		}
	}
}
