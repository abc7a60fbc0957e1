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
