package importer

import (
	"encoding/json"
	"fmt"
	"io"
)

// issoJSON reads Isso's generic JSON: an array of threads, each with its
// comments. Isso's own keys are required; Natter's exports add parent,
// mode, likes, dislikes and a float created_unix, which Isso ignores.
type issoJSON struct{}

type issoJSONComment struct {
	ID          flexString  `json:"id"`
	Parent      flexString  `json:"parent"`
	Mode        int         `json:"mode"`
	Author      *string     `json:"author"`
	Email       *string     `json:"email"`
	Website     *string     `json:"website"`
	RemoteAddr  string      `json:"remote_addr"`
	Created     string      `json:"created"`
	CreatedUnix json.Number `json:"created_unix"`
	Text        string      `json:"text"`
	Likes       int         `json:"likes"`
	Dislikes    int         `json:"dislikes"`
}

func (issoJSON) parse(r io.Reader, emit emitFunc) error {
	w := newJSONWalker(r)
	err := w.array(func() error { return issoJSONThread(w, emit) })
	if err != nil {
		return err
	}
	return w.end()
}

func issoJSONThread(w *jsonWalker, emit emitFunc) error {
	var id, title string
	var early []*Record // comments listed before the thread's id
	err := w.object(func(key string) error {
		switch key {
		case "id":
			return w.decode((*flexString)(&id))
		case "title":
			return w.decode(&title)
		case "comments":
			return w.array(func() error {
				var c issoJSONComment
				if err := w.decode(&c); err != nil {
					return err
				}
				rec, err := c.record()
				if err != nil {
					return err
				}
				if id == "" {
					early = append(early, rec)
					return nil
				}
				return emit(withThread(rec, id, title))
			})
		}
		return w.skip()
	})
	if err != nil {
		return err
	}
	for _, rec := range early {
		if err := emit(withThread(rec, id, title)); err != nil {
			return err
		}
	}
	return nil
}

func withThread(r *Record, id, title string) *Record {
	r.ThreadID, r.URL, r.Title = id, id, title
	r.ID = id + "\x00" + r.ID
	if r.ParentID != "" {
		r.ParentID = id + "\x00" + r.ParentID
	}
	return r
}

func (c issoJSONComment) record() (*Record, error) {
	created, ok := unixTime(c.CreatedUnix)
	if !ok {
		if created, ok = parseTime(c.Created); !ok {
			return nil, fmt.Errorf("comment %s: bad created time %q", c.ID, c.Created)
		}
	}
	r := &Record{ID: string(c.ID), Author: c.Author, Email: c.Email, Website: c.Website,
		Addr: c.RemoteAddr, Created: created, Text: c.Text, Likes: c.Likes, Dislikes: c.Dislikes,
		State: stateFromMode(c.Mode)}
	if c.Parent != "" && c.Parent != "0" {
		r.ParentID = string(c.Parent)
	}
	return r, nil
}

// stateFromMode maps Isso's modes back to states; Isso's own generic
// exports carry no mode, and everything in them is published.
func stateFromMode(mode int) State {
	switch mode {
	case 2:
		return StatePending
	case 4:
		return StateDeleted
	}
	return StateApproved
}
