package isso

import (
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

func parseMediaRange(part string) (string, float64) {
	fields := strings.Split(part, ";")
	mt := strings.ToLower(strings.TrimSpace(fields[0]))
	q := 1.0
	for _, p := range fields[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
	}
	return mt, q
}

// parseInt reads an integer as Python's int() does: surrounding space and
// a sign allowed.
func parseInt(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}
