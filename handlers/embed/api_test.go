package embed_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/natter/natter/handlers/embed"
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

func TestEmbedCORSMatrix(t *testing.T) {
	s := newEmbedSite(t, "")
	cases := []struct {
		name, method, path, origin string
		headers                    []string
		wantStatus                 int
		wantACAO                   string
	}{
		{"preflight allowed", "OPTIONS", "/embed/comments", blog, []string{"Access-Control-Request-Method", "POST"}, 204, blog},
		{"preflight foreign", "OPTIONS", "/embed/comments", "http://evil.example", []string{"Access-Control-Request-Method", "POST"}, 204, ""},
		{"get allowed", "GET", "/embed/thread?uri=/x", blog, []string{"HX-Request", "true"}, 200, blog},
		{"get foreign", "GET", "/embed/thread?uri=/x", "http://evil.example", []string{"HX-Request", "true"}, 200, ""},
		{"post without custom header", "POST", "/embed/preview", blog, nil, 403, blog},
		{"post foreign origin", "POST", "/embed/comments?uri=/x", "http://evil.example", []string{"HX-Request", "true"}, 403, ""},
		{"post without origin", "POST", "/embed/comments?uri=/x", "", []string{"HX-Request", "true"}, 403, ""},
		{"post allowed", "POST", "/embed/comments?uri=/x", blog, []string{"HX-Request", "true"}, 201, blog},
		{"delete without custom header", "DELETE", "/embed/comments/1?uri=/x", blog, nil, 403, blog},
		{"vote foreign", "POST", "/embed/comments/1/vote?dir=up&uri=/x", "http://blog.example:8080", []string{"HX-Request", "true"}, 403, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := append([]string{}, c.headers...)
			if c.origin != "" {
				h = append(h, "Origin", c.origin)
			}
			body := ""
			if c.method == "POST" {
				body = eform("text", "A comment long enough")
			}
			r := edo(t, s, c.method, c.path, body, h...)
			if r.StatusCode != c.wantStatus {
				t.Errorf("status = %d, want %d: %.200s", r.StatusCode, c.wantStatus, r.body)
			}
			if got := r.Header.Get("Access-Control-Allow-Origin"); got != c.wantACAO {
				t.Errorf("ACAO = %q, want %q", got, c.wantACAO)
			}
			if c.wantACAO != "" && r.Header.Get("Access-Control-Allow-Credentials") != "true" {
				t.Error("credentials not allowed")
			}
			if c.method == "OPTIONS" && c.wantACAO != "" {
				for _, want := range []string{"HX-Request", "HX-Current-URL", "HX-Target", "X-Natter-Token", "Content-Type"} {
					if !strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), want) {
						t.Errorf("Allow-Headers lacks %s", want)
					}
				}
				if r.Header.Get("Access-Control-Max-Age") == "" {
					t.Error("no Max-Age")
				}
			}
			if c.wantACAO != "" {
				for _, want := range []string{"HX-Trigger", "HX-Retarget", "HX-Reswap", "X-Natter-Token"} {
					if !strings.Contains(r.Header.Get("Access-Control-Expose-Headers"), want) {
						t.Errorf("Expose-Headers lacks %s", want)
					}
				}
			}
			if !strings.Contains(r.Header.Get("Vary"), "Origin") {
				t.Errorf("Vary = %q", r.Header.Get("Vary"))
			}
		})
	}
}

func tokenOf(t *testing.T, r eresp) (string, string) {
	t.Helper()
	h := r.Header.Get("X-Natter-Token")
	id, rest, ok := strings.Cut(h, ":")
	tok, _, _ := strings.Cut(rest, ";")
	if !ok || tok == "" {
		t.Fatalf("no token header: %q", h)
	}
	return id, id + ":" + tok
}

