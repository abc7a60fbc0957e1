package notify

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
)

// crashEnv tells a re-executed test binary to act as the server that dies.
const crashEnv = "NATTER_NOTIFY_CRASH_DB"

// TestOutbox_SurvivesKill kills a process posting comments with SIGKILL:
// every comment it acknowledged has its notification queued, and a new
// process delivers each exactly once.
func TestOutbox_SurvivesKill(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "comments.db")
	acked := postAndKill(t, path, 50)
	if len(acked) < 50 {
		t.Fatalf("the child acknowledged only %d comments", len(acked))
	}
	rc := newReceiver(t, nil)
	h := openHarness(t, path, webhookConfig(rc.URL, ""), Deps{})
	var comments int
	if err := h.db.Reader().Raw("SELECT count(*) FROM comments").Scan(&comments).Error; err != nil {
		t.Fatal(err)
	}
	h.start()
	h.waitSettled(comments) // one row per stored comment, none without the other
	seen := map[int64]int{}
	for _, r := range rc.requests() {
		var p WebhookPayload
		mustJSON(t, r.Body, &p)
		seen[p.Comment.ID]++
	}
	for _, id := range acked {
		if seen[id] != 1 {
			t.Errorf("acknowledged comment %d notified %d times", id, seen[id])
		}
	}
	if len(seen) != comments || rc.count() != comments {
		t.Errorf("%d requests for %d comments (%d distinct)", rc.count(), comments, len(seen))
	}
}

// postAndKill runs the child until it acknowledged n comments, kills it
// and returns the ids it acknowledged.
func postAndKill(t *testing.T, path string, n int) []int64 {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestOutbox_SurvivesKill$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
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
		if v, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("bad line %q", sc.Text())
			}
			acked = append(acked, id)
		}
		if len(acked) == n {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = cmd.Wait() // killed: the error is expected
	return acked
}

// crashChild posts comments until killed, printing each id once Create
// returned (the reader's answer); no worker runs, so all stay queued.
func crashChild(t *testing.T, path string) {
	h := openHarness(t, path, webhookConfig("http://127.0.0.1:9/unused", ""), Deps{})
	for i := 0; ; i++ {
		c := postText(h, "comment number "+strconv.Itoa(i))
		fmt.Fprintf(os.Stdout, "ack %d\n", c.ID)
	}
}
