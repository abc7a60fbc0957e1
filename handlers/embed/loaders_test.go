package embed_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

func TestEmbedMorePaging(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nenabled = false\n")
	for i := 0; i < 5; i++ {
		edo(t, s, "POST", "/embed/comments?uri=/p", eform("text", "comment number "+string(rune('a'+i))), hx...)
	}
	r := edo(t, s, "GET", "/embed/thread?uri=/p&limit=2", "", hx...)
	if n := r.doc.Find(`[data-testid="comment"]`).Length(); n != 2 {
		t.Errorf("first page has %d", n)
	}
	more, _ := r.doc.Find(`[data-testid="more-comments"]`).Attr("hx-get")
	if !strings.Contains(r.doc.Find(`[data-testid="more-comments"]`).Text(), "3 more") || !strings.Contains(more, "offset=2") {
		t.Fatalf("more control: %q %q", r.doc.Find(`[data-testid="more-comments"]`).Text(), more)
	}
	u, _ := url.Parse(more)
	m := edo(t, s, "GET", u.RequestURI(), "", hx...)
	if n := m.doc.Find(`[data-testid="comment"]`).Length(); n != 2 || !strings.Contains(m.body, "offset=4") {
		t.Errorf("second page: %d comments; %s", n, m.body)
	}
}

func TestEmbedLoadersAndCounts(t *testing.T) {
	s := newEmbedSite(t, "")
	for _, p := range []string{"/embed.js", "/js/embed.min.js", "/js/embed.dev.js", "/embed/count.js", "/js/count.min.js", "/js/count.dev.js"} {
		r := edo(t, s, "GET", p, "")
		if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("%s: %d %s", p, r.StatusCode, r.Header.Get("Content-Type"))
		}
		if strings.Contains(r.body, "__NATTER_") {
			t.Errorf("%s: placeholders left", p)
		}
		if r.Header.Get("Cache-Control") != "public, max-age=300" || r.Header.Get("ETag") == "" {
			t.Errorf("%s: caching %q %q", p, r.Header.Get("Cache-Control"), r.Header.Get("ETag"))
		}
		if r2 := edo(t, s, "GET", p, "", "If-None-Match", r.Header.Get("ETag")); r2.StatusCode != 304 {
			t.Errorf("%s: conditional GET = %d", p, r2.StatusCode)
		}
	}
	js := edo(t, s, "GET", "/embed.js", "").body
	if !strings.Contains(js, "/static/htmx.min.") || !strings.Contains(js, "/static/natter.") {
		t.Error("loader does not reference the hashed assets")
	}
	edo(t, s, "POST", "/embed/comments?uri=/a", eform("text", "one comment"), hx...)
	r := edo(t, s, "GET", "/embed/counts?uri=/a&uri=/b&lang=zh-CN", "", "Origin", blog)
	if r.StatusCode != 200 || strings.TrimSpace(r.body) != `{"counts":[1,0],"labels":["1 条评论","0 条评论"]}` {
		t.Errorf("counts: %d %s", r.StatusCode, r.body)
	}
}

// TestEmbedNoInlineStyles: the widget emits no style attribute or
// element, so host pages with a strict CSP need no 'unsafe-inline'.
func TestEmbedNoInlineStyles(t *testing.T) {
	w := newEmbedSite(t, "[moderation]\nenabled = false\n[guard]\nenabled = false\n")
	r := edo(t, w, "POST", "/embed/comments?uri=/styles", eform("text", "hello", "author", "Ann"), hx...)
	if r.StatusCode >= 400 {
		t.Fatalf("post = %d %s", r.StatusCode, r.body)
	}
	testsite.NoInlineStyle(t, "widget fragment", edo(t, w, "GET", "/embed/thread?uri=/styles", "", withHX()...).body)
	testsite.NoInlineStyle(t, "widget page", edo(t, w, "GET", "/embed/thread?uri=/styles", "").body)
}

// TestEmbedLoaderIsSlim: the loaders are served without their source
// comments and indentation (the browser tests run what is served).
func TestEmbedLoaderIsSlim(t *testing.T) {
	s := newEmbedSite(t, "")
	for _, path := range []string{"/embed.js", "/embed/count.js", "/js/embed.min.js"} {
		r := edo(t, s, "GET", path, "")
		if r.StatusCode != 200 || strings.HasPrefix(r.body, "/*") || !strings.Contains(r.body, "function") {
			t.Fatalf("%s: %d %.80q", path, r.StatusCode, r.body)
		}
		for i, line := range strings.Split(r.body, "\n") {
			if strings.HasPrefix(line, "//") || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				t.Errorf("%s line %d kept: %q", path, i+1, line)
				break
			}
		}
	}
}
