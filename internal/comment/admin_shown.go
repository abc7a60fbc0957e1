package comment

import (
	"time"

	"github.com/natter/natter/internal/store/issoenc"
)

// AdminItem is a comment as the panel shows it: the display values, its
// queue state and where it stands.
type AdminItem struct {
	Shown
	TrashID     int64
	DeletedAt   time.Time // zero unless in the trash
	ThreadID    int64
	ThreadURI   string
	ThreadTitle string // as typed
}

// Show derives the panel's display values of a row.
func (a *Admin) Show(r AdminRow) AdminItem {
	it := AdminItem{Shown: a.View(r).Shown(), TrashID: r.TrashID, DeletedAt: issoenc.Time(r.DeletedAt),
		ThreadID: r.TID, ThreadURI: r.ThreadURI, ThreadTitle: issoenc.Text(&r.ThreadTitle)}
	if r.TrashID > 0 {
		it.State = StateDeleted
	}
	return it
}

// DisplayTitle is the thread's title as typed.
func (t ThreadSummary) DisplayTitle() string { return issoenc.Text(&t.Title) }

// LatestAt is when the thread's newest comment was written (zero if none).
func (t ThreadSummary) LatestAt() time.Time { return issoenc.Time(t.Latest) }
