package store

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/natter/natter/models"
	"gorm.io/gorm"
)

// TestBackup_WhileWriting copies the database while another goroutine
// keeps inserting comments: the copy passes integrity_check, holds every
// comment committed before the backup began, and nothing half-written.
func TestBackup_WhileWriting(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "comments.db")
	s := openTest(t, src)
	ctx := context.Background()
	insert := func() {
		err := s.Write(ctx, func(tx *gorm.DB) error {
			if err := tx.Exec("INSERT OR IGNORE INTO threads (uri, title) VALUES ('/a', 'A')").Error; err != nil {
				return err
			}
			return tx.Create(&models.Comment{TID: 1, Created: 1, Mode: 1, Text: "x", Voters: []byte{}}).Error
		})
		if err != nil {
			t.Error(err)
		}
	}
	for range 50 {
		insert()
	}
	stop, done := make(chan struct{}), sync.WaitGroup{}
	done.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
				insert()
			}
		}
	})
	out := filepath.Join(dir, "backup.db")
	err := Backup(ctx, src, out)
	close(stop)
	done.Wait()
	if err != nil {
		t.Fatal(err)
	}
	copyDB := rawDB(t, out)
	var n int
	if err := copyDB.QueryRow("SELECT count(*) FROM comments").Scan(&n); err != nil || n < 50 {
		t.Errorf("backup holds %d comments (%v), want at least 50", n, err)
	}
	if err := Backup(ctx, src, out); err == nil {
		t.Error("Backup overwrote an existing file")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.partial"))
	if len(left) != 0 {
		t.Errorf("partial files left behind: %v", left)
	}
}

func TestBackup_RefusesMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "b.db")
	if err := Backup(context.Background(), filepath.Join(dir, "nope.db"), out); err == nil {
		t.Error("backed up a database that does not exist")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a backup file was created anyway")
	}
}
