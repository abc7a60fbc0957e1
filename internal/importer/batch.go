package importer

import (
	"context"

	"github.com/natter/natter/internal/store"
)

// run is the state of one Run call.
type run struct {
	ctx     context.Context // the caller's, for this call only
	o       Options
	in      *input
	target  Target
	parser  parser
	plan    *planner
	sum     *Summary
	prog    *progress
	seq     int
	threads map[string]bool // URIs that received comments
	source  string          // the batch's import-map namespace
	batch   []store.ImportRow
}

// plan1 is the first pass: remember the record's shape.
func (r *run) plan1(rec *Record) error {
	r.sum.Records++
	_, key := sourceKey(r.o.Format, rec)
	r.plan.add(rec, key)
	return nil
}

// plan2 is the second pass: convert what is kept and write it in batches.
func (r *run) plan2(rec *Record) error {
	self, root, skip := r.plan.decide(rec, r.seq)
	if skip == "" && threadURI(rec.URL) == "" {
		skip = SkipNoPage
	}
	if skip != "" {
		r.sum.Skipped[skip]++
		return nil
	}
	source, key := sourceKey(r.o.Format, rec)
	rootKey := ""
	if root != nil {
		rootKey = root.key
		// The store attaches early replies when their root arrives.
		root.awaited = root.awaited || !root.queued
	}
	self.queued = true
	r.source = source
	row := row(rec, source, key, rootKey)
	row.Awaited = self.awaited
	r.batch = append(r.batch, row)
	if len(r.batch) >= r.o.Batch {
		return r.flush(r.ctx)
	}
	return nil
}

// flush writes the batch in one transaction (or, dry, only checks which
// rows an earlier import already stored) and counts the outcome.
func (r *run) flush(ctx context.Context) error {
	if len(r.batch) == 0 {
		return nil
	}
	added, err := r.apply(ctx)
	if err != nil {
		return err
	}
	for i, row := range r.batch {
		if !added[i] {
			r.sum.Skipped[SkipImported]++
			continue
		}
		r.sum.Imported[row.Comment.Mode]++
		r.threads[row.URI] = true
	}
	r.batch = r.batch[:0]
	return nil
}

func (r *run) apply(ctx context.Context) ([]bool, error) {
	if !r.o.DryRun {
		return r.target.ImportBatch(ctx, r.source, r.batch, unixSeconds(r.o.Now()))
	}
	ids := make([]string, len(r.batch))
	for i, row := range r.batch {
		ids[i] = row.SourceID
	}
	seen, err := r.target.ImportedIDs(ctx, r.source, ids)
	if err != nil {
		return nil, err
	}
	added := make([]bool, len(ids))
	for i, id := range ids {
		added[i] = !seen[id]
	}
	return added, nil
}
