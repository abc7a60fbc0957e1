package comment

import (
	"context"
)

// QueuePage is one page of a queue.
type QueuePage struct {
	Rows   []AdminRow
	Next   *Cursor // nil on the last page
	Counts StateCounts
	// Matching is how many comments the filter matches in its state.
	Matching int
}

// Queue lists one page of a state's comments.
func (a *Admin) Queue(ctx context.Context, f Filter, o Order, after *Cursor, limit int) (QueuePage, error) {
	q := a.st.ReadAdmin()
	var p QueuePage
	var rows []AdminRow
	var err error
	if f.Active() {
		rows, p.Matching, err = q.AdminPage(ctx, f, o, after, limit+1)
	} else {
		rows, err = q.AdminList(ctx, f, o, after, limit+1)
	}
	if err != nil {
		return QueuePage{}, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		p.Next = &Cursor{Value: last.SortValue(o), ID: rowSortID(last)}
	}
	p.Rows = rows
	if p.Counts, err = q.AdminStateCounts(ctx); err != nil {
		return QueuePage{}, err
	}
	if !f.Active() {
		p.Matching = p.Counts.of(f.State)
	}
	return p, nil
}

// rowSortID is the tie-breaker of the keyset: minus the trash id for trash
// rows (comment ids may repeat there), the comment id otherwise.
func rowSortID(r AdminRow) int64 {
	if r.TrashID > 0 {
		return -r.TrashID
	}
	return r.ID
}

func (c StateCounts) of(s State) int {
	switch s {
	case StateApproved:
		return c.Approved
	case StateDeleted:
		return c.Deleted
	}
	return c.Pending
}

// Counts returns the sizes of the queues.
func (a *Admin) Counts(ctx context.Context) (StateCounts, error) {
	return a.st.ReadAdmin().AdminStateCounts(ctx)
}

// Count returns how many comments a filter matches.
func (a *Admin) Count(ctx context.Context, f Filter) (int, error) {
	return a.st.ReadAdmin().AdminCount(ctx, f)
}

// Comment returns one live comment with its thread.
func (a *Admin) Comment(ctx context.Context, id int64) (AdminRow, error) {
	return a.st.ReadAdmin().AdminComment(ctx, id)
}

// Trashed returns one comment kept in the trash.
func (a *Admin) Trashed(ctx context.Context, trashID int64) (AdminRow, error) {
	return a.st.ReadAdmin().TrashGet(ctx, trashID)
}

// View renders a row's text and identity as the widget would.
func (a *Admin) View(r AdminRow) *View { return a.s.view(r.Comment) }

// Preview renders Markdown as a stored comment.
func (a *Admin) Preview(md string) *View {
	return &View{HTML: a.s.d.Renderer.Render(md)}
}
