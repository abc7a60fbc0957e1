package isso_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestFetchThread_DistinctQueriesStayUnderBudget asks one thread for
// a thousand distinct query strings: the answers share the site's cache
// budget with its snapshots and renderings and never exceed it.
func TestFetchThread_DistinctQueriesStayUnderBudget(t *testing.T) {
	const budget = 1 << 20
	s := newSite(t, "[natter]\ncache-budget = 1MB\n")
	text := strings.Repeat("word ", 400)
	for i := range 40 {
		post(t, s, "/big/", map[string]any{"text": fmt.Sprint(text, i)})
		tick(s)
	}
	for i := range 1000 {
		path := fmt.Sprintf("/?uri=/big/&limit=%d&offset=%d&nested_limit=%d&junk=%d", 1+i%40, i%7, i%5, i)
		if r := get(t, s, path); r.status != 200 {
			t.Fatalf("GET %s: %s", path, r)
		}
		if used := s.Site.Cache.Used(); used > budget {
			t.Fatalf("after %d requests the cache accounts %d bytes, budget %d", i+1, used, budget)
		}
	}
	st := s.Site.Cache.Stats()
	if st.Spaces["isso-thread"] == 0 || st.Evicted == 0 {
		t.Errorf("answers should have filled the budget and been evicted: %+v", st)
	}
}

// TestFetchThread_KeyIgnoresUnknownParameters: parameters GET / does not
// read, and spellings of the same number, reuse one cached answer.
func TestFetchThread_KeyIgnoresUnknownParameters(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/k/", map[string]any{"text": "hello"})
	first := get(t, s, "/?uri=/k/&limit=5")
	before := s.Site.Cache.Stats()
	for i, q := range []string{"limit=5&title=a", "title=b&limit=05", "limit=5&_=1733400000"} {
		r := get(t, s, "/?uri=/k/&"+q)
		if string(r.body) != string(first.body) {
			t.Errorf("query %d answers differently: %s", i, r)
		}
	}
	after := s.Site.Cache.Stats()
	if after.Entries != before.Entries || after.Spaces["isso-thread"] != before.Spaces["isso-thread"] {
		t.Errorf("unknown parameters made new entries: %+v → %+v", before, after)
	}
}

// TestFetchThread_CachedAnswerReplacedByWrite reads, writes and reads:
// the second read must list the new comment.
func TestFetchThread_CachedAnswerReplacedByWrite(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/w/", map[string]any{"text": "one"})
	if r := get(t, s, "/?uri=/w/"); !strings.Contains(string(r.body), `"total_replies": 1`) {
		t.Fatalf("first read: %s", r)
	}
	tick(s)
	post(t, s, "/w/", map[string]any{"text": "two"})
	r := get(t, s, "/?uri=/w/")
	if !strings.Contains(string(r.body), `"total_replies": 2`) || !strings.Contains(string(r.body), "two") {
		t.Errorf("read after write: %s", r)
	}
}
