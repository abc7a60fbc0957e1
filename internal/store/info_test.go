package store

import (
	"strings"
	"testing"
)

// TestInfo: the engine, the file or server, and a size that grows with
// the data; never a secret of the DSN.
func TestInfo(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		in, err := s.Info(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if in.Bytes <= 0 || in.Schema != len(s.migrations()) || in.Location == "" {
			t.Errorf("Info = %+v", in)
		}
		if strings.Contains(in.Location, "password") || strings.Contains(in.Location, "?") {
			t.Errorf("location %q shows the DSN's parameters", in.Location)
		}
	})
}

func TestPgLocation_DropsSecrets(t *testing.T) {
	for dsn, want := range map[string]string{
		"postgres://natter:s3cret@db.example:5432/comments?sslmode=require&password=other": "natter@db.example:5432/comments",
		"postgresql://db.example/comments":                                                 "db.example/comments",
		"postgres://:s3cret@db.example/":                                                   "db.example",
	} {
		if got := pgLocation(dsn); got != want {
			t.Errorf("pgLocation(%q) = %q, want %q", dsn, got, want)
		}
	}
}
