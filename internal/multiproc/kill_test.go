package multiproc

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/natter/natter/internal/pgtest"
)

// Killing one of two processes in the middle of a write burst loses no
// comment either of them acknowledged.
func TestTwoProcesses_KillLosesNothingAcknowledged(t *testing.T) {
	dsn := pgtest.DSN(t)
	a, b := start(t, dsn, ""), start(t, dsn, "")
	var mu sync.Mutex
	acked := map[int64]string{} // id → uri
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 8 {
		p := []*process{a, b}[w%2]
		uri := fmt.Sprintf("/kill/%d/", w)
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var c struct {
					ID int64 `json:"id"`
				}
				if st, _ := p.tryCall(http.MethodPost, "/new?uri="+uri, map[string]any{"text": fmt.Sprintf("burst %d", i)}, &c); st == http.StatusCreated {
					mu.Lock()
					acked[c.ID] = uri
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(700 * time.Millisecond)
	if err := a.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no comment was acknowledged")
	}
	time.Sleep(600 * time.Millisecond) // b's cache learns of a's last writes
	stored := map[int64]bool{}
	for w := range 8 {
		var th thread
		if st := b.call(t, http.MethodGet, fmt.Sprintf("/?uri=/kill/%d/&limit=100000", w), nil, &th); st != http.StatusOK {
			t.Fatalf("thread %d: %d", w, st)
		}
		for _, r := range th.Replies {
			stored[r.ID] = true
		}
	}
	lost := 0
	for id := range acked {
		if !stored[id] {
			lost++
		}
	}
	t.Logf("%d comments acknowledged, %d stored", len(acked), len(stored))
	if lost > 0 {
		t.Errorf("%d acknowledged comments missing", lost)
	}
}
