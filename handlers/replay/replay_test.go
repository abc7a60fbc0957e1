package replay_test

import (
	"bufio"
	"bytes"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/natter/natter/handlers/replay"
)

// rig is a Fiber app behind a memo, with a generation and a clock the
// test moves, and counts of what ran.
type rig struct {
	t        *testing.T
	memo     *replay.Memo
	h        fasthttp.RequestHandler
	gen      atomic.Uint64
	now      time.Time
	handled  atomic.Int64 // answers the handlers built
	recorded []string     // routes the recorder ended, replayed answers only
	began    int
}

func (r *rig) Begin(ctx *fasthttp.RequestCtx) {
	r.began++
	ctx.Response.Header.Set("X-Request-Id", "replayed")
}

func (r *rig) End(_ *fasthttp.RequestCtx, method, route string, status int, _ time.Duration) {
	r.recorded = append(r.recorded, method+" "+route+" "+fasthttp.StatusMessage(status))
}

func newRig(t *testing.T, maxBytes int64) *rig {
	r := &rig{t: t, now: time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)}
	r.memo = replay.New(replay.Options{MaxBytes: maxBytes, Generation: func(time.Time) uint64 { return r.gen.Load() },
		Now: func() time.Time { return r.now }, Recorder: r})
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(func(c *fiber.Ctx) error {
		c.Set("X-Request-Id", "routed")
		r.handled.Add(1)
		return c.Next()
	})
	body := func(c *fiber.Ctx) []byte {
		return []byte("answer for " + c.OriginalURL() + " origin=" + c.Get("Origin") + " body=" + string(c.Body()) +
			" cookie=" + c.Get("Cookie") + " gen=" + string(rune('0'+r.gen.Load())))
	}
	keep := func(c *fiber.Ctx) error {
		replay.Keep(c, r.gen.Load(), r.now.Add(time.Minute))
		c.Set("Vary", "Origin")
		c.Set("Content-Type", "text/plain; charset=utf-8")
		return c.Send(body(c))
	}
	app.Get("/kept", keep)
	app.Post("/kept", keep)
	app.Get("/plain", func(c *fiber.Ctx) error { return c.Send(body(c)) })
	app.Get("/refused", func(c *fiber.Ctx) error {
		replay.Keep(c, r.gen.Load(), r.now.Add(time.Minute))
		return c.Status(fiber.StatusBadRequest).Send(body(c))
	})
	app.Get("/cookie", func(c *fiber.Ctx) error {
		replay.Keep(c, r.gen.Load(), r.now.Add(time.Minute))
		c.Cookie(&fiber.Cookie{Name: "a", Value: "b"})
		return c.Send(body(c))
	})
	app.Get("/big", func(c *fiber.Ctx) error {
		replay.Keep(c, r.gen.Load(), r.now.Add(time.Minute))
		return c.Send(bytes.Repeat([]byte("x"), int(maxBytes)))
	})
	app.Handler()
	r.h = r.memo.Wrap(app.Server().Handler)
	return r
}

// do sends a raw request and returns the raw answer without its Date,
// and whether a handler built it.
func (r *rig) do(raw string) (string, bool) {
	r.t.Helper()
	before := r.handled.Load()
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
		r.t.Fatal(err)
	}
	var ctx fasthttp.RequestCtx
	ctx.Init(&req, &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 1}, nil)
	r.h(&ctx)
	ctx.Response.Header.Del("Date")
	return ctx.Response.String(), r.handled.Load() != before
}

func get(target string, headers ...string) string {
	return "GET " + target + " HTTP/1.1\r\nHost: natter.test\r\n" + strings.Join(headers, "") + "\r\n"
}

func post(target, body string, headers ...string) string {
	return "POST " + target + " HTTP/1.1\r\nHost: natter.test\r\nContent-Type: application/json\r\n" +
		strings.Join(headers, "") + "Content-Length: " + itoa(len(body)) + "\r\n\r\n" + body
}

func itoa(n int) string { return string(fasthttp.AppendUint(nil, n)) }

// TestReplayRepeatsTheAnswer: a marked answer is replayed from the third
// request on (the second stores it), byte for byte but for the request
// id, with the recorder called for it.
func TestReplayRepeatsTheAnswer(t *testing.T) {
	r := newRig(t, 1<<20)
	req := get("/kept?uri=/a", "Origin: https://blog.test\r\n", "Accept-Encoding: gzip\r\n")
	first, built := r.do(req)
	if !built {
		t.Fatal("first request not built")
	}
	if _, built := r.do(req); !built {
		t.Fatal("second request replayed: a key seen once must not be stored")
	}
	third, built := r.do(req)
	if built {
		t.Fatal("third request built again, want it replayed")
	}
	if want := strings.Replace(first, "X-Request-Id: routed", "X-Request-Id: replayed", 1); third != want {
		t.Fatalf("replayed answer differs:\n%q\nwant\n%q", third, want)
	}
	if r.began != 1 || len(r.recorded) != 1 || r.recorded[0] != "GET /kept OK" {
		t.Fatalf("recorder: began %d, ended %q", r.began, r.recorded)
	}
	if n := r.memo.Len(); n != 1 {
		t.Fatalf("memo holds %d answers, want 1", n)
	}
}

