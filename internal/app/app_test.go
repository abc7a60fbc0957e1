package app_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/natter/natter/internal/app"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
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
