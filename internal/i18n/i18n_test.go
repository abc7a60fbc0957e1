package i18n

import (
	"testing"
	"time"
)

func TestCompleteCatalogues(t *testing.T) {
	for _, tag := range []string{"en", "zh-CN"} {
		l, ok := Lookup(tag)
		if !ok {
			t.Fatalf("%s missing", tag)
		}
		for _, k := range Keys() {
			if !l.Has(k) {
				t.Errorf("%s lacks %q", tag, k)
			}
		}
	}
	for _, tag := range Tags() {
		l, _ := Lookup(tag)
		for k := range l.msgs {
			if k != "date.format" && !English().Has(k) {
				t.Errorf("%s has %q, which English lacks", tag, k)
			}
		}
	}
}

func TestNegotiate(t *testing.T) {
	cases := []struct{ forced, accept, def, want string }{
		{"zh_CN", "de", "en", "zh-CN"},
		{"", "fr-CH, de;q=0.9", "en", "fr"},
		{"", "xx, zh-Hans;q=0.8, de;q=0.5", "en", "zh-CN"},
		{"", "zh-HK", "en", "zh-TW"},
		{"klingon", "", "de", "de"},
		{"", "", "", "en"},
		{"", "de;q=0, es", "en", "es"},
	}
	for _, c := range cases {
		if got := Negotiate(c.forced, c.accept, c.def).Tag; got != c.want {
			t.Errorf("Negotiate(%q, %q, %q) = %s, want %s", c.forced, c.accept, c.def, got, c.want)
		}
	}
}

func TestPluralsAndFallback(t *testing.T) {
	en, _ := Lookup("en")
	zh, _ := Lookup("zh-CN")
	de, _ := Lookup("de")
	if got := en.N("thread.count", 1); got != "One comment" {
		t.Error(got)
	}
	if got := en.N("thread.count", 5); got != "5 comments" {
		t.Error(got)
	}
	if got := zh.N("thread.count", 5); got != "5 条评论" {
		t.Error(got)
	}
	if got := de.T("form.heading"); got != "Leave a comment" {
		t.Errorf("fallback = %q", got)
	}
	if got := en.T("form.reply_heading", "name", "Ann"); got != "Reply to Ann" {
		t.Error(got)
	}
	now := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	if got := en.Relative(now.Add(-3*time.Hour), now); got != "3 hours ago" {
		t.Error(got)
	}
	if got := zh.Relative(now.Add(-2*time.Minute), now); got != "2 分钟前" {
		t.Error(got)
	}
}

// TestRelativeUntil: Relative's text stays the same until RelativeUntil
// and changes there, in every catalogue, across every band.
func TestRelativeUntil(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ages []time.Duration
	for _, step := range []struct{ upTo, by time.Duration }{
		{2 * time.Hour, 7 * time.Second},
		{10 * 24 * time.Hour, 17 * time.Minute},
		{800 * 24 * time.Hour, 5 * time.Hour},
	} {
		for d := time.Duration(0); d < step.upTo; d += step.by {
			ages = append(ages, d)
		}
	}
	ages = append(ages, -time.Minute) // a clock behind the comment's
	for _, tag := range []string{"en", "zh-CN"} {
		l, ok := Lookup(tag)
		if !ok {
			t.Fatalf("no catalogue %s", tag)
		}
		for _, age := range ages {
			now := created.Add(age)
			until := RelativeUntil(created, now)
			if !until.After(now) {
				t.Fatalf("%s, age %s: until %s is not after now", tag, age, until)
			}
			text := l.Relative(created, now)
			if got := l.Relative(created, until.Add(-time.Second)); got != text {
				t.Fatalf("%s, age %s: %q changed to %q before %s", tag, age, text, got, until.Sub(created))
			}
			if got := l.Relative(created, until); got == text {
				t.Fatalf("%s, age %s: %q unchanged at %s", tag, age, text, until.Sub(created))
			}
		}
	}
}
