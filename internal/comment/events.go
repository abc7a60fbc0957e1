package comment

import "context"

// Event describes a change notifiers may act on.
type Event struct {
	View   *View
	URI    string
	Title  string
	Origin string
}

// Events receives changes after they are committed (notifications, logs,
// webhooks). Implementations must not block: queue and return.
type Events interface {
	Created(ctx context.Context, e Event)
	Edited(ctx context.Context, e Event)
	Deleted(ctx context.Context, id int64)
	Activated(ctx context.Context, e Event)
}

type noEvents struct{}

func (noEvents) Created(context.Context, Event)   {}
func (noEvents) Edited(context.Context, Event)    {}
func (noEvents) Deleted(context.Context, int64)   {}
func (noEvents) Activated(context.Context, Event) {}
