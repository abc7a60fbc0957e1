package importer

import (
	"fmt"
	"io"
	"strconv"
)

// artalk reads Artrans, Artalk's exchange format: one array of comments,
// every value a string.
type artalk struct{}

type artrans struct {
	ID        flexString `json:"id"`
	RID       flexString `json:"rid"`
	Content   string     `json:"content"`
	IP        string     `json:"ip"`
	IsPending flexString `json:"is_pending"`
	VoteUp    flexString `json:"vote_up"`
	VoteDown  flexString `json:"vote_down"`
	CreatedAt string     `json:"created_at"`
	UpdatedAt string     `json:"updated_at"`
	Nick      string     `json:"nick"`
	Email     string     `json:"email"`
	Link      string     `json:"link"`
	PageKey   string     `json:"page_key"`
	PageTitle string     `json:"page_title"`
}

func (artalk) parse(r io.Reader, emit emitFunc) error {
	w := newJSONWalker(r)
	err := w.array(func() error {
		var a artrans
		if err := w.decode(&a); err != nil {
			return err
		}
		rec, err := a.record()
		if err != nil {
			return err
		}
		return emit(rec)
	})
	if err != nil {
		return err
	}
	return w.end()
}

func (a artrans) record() (*Record, error) {
	created, ok := parseTime(a.CreatedAt)
	if !ok {
		return nil, fmt.Errorf("comment %s: bad created_at %q", a.ID, a.CreatedAt)
	}
	r := &Record{ID: string(a.ID), ThreadID: a.PageKey, URL: a.PageKey, Title: a.PageTitle,
		Author: opt(a.Nick), Email: opt(a.Email), Website: opt(a.Link), Addr: a.IP,
		Created: created, Text: a.Content, Likes: atoi(a.VoteUp), Dislikes: atoi(a.VoteDown)}
	if a.RID != "" && a.RID != "0" {
		r.ParentID = string(a.RID)
	}
	if a.IsPending == "true" || a.IsPending == "1" {
		r.State = StatePending
	}
	if u, ok := parseTime(a.UpdatedAt); ok && u.After(created) {
		r.Modified = u
	}
	return r, nil
}

func atoi(s flexString) int {
	n, _ := strconv.Atoi(string(s))
	return max(n, 0)
}
