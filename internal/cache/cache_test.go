package cache

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestCache_ManyDistinctEntriesStayUnderBudget(t *testing.T) {
	const budget = 256 << 10
	c := New(budget)
	frag := NewSpace(c, "fragment", Bytes)
	html := NewSpace(c, "html", String[string])
	for i := range 20000 {
		frag.Set(fmt.Sprintf("thread-%d?title=%d", i%7, i), make([]byte, 100+i%3000))
		html.Set(fmt.Sprint(i), strings.Repeat("x", i%500))
		if u := c.Used(); u > budget {
			t.Fatalf("after %d inserts: %d bytes accounted, budget %d", i+1, u, budget)
		}
	}
	st := c.Stats()
	if st.Used < budget/2 || st.Evicted == 0 {
		t.Errorf("cache did not fill and evict: %+v", st)
	}
	if st.Spaces["fragment"]+st.Spaces["html"] != st.Used {
		t.Errorf("per-space bytes %v do not add up to %d", st.Spaces, st.Used)
	}
}

func TestCache_WeighsKeyValueAndOverhead(t *testing.T) {
	c := New(1 << 20)
	s := NewSpace(c, "ns", Bytes)
	s.Set("abc", make([]byte, 10, 1000)) // a slice keeps its capacity allocated
	if want := int64(len("ns")+len("abc")+1000) + EntryOverhead; c.Used() != want {
		t.Errorf("used %d, want %d", c.Used(), want)
	}
	s.Set("abc", make([]byte, 10)) // replacing re-weighs
	if want := int64(len("ns")+len("abc")+10) + EntryOverhead; c.Used() != want {
		t.Errorf("after replace: used %d, want %d", c.Used(), want)
	}
	s.Delete("abc")
	if c.Used() != 0 || c.Stats().Entries != 0 {
		t.Errorf("after delete: %+v", c.Stats())
	}
}

func TestCache_EvictsLeastRecentlyUsed(t *testing.T) {
	c := New(4 * (1000 + EntryOverhead + 8))
	s := NewSpace(c, "s", Bytes)
	for _, k := range []string{"a", "b", "c", "d"} {
		s.Set(k, make([]byte, 1000))
	}
	s.Get("a") // a is now the most recent; b the least
	s.Set("e", make([]byte, 1000))
	if _, ok := s.Get("b"); ok {
		t.Error("b survived; it was the least recently used")
	}
	for _, k := range []string{"a", "c", "d", "e"} {
		if _, ok := s.Get(k); !ok {
			t.Errorf("%s was evicted", k)
		}
	}
}

func TestCache_RefusesEntriesOverHalfTheBudget(t *testing.T) {
	c := New(64 << 10)
	s := NewSpace(c, "s", Bytes)
	s.Set("small", []byte("x"))
	s.Set("big", make([]byte, 40<<10))
	if _, ok := s.Get("big"); ok {
		t.Error("an entry over half the budget was stored")
	}
	if _, ok := s.Get("small"); !ok {
		t.Error("a refused entry evicted others")
	}
	s.Set("small", make([]byte, 40<<10)) // a refused replacement drops the old value
	if _, ok := s.Get("small"); ok {
		t.Error("a stale value survived a refused replacement")
	}
}

func TestCache_SpacesAreSeparateAndClearable(t *testing.T) {
	c := New(1 << 20)
	a := NewSpace(c, "a", String[string])
	b := NewSpace(c, "b", String[string])
	a.Set("k", "from a")
	b.Set("k", "from b")
	if v, _ := a.Get("k"); v != "from a" {
		t.Errorf("space a reads %q", v)
	}
	a.Clear()
	if _, ok := a.Get("k"); ok {
		t.Error("Clear kept an entry")
	}
	if v, _ := b.Get("k"); v != "from b" {
		t.Errorf("Clear of a touched b: %q", v)
	}
	if c.Stats().Spaces["a"] != 0 || c.Used() != c.Stats().Spaces["b"] {
		t.Errorf("accounting after Clear: %+v", c.Stats())
	}
}

