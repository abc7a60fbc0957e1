package comment

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/natter/natter/models"
)

// The admin panel's use cases. They reuse the service's rules (Activate's
// mode check, the placeholder rules of delete, edit validation and
// escaping) and add what only a site owner may do: see every state,
// search, act in bulk, restore deleted comments, and fix threads.

// State is where a comment stands: the admin panel's queues, and how
// presenters show a comment.
type State string

// The queues. Deleted lists comments the admin deleted (kept in Natter's
// trash, restorable) and placeholders left by other deletions.
const (
	StatePending  State = "pending"
	StateApproved State = "approved"
	StateDeleted  State = "deleted"
)

// ParseState validates a queue name; "" means pending.
func ParseState(s string) (State, bool) {
	switch State(s) {
	case "":
		return StatePending, true
	case StatePending, StateApproved, StateDeleted:
		return State(s), true
	}
	return "", false
}

// Order sorts a queue.
type Order string

// The queue orders.
const (
	OrderNewest Order = "newest"
	OrderOldest Order = "oldest"
	OrderLikes  Order = "likes"
)

// ParseOrder validates an order; "" means newest.
func ParseOrder(s string) (Order, bool) {
	switch Order(s) {
	case "":
		return OrderNewest, true
	case OrderNewest, OrderOldest, OrderLikes:
		return Order(s), true
	}
	return "", false
}

// AdminRow is a comment as the panel lists it: a live comment, or a copy
// kept in the trash (TrashID > 0).
type AdminRow struct {
	models.Comment
	TrashID     int64
	DeletedAt   float64
	ThreadURI   string
	ThreadTitle string
}

// SortValue is the row's value for an order (for cursors): the deleted
// queue orders trash rows by when they were deleted.
func (r AdminRow) SortValue(o Order) float64 {
	switch {
	case o == OrderLikes:
		return float64(r.Likes)
	case r.TrashID > 0:
		return r.DeletedAt
	}
	return r.Created
}

// Key identifies the row in the panel ("c12" or "t3").
func (r AdminRow) Key() string {
	if r.TrashID > 0 {
		return fmt.Sprintf("t%d", r.TrashID)
	}
	return fmt.Sprintf("c%d", r.ID)
}

// StateCounts are the sizes of the queues.
type StateCounts struct {
	Pending, Approved, Deleted int
}

// ThreadSummary is a thread with its comment counts.
type ThreadSummary struct {
	ID                          int64
	URI, Title                  string
	Published, Pending, Deleted int
	Latest                      float64 // newest comment's created, 0 if none
	Recent                      int     // comments in the period asked for (dashboard)
}

// ThreadQuery lists threads.
type ThreadQuery struct {
	Search string // substring of URI or title
	Offset int
	Limit  int
}

// DayCount is the number of comments created on one UTC day.
type DayCount struct {
	Day   time.Time
	Count int
}

// AdminQueries are the panel's queries on top of the service's.
type AdminQueries interface {
	Queries
	AdminList(ctx context.Context, f Filter, o Order, after *Cursor, limit int) ([]AdminRow, error)
	AdminCount(ctx context.Context, f Filter) (int, error)
	// AdminPage is AdminList plus AdminCount for an active filter, at
	// the cost of about one scan.
	AdminPage(ctx context.Context, f Filter, o Order, after *Cursor, limit int) ([]AdminRow, int, error)
	AdminStateCounts(ctx context.Context) (StateCounts, error)
	// AdminMatching lists the comment ids (live queues) or trash ids
	// (deleted queue) a filter matches.
	AdminMatching(ctx context.Context, f Filter) (comments, trash []int64, err error)
	AdminComment(ctx context.Context, id int64) (AdminRow, error)
	TrashInsert(ctx context.Context, c models.Comment, uri, title string, deletedAt float64) (int64, error)
	TrashGet(ctx context.Context, id int64) (AdminRow, error)
	TrashDelete(ctx context.Context, id int64) error
	Threads(ctx context.Context, q ThreadQuery) ([]ThreadSummary, int, error)
	ThreadSummary(ctx context.Context, id int64) (ThreadSummary, error)
	UpdateThread(ctx context.Context, id int64, uri, title string) error
	DailyCounts(ctx context.Context, since float64, days int) ([]int, error)
	ActiveThreads(ctx context.Context, since float64, limit int) ([]ThreadSummary, error)
}

// AdminStore gives the admin use cases their queries.
type AdminStore interface {
	ReadAdmin() AdminQueries
	WriteAdmin(ctx context.Context, fn func(q AdminQueries) error) error
}

// ErrURITaken: another thread already has the URI a thread is moved to.
var ErrURITaken = errors.New("comment: a thread with that URI exists")

// ErrNotRestorable: the deleted comment's content was not kept (it was
// deleted by its author, or outside Natter).
var ErrNotRestorable = errors.New("comment: content of the deleted comment was not kept")

// Admin holds the panel's use cases.
type Admin struct {
	s  *Service
	st AdminStore
}

// NewAdmin builds the admin use cases over the comment service.
func NewAdmin(s *Service, st AdminStore) *Admin { return &Admin{s: s, st: st} }

// Now is the service's clock.
func (a *Admin) Now() time.Time { return a.s.d.Now() }

// Service is the comment service the admin works on.
func (a *Admin) Service() *Service { return a.s }

// write runs fn in a write transaction and drops the cached snapshots of
// the threads it touched once it has committed, like Service.write.
func (a *Admin) write(ctx context.Context, fn func(q AdminQueries, touch func(uri string)) error) error {
	var uris []string
	err := a.st.WriteAdmin(ctx, func(q AdminQueries) error {
		uris = uris[:0]
		return fn(q, func(uri string) { uris = append(uris, uri) })
	})
	if len(uris) > 0 {
		a.s.cache.invalidate(uris...)
	}
	return err
}
