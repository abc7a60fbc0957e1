package admin

import (
	"strings"

	"github.com/natter/natter/internal/i18n"
)

// Msgs are the panel's strings in one language, from the one catalogue
// (internal/i18n, keys under "admin."). The panel speaks the complete
// languages only: English and Simplified Chinese.
type Msgs struct {
	Tag string // "en" or "zh-CN"
	loc *i18n.Locale
}

// T returns a message with {name} placeholders filled from pairs.
func (l Msgs) T(key string, pairs ...string) string {
	if l.loc == nil {
		l.loc = i18n.English()
	}
	return l.loc.T("admin."+key, pairs...)
}

// Language returns the catalogue for "en" or "zh-CN" (any zh tag).
func Language(tag string) Msgs {
	if strings.HasPrefix(strings.ToLower(tag), "zh") {
		loc, _ := i18n.Lookup("zh-CN")
		return Msgs{Tag: "zh-CN", loc: loc}
	}
	return Msgs{Tag: "en", loc: i18n.English()}
}

// N returns the plural form of key for n ({n} is filled in).
func (l Msgs) N(key string, n int, pairs ...string) string {
	if l.loc == nil {
		l.loc = i18n.English()
	}
	return l.loc.N("admin."+key, n, pairs...)
}

// Counts is "N threads, M comments" in the right plural forms.
func (l Msgs) Counts(threads, comments int) string {
	return l.T("data.counts", "threads", l.N("data.threads", threads), "comments", l.N("data.comments", comments))
}
