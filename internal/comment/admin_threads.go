package comment

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// Threads lists threads with their counts, most recently active first,
// and the total number of threads matching the search.
func (a *Admin) Threads(ctx context.Context, q ThreadQuery) ([]ThreadSummary, int, error) {
	return a.st.ReadAdmin().Threads(ctx, q)
}

// ThreadPage is one thread with all its comments, every state, in reading
// order: top-level comments oldest first, each followed by its replies.
type ThreadPage struct {
	Summary  ThreadSummary
	Comments []*View
}

// Thread returns a thread for the panel.
func (a *Admin) Thread(ctx context.Context, id int64) (ThreadPage, error) {
	sum, err := a.st.ReadAdmin().ThreadSummary(ctx, id)
	if err != nil {
		return ThreadPage{}, err
	}
	snap, err := a.s.Snapshot(ctx, sum.URI)
	if err != nil {
		return ThreadPage{}, err
	}
	tops := slices.Clone(snap.tops)
	sortOldest(tops)
	var out []*View
	for _, t := range tops {
		out = append(out, t)
		out = append(out, snap.replies[t.ID]...)
	}
	// Replies that snapshots do not file under a root (e.g. deleted
	// placeholders of replies) are shown at the end rather than lost.
	seen := make(map[int64]bool, len(out))
	for _, v := range out {
		seen[v.ID] = true
	}
	for _, v := range snap.Comments {
		if !seen[v.ID] {
			out = append(out, v)
		}
	}
	return ThreadPage{Summary: sum, Comments: out}, nil
}

// UpdateThread fixes a thread's title and URI (when a post moves). Moving
// onto the URI of another thread is refused with ErrURITaken.
func (a *Admin) UpdateThread(ctx context.Context, id int64, uri, title string) (ThreadSummary, error) {
	uri = strings.TrimSpace(uri)
	if uri == "" || len(uri) > 256 || len(title) > 256 {
		return ThreadSummary{}, &InvalidError{Field: "uri", Code: "uri_invalid", Message: "URI must be 1 to 256 characters"}
	}
	err := a.write(ctx, func(q AdminQueries, touch func(string)) error {
		t, err := q.ThreadByID(ctx, id)
		if err != nil {
			return err
		}
		if uri != t.URI {
			other, err := q.ThreadByURI(ctx, uri)
			if err == nil && other.ID != id {
				return ErrURITaken
			}
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
		}
		touch(t.URI)
		touch(uri)
		return q.UpdateThread(ctx, id, uri, title)
	})
	if err != nil {
		return ThreadSummary{}, err
	}
	return a.st.ReadAdmin().ThreadSummary(ctx, id)
}

// Dashboard is the panel's overview.
type Dashboard struct {
	Days          []DayCount // oldest first, today last
	Counts        StateCounts
	ActiveThreads []ThreadSummary
}

// Dashboard counts comments per UTC day over the last days days (today
// included) and lists the threads with most comments in that period.
func (a *Admin) Dashboard(ctx context.Context, days int) (Dashboard, error) {
	q := a.st.ReadAdmin()
	now := a.Now().UTC()
	first := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -(days - 1))
	since := float64(first.Unix())
	counts, err := q.DailyCounts(ctx, since, days)
	if err != nil {
		return Dashboard{}, err
	}
	var d Dashboard
	for i, n := range counts {
		d.Days = append(d.Days, DayCount{Day: first.AddDate(0, 0, i), Count: n})
	}
	if d.Counts, err = q.AdminStateCounts(ctx); err != nil {
		return Dashboard{}, err
	}
	d.ActiveThreads, err = q.ActiveThreads(ctx, since, 5)
	return d, err
}
