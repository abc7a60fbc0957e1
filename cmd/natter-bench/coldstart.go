package main

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// coldStart starts Natter on db o.coldRuns times and times each start from
// exec to the first 200 of /readyz, with the CPU it used and the time it
// waited for one.
func (b *bench) coldStart(ctx context.Context, id, path, db string) row {
	var ms, cpu, wait []float64
	for range b.o.coldRuns {
		n, err := startNatter(ctx, b.bin, db)
		if err != nil {
			return row{id: id, path: path, met: "not measured", notes: []string{"not measured: " + err.Error()}}
		}
		ms = append(ms, float64(n.ready)/float64(time.Millisecond))
		cpu = append(cpu, float64(n.cpu)/float64(time.Millisecond))
		wait = append(wait, float64(n.wait)/float64(time.Millisecond))
		if err := n.stop(); err != nil {
			return row{id: id, path: path, met: "not measured", notes: []string{"stop: " + err.Error()}}
		}
	}
	return row{id: id, path: path,
		natter: fmt.Sprintf("median %.1f ms, max %.1f ms", median(ms), slices.Max(ms)),
		limit:  "–", ratio: "–", p99: "–",
		cpu:    fmt.Sprintf("median %.1f ms until ready, %.1f ms waiting for a CPU", median(cpu), median(wait)),
		noise:  fmt.Sprintf("%s ms over %d starts", rangeOf(ms, "%.1f"), len(ms)),
		target: "≤ 50 ms", met: verdict(median(ms) <= 50)}
}
