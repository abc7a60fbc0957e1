package backups

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTakeKeepsTheNewest: each backup is a new file named by its time,
// and only the newest Keep remain.
func TestTakeKeepsTheNewest(t *testing.T) {
	dir := t.TempDir()
	s := Schedule{Dir: filepath.Join(dir, "b"), Keep: 3, Name: "blog"}
	copyTo := func(_ context.Context, out string) error { return os.WriteFile(out, []byte(out), 0o600) }
	start := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	var last string
	for i := range 5 {
		p, err := Take(context.Background(), s, copyTo, start.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		last = p
	}
	files, _ := filepath.Glob(filepath.Join(s.Dir, "*.db"))
	if len(files) != 3 || filepath.Base(files[0]) != "blog-20261206T120000Z.db" || files[2] != last {
		t.Errorf("kept %v, want the three newest ending with %s", files, last)
	}
}
