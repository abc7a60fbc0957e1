package importer

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/natter/natter/internal/store"
)

// Target is where comments go: the store, or nothing on a dry run.
type Target interface {
	ImportBatch(ctx context.Context, source string, rows []store.ImportRow, now float64) ([]bool, error)
	ImportedIDs(ctx context.Context, source string, ids []string) (map[string]bool, error)
}

// Options configure Run.
type Options struct {
	Path   string // the export file (gzip is recognised)
	Format Format // "" to detect it from the content
	DryRun bool   // parse and plan, write nothing
	// Progress, when set, receives a progress line that rewrites itself;
	// the caller passes it only when that is a terminal.
	Progress io.Writer
	Batch    int              // comments per transaction; 0 means 500
	Now      func() time.Time // nil means time.Now
}

// parser is one format's reader. It may keep state between the two passes
// (Disqus threads, Commento's commenters listed after the comments).
type parser interface {
	parse(r io.Reader, emit emitFunc) error
}

func newParser(f Format) parser {
	switch f {
	case Disqus:
		return &disqus{}
	case WordPress:
		return wordpress{}
	case IssoJSON:
		return issoJSON{}
	case Remark42:
		return remark42{}
	case Artalk:
		return artalk{}
	case Waline:
		return waline{}
	case Commento:
		return &commento{}
	case JSONL:
		return jsonlParser{}
	}
	return nil
}

// Run imports an export in two passes over the file: the first reads it
// all, so a truncated or invalid file is refused before anything is
// written, and decides what to keep; the second writes batch by batch.
func Run(ctx context.Context, t Target, o Options) (*Summary, error) {
	in, err := newInput(o.Path)
	if err != nil {
		return nil, err
	}
	if o.Format == "" {
		if o.Format, err = in.detect(); err != nil {
			return nil, err
		}
	}
	if o.Batch <= 0 {
		o.Batch = 500
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	r := &run{ctx: ctx, o: o, in: in, target: t, plan: newPlanner(), sum: newSummary(o.Format, o.DryRun),
		threads: map[string]bool{}, prog: newProgress(o.Progress, in)}
	if err := r.pass("reading", r.plan1); err != nil {
		return nil, err
	}
	r.plan.finish()
	if err := r.pass("importing", r.plan2); err != nil {
		return nil, err
	}
	if err := r.flush(ctx); err != nil {
		return nil, err
	}
	r.prog.done()
	r.sum.Threads = len(r.threads)
	return r.sum, nil
}

// pass reads the whole export once, handing each record to fn.
func (r *run) pass(stage string, fn emitFunc) error {
	r.seq = 0
	r.prog.stage = stage
	emit := func(rec *Record) error {
		r.seq++
		r.prog.tick(r.seq)
		return fn(rec)
	}
	if r.o.Format == IssoDB {
		return wrapPass(stage, r.in.path, issoDB{}.parseFile(r.ctx, r.in.path, emit))
	}
	if r.parser == nil {
		r.parser = newParser(r.o.Format)
	}
	rd, closeFn, err := r.in.open()
	if err != nil {
		return err
	}
	defer closeFn()
	return wrapPass(stage, r.in.path, r.parser.parse(rd, emit))
}

func wrapPass(stage, path string, err error) error {
	if err != nil {
		return fmt.Errorf("importer: %s %s: %w", stage, path, err)
	}
	return nil
}
