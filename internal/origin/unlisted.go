package origin

import (
	"slices"
	"sync"
	"time"
)

// maxUnlisted bounds the record: any client can send any Origin header,
// so the record must not grow with them. The first origins seen are
// kept; a misconfigured site shows up with its first reader.
const maxUnlisted = 32

// Sighting is an origin missing from [general] host whose page tried to
// load the widget.
type Sighting struct {
	Origin      string
	First, Last time.Time
	Requests    int
}

// Unlisted records the origins that asked for the widget without being in
// [general] host: the most likely setup mistake, which the server logs
// once per origin and the admin dashboard lists. Safe for concurrent use.
type Unlisted struct {
	mu   sync.Mutex
	seen map[string]*Sighting
}

// NewUnlisted returns an empty record.
func NewUnlisted() *Unlisted { return &Unlisted{seen: map[string]*Sighting{}} }

// Note records a request from origin o at now and reports whether o was
// new to the record (the moment to log it). Beyond maxUnlisted origins
// nothing new is recorded and Note reports false.
func (u *Unlisted) Note(o string, now time.Time) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if s, ok := u.seen[o]; ok {
		s.Last = now
		s.Requests++
		return false
	}
	if len(u.seen) >= maxUnlisted {
		return false
	}
	u.seen[o] = &Sighting{Origin: o, First: now, Last: now, Requests: 1}
	return true
}

// List returns the sightings, most recent first.
func (u *Unlisted) List() []Sighting {
	u.mu.Lock()
	defer u.mu.Unlock()
	out := make([]Sighting, 0, len(u.seen))
	for _, s := range u.seen {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Sighting) int { return b.Last.Compare(a.Last) })
	return out
}