func TestEmbedWriteFlow(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nreply-to-self = true\n")
	r := edo(t, s, "POST", "/embed/comments?uri=/w", eform("text", "Hello **world**", "author", "Ann <3", "website", "ann.example"), hx...)
	if r.StatusCode != 201 {
		t.Fatalf("create: %d %s", r.StatusCode, r.body)
	}
	id, tok := tokenOf(t, r)
	if !strings.Contains(r.Header.Get("X-Natter-Token"), "max-age=900") {
		t.Errorf("token header lacks max-age: %q", r.Header.Get("X-Natter-Token"))
	}
	ck := r.Header.Get("Set-Cookie")
	for _, want := range []string{"natter-" + id + "=", "Path=/embed", "HttpOnly", "Max-Age=900"} {
		if !strings.Contains(ck, want) {
			t.Errorf("cookie %q lacks %s", ck, want)
		}
	}
	if got := r.doc.Find(`[data-testid="comment-author"]`).Text(); got != "Ann <3" {
		t.Errorf("author = %q", got)
	}
	if href, _ := r.doc.Find(`a[data-testid="comment-author"]`).Attr("href"); href != "http://ann.example" {
		t.Errorf("website = %q", href)
	}
	if r.doc.Find(`[hx-swap-oob][id$="-count"]`).Length() != 1 || r.doc.Find(`[data-testid="live"]`).Text() == "" {
		t.Error("count or live region not updated out of band")
	}
	if r.doc.Find(`[data-testid="edit"]`).Length() != 1 {
		t.Error("author sees no edit button")
	}
	// Reader without the token: no edit controls; with it: edit form.
	anon := edo(t, s, "GET", "/embed/thread?uri=/w", "", hx...)
	if anon.doc.Find(`[data-testid="edit"]`).Length() != 0 {
		t.Error("edit shown to a stranger")
	}
	own := edo(t, s, "GET", "/embed/thread?uri=/w", "", withHX("X-Natter-Token", tok)...)
	if own.doc.Find(`[data-testid="edit"]`).Length() != 1 || own.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("owner view: edit=%d cache=%q", own.doc.Find(`[data-testid="edit"]`).Length(), own.Header.Get("Cache-Control"))
	}
	ef := edo(t, s, "GET", "/embed/comments/"+id+"/edit?uri=/w", "", withHX("X-Natter-Token", tok)...)
	if got := ef.doc.Find(`[data-testid="edit-text"]`).Text(); got != "Hello **world**" {
		t.Errorf("edit form text = %q", got)
	}
	if r := edo(t, s, "GET", "/embed/comments/"+id+"/edit?uri=/w", "", hx...); r.StatusCode != 403 {
		t.Errorf("edit form without token: %d", r.StatusCode)
	}
	// Edit: too short, then fine.
	bad := edo(t, s, "PUT", "/embed/comments/"+id+"?uri=/w", eform("text", "no"), withHX("X-Natter-Token", tok)...)
	if bad.StatusCode != 422 || !strings.Contains(bad.doc.Find(`[data-testid="form-error"]`).Text(), "too short") {
		t.Errorf("short edit: %d %s", bad.StatusCode, bad.body)
	}
	ok := edo(t, s, "PUT", "/embed/comments/"+id+"?uri=/w", eform("text", "Edited text"), withHX("X-Natter-Token", tok)...)
	if ok.StatusCode != 200 || ok.doc.Find(`[data-testid="comment-edited"]`).Length() != 1 {
		t.Fatalf("edit: %d %s", ok.StatusCode, ok.body)
	}
	_, tok2 := tokenOf(t, ok)
	if r := edo(t, s, "PUT", "/embed/comments/"+id+"?uri=/w", eform("text", "Again"), withHX("X-Natter-Token", tok)...); r.StatusCode != 403 {
		t.Errorf("old token after edit: %d", r.StatusCode)
	}
	// Vote: the author's own address is refused, politely.
	v := edo(t, s, "POST", "/embed/comments/"+id+"/vote?dir=up&uri=/w", "", hx...)
	if v.StatusCode != 200 || v.doc.Find(`[data-testid="vote-message"]`).Length() != 1 {
		t.Errorf("own vote: %d %s", v.StatusCode, v.body)
	}
	v = edo(t, s, "POST", "/embed/comments/"+id+"/vote?dir=up&uri=/w", "", withHX("X-Forwarded-For", "198.51.100.7")...)
	_ = v
	// Preview.
	pv := edo(t, s, "POST", "/embed/preview?uri=/w", eform("text", "*hi*"), hx...)
	if pv.doc.Find(`[data-testid="preview-body"] em`).Length() != 1 {
		t.Errorf("preview: %s", pv.body)
	}
	// Reply, then delete the parent: a placeholder stays.
	rep := edo(t, s, "POST", "/embed/comments?uri=/w", eform("text", "A reply", "parent", id), hx...)
	if rep.StatusCode != 201 || !strings.Contains(rep.body, `beforeend:#natter-replies-`+id) {
		t.Fatalf("reply: %d %s", rep.StatusCode, rep.body)
	}
	if edo(t, s, "GET", "/embed/comments/"+id+"/delete?uri=/w", "", withHX("X-Natter-Token", tok2)...).doc.Find(`[data-testid="confirm-delete-yes"]`).Length() != 1 {
		t.Error("no delete confirmation")
	}
	del := edo(t, s, "DELETE", "/embed/comments/"+id+"?uri=/w", "", withHX("X-Natter-Token", tok2)...)
	if del.StatusCode != 200 || del.doc.Find(`[data-testid="comment-deleted"]`).Length() != 1 || del.Header.Get("X-Natter-Token-Drop") != id {
		t.Errorf("delete with replies: %d %v %s", del.StatusCode, del.Header, del.body)
	}
	// Deleting the reply (no token) is refused inline, in the reply slot.
	rid, _ := tokenOf(t, rep)
	no := edo(t, s, "DELETE", "/embed/comments/"+rid+"?uri=/w", "", hx...)
	if no.StatusCode != 403 || no.Header.Get("HX-Retarget") != "#natter-slot-"+rid {
		t.Errorf("delete without token: %d %v", no.StatusCode, no.Header)
	}
}

