// Package issoenc decodes Isso's storage encodings: text fields that Isso
// HTML-escapes when it writes them, and float UNIX timestamps. Only the
// layers that meet Isso's tables use it; presenters receive plain values.
package issoenc

import (
	"html"
	"math"
	"time"
)

// Text is an escaped column (author, e-mail, website, title) as typed.
func Text(p *string) string {
	if p == nil {
		return ""
	}
	return html.UnescapeString(*p)
}

// Time converts Isso's float seconds to a UTC time; 0 is the zero time.
func Time(f float64) time.Time {
	if f == 0 {
		return time.Time{}
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// OptTime is Time for a nullable column.
func OptTime(p *float64) time.Time {
	if p == nil {
		return time.Time{}
	}
	return Time(*p)
}
