// Package testsite builds a complete Natter application on a temporary
// SQLite database for tests, through the same constructors main uses.
package testsite

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/app"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/site"
)

// Clock is a settable test clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// StaticTitles answers every title discovery with a fixed title, so tests
// never reach the network.
type StaticTitles string

// Title implements comment.TitleFetcher.
func (s StaticTitles) Title(context.Context, string, string) (string, string, error) {
	return string(s), "", nil
}

// Site is a running test application.
type Site struct {
	App   *fiber.App
	Site  *site.Site
	Clock *Clock
	Dir   string
	// Logger is the one the site and the handlers log through.
	Logger *slog.Logger
	// Failures are the warnings and errors logged, as the admin
	// dashboard lists them.
	Failures *faillog.Log
}

// Options tune New.
type Options struct {
	// Config is isso.cfg text; [general] dbpath is set by New unless given.
	Config string
	// Site sets the site options (Titles nil means StaticTitles("Untitled.")); Now and Logger are always the test's.
	Site site.Options
	// DBPath opens an existing database instead of a fresh one.
	DBPath string
}

// New builds the app. Without Options.Config the site allows the origin
// http://blog.example and keeps Isso's defaults (guard on).
func New(t testing.TB, o Options) *Site {
	t.Helper()
	dir := t.TempDir()
	db := o.DBPath
	switch {
	case db != "":
	case pgtest.Wanted():
		// NATTER_TEST_STORE=postgres: the same tests on PostgreSQL.
		db = pgtest.DSN(t)
	default:
		db = filepath.Join(dir, "comments.db")
	}
	text := o.Config
	if text == "" {
		text = "[general]\nhost = http://blog.example\n"
	}
	cfgPath := filepath.Join(dir, "natter.cfg")
	if err := os.WriteFile(cfgPath, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(cfgPath, []string{"NATTER_GENERAL_DBPATH=" + db})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	clock := NewClock(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	so := o.Site
	so.Now = clock.Now
	failures := faillog.New(20)
	so.Logger = slog.New(failures.Wrap(slog.NewTextHandler(io.Discard, nil)))
	if so.Titles == nil {
		so.Titles = StaticTitles("Untitled.")
	}
	a, err := app.New(context.Background(), cfg, app.Options{Site: so, Failures: failures, Build: app.Build{Version: "test"}})
	if err != nil {
		t.Fatalf("open site: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	return &Site{App: a.HTTP, Site: a.Site, Clock: clock, Dir: dir, Logger: so.Logger, Failures: failures}
}

// NoInlineStyle fails t when body has a style attribute or element: the
// widget and the panel run under CSPs that allow no inline style.
func NoInlineStyle(t testing.TB, what, body string) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	doc.Find("[style]").Each(func(_ int, s *goquery.Selection) {
		st, _ := s.Attr("style")
		t.Errorf("%s: <%s style=%q>", what, goquery.NodeName(s), st)
	})
	if n := doc.Find("style").Length(); n != 0 {
		t.Errorf("%s: %d <style> elements", what, n)
	}
}

// Gunzip is a gzip body's plain form.
func Gunzip(t testing.TB, body []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// WaitStored waits until the site's SQLite database holds n stored
// answers, which are written in the background.
func WaitStored(t testing.TB, s *Site, n int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+s.Site.DBPath+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var got int
		if err := db.QueryRow(`SELECT count(*) FROM natter_answer`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d stored answers, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// SpaceEntries counts the entries of one space of the site's cache.
func SpaceEntries(s *Site, name string) int {
	for _, sp := range s.Site.Cache.Usage() {
		if sp.Name == name {
			return sp.Entries
		}
	}
	return 0
}
