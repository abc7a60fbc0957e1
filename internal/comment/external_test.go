package comment_test

import (
	"database/sql"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// TestCache_SeesOtherProcessesWrites: a comment written by another
// process (Isso sharing the file, natter import) shows up once the
// once-a-second check has run, without any write through the service.
func TestCache_SeesOtherProcessesWrites(t *testing.T) {
	svc, site := newService(t)
	first := create(t, svc, "/shared/", "written by Natter", "192.0.2.1", nil)
	before := listed(t, svc, "/shared/")

	isso, err := sql.Open("sqlite3", site.Site.DBPath+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer isso.Close()
	_, err = isso.Exec(`INSERT INTO comments (tid, parent, created, mode, remote_addr, text, voters)
		SELECT tid, NULL, created + 1, 1, '198.51.100.0', 'written by Isso', x'' FROM comments WHERE id = ?`, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := listed(t, svc, "/shared/"); got != before {
		t.Errorf("checked again within the second: %s", got)
	}
	site.Clock.Advance(1100 * time.Millisecond)
	if got := listed(t, svc, "/shared/"); got == before {
		t.Errorf("the other process's comment is still missing: %s", got)
	}
}
