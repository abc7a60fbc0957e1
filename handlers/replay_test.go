package handlers_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/natter/natter/handlers"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/testsite"
)

const replayConfig = "[general]\nhost = http://blog.example\n[guard]\nenabled = false\n[server]\ntrusted-proxies = 0.0.0.0/0\n"

// replayRequests are the answers readers repeat most, as browsers ask.
var replayRequests = []struct{ name, raw string }{
	{"isso thread, gzip", get("/?uri=/r&sort=oldest&offset=0&nested_limit=5", "Accept-Encoding: gzip, deflate, br")},
	{"isso thread, plain", get("/?uri=/r")},
	{"widget thread", get("/embed/thread?uri=/r", "Accept-Encoding: gzip", "HX-Request: true", "Accept-Language: zh-CN,zh;q=0.9")},
	{"widget page", get("/embed/thread?uri=/r", "Accept-Encoding: gzip")},
	{"counts", "POST /count HTTP/1.1\r\nHost: natter.test\r\nOrigin: http://blog.example\r\nContent-Type: text/plain\r\n" +
		"Content-Length: 12\r\n\r\n[\"/r\", \"/x\"]"},
}

func get(target string, headers ...string) string {
	h := "GET " + target + " HTTP/1.1\r\nHost: natter.test\r\nOrigin: http://blog.example\r\n" +
		"User-Agent: Mozilla/5.0\r\n"
	for _, x := range headers {
		h += x + "\r\n"
	}
	return h + "\r\n"
}

// serve sends a raw request to h and returns the raw answer, Date and
// request id left out (they differ per answer).
func serve(t *testing.T, h fasthttp.RequestHandler, raw string) string {
	t.Helper()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
		t.Fatal(err)
	}
	var ctx fasthttp.RequestCtx
	ctx.Init(&req, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4000}, nil)
	h(&ctx)
	if len(ctx.Response.Header.Peek("X-Request-Id")) == 0 {
		t.Fatalf("%q: no request id", raw)
	}
	return perAnswer.ReplaceAllString(ctx.Response.String(), "")
}

// perAnswer matches the header lines that differ between two answers of
// the same bytes.
var perAnswer = regexp.MustCompile(`(?m)^(X-Request-Id|Date): [^\r]*\r\n`)

// content is an answer as a client reads it: its gzip body decompressed,
// without its length (a widget render's gzip form shrinks in the
// background once it is reused, so two equal answers may differ there).
func content(t *testing.T, answer string) string {
	t.Helper()
	head, body, _ := strings.Cut(answer, "\r\n\r\n")
	if strings.Contains(head, "\r\nContent-Encoding: gzip") {
		body = testsite.Gunzip(t, []byte(body))
	}
	return regexp.MustCompile(`(?m)^Content-Length: [^\r]*\r\n`).ReplaceAllString(head, "") + "\r\n\r\n" + body
}

// replayedCount scrapes /metrics for the answers the memo repeated.
func replayedCount(t *testing.T, s *testsite.Site) int {
	t.Helper()
	n := 0
	for _, m := range regexp.MustCompile(`(?m)^natter_http_replayed_total\{[^}]*\} (\d+)$`).FindAllStringSubmatch(scrapeMetrics(t, s), -1) {
		var k int
		fmt.Sscan(m[1], &k)
		n += k
	}
	return n
}

// warmReplay asks for raw until the memo replays it, and returns that
// answer. A widget render is replayed once its gzip form is final, which
// its first reuse starts in the background.
func warmReplay(t *testing.T, s *testsite.Site, front fasthttp.RequestHandler, raw string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		before := replayedCount(t, s)
		got := serve(t, front, raw)
		if replayedCount(t, s) > before {
			return got
		}
		runtime.Gosched()
	}
	t.Fatalf("%q: never replayed", raw)
	return ""
}

func addComment(t *testing.T, s *testsite.Site, uri, text string) {
	t.Helper()
	author := "Reader"
	if _, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{
		Input: comment.Input{Text: &text, Author: &author}, URI: uri}, comment.Actor{IP: "192.0.2.9"}); err != nil {
		t.Fatal(err)
	}
}

