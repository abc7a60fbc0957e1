package comment

import (
	"context"
	"time"

	"github.com/natter/natter/models"
)

// Store gives the service its queries: Read for reads, Write for a
// transaction on the single writer (which also serialises creations the way
// Isso's global lock does).
type Store interface {
	Read() Queries
	Write(ctx context.Context, fn func(q Queries) error) error
}

// Queries are the database operations the rules are made of. Not-found
// lookups return an error wrapping ErrNotFound.
type Queries interface {
	ThreadByURI(ctx context.Context, uri string) (models.Thread, error)
	ThreadByID(ctx context.Context, id int64) (models.Thread, error)
	InsertThread(ctx context.Context, uri, title string) (models.Thread, error)
	ThreadComments(ctx context.Context, tid int64) ([]models.Comment, error)
	Comment(ctx context.Context, id int64) (models.Comment, error)
	// RecentByAddr lists ids of comments from addr created after since.
	RecentByAddr(ctx context.Context, addr string, since float64) ([]int64, error)
	// TopLevelByAddr counts top-level comments from addr in a thread.
	TopLevelByAddr(ctx context.Context, tid int64, addr string) (int, error)
	// EmailApprovedSince reports a published comment with that e-mail
	// created after since.
	EmailApprovedSince(ctx context.Context, email string, since float64) (bool, error)
	InsertComment(ctx context.Context, c *models.Comment) error
	UpdateComment(ctx context.Context, id int64, fields map[string]any) error
	DeleteComment(ctx context.Context, id int64) error
	HasReplies(ctx context.Context, id int64) (bool, error)
	// PurgeStale deletes soft-deleted comments no longer referenced.
	PurgeStale(ctx context.Context) error
	// PurgePending deletes pending comments created before the given time
	// and returns the threads they were in.
	PurgePending(ctx context.Context, before float64) ([]int64, error)
	// Unsubscribe clears notification for email on comment id and its replies.
	Unsubscribe(ctx context.Context, email string, id int64) error
	// ThreadRows reads a thread's comments by id with the renderings and
	// identity hashes stored beside them, in one query.
	ThreadRows(ctx context.Context, tid int64) ([]StoredComment, error)
	// SaveRendered stores renderings, replacing older ones.
	SaveRendered(ctx context.Context, rows []Rendered) error
	// SaveIdentities stores identity hashes, replacing older ones.
	SaveIdentities(ctx context.Context, rows []Identity) error
	// PublishedCounts counts the published comments of the threads with
	// these URIs; unknown URIs are absent from the map.
	PublishedCounts(ctx context.Context, uris []string) (map[string]int, error)
	// ThreadStamp reads the thread's change counter (NoStamp where answers
	// are not stored).
	ThreadStamp(ctx context.Context, tid int64) (int64, error)
	// StoredAnswer finds the answer stored under key for the thread at
	// uri and valid at now, or ErrNotFound.
	StoredAnswer(ctx context.Context, uri, key string, now time.Time) (StoredAnswer, error)
	// KeepAnswer stores a unless its thread's counter moved past stamp,
	// and reports whether it did.
	KeepAnswer(ctx context.Context, a StoredAnswer, stamp int64, now time.Time) (bool, error)
	// LatestPublished lists the limit most recently created published
	// comments of all threads, oldest first, with their thread URIs.
	LatestPublished(ctx context.Context, limit int) ([]models.Comment, []string, error)
}

// StoredComment is a comment row with the derived values stored for it;
// their keys are empty where none are stored.
type StoredComment struct {
	models.Comment
	Rendered Rendered
	Identity Identity
}
