package admin

import (
	"strconv"
)

// bar is one rectangle of the per-day chart, in viewBox units.
type bar struct {
	X, Y, W, H float64
	Label      string
}

const chartW, chartH, chartPad = 600.0, 140.0, 18.0

// bars lays out the per-day counts as an SVG bar chart scaled to the
// largest day; it is drawn on the server, so the browser needs no
// charting code.
func bars(days []Day) ([]bar, int) {
	peak := 1
	for _, d := range days {
		peak = max(peak, d.Count)
	}
	if len(days) == 0 {
		return nil, peak
	}
	slot := chartW / float64(len(days))
	out := make([]bar, len(days))
	for i, d := range days {
		h := (chartH - chartPad) * float64(d.Count) / float64(peak)
		if d.Count > 0 && h < 2 {
			h = 2
		}
		out[i] = bar{X: float64(i)*slot + 1, Y: chartH - chartPad - h, W: slot - 2, H: h,
			Label: dateISO(d.Date) + ": " + strconv.Itoa(d.Count)}
	}
	return out, peak
}

func f(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func total(days []Day) int {
	n := 0
	for _, d := range days {
		n += d.Count
	}
	return n
}
