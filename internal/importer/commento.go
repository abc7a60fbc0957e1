package importer

import (
	"fmt"
	"io"
	"time"
)

// commento reads Commento's data export: comments and, possibly after
// them, the commenters they refer to. The parser keeps the commenters it
// saw, so the import's second pass knows every author.
type commento struct {
	commenters map[string]commentoCommenter
}

type commentoCommenter struct {
	Hex   string `json:"commenterHex"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Link  string `json:"link"`
}

type commentoComment struct {
	Hex          string    `json:"commentHex"`
	Domain       string    `json:"domain"`
	Path         string    `json:"url"`
	CommenterHex string    `json:"commenterHex"`
	Markdown     string    `json:"markdown"`
	ParentHex    string    `json:"parentHex"`
	Score        int       `json:"score"`
	State        string    `json:"state"`
	CreationDate time.Time `json:"creationDate"`
	Deleted      bool      `json:"deleted"`
}

func (c *commento) parse(r io.Reader, emit emitFunc) error {
	if c.commenters == nil {
		c.commenters = map[string]commentoCommenter{}
	}
	w := newJSONWalker(r)
	err := w.object(func(key string) error {
		switch key {
		case "comments":
			return w.array(func() error { return c.one(w, emit) })
		case "commenters":
			return w.array(func() error {
				var p commentoCommenter
				if err := w.decode(&p); err != nil {
					return err
				}
				c.commenters[p.Hex] = p
				return nil
			})
		}
		return w.skip()
	})
	if err != nil {
		return err
	}
	return w.end()
}

func (c *commento) one(w *jsonWalker, emit emitFunc) error {
	var m commentoComment
	if err := w.decode(&m); err != nil {
		return err
	}
	if m.CreationDate.IsZero() {
		return fmt.Errorf("comment %s: no creationDate", m.Hex)
	}
	p := c.commenters[m.CommenterHex] // "anonymous" has no entry
	r := &Record{ID: m.Hex, ThreadID: m.Domain + m.Path, URL: m.Path,
		Author: opt(p.Name), Email: opt(p.Email), Website: opt(p.Link),
		Created: m.CreationDate.UTC(), Text: m.Markdown,
		Likes: max(m.Score, 0), Dislikes: max(-m.Score, 0)}
	if m.ParentHex != "root" {
		r.ParentID = m.ParentHex
	}
	switch {
	case m.Deleted:
		r.State = StateDeleted
	case m.State == "unapproved" || m.State == "flagged":
		// Flagged comments wait for a moderator rather than vanish.
		r.State = StatePending
	}
	return emit(r)
}
