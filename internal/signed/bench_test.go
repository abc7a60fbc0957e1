package signed

import (
	"strings"
	"testing"
)

// The values the write path signs per new comment: the author's edit
// cookie and the moderation key of the owner's notification.
func BenchmarkSignAt(b *testing.B) {
	s := New(testSecret)
	values := []struct {
		name  string
		value any
	}{
		{"edit cookie", []any{int64(123456), "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"}},
		{"moderation key", int64(123456)},
		{"compressed", []string{strings.Repeat("abc", 50)}},
	}
	for _, v := range values {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.SignAt(v.value, testTime); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnsign(b *testing.B) {
	s := New(testSecret)
	tokens := map[string]string{
		"edit cookie": vectors[1].token,
		"compressed":  ".eJyLVqqgA1CKBQDRJi_d.ZVPxAA.Gb25WhKsd_jd6VQi0LjFg4L6G-E",
	}
	for name, token := range tokens {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var out any
				if err := s.Unsign(token, 0, testTime, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
