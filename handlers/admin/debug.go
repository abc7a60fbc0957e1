package admin

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	view "github.com/natter/natter/views/admin"
)

// showDebug is GET /admin/debug: the process's figures for tuning and
// links to its profiles (registerProfiles), behind the same login. It
// shows no secret: no password, key or connection parameter.
func (h *panel) showDebug(c *fiber.Ctx) error {
	m := env(c).M
	p, err := h.page(c, m.T("debug.title"), "debug")
	if err != nil {
		return err
	}
	db, err := h.db.Info(c.UserContext())
	if err != nil {
		return err
	}
	d := view.Debug{Page: p, Process: h.processFacts(m), Profiles: profiles(m),
		Database: []view.Fact{
			{ID: "db-engine", Label: m.T("debug.db_engine"), Value: db.Dialect},
			{ID: "db-location", Label: m.T("debug.db_location"), Value: db.Location},
			{ID: "db-size", Label: m.T("debug.db_size"), Value: view.ByteSize(db.Bytes)},
			{ID: "db-schema", Label: m.T("debug.db_schema"), Value: strconv.Itoa(db.Schema)},
		}}
	d.Cache, d.Spaces = h.cacheFacts(m)
	return render.HTML(c, fiber.StatusOK, view.DebugPage(d))
}

// processFacts are the runtime's figures. ReadMemStats stops the world
// for a moment; an admin asking for this page can afford it.
func (h *panel) processFacts(m view.Msgs) []view.Fact {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	pause := m.T("debug.none")
	if ms.NumGC > 0 {
		pause = time.Duration(ms.PauseNs[(ms.NumGC+255)%256]).Round(time.Microsecond).String()
	}
	limit := m.T("debug.none")
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		limit = view.ByteSize(l)
	}
	rss := m.T("debug.unknown")
	if n, ok := residentBytes(); ok {
		rss = view.ByteSize(n)
	}
	up := time.Since(h.started).Round(time.Second).String()
	known := func(s string) string {
		if s == "" {
			return m.T("debug.unknown")
		}
		return s
	}
	return []view.Fact{
		{ID: "version", Label: m.T("debug.version"), Value: known(h.version)},
		{ID: "commit", Label: m.T("debug.commit"), Value: known(h.commit)},
		{ID: "go", Label: m.T("debug.go"), Value: runtime.Version()},
		{ID: "uptime", Label: m.T("debug.uptime"), Value: m.T("debug.uptime_value", "uptime", up,
			"time", h.started.UTC().Format("2006-01-02 15:04:05 UTC"))},
		{ID: "gomaxprocs", Label: m.T("debug.gomaxprocs"), Value: strconv.Itoa(runtime.GOMAXPROCS(0))},
		{ID: "memlimit", Label: m.T("debug.memlimit"), Value: limit},
		{ID: "heap", Label: m.T("debug.heap"), Value: view.ByteSize(int64(ms.HeapInuse))},
		{ID: "rss", Label: m.T("debug.rss"), Value: rss},
		{ID: "goroutines", Label: m.T("debug.goroutines"), Value: strconv.Itoa(runtime.NumGoroutine())},
		{ID: "gc", Label: m.T("debug.gc"), Value: strconv.FormatUint(uint64(ms.NumGC), 10)},
		{ID: "gc-pause", Label: m.T("debug.gc_pause"), Value: pause},
	}
}

// cacheFacts are the byte-budgeted cache's accounting (shared by every
// site of the process) and this site's spaces in it.
func (h *panel) cacheFacts(m view.Msgs) ([]view.Fact, []view.Space) {
	st := h.cache.Stats()
	facts := []view.Fact{
		{ID: "cache-budget", Label: m.T("debug.cache_budget"), Value: view.ByteSize(st.Budget)},
		{ID: "cache-used", Label: m.T("debug.cache_used"), Value: view.ByteSize(st.Used)},
		{ID: "cache-entries", Label: m.T("debug.cache_entries"), Value: strconv.Itoa(st.Entries)},
		{ID: "cache-largest", Label: m.T("debug.cache_largest"), Value: view.ByteSize(st.LargestAllowed)},
		{ID: "cache-hits", Label: m.T("debug.cache_hits"),
			Value: strconv.FormatUint(st.Hits, 10) + " / " + strconv.FormatUint(st.Misses, 10)},
		{ID: "cache-evicted", Label: m.T("debug.cache_evicted"), Value: strconv.FormatUint(st.Evicted, 10)},
	}
	var spaces []view.Space
	for _, u := range h.cache.Usage() {
		spaces = append(spaces, view.Space{Name: u.Name, Bytes: u.Bytes, Entries: u.Entries})
	}
	return facts, spaces
}

// profiles links the profiles registerProfiles serves.
func profiles(m view.Msgs) []view.Profile {
	const base = "/admin/debug/pprof/"
	return []view.Profile{
		{Label: m.T("debug.profile_index"), Path: base},
		{Label: m.T("debug.profile_heap"), Path: base + "heap"},
		{Label: m.T("debug.profile_allocs"), Path: base + "allocs"},
		{Label: m.T("debug.profile_goroutine"), Path: base + "goroutine?debug=1"},
		{Label: m.T("debug.profile_cpu"), Path: base + "profile?seconds=10"},
		{Label: m.T("debug.profile_trace"), Path: base + "trace?seconds=2"},
		{Label: m.T("debug.profile_mutex"), Path: base + "mutex"},
		{Label: m.T("debug.profile_block"), Path: base + "block"},
	}
}

// residentBytes is the process's resident set from /proc/self/statm
// (Linux); ok is false elsewhere.
func residentBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
