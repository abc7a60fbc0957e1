package importer

import (
	"fmt"
	"io"
)

// Summary is what an import did (or, dry, would do).
type Summary struct {
	Format  Format
	DryRun  bool
	Records int // read from the export
	Threads int // pages that received comments
	// Imported counts stored comments by Isso mode: 1 published,
	// 2 pending, 4 deleted placeholders kept for their replies.
	Imported map[int]int
	Skipped  map[Reason]int
}

func newSummary(f Format, dry bool) *Summary {
	return &Summary{Format: f, DryRun: dry, Imported: map[int]int{}, Skipped: map[Reason]int{}}
}

// Total is the number of comments stored.
func (s *Summary) Total() int { return s.Imported[1] + s.Imported[2] + s.Imported[4] }

// WriteTo prints the summary for people, in a stable order.
func (s *Summary) WriteTo(w io.Writer) (int64, error) {
	verb := "imported"
	if s.DryRun {
		verb = "would import (dry run, nothing written)"
	}
	skipped := 0
	for _, n := range s.Skipped {
		skipped += n
	}
	lines := []string{
		fmt.Sprintf("format: %s", s.Format),
		fmt.Sprintf("records read: %d", s.Records),
		fmt.Sprintf("%s: %d comments on %d threads", verb, s.Total(), s.Threads),
		fmt.Sprintf("  published: %d", s.Imported[1]),
		fmt.Sprintf("  pending: %d", s.Imported[2]),
		fmt.Sprintf("  deleted (kept for their replies): %d", s.Imported[4]),
		fmt.Sprintf("skipped: %d", skipped),
	}
	for _, r := range Reasons() {
		if n := s.Skipped[r]; n > 0 {
			lines = append(lines, fmt.Sprintf("  %s: %d", r, n))
		}
	}
	var total int64
	for _, l := range lines {
		n, err := fmt.Fprintln(w, l)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
