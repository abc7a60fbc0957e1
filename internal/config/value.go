package config

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// durationUnit is one letter of Isso's duration syntax.
type durationUnit struct {
	unit    byte
	seconds int64
}

// durationUnits are Isso's units in the only order its pattern accepts.
// There is deliberately no month or year unit, and "m" is minutes.
func durationUnits() []durationUnit {
	return []durationUnit{{'w', 7 * 86400}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}
}

// parseIssoInt reads an integer or duration option with Isso's exact rule:
// match "[<n>w][<n>d][<n>h][<n>m][<n>s]" (each part optionally followed by
// one space) from the start, ignore trailing text, and use the seconds when
// non-zero; otherwise the whole value must be a plain integer.
func parseIssoInt(s string) (int64, error) {
	secs, err := matchDuration(s)
	if err != nil {
		return 0, err
	}
	if secs != 0 {
		return secs, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid integer or duration %q (units: w d h m s, in that order)", s)
	}
	return n, nil
}

// matchDuration sums the leading duration parts of s, in seconds.
func matchDuration(s string) (int64, error) {
	var total int64
	rest := s
	for _, u := range durationUnits() {
		digits := leadingDigits(rest)
		if digits == "" || len(rest) == len(digits) || rest[len(digits)] != u.unit {
			continue
		}
		n, err := strconv.ParseInt(digits, 10, 64)
		if err != nil || n > (math.MaxInt64-total)/u.seconds {
			return 0, fmt.Errorf("duration %q is too large", s)
		}
		total += n * u.seconds
		rest = strings.TrimPrefix(rest[len(digits)+1:], " ")
	}
	return total, nil
}

// leadingDigits returns the ASCII digits at the start of s.
func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// parseSeconds is parseIssoInt as a time.Duration; negative values are
// rejected because no Isso or Natter duration can be negative.
func parseSeconds(s string) (time.Duration, error) {
	n, err := parseIssoInt(s)
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, errors.New("duration must not be negative")
	}
	if n > int64(math.MaxInt64/time.Second) {
		return 0, fmt.Errorf("duration %q is too large", s)
	}
	return time.Duration(n) * time.Second, nil
}

// parseBool accepts configparser's boolean words, case-insensitively.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "yes", "true", "on":
		return true, nil
	case "0", "no", "false", "off":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean %q (use true/false, yes/no, on/off, 1/0)", s)
}

// splitList is Isso's getlist: split on commas, strip each item. Unlike
// Isso it drops empty items, so an empty value is an empty list rather
// than one empty name every consumer would have to skip.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// splitLines is Isso's getiter: one item per line, stripped, empty lines
// dropped. Commas do not separate items.
func splitLines(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, "\n") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// formatSeconds writes d in Isso's duration syntax (e.g. "1h 30m"), so that
// WriteEffective's output reads back to the same value.
func formatSeconds(d time.Duration) string {
	secs := int64(d.Round(time.Second) / time.Second)
	if secs <= 0 {
		return "0"
	}
	var parts []string
	for _, u := range durationUnits() {
		// Weeks only when exact: "30d" reads better than "4w 2d".
		if u.unit == 'w' && secs%u.seconds != 0 {
			continue
		}
		if n := secs / u.seconds; n > 0 {
			parts = append(parts, fmt.Sprintf("%d%c", n, u.unit))
			secs -= n * u.seconds
		}
	}
	return strings.Join(parts, " ")
}
