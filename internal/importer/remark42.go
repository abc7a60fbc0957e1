package importer

import (
	"io"
	"time"
)

// remark42 reads a Remark42 backup: a line of site metadata, then one
// comment per line.
type remark42 struct{}

type remark42Comment struct {
	ID      string    `json:"id"`
	PID     string    `json:"pid"`
	Text    string    `json:"text"` // rendered HTML
	Orig    string    `json:"orig"` // the Markdown the author wrote
	Time    time.Time `json:"time"`
	Delete  bool      `json:"delete"`
	Score   int       `json:"score"`
	Title   string    `json:"title"`
	Locator struct {
		URL string `json:"url"`
	} `json:"locator"`
	User struct {
		Name string `json:"name"`
		IP   string `json:"ip"` // a keyed hash in backups, not an address
	} `json:"user"`
	Edit *struct {
		Time time.Time `json:"time"`
	} `json:"edit"`
}

func (remark42) parse(r io.Reader, emit emitFunc) error {
	w := newJSONWalker(r)
	if err := w.skip(); err != nil { // site metadata: users, posts
		return err
	}
	for w.dec.More() {
		var c remark42Comment
		if err := w.decode(&c); err != nil {
			return err
		}
		if err := emit(c.record()); err != nil {
			return err
		}
	}
	return w.end()
}

func (c remark42Comment) record() *Record {
	r := &Record{ID: c.ID, ParentID: c.PID, ThreadID: c.Locator.URL, URL: c.Locator.URL,
		Title: c.Title, Author: opt(c.User.Name), Addr: c.User.IP, Created: c.Time.UTC(),
		Text: c.Orig, Likes: max(c.Score, 0), Dislikes: max(-c.Score, 0)}
	if r.Text == "" {
		r.Text, r.Body = c.Text, BodyHTML
	}
	if c.Delete {
		r.State = StateDeleted
	}
	if c.Edit != nil && !c.Edit.Time.IsZero() {
		r.Modified = c.Edit.Time.UTC()
	}
	return r
}
