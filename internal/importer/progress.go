package importer

import (
	"fmt"
	"io"
	"time"
)

// progress rewrites one line on a terminal: stage, records, bytes.
type progress struct {
	w     io.Writer // nil: quiet
	in    *input
	stage string
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, in *input) *progress { return &progress{w: w, in: in} }

func (p *progress) tick(records int) {
	if p.w == nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.shown = time.Now(), true
	fmt.Fprintf(p.w, "\r%s: %d records, %s of %s   ", p.stage, records,
		byteSize(p.in.read.Load()), byteSize(p.in.total))
}

// done clears the line so the summary starts on a clean one.
func (p *progress) done() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
