package exporter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"time"

	"github.com/natter/natter/internal/store"
)

// issoEncoder writes Isso's generic JSON: an array of threads with their
// comments. Isso reads the keys it knows (all present, in its date
// format); parent, mode, likes, dislikes and the exact created_unix are
// Natter's additions, which Isso ignores and Natter's import restores.
type issoEncoder struct {
	w       *bufio.Writer
	thread  string
	started bool // a thread is open
	first   bool // no comment written in the open thread yet
}

type issoComment struct {
	ID          int64   `json:"id"`
	Parent      *int64  `json:"parent"`
	Mode        int     `json:"mode"`
	Author      *string `json:"author"`
	Email       *string `json:"email"`
	Website     *string `json:"website"`
	RemoteAddr  string  `json:"remote_addr"`
	Created     string  `json:"created"`
	CreatedUnix float64 `json:"created_unix"`
	Text        string  `json:"text"`
	Likes       int     `json:"likes"`
	Dislikes    int     `json:"dislikes"`
}

func (e *issoEncoder) begin() error {
	_, err := e.w.WriteString("[")
	return err
}

func (e *issoEncoder) comment(r store.ExportRow, seq map[int64]int64) error {
	if !e.started || r.URI != e.thread {
		if err := e.openThread(r); err != nil {
			return err
		}
	}
	c := r.Comment
	b, err := marshal(issoComment{ID: seq[c.ID], Parent: parentSeq(c.Parent, seq), Mode: c.Mode,
		Author: unescaped(c.Author), Email: unescaped(c.Email), Website: unescaped(c.Website),
		RemoteAddr: c.RemoteAddr, Created: issoTime(c.Created), CreatedUnix: c.Created,
		Text: c.Text, Likes: c.Likes, Dislikes: c.Dislikes})
	if err != nil {
		return err
	}
	if !e.first {
		e.w.WriteString(",")
	}
	e.first = false
	e.w.WriteString("\n    ")
	_, err = e.w.Write(b)
	return err
}

func (e *issoEncoder) openThread(r store.ExportRow) error {
	sep := ""
	if e.started {
		sep = "\n  ]},\n  "
	}
	id, err := marshal(r.URI)
	if err != nil {
		return err
	}
	title, err := marshal(r.Title)
	if err != nil {
		return err
	}
	e.w.WriteString(sep + `{"id": ` + string(id) + `, "title": ` + string(title) + `, "comments": [`)
	e.thread, e.started, e.first = r.URI, true, true
	return nil
}

func (e *issoEncoder) end() error {
	if e.started {
		e.w.WriteString("\n  ]}")
	}
	_, err := e.w.WriteString("\n]\n")
	return err
}

// issoTime is Isso's generic date format, in UTC.
func issoTime(f float64) string {
	return time.Unix(int64(f), 0).UTC().Format("2006-01-02 15:04:05")
}

// marshal encodes without escaping <, > and & (texts stay readable).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
