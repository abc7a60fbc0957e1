package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

// asUnprivileged runs fn with the file permissions of an ordinary user.
// Tests run as root, which ignores permission bits; setfsuid(2) changes
// the filesystem identity of one thread only (and drops its override
// capabilities), so fn runs on a locked thread that exits afterwards.
func asUnprivileged(t *testing.T, fn func() error) error {
	t.Helper()
	if os.Geteuid() != 0 {
		return fn()
	}
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		unix.Setfsuid(65534)
		if got, _ := unix.SetfsuidRetUid(-1); got != 65534 {
			done <- errors.New("setfsuid failed")
			return
		}
		done <- fn()
	}()
	return <-done
}

// openable makes dir and its parent (the test's temp folders, 0700)
// reachable by the unprivileged user.
func openable(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpen_RefusesUnwritableDatabase(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (path, names string)
		want  string
	}{
		{"missing directory", func(t *testing.T, dir string) (string, string) {
			return filepath.Join(dir, "missing", "comments.db"), filepath.Join(dir, "missing")
		}, "does not exist"},
		{"directory is a file", func(t *testing.T, dir string) (string, string) {
			f := filepath.Join(dir, "file")
			if err := os.WriteFile(f, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(f, "comments.db"), f
		}, "is not a directory"},
		{"read-only directory", func(t *testing.T, dir string) (string, string) {
			ro := filepath.Join(dir, "ro")
			if err := os.Mkdir(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(ro, "comments.db"), ro
		}, "is not writable"},
		{"read-only file", func(t *testing.T, dir string) (string, string) {
			db := filepath.Join(dir, "comments.db")
			s := openTest(t, db)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(db, 0o444); err != nil {
				t.Fatal(err)
			}
			return db, db
		}, "is not writable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			openable(t, dir)
			path, names := tc.setup(t, dir)
			var s *Store
			err := asUnprivileged(t, func() (err error) {
				s, err = Open(context.Background(), Options{Path: path, Logger: testLogger()})
				return err
			})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), names+" ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name %s and say %q", err, names, tc.want)
			}
		})
	}
}

// syncBuffer is a log destination safe for the store's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
