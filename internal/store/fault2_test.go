package store

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
)

// TestQuickCheck_WarnsAboutDamagedFile: a file that fails quick_check
// opens, and the check warns naming it.
func TestQuickCheck_WarnsAboutDamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "comments.db")
	s := openTest(t, path)
	err := s.Write(context.Background(), func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO threads (id, uri, title) VALUES (1, '/t', 'T')").Error; err != nil {
			return err
		}
		for i := range 300 {
			if _, err := insertComment(tx, 1, strings.Repeat("text ", 20+i%7)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Garbage over the last pages: the comments table's leaves.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xa5", 3*4096)), info.Size()-3*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var logs syncBuffer
	s2, err := Open(context.Background(), Options{Path: path, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		if !strings.Contains(err.Error(), path) {
			t.Fatalf("error %q does not name the file", err)
		}
		return
	}
	defer s2.Close()
	s2.QuickCheck(context.Background())
	if out := logs.String(); !strings.Contains(out, `level=WARN msg="store: the database failed PRAGMA quick_check`) ||
		!strings.Contains(out, path) {
		t.Errorf("no warning naming the damaged file:\n%s", out)
	}
}

// TestWrite_FaultIsUnavailableUntilItPasses: a read-only or full database
// makes writes fail with comment.ErrUnavailable and the path, Ready fails
// meanwhile, and both recover by themselves once the cause is gone.
func TestWrite_FaultIsUnavailableUntilItPasses(t *testing.T) {
	tests := []struct {
		name, fault, clear string
		probeFails         bool
	}{
		// query_only makes SQLite refuse writes as for a read-only file.
		{"read-only", "PRAGMA query_only = 1", "PRAGMA query_only = 0", true},
		// max_page_count stops the file growing, as a full disk does; a
		// write that fits in the free pages still passes, so Ready's
		// one-row probe may too (as it may on a nearly full disk).
		{"full", "PRAGMA max_page_count = %d", "PRAGMA max_page_count = 1073741823", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "comments.db")
			s := openTest(t, path)
			if err := s.Write(ctx, func(tx *gorm.DB) error {
				return tx.Exec("INSERT INTO threads (id, uri, title) VALUES (1, '/t', 'T')").Error
			}); err != nil {
				t.Fatal(err)
			}
			fault := tc.fault
			if strings.Contains(fault, "%d") {
				pages := scalar[int](t, s.writer, "PRAGMA page_count")
				fault = strings.Replace(fault, "%d", itoa(pages), 1)
			}
			if err := s.writer.Exec(fault).Error; err != nil {
				t.Fatal(err)
			}
			err := s.Write(ctx, func(tx *gorm.DB) error {
				_, err := insertComment(tx, 1, strings.Repeat("a long comment ", 2000))
				return err
			})
			if !errors.Is(err, comment.ErrUnavailable) || !strings.Contains(err.Error(), path) {
				t.Fatalf("write error %v: want comment.ErrUnavailable naming %s", err, path)
			}
			if err := s.Ready(ctx); tc.probeFails && err == nil {
				t.Error("Ready while writes fail")
			}
			if err := s.writer.Exec(tc.clear).Error; err != nil {
				t.Fatal(err)
			}
			if err := s.Ready(ctx); err != nil {
				t.Errorf("Ready after the cause went: %v", err)
			}
			if s.WriteFault() {
				t.Error("fault still set")
			}
		})
	}
}

func itoa(n int) string {
	b := []byte{}
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
