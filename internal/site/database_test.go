package site_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/store"
)

// [natter] database wins over [general] dbpath; either may be a
// PostgreSQL URL.
func TestDatabasePath_NatterDatabaseWins(t *testing.T) {
	cfg := &config.Config{}
	cfg.General.DBPath = "/var/lib/isso/comments.db"
	if p, err := site.DatabasePath(cfg); err != nil || p != cfg.General.DBPath {
		t.Errorf("dbpath only: %q, %v", p, err)
	}
	cfg.Natter.Database = "postgresql://db/natter"
	if p, err := site.DatabasePath(cfg); err != nil || p != cfg.Natter.Database || !store.IsPostgres(p) {
		t.Errorf("with [natter] database: %q, %v", p, err)
	}
}

// A site opens on PostgreSQL from [general] dbpath alone and serves
// comments.
func TestOpen_PostgresFromDBPath(t *testing.T) {
	dsn := pgtest.DSN(t)
	cfg, _, err := config.Embedded([]string{"NATTER_GENERAL_DBPATH=" + dsn, "NATTER_GUARD_ENABLED=false"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := site.Open(ctx, cfg, site.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Titles: staticTitle{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	text := "hello from PostgreSQL"
	if _, err := s.Comments.Create(ctx, comment.CreateInput{Input: comment.Input{Text: &text}, URI: "/pg/"},
		comment.Actor{IP: "198.51.100.7"}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Comments.Counts(ctx, []string{"/pg/", "/none/"}); err != nil || n[0] != 1 || n[1] != 0 {
		t.Errorf("Counts = %v, %v", n, err)
	}
}

type staticTitle struct{}

func (staticTitle) Title(context.Context, string, string) (string, string, error) {
	return "Untitled.", "", nil
}
