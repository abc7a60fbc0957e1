package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/natter/natter/internal/app"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/site"
)

// TestPeriodicBackups: with [natter] backup-dir, a running site writes
// verified copies of its database that hold its comments, and keeps the
// newest backup-keep.
func TestPeriodicBackups(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "natter.cfg")
	text := "[general]\nhost = http://blog.example\ndbpath = " + dir + "/comments.db\n[natter]\nbackup-dir = " + dir + "/backups\nbackup-every = 1\nbackup-keep = 2\n"
	if err := os.WriteFile(cfgPath, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(context.Background(), cfg, app.Options{Site: site.Options{Logger: log, Titles: fixedTitle{}}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	text2 := "backed up"
	if _, err := a.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text2}, URI: "/b"}, comment.Actor{IP: "10.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	stop := a.Start(context.Background(), log)
	defer stop()
	var files []string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if files, _ = filepath.Glob(filepath.Join(dir, "backups", "natter-*.db")); len(files) >= 2 {
			break
		}
	}
	if len(files) < 2 {
		t.Fatalf("backups after waiting: %v", files)
	}
	db, err := sql.Open("sqlite3", "file:"+files[len(files)-1]+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM comments WHERE text = ?", text2).Scan(&n); err != nil || n != 1 {
		t.Errorf("backup holds %d of the comment (%v)", n, err)
	}
}

type fixedTitle struct{}

func (fixedTitle) Title(context.Context, string, string) (string, string, error) { return "T", "", nil }

// TestStart_ChecksTheDatabase: a damaged file opens and serves at once,
// and the integrity check that Start runs in the background (after
// CheckAfter) reports it to the dashboard's failures, naming the file.
func TestStart_ChecksTheDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "comments.db")
	cfgPath := filepath.Join(dir, "natter.cfg")
	if err := os.WriteFile(cfgPath, []byte("[general]\nhost = http://blog.example\ndbpath = "+path+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	damage(t, cfg)
	failures := faillog.New(20)
	log := slog.New(failures.Wrap(slog.NewTextHandler(io.Discard, nil)))
	a, err := app.New(context.Background(), cfg, app.Options{Site: site.Options{Logger: log, Titles: fixedTitle{}}, Failures: failures,
		CheckAfter: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	stop := a.Start(context.Background(), log)
	defer stop()
	for deadline := time.Now().Add(30 * time.Second); !warned(failures, path); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no quick_check warning naming %s: %+v", path, failures.Recent())
		}
	}
}

// damage creates cfg's database with a table filling its last pages, and
// overwrites those pages with garbage.
func damage(t *testing.T, cfg *config.Config) {
	t.Helper()
	a, err := app.New(context.Background(), cfg, app.Options{Site: site.Options{Logger: slog.New(slog.DiscardHandler)}})
	if err != nil {
		t.Fatal(err)
	}
	err = a.Site.DB.Writer().Exec(`CREATE TABLE junk (x BLOB)`).Error
	if err == nil {
		err = a.Site.DB.Writer().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
			INSERT INTO junk SELECT randomblob(100) FROM n`).Error
	}
	if err := errors.Join(err, a.Close()); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(a.Site.DBPath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err == nil {
		_, err = f.WriteAt(bytes.Repeat([]byte{0xa5}, 3*4096), info.Size()-3*4096)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func warned(l *faillog.Log, path string) bool {
	for _, e := range l.Recent() {
		if strings.Contains(e.Message, "quick_check") && strings.Contains(e.Message, path) {
			return true
		}
	}
	return false
}
