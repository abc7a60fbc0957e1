package importer

// Reason says why a record is not imported.
type Reason string

// Skip reasons, in the order the summary lists them.
const (
	SkipSpam      Reason = "spam"
	SkipTrash     Reason = "trash"
	SkipDeleted   Reason = "deleted without replies"
	SkipPingback  Reason = "pingback"
	SkipTrackback Reason = "trackback"
	SkipNoPage    Reason = "no page"
	SkipDuplicate Reason = "duplicate id in the export"
	SkipImported  Reason = "already imported"
)

// Reasons lists every skip reason in display order.
func Reasons() []Reason {
	return []Reason{SkipSpam, SkipTrash, SkipDeleted, SkipPingback, SkipTrackback, SkipNoPage, SkipDuplicate, SkipImported}
}

// entry is what the planner keeps of a record between the two passes:
// no text, so memory grows with the number of comments, not their size.
type entry struct {
	parent, thread, key string
	seq                 int // the record's position; later duplicates are skipped
	own                 Reason
	deleted, needed     bool // a deleted comment is kept when a kept reply needs it
	queued, awaited     bool // second pass: sent to the target; a reply came first
}

// planner decides, from the whole export, what Isso would keep of each
// record and which top-level comment each reply belongs to.
type planner struct {
	entries map[string]*entry
	strs    map[string]string // interned thread ids
	seq     int
}

func newPlanner() *planner {
	return &planner{entries: map[string]*entry{}, strs: map[string]string{}}
}

func (p *planner) intern(s string) string {
	if v, ok := p.strs[s]; ok {
		return v
	}
	p.strs[s] = s
	return s
}

// add records r (first pass).
func (p *planner) add(r *Record, key string) {
	p.seq++
	if _, dup := p.entries[r.ID]; dup {
		return
	}
	p.entries[r.ID] = &entry{parent: r.ParentID, thread: p.intern(threadKey(r)), key: key, seq: p.seq,
		own: ownReason(r), deleted: r.State == StateDeleted}
}

func ownReason(r *Record) Reason {
	switch {
	case r.Kind == KindPingback:
		return SkipPingback
	case r.Kind == KindTrackback:
		return SkipTrackback
	case r.State == StateSpam:
		return SkipSpam
	case r.State == StateTrash:
		return SkipTrash
	}
	return ""
}

// finish marks the deleted comments that kept replies hang from.
func (p *planner) finish() {
	for _, e := range p.entries {
		if e.own != "" || e.deleted {
			continue
		}
		p.walkUp(e, func(a *entry) { a.needed = true })
	}
}

// walkUp calls fn for each ancestor of e that can hold a reply: same
// thread, not skipped for its own sake. A cycle ends the walk.
func (p *planner) walkUp(e *entry, fn func(*entry)) {
	for cur, steps := e, 0; steps < len(p.entries); steps++ {
		a, ok := p.entries[cur.parent]
		if cur.parent == "" || !ok || a.own != "" || a.thread != e.thread || a == e {
			return
		}
		fn(a)
		cur = a
	}
}

// decide returns, for the record seen seq-th in the second pass, why it
// is skipped, or its own entry and its top-level comment's (nil if it is
// one).
func (p *planner) decide(r *Record, seq int) (self, root *entry, skip Reason) {
	e := p.entries[r.ID]
	switch {
	case e == nil || e.seq != seq:
		return nil, nil, SkipDuplicate
	case e.own != "":
		return nil, nil, e.own
	case e.deleted && !e.needed:
		return nil, nil, SkipDeleted
	}
	p.walkUp(e, func(a *entry) {
		if !a.deleted || a.needed {
			root = a
		}
	})
	return e, root, ""
}

// threadKey identifies a record's page: its thread URI (so replies across
// http and https copies of a page still thread), or the source's thread
// id while the page is not known yet.
func threadKey(r *Record) string {
	if u := threadURI(r.URL); u != "" {
		return u
	}
	return "\x00" + r.ThreadID
}