// TestReplay_AnswersAsRouted: the answers readers repeat come from the
// replay memo once asked for a few times, byte for byte what routing
// answers (the request id aside), and counted in the metrics.
func TestReplay_AnswersAsRouted(t *testing.T) {
	for _, c := range replayRequests {
		t.Run(c.name, func(t *testing.T) {
			s := testsite.New(t, testsite.Options{Config: replayConfig})
			addComment(t, s, "/r", "A **first** comment.")
			front, routed := handlers.Serving(s.App), s.App.Handler()
			got := warmReplay(t, s, front, c.raw)
			if want := serve(t, routed, c.raw); got != want {
				t.Fatalf("replayed answer:\n%.600q\nrouted:\n%.600q", got, want)
			}
		})
	}
}

// TestReplay_NeverStale: a change to the comments, by this server or by
// another process on the same file (Isso, an import), ends every replay
// of an answer built before it.
func TestReplay_NeverStale(t *testing.T) {
	for _, c := range replayRequests {
		t.Run(c.name, func(t *testing.T) {
			s := testsite.New(t, testsite.Options{Config: replayConfig})
			addComment(t, s, "/r", "one")
			front, routed := handlers.Serving(s.App), s.App.Handler()
			warm := func() string { return warmReplay(t, s, front, c.raw) }
			old := warm()
			addComment(t, s, "/r", "two")
			if got, want := content(t, serve(t, front, c.raw)), content(t, serve(t, routed, c.raw)); got != want || got == content(t, old) {
				t.Fatalf("after a write: replayed %.300q, routed %.300q", got, want)
			}
			if pgtest.Wanted() {
				return // the raw write below is SQLite's
			}
			old = warm()
			isso, err := sql.Open("sqlite3", s.Site.DBPath+"?_busy_timeout=5000")
			if err != nil {
				t.Fatal(err)
			}
			defer isso.Close()
			if _, err := isso.Exec(`INSERT INTO comments (tid, created, mode, remote_addr, text, author, voters)
				SELECT tid, created + 5, 1, '198.51.100.0', 'by Isso', 'Isso', x'' FROM comments WHERE id = 1`); err != nil {
				t.Fatal(err)
			}
			s.Clock.Advance(time.Second) // another process's writes are looked for twice a second
			if got, want := content(t, serve(t, front, c.raw)), content(t, serve(t, routed, c.raw)); got != want || got == content(t, old) {
				t.Fatalf("after Isso's write: replayed %.300q, routed %.300q", got, want)
			}
		})
	}
}

// TestReplay_PerReader: answers that differ by reader are never shared:
// a reader's own comments (a token), another origin, another language.
func TestReplay_PerReader(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: replayConfig})
	addComment(t, s, "/r", "one")
	front, routed := handlers.Serving(s.App), s.App.Handler()
	anyone := get("/embed/thread?uri=/r", "Accept-Encoding: gzip", "HX-Request: true")
	warmReplay(t, s, front, anyone)
	for _, raw := range []string{
		get("/embed/thread?uri=/r", "Accept-Encoding: gzip", "HX-Request: true", "Accept-Language: zh-CN"),
		get("/embed/thread?uri=/r", "HX-Request: true"),
		strings.Replace(anyone, "http://blog.example", "https://evil.example", 1),
		get("/embed/thread?uri=/r", "Accept-Encoding: gzip", "HX-Request: true", "X-Forwarded-Host: other.example"),
	} {
		for range 3 {
			if got, want := content(t, serve(t, front, raw)), content(t, serve(t, routed, raw)); got != want {
				t.Fatalf("%q:\ngot  %.400q\nwant %.400q", raw, got, want)
			}
		}
	}
}

// TestReplay_NotModified: a revalidation is replayed as the 304 routing
// gives it, without a body.
func TestReplay_NotModified(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: replayConfig})
	addComment(t, s, "/r", "one")
	front, routed := handlers.Serving(s.App), s.App.Handler()
	plain := get("/embed/thread?uri=/r", "Accept-Encoding: gzip", "HX-Request: true")
	etag := regexp.MustCompile(`ETag: ([^\r]*)`).FindStringSubmatch(warmReplay(t, s, front, plain))
	if etag == nil {
		t.Fatal("no ETag")
	}
	revalidate := get("/embed/thread?uri=/r", "Accept-Encoding: gzip", "HX-Request: true", "If-None-Match: "+etag[1])
	got := warmReplay(t, s, front, revalidate)
	if want := serve(t, routed, revalidate); got != want || !strings.HasPrefix(got, "HTTP/1.1 304 ") || !strings.HasSuffix(got, "\r\n\r\n") {
		t.Fatalf("replayed %q, routed %q", got, want)
	}
}
