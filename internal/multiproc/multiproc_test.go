package multiproc

import (
	"net/http"
	"testing"
	"time"

	"github.com/natter/natter/internal/pgtest"
)

type thread struct {
	Replies []struct {
		ID    int64  `json:"id"`
		Text  string `json:"text"`
		Likes int    `json:"likes"`
	} `json:"replies"`
}

// Two processes on one PostgreSQL act as one: a comment posted through
// either is visible through the other within a second (their caches learn
// of each other's writes), and counts and votes agree.
func TestTwoProcesses_ShareComments(t *testing.T) {
	dsn := pgtest.DSN(t)
	a, b := start(t, dsn, ""), start(t, dsn, "")
	for _, p := range []*process{a, b} { // warm both caches with the empty thread
		p.call(t, http.MethodGet, "/?uri=/two/", nil, nil)
	}
	var posted struct {
		ID int64 `json:"id"`
	}
	if st := a.call(t, http.MethodPost, "/new?uri=/two/", map[string]any{"text": "from A"}, &posted); st != http.StatusCreated {
		t.Fatalf("POST through A: %d", st)
	}
	waitFor(t, "A's comment through B", func() bool {
		var th thread
		return b.call(t, http.MethodGet, "/?uri=/two/", nil, &th) == http.StatusOK &&
			len(th.Replies) == 1 && th.Replies[0].ID == posted.ID
	})
	if st := b.call(t, http.MethodPost, "/new?uri=/two/", map[string]any{"text": "from B"}, nil); st != http.StatusCreated {
		t.Fatalf("POST through B: %d", st)
	}
	var counts []int
	waitFor(t, "both comments counted through A", func() bool {
		return a.call(t, http.MethodPost, "/count", []string{"/two/"}, &counts) == http.StatusOK &&
			len(counts) == 1 && counts[0] == 2
	})
	if st := b.call(t, http.MethodPost, "/id/"+itoa(posted.ID)+"/like", nil, nil); st != http.StatusOK {
		t.Fatalf("like through B: %d", st)
	}
	waitFor(t, "B's vote through A", func() bool {
		var th thread
		return a.call(t, http.MethodGet, "/?uri=/two/", nil, &th) == http.StatusOK &&
			len(th.Replies) == 2 && th.Replies[0].Likes == 1
	})
}

// waitFor polls cond for up to a second (the caches check for other
// processes' writes every half second) and reports how long it took.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > time.Second {
			t.Fatalf("%s: not within 1 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("%s after %v", what, time.Since(start).Round(time.Millisecond))
}

func itoa(n int64) string {
	b := []byte{}
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