// TestReplayKey: any difference in the request but an ignored header is
// another key; ignored headers (the client's software, its address)
// share one.
func TestReplayKey(t *testing.T) {
	base := get("/kept?uri=/a", "Origin: https://blog.test\r\n", "User-Agent: one\r\n")
	for _, c := range []struct {
		name, req string
		replayed  bool
	}{
		{"same", base, true},
		{"other user agent", get("/kept?uri=/a", "Origin: https://blog.test\r\n", "User-Agent: two\r\n"), true},
		{"forwarded for", get("/kept?uri=/a", "Origin: https://blog.test\r\n", "X-Forwarded-For: 198.51.100.7\r\n"), true},
		{"other query", get("/kept?uri=/b", "Origin: https://blog.test\r\n"), false},
		{"query spelled otherwise", get("/kept?uri=%2Fa", "Origin: https://blog.test\r\n"), false},
		{"other origin", get("/kept?uri=/a", "Origin: https://evil.test\r\n"), false},
		{"no origin", get("/kept?uri=/a"), false},
		{"cookie", get("/kept?uri=/a", "Origin: https://blog.test\r\n", "Cookie: 1=x\r\n"), false},
		{"referer", get("/kept?uri=/a", "Origin: https://blog.test\r\n", "Referer: https://blog.test/a\r\n"), false},
		{"accept-language", get("/kept?uri=/a", "Origin: https://blog.test\r\n", "Accept-Language: zh-CN\r\n"), false},
		{"other host", strings.Replace(base, "natter.test", "other.test", 1), false},
		{"forwarded host", get("/kept?uri=/a", "Origin: https://blog.test\r\n", "X-Forwarded-Host: x.test\r\n"), false},
		{"head", strings.Replace(base, "GET", "HEAD", 1), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, 1<<20)
			for range 2 {
				r.do(base)
			}
			r.do(c.req) // a variant seen once is never replayed; twice, it is stored
			if _, built := r.do(c.req); built == c.replayed {
				t.Fatalf("replayed = %v, want %v", !built, c.replayed)
			}
		})
	}
}

// TestReplayPostBody: POST answers are keyed by their body.
func TestReplayPostBody(t *testing.T) {
	r := newRig(t, 1<<20)
	a, b := post("/kept", `["/a"]`), post("/kept", `["/b"]`)
	for range 2 {
		r.do(a)
	}
	if _, built := r.do(a); built {
		t.Fatal("same body built again")
	}
	if out, built := r.do(b); !built || !strings.Contains(out, `body=["/b"]`) {
		t.Fatalf("other body: built %v, answer %q", built, out)
	}
}

// TestReplayEnds: an answer is not replayed once the generation moves
// or its time is up, nor after the memo stored a newer one.
func TestReplayEnds(t *testing.T) {
	req := get("/kept?uri=/a")
	for _, c := range []struct {
		name string
		move func(r *rig)
	}{
		{"generation", func(r *rig) { r.gen.Add(1) }},
		{"until", func(r *rig) { r.now = r.now.Add(time.Minute) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, 1<<20)
			for range 3 {
				r.do(req)
			}
			c.move(r)
			out, built := r.do(req)
			if !built {
				t.Fatalf("replayed after the %s moved: %q", c.name, out)
			}
			// The stale answer was dropped and the new one stored.
			if _, built := r.do(req); built {
				t.Fatal("the newer answer was not replayed")
			}
		})
	}
}

// TestReplayOnlyMarked: unmarked answers, errors and answers that set a
// cookie are never replayed.
func TestReplayOnlyMarked(t *testing.T) {
	for _, target := range []string{"/plain", "/refused", "/cookie", "/big", "/missing"} {
		t.Run(target, func(t *testing.T) {
			r := newRig(t, 64<<10)
			for i := range 4 {
				if _, built := r.do(get(target)); !built {
					t.Fatalf("request %d was replayed", i+1)
				}
			}
			if n := r.memo.Len(); n != 0 {
				t.Fatalf("memo holds %d answers", n)
			}
		})
	}
}

// TestReplayBounded: the memo keeps within its bytes however many keys
// come, evicting the oldest.
func TestReplayBounded(t *testing.T) {
	r := newRig(t, 16<<10)
	for i := range 500 {
		req := get("/kept?uri=/" + itoa(i))
		r.do(req)
		r.do(req)
	}
	n := r.memo.Len()
	if n == 0 || n > 16<<10/256 {
		t.Fatalf("memo holds %d answers in 16 KiB", n)
	}
	// The newest is held, the oldest gone.
	if _, built := r.do(get("/kept?uri=/499")); built {
		t.Fatal("the newest answer was evicted")
	}
	if _, built := r.do(get("/kept?uri=/0")); !built {
		t.Fatal("the oldest answer is still held")
	}
}