func TestCache_StampsAreUnique(t *testing.T) {
	c := New(1 << 20)
	if a, b := c.Stamp(), c.Stamp(); a == b || a == 0 {
		t.Errorf("stamps %d, %d", a, b)
	}
}

func TestCache_ConcurrentUseKeepsAccounts(t *testing.T) {
	const budget = 128 << 10
	c := New(budget)
	s := NewSpace(c, "s", Bytes)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				k := fmt.Sprint(g, "-", i%300)
				if _, ok := s.Get(k); !ok {
					s.Set(k, make([]byte, i%2000))
				}
				if i%97 == 0 {
					s.Delete(k)
				}
			}
		})
	}
	wg.Wait()
	st := c.Stats()
	if st.Used > budget || st.Used != st.Spaces["s"] {
		t.Errorf("accounts after concurrent use: %+v", st)
	}
}

// BenchmarkSpace_GetParallel is the hot path of every cached read: one
// lock for all spaces must stay far cheaper than the work a hit saves.
func BenchmarkSpace_GetParallel(b *testing.B) {
	c := New(64 << 20)
	s := NewSpace(c, "s", Bytes)
	for i := range 1000 {
		s.Set(fmt.Sprint(i), make([]byte, 1000))
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			s.Get(fmt.Sprint(i % 1000))
			i++
		}
	})
}

// TestSubKeepsSitesApart: two views of one cache store the same key in
// the same space without seeing each other's values, within one budget.
func TestSubKeepsSitesApart(t *testing.T) {
	c := New(1 << 20)
	a := NewSpace(c.Sub("blog"), "snapshot", String[string])
	b := NewSpace(c.Sub("notes"), "snapshot", String[string])
	a.Set("/post-1", "blog's thread")
	b.Set("/post-1", "notes' thread")
	if v, _ := a.Get("/post-1"); v != "blog's thread" {
		t.Errorf("blog sees %q", v)
	}
	if v, _ := b.Get("/post-1"); v != "notes' thread" {
		t.Errorf("notes sees %q", v)
	}
	if c.Sub("blog").Used() != c.Used() || c.Used() == 0 || c.Sub("x").Budget() != c.Budget() {
		t.Error("views do not share the budget's accounting")
	}
	b.Clear()
	if _, ok := a.Get("/post-1"); !ok {
		t.Error("clearing notes' space cleared blog's")
	}
}

// TestCache_UsageIsPerViewSpace: Usage lists a view's own spaces with
// their bytes and entries as Stats accounts them, and not another view's.
func TestCache_UsageIsPerViewSpace(t *testing.T) {
	root := New(1 << 20)
	a, b := root.Sub("a"), root.Sub("b")
	snaps := NewSpace(a, "snapshot", Bytes)
	frags := NewSpace(a, "fragment", Bytes)
	other := NewSpace(b, "snapshot", Bytes)
	for i := range 3 {
		snaps.Set(fmt.Sprint(i), make([]byte, 100))
	}
	frags.Set("x", make([]byte, 50))
	other.Set("y", make([]byte, 10))
	snaps.Delete("0")
	got := a.Usage()
	st := root.Stats()
	want := []SpaceUsage{
		{Name: "fragment", Bytes: st.Spaces["a/fragment"], Entries: 1},
		{Name: "snapshot", Bytes: st.Spaces["a/snapshot"], Entries: 2},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || want[1].Bytes != 2*(int64(len("a/snapshot")+1+100)+EntryOverhead) {
		t.Errorf("Usage() = %+v, want %+v", got, want)
	}
	other.Clear()
	if u := b.Usage(); len(u) != 0 {
		t.Errorf("after Clear: %+v", u)
	}
	if n := len(root.Usage()); n != 2 {
		t.Errorf("the root lists %d spaces, want a/fragment and a/snapshot", n)
	}
}
