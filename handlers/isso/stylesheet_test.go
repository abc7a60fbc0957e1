package isso_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/isso"
)

// TestStyleSheet_IssoClient: with [natter] isso-client, /css/isso.css is
// the folder's isso.css (or its sibling css/isso.css, Isso's source
// layout), with the file's date; otherwise Natter's stylesheet.
func TestStyleSheet_IssoClient(t *testing.T) {
	s := newSite(t, "")
	mtime := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	write := func(t *testing.T, path, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		setup    func(t *testing.T, root string) string // returns the isso-client folder
		wantBody string
		fileDate bool
	}{
		{"not set", func(*testing.T, string) string { return "" }, "natter css", false},
		{"folder without isso.css", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "js", "embed.min.js"), "js")
			return filepath.Join(root, "js")
		}, "natter css", false},
		{"isso.css in the folder", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "js", "isso.css"), "isso css here")
			return filepath.Join(root, "js")
		}, "isso css here", true},
		{"isso.css beside the folder", func(t *testing.T, root string) string {
			write(t, filepath.Join(root, "css", "isso.css"), "isso css beside")
			return filepath.Join(root, "js")
		}, "isso css beside", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := fiber.New()
			isso.Register(app, isso.Deps{Comments: s.Site.Comments, Origins: s.Site.Origins, Logger: s.Logger,
				StyleSheet: []byte("natter css"), IssoClient: tt.setup(t, t.TempDir())})
			r := fetch(t, app, nil)
			if r.status != 200 || string(r.body) != tt.wantBody {
				t.Fatalf("GET /css/isso.css = %s", r)
			}
			lm := r.header.Get("Last-Modified")
			if tt.fileDate && lm != mtime.Format(http.TimeFormat) {
				t.Errorf("Last-Modified %q, want the file's %q", lm, mtime.Format(http.TimeFormat))
			}
			for _, h := range []map[string]string{{"If-None-Match": r.header.Get("ETag")}, {"If-Modified-Since": lm}} {
				nm := fetch(t, app, h)
				if nm.status != 304 || nm.header.Get("Last-Modified") != "" || nm.header.Get("Expires") != "" ||
					nm.header.Get("ETag") == "" {
					t.Errorf("%v: %d, Last-Modified %q, Expires %q", h, nm.status, nm.header.Get("Last-Modified"), nm.header.Get("Expires"))
				}
			}
		})
	}
}

func fetch(t *testing.T, app *fiber.App, headers map[string]string) resp {
	t.Helper()
	hr := httptest.NewRequest(http.MethodGet, "http://natter.test/css/isso.css", nil)
	for k, v := range headers {
		hr.Header.Set(k, v)
	}
	res, err := app.Test(hr, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: b}
}
