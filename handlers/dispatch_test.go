package handlers_test

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers"
)

type readiness struct{ err error }

func (r readiness) Ready(context.Context) error { return r.err }

func site(name string) *fiber.App {
	app := fiber.New()
	app.Get("/*", func(c *fiber.Ctx) error { return c.SendString(name + " " + c.Path() + " " + c.Get("X-Script-Name")) })
	return app
}

// TestDispatcher: sites answer under their names with the prefix moved
// into X-Script-Name; a lazy site opens on its first request, and a
// failure to open answers 503 and is retried; readiness counts only the
// sites opened; an unmounted site is gone from the 404 listing.
func TestDispatcher(t *testing.T) {
	d := handlers.NewDispatcher(1 << 20)
	d.Mount("blog", site("blog"), readiness{})
	opens, fail := 0, true
	d.MountLazy("notes", func() (*fiber.App, handlers.Readier, error) {
		opens++
		if fail {
			return nil, nil, errors.New("disk on fire")
		}
		return site("notes"), readiness{err: errors.New("locked")}, nil
	})
	get := func(path string, header ...string) (int, string) {
		req := httptest.NewRequest("GET", path, nil)
		if len(header) == 2 {
			req.Header.Set(header[0], header[1])
		}
		resp, err := d.HTTP.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	steps := []struct {
		name, path, header string
		code               int
		body               string
	}{
		{"site", "/blog/x", "", 200, "blog /x /blog"},
		{"script name first", "/isso/blog/y", "/isso", 200, "blog /y /isso/blog"},
		{"ready before notes opens", "/readyz", "", 200, "ready"},
		{"lazy site fails", "/notes/", "", 503, "site notes is unavailable: disk on fire"},
		{"outside every site", "/", "", 404, "/blog\n/notes"},
	}
	for _, st := range steps {
		var h []string
		if st.header != "" {
			h = []string{"X-Script-Name", st.header}
		}
		if code, body := get(st.path, h...); code != st.code || body != st.body {
			t.Errorf("%s: %s = %d %q, want %d %q", st.name, st.path, code, body, st.code, st.body)
		}
	}
	fail = false
	if code, body := get("/notes/z"); code != 200 || body != "notes /z /notes" || opens != 2 {
		t.Errorf("notes after recovery: %d %q, opened %d times", code, body, opens)
	}
	if code, _ := get("/readyz"); code != 503 {
		t.Errorf("readyz with an open site that is not ready = %d", code)
	}
	d.Unmount("notes")
	if code, body := get("/notes/z"); code != 404 || body != "/blog" {
		t.Errorf("after unmount: %d %q", code, body)
	}
}
