package exporter

import (
	"bufio"
	"encoding/json"

	"github.com/natter/natter/internal/importer"
	"github.com/natter/natter/internal/store"
)

// jsonlEncoder writes a header line, then one comment per line.
type jsonlEncoder struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func (e *jsonlEncoder) begin() error {
	e.enc = json.NewEncoder(e.w)
	e.enc.SetEscapeHTML(false)
	return e.enc.Encode(importer.JSONLHeader{Format: "natter-jsonl", Version: 1})
}

func (e *jsonlEncoder) comment(r store.ExportRow, seq map[int64]int64) error {
	c := r.Comment
	return e.enc.Encode(importer.JSONLComment{
		Thread: r.URI, Title: r.Title, ID: seq[c.ID], Parent: parentSeq(c.Parent, seq),
		Created: c.Created, Modified: c.Modified, Mode: c.Mode, RemoteAddr: c.RemoteAddr,
		Text: c.Text, Author: unescaped(c.Author), Email: unescaped(c.Email),
		Website: unescaped(c.Website), Likes: c.Likes, Dislikes: c.Dislikes,
		Notification: c.Notification,
	})
}

func (e *jsonlEncoder) end() error { return nil }
