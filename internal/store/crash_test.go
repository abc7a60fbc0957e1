package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"
)

// crashEnv tells a re-executed test binary to act as the crashing writer.
const crashEnv = "NATTER_STORE_CRASH_DB"

// TestUncleanStop kills a writer process with SIGKILL mid-burst and checks
// that every comment it acknowledged survived and the file is intact.
func TestUncleanStop(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	s := openTest(t, path)
	newThread(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	acked, stderr := runAndKill(t, path, 200)
	if len(acked) < 200 {
		t.Fatalf("child acknowledged only %d comments; stderr:\n%s", len(acked), stderr)
	}

	s = openTest(t, path)
	if res := scalar[string](t, s.Reader(), "PRAGMA integrity_check"); res != "ok" {
		t.Errorf("integrity_check = %q", res)
	}
	present := map[int64]bool{}
	var ids []int64
	if err := s.Reader().Raw("SELECT id FROM comments").Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		present[id] = true
	}
	for _, id := range acked {
		if !present[id] {
			t.Errorf("acknowledged comment %d is missing after the crash", id)
		}
	}
	t.Logf("%d acknowledged, %d rows after restart", len(acked), len(ids))
}

// runAndKill starts the child, kills it with SIGKILL once it acknowledged
// at least n comments, and returns every id it acknowledged before dying.
func runAndKill(t *testing.T, path string, n int) ([]int64, string) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestUncleanStop$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []int64
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		// Only complete lines count: a torn last line was never acknowledged.
		if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
			v, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				t.Fatalf("bad line %q", sc.Text())
			}
			acked = append(acked, v)
		}
		if len(acked) == n {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = cmd.Wait() // killed: the error is expected
	return acked, stderr.String()
}

// crashChild inserts comments until it is killed, printing each id only
// after its transaction committed.
func crashChild(path string) {
	s, err := Open(context.Background(), Options{Path: path, Logger: testLogger()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i := 0; ; i++ {
		var id int64
		err := s.Write(context.Background(), func(tx *gorm.DB) error {
			var err error
			id, err = insertComment(tx, 1, "burst "+strconv.Itoa(i))
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Fprintf(os.Stdout, "ack %d\n", id)
	}
}