func TestEmbedRefusals(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nenabled = true\nratelimit = 2\nrequire-email = true\n")
	cases := []struct {
		name, body string
		status     int
		msg, field string
	}{
		{"too short", eform("text", "ab", "email", "a@b.example"), 422, "too short", "text"},
		{"email required", eform("text", "long enough"), 422, "e-mail address", "email"},
		{"bad website", eform("text", "long enough", "email", "a@b.example", "website", "not a url"), 422, "website address", "website"},
	}
	for _, c := range cases {
		r := edo(t, s, "POST", "/embed/comments?uri=/g", c.body, hx...)
		if r.StatusCode != c.status || !strings.Contains(r.doc.Find(`[data-testid="form-error"]`).Text(), c.msg) {
			t.Errorf("%s: %d %q", c.name, r.StatusCode, r.doc.Find(`[data-testid="form-error"]`).Text())
		}
		if inv, _ := r.doc.Find(`[name="` + c.field + `"]`).Attr("aria-invalid"); inv != "true" {
			t.Errorf("%s: field %s not marked invalid", c.name, c.field)
		}
		// The loader swaps an error answer only when it carries this mark.
		if r.Header.Get(embed.RefusalHeader) != "1" {
			t.Errorf("%s: refusal without %s", c.name, embed.RefusalHeader)
		}
	}
	if r := edo(t, s, "GET", "/embed/thread?uri=/g", "", hx...); r.StatusCode != 200 || r.Header.Get(embed.RefusalHeader) != "" {
		t.Errorf("a thread answer is marked as a refusal: %d %v", r.StatusCode, r.Header)
	}
	for i := 0; i < 2; i++ {
		edo(t, s, "POST", "/embed/comments?uri=/g", eform("text", "fine comment", "email", "a@b.example"), hx...)
	}
	r := edo(t, s, "POST", "/embed/comments?uri=/g", eform("text", "one too many", "email", "a@b.example"), withHX("Accept-Language", "zh-CN")...)
	if r.StatusCode != 429 || !strings.Contains(r.doc.Find(`[data-testid="form-error"]`).Text(), "太快") {
		t.Errorf("rate limit in Chinese: %d %s", r.StatusCode, r.doc.Find(`[data-testid="form-error"]`).Text())
	}
	if r.doc.Find(`textarea[name="text"]`).Text() != "one too many" {
		t.Error("text lost after a refusal")
	}
}

func TestEmbedModerationPendingVisibleToAuthor(t *testing.T) {
	s := newEmbedSite(t, "[moderation]\nenabled = true\n")
	r := edo(t, s, "POST", "/embed/comments?uri=/m", eform("text", "Awaiting approval"), hx...)
	if r.StatusCode != 202 || r.doc.Find(`[data-testid="comment-pending"]`).Length() != 1 {
		t.Fatalf("pending post: %d %s", r.StatusCode, r.body)
	}
	if !strings.Contains(r.doc.Find(`[data-testid="form-notice"]`).Text(), "moderator") {
		t.Error("no moderation notice")
	}
	_, tok := tokenOf(t, r)
	if n := edo(t, s, "GET", "/embed/thread?uri=/m", "", hx...).doc.Find(`[data-testid="comment"]`).Length(); n != 0 {
		t.Errorf("stranger sees %d pending comments", n)
	}
	if n := edo(t, s, "GET", "/embed/thread?uri=/m", "", withHX("X-Natter-Token", tok)...).doc.Find(`[data-testid="comment-pending"]`).Length(); n != 1 {
		t.Errorf("author sees %d pending comments", n)
	}
}

func TestEmbedNoJSPost(t *testing.T) {
	s := newEmbedSite(t, "")
	ret := blog + "/post-1"
	r := edo(t, s, "POST", "/embed/comments", eform("uri", "/post-1", "text", "Posted without JS", "return", ret), "Origin", blog)
	if r.StatusCode != 303 || !strings.HasPrefix(r.Header.Get("Location"), ret+"#natter-comment-") {
		t.Fatalf("no-JS post: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	// A foreign return URL falls back to the site and the thread URI.
	r = edo(t, s, "POST", "/embed/comments", eform("uri", "/post-1", "text", "Second one", "return", "http://evil.example/"), "Origin", blog)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, blog+"/post-1#natter-comment-") {
		t.Errorf("fallback redirect = %q", loc)
	}
	// A refused no-JS post shows the page with the message.
	r = edo(t, s, "POST", "/embed/comments", eform("uri", "/post-1", "text", "x"), "Origin", blog)
	if r.StatusCode != 422 || !strings.Contains(r.body, "<!doctype html>") || r.doc.Find(`[data-testid="form-error"]`).Length() != 1 {
		t.Errorf("no-JS refusal: %d %.300s", r.StatusCode, r.body)
	}
	// Only creation works without the custom header.
	if r := edo(t, s, "POST", "/embed/preview", eform("text", "x"), "Origin", blog); r.StatusCode != 403 {
		t.Errorf("no-JS preview: %d", r.StatusCode)
	}
}

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
