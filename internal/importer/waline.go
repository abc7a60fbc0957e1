package importer

import (
	"fmt"
	"io"
)

// waline reads the JSON file Waline's admin exports: the tables under
// "data", of which only "Comment" matters.
type waline struct{}

type walineComment struct {
	ObjectID   flexString `json:"objectId"`
	Comment    string     `json:"comment"`
	InsertedAt string     `json:"insertedAt"`
	CreatedAt  string     `json:"createdAt"`
	IP         string     `json:"ip"`
	Link       string     `json:"link"`
	Mail       string     `json:"mail"`
	Nick       string     `json:"nick"`
	PID        flexString `json:"pid"`
	Status     string     `json:"status"`
	URL        string     `json:"url"`
	Like       int        `json:"like"`
}

func (waline) parse(r io.Reader, emit emitFunc) error {
	w := newJSONWalker(r)
	err := w.object(func(key string) error {
		if key != "data" {
			return w.skip()
		}
		return w.object(func(table string) error {
			if table != "Comment" {
				return w.skip()
			}
			return w.array(func() error { return walineOne(w, emit) })
		})
	})
	if err != nil {
		return err
	}
	return w.end()
}

func walineOne(w *jsonWalker, emit emitFunc) error {
	var c walineComment
	if err := w.decode(&c); err != nil {
		return err
	}
	created, ok := parseTime(c.InsertedAt)
	if !ok {
		if created, ok = parseTime(c.CreatedAt); !ok {
			return fmt.Errorf("comment %s: bad insertedAt %q", c.ObjectID, c.InsertedAt)
		}
	}
	r := &Record{ID: string(c.ObjectID), ParentID: string(c.PID), ThreadID: c.URL, URL: c.URL,
		Author: opt(c.Nick), Email: opt(c.Mail), Website: opt(c.Link), Addr: c.IP,
		Created: created, Text: c.Comment, Likes: max(c.Like, 0)}
	switch c.Status {
	case "waiting":
		r.State = StatePending
	case "spam":
		r.State = StateSpam
	}
	return emit(r)
}
