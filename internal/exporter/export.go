// Package exporter writes a site's comments as Isso's generic JSON (which
// Isso and Natter import) or as Natter's JSON lines (every column), one
// comment at a time.
package exporter

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"

	"github.com/natter/natter/internal/store"
)

// Format names an export format, as --format spells it.
type Format string

// The export formats.
const (
	IssoJSON Format = "isso-json"
	JSONL    Format = "jsonl"
)

// Source is the database being exported.
type Source interface {
	EachComment(ctx context.Context, fn func(r store.ExportRow) error) error
	CommentIDs(ctx context.Context) ([]int64, error)
}

// Write exports every comment to w. Ids are renumbered 1, 2, … in export
// order (thread, then comment), so exporting, importing into an empty
// database and exporting again gives the same bytes.
func Write(ctx context.Context, src Source, w io.Writer, f Format) error {
	ids, err := src.CommentIDs(ctx)
	if err != nil {
		return err
	}
	seq := make(map[int64]int64, len(ids))
	for i, id := range ids {
		seq[id] = int64(i + 1)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var enc encoder
	switch f {
	case IssoJSON:
		enc = &issoEncoder{w: bw}
	case JSONL:
		enc = &jsonlEncoder{w: bw}
	default:
		return fmt.Errorf("exporter: unknown format %q (known: isso-json, jsonl)", f)
	}
	if err := enc.begin(); err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	err = src.EachComment(ctx, func(r store.ExportRow) error { return enc.comment(r, seq) })
	if err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	if err := enc.end(); err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	return nil
}

// encoder writes one format.
type encoder interface {
	begin() error
	comment(r store.ExportRow, seq map[int64]int64) error
	end() error
}

// unescaped undoes Isso's storage escaping of names, e-mails and
// websites: exports carry what the author typed, and imports escape again.
func unescaped(s *string) *string {
	if s == nil {
		return nil
	}
	v := html.UnescapeString(*s)
	return &v
}

// parentSeq maps a stored parent to its export number; a dangling parent
// (Isso treats it as top-level) is exported as none.
func parentSeq(p *int64, seq map[int64]int64) *int64 {
	if p == nil {
		return nil
	}
	if n, ok := seq[*p]; ok {
		return &n
	}
	return nil
}
