package importer

import (
	"fmt"
	"io"
	"strconv"
)

// JSONLHeader is the first line of Natter's JSON-lines export.
type JSONLHeader struct {
	Format  string `json:"format"` // always "natter-jsonl"
	Version int    `json:"version"`
}

// JSONLComment is every other line: one comment with every column Isso
// stores, in Isso's encodings except that author, email and website are
// unescaped. Ids are numbered in export order; parent refers to them.
type JSONLComment struct {
	Thread       string   `json:"thread"`
	Title        string   `json:"title"`
	ID           int64    `json:"id"`
	Parent       *int64   `json:"parent"`
	Created      float64  `json:"created"`
	Modified     *float64 `json:"modified"`
	Mode         int      `json:"mode"`
	RemoteAddr   string   `json:"remote_addr"`
	Text         string   `json:"text"`
	Author       *string  `json:"author"`
	Email        *string  `json:"email"`
	Website      *string  `json:"website"`
	Likes        int      `json:"likes"`
	Dislikes     int      `json:"dislikes"`
	Notification *int     `json:"notification"`
}

type jsonlParser struct{}

func (jsonlParser) parse(r io.Reader, emit emitFunc) error {
	w := newJSONWalker(r)
	var h JSONLHeader
	if err := w.decode(&h); err != nil {
		return err
	}
	if h.Format != "natter-jsonl" || h.Version != 1 {
		return fmt.Errorf("not a natter-jsonl version 1 export (format %q, version %d)", h.Format, h.Version)
	}
	for w.dec.More() {
		var c JSONLComment
		if err := w.decode(&c); err != nil {
			return err
		}
		if err := emit(c.record()); err != nil {
			return err
		}
	}
	return w.end()
}

func (c JSONLComment) record() *Record {
	r := &Record{ID: strconv.FormatInt(c.ID, 10), ThreadID: c.Thread, URL: c.Thread, Title: c.Title,
		Author: c.Author, Email: c.Email, Website: c.Website, Addr: c.RemoteAddr,
		Created: floatTime(c.Created), Text: c.Text, State: stateFromMode(c.Mode),
		Likes: c.Likes, Dislikes: c.Dislikes, Notification: c.Notification}
	if c.Parent != nil {
		r.ParentID = strconv.FormatInt(*c.Parent, 10)
	}
	if c.Modified != nil {
		r.Modified = floatTime(*c.Modified)
	}
	return r
}
