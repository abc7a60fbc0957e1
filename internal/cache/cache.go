// Package cache is a site's one in-memory cache: every derived value Natter
// keeps between requests (thread snapshots, rendered Markdown, Isso thread
// JSON, widget fragments) shares a single budget in bytes, so no request
// mix can make memory grow past it.
//
// The contract:
//
//   - Each entry is weighed when stored: its key, its value as the space's
//     weigher reports it, and a fixed overhead for the bookkeeping. The sum
//     never exceeds the budget, not even for a moment: Set evicts before it
//     inserts, under one lock.
//   - Eviction is least-recently-used across all spaces, so a busy space
//     takes room from an idle one.
//   - An entry heavier than half the budget is not stored (Set drops it and
//     any previous value of its key), so one huge thread cannot flush the
//     rest; the caller recomputes it on every read instead.
//   - Keys name only what changes the value. They never include the current
//     time or free text a client may vary at will, or one page would fill
//     the budget with copies of itself.
//
// One lock guards everything: the critical sections are a map lookup and a
// few pointer moves, far cheaper than the work a hit saves, and a single
// list makes the accounting exact (a sharded cache would split the budget
// and refuse big entries sooner).
package cache

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// EntryOverhead is what one entry costs beyond its key and value: the map
// slot, the list links and the boxed value (126 bytes measured on 64-bit
// Go with 200,000 entries; the margin covers a map caught mid-growth).
const EntryOverhead = 160

// Cache is a byte-budgeted least-recently-used cache shared by spaces.
type Cache struct {
	// base is set on a view made by Sub: the view's spaces live in base,
	// under the view's prefix, and share its budget.
	base   *Cache
	prefix string

	budget int64
	stamps atomic.Uint64

	mu      sync.Mutex
	used    int64
	m       map[key]*entry
	root    entry // sentinel of the recency list: root.next is the newest
	byspace map[string]int64
	counts  map[string]int // entries per space
	hits    uint64
	misses  uint64
	evicted uint64
}

type key struct{ space, k string }

type entry struct {
	key        key
	val        any
	cost       int64
	prev, next *entry
}

// New makes a cache holding at most budget bytes (a budget below one
// kilobyte is raised to one kilobyte).
func New(budget int64) *Cache {
	c := &Cache{budget: max(budget, 1024), m: make(map[key]*entry), byspace: make(map[string]int64), counts: make(map[string]int)}
	c.root.prev, c.root.next = &c.root, &c.root
	return c
}

// Sub is a view of c whose spaces are c's under prefix: several sites of
// one process keep their values apart (two sites' threads may have one
// URI) within one budget.
func (c *Cache) Sub(prefix string) *Cache {
	if c.base != nil {
		return c.base.Sub(c.prefix + prefix)
	}
	return &Cache{base: c, prefix: prefix + "/"}
}

// resolve returns the cache that holds the entries, and the key of space
// there.
func (c *Cache) resolve(space string) (*Cache, string) {
	if c.base != nil {
		return c.base, c.prefix + space
	}
	return c, space
}

// Budget is the most the cache accounts for, in bytes.
func (c *Cache) Budget() int64 {
	c, _ = c.resolve("")
	return c.budget
}

// Stamp returns a number this cache never returned before. Values that
// derived entries depend on (a thread snapshot) carry one, and derived
// keys include it instead of a pointer, so a replaced value's dependants
// are never served and simply age out.
func (c *Cache) Stamp() uint64 {
	c, _ = c.resolve("")
	return c.stamps.Add(1)
}

// Stats is a moment's view of the cache.
type Stats struct {
	Budget, Used   int64
	Entries        int
	Spaces         map[string]int64 // bytes per space
	Hits, Misses   uint64
	Evicted        uint64 // entries dropped to make room
	LargestAllowed int64  // heavier entries are not stored
}

// Stats reports the cache's accounting.
func (c *Cache) Stats() Stats {
	c, _ = c.resolve("")
	c.mu.Lock()
	defer c.mu.Unlock()
	sp := make(map[string]int64, len(c.byspace))
	for k, v := range c.byspace {
		sp[k] = v
	}
	return Stats{Budget: c.budget, Used: c.used, Entries: len(c.m), Spaces: sp,
		Hits: c.hits, Misses: c.misses, Evicted: c.evicted, LargestAllowed: c.budget / 2}
}

// SpaceUsage is one space's share of the cache.
type SpaceUsage struct {
	Name    string
	Bytes   int64
	Entries int
}

// Usage lists the spaces of this cache (of this view only, named without
// its prefix), by name, for an operator: what holds the budget.
func (c *Cache) Usage() []SpaceUsage {
	base, prefix := c.resolve("")
	base.mu.Lock()
	defer base.mu.Unlock()
	var out []SpaceUsage
	for name, n := range base.counts {
		if own, ok := strings.CutPrefix(name, prefix); ok {
			out = append(out, SpaceUsage{Name: own, Bytes: base.byspace[name], Entries: n})
		}
	}
	slices.SortFunc(out, func(a, b SpaceUsage) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Used is the bytes accounted for now; it never exceeds Budget.
func (c *Cache) Used() int64 {
	c, _ = c.resolve("")
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

func (c *Cache) get(k key) (any, bool) {
	c, k.space = c.resolve(k.space)
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok {
		c.misses++
		return nil, false
	}
	c.hits++
	c.unlink(e)
	c.pushFront(e)
	return e.val, true
}

func (c *Cache) set(k key, v any, weight int64) {
	c, k.space = c.resolve(k.space)
	cost := int64(len(k.space)+len(k.k)) + max(weight, 0) + EntryOverhead
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[k]; ok {
		c.remove(old)
	}
	if cost > c.budget/2 {
		return
	}
	for c.used+cost > c.budget && c.root.prev != &c.root {
		c.remove(c.root.prev)
		c.evicted++
	}
	e := &entry{key: k, val: v, cost: cost}
	c.m[k] = e
	c.pushFront(e)
	c.used += cost
	c.byspace[k.space] += cost
	c.counts[k.space]++
}

func (c *Cache) del(k key) {
	c, k.space = c.resolve(k.space)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		c.remove(e)
	}
}

// clear drops every entry of a space.
func (c *Cache) clear(space string) {
	c, space = c.resolve(space)
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := c.root.next; e != &c.root; {
		next := e.next
		if e.key.space == space {
			c.remove(e)
		}
		e = next
	}
}

func (c *Cache) remove(e *entry) {
	c.unlink(e)
	delete(c.m, e.key)
	c.used -= e.cost
	if c.byspace[e.key.space] -= e.cost; c.byspace[e.key.space] == 0 {
		delete(c.byspace, e.key.space)
	}
	if c.counts[e.key.space]--; c.counts[e.key.space] == 0 {
		delete(c.counts, e.key.space)
	}
}

func (c *Cache) unlink(e *entry) {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
}

func (c *Cache) pushFront(e *entry) {
	e.prev, e.next = &c.root, c.root.next
	c.root.next.prev = e
	c.root.next = e
}
