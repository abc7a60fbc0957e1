// Package i18n holds the widget's message catalogues and picks one for a
// reader: the snippet's language attribute first, then Accept-Language,
// then the site default. English and Simplified Chinese are complete; the
// other catalogues cover what they cover and fall back to English per
// message.
package i18n

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Locale is one language's catalogue.
type Locale struct {
	// Tag is the BCP 47 tag, e.g. "en" or "zh-CN".
	Tag string
	// Name is the language's own name, for pickers.
	Name   string
	msgs   map[string]string
	plural func(n int) int // index of the plural form
}

var locales = map[string]*Locale{}

func register(l *Locale) { locales[strings.ToLower(l.Tag)] = l }

// merged joins catalogues of one language (the widget's and the panel's).
func merged(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

// English is the fallback catalogue.
func English() *Locale { return locales["en"] }

// Tags lists the supported language tags, sorted.
func Tags() []string {
	out := make([]string, 0, len(locales))
	for _, l := range locales {
		out = append(out, l.Tag)
	}
	sort.Strings(out)
	return out
}

// Keys lists the English message keys (the complete set).
func Keys() []string {
	out := make([]string, 0, len(English().msgs))
	for k := range English().msgs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the locale itself (not the fallback) defines key.
func (l *Locale) Has(key string) bool { _, ok := l.msgs[key]; return ok }

// aliases map tags to the catalogue that serves them.
var aliases = map[string]string{
	"zh": "zh-cn", "zh-hans": "zh-cn", "zh-hans-cn": "zh-cn", "zh-sg": "zh-cn",
	"zh-hant": "zh-tw", "zh-hk": "zh-tw", "zh-mo": "zh-tw", "zh-hant-tw": "zh-tw",
	"pt": "pt-br",
}

// Lookup finds the catalogue for a tag ("zh_CN", "zh-cn", "de-AT" all
// work: the full tag, an alias, then the primary subtag).
func Lookup(tag string) (*Locale, bool) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if t == "" {
		return nil, false
	}
	if a, ok := aliases[t]; ok {
		t = a
	}
	if l, ok := locales[t]; ok {
		return l, true
	}
	if i := strings.IndexByte(t, '-'); i > 0 {
		p := t[:i]
		if a, ok := aliases[p]; ok {
			p = a
		}
		if l, ok := locales[p]; ok {
			return l, true
		}
	}
	return nil, false
}

// Negotiate picks the reader's catalogue: forced (the snippet's attribute)
// if supported, else the best supported Accept-Language entry, else
// fallback, else English.
func Negotiate(forced, acceptLanguage, fallback string) *Locale {
	if l, ok := Lookup(forced); ok {
		return l
	}
	type entry struct {
		tag string
		q   float64
		i   int
	}
	var es []entry
	for i, part := range strings.Split(acceptLanguage, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		tag := strings.TrimSpace(fields[0])
		if tag == "" || tag == "*" {
			continue
		}
		q := 1.0
		for _, f := range fields[1:] {
			f = strings.TrimSpace(f)
			if strings.HasPrefix(f, "q=") {
				if v, err := strconv.ParseFloat(f[2:], 64); err == nil {
					q = v
				}
			}
		}
		if q > 0 {
			es = append(es, entry{tag, q, i})
		}
	}
	sort.SliceStable(es, func(a, b int) bool { return es[a].q > es[b].q })
	for _, e := range es {
		if l, ok := Lookup(e.tag); ok {
			return l
		}
	}
	if l, ok := Lookup(fallback); ok {
		return l
	}
	return English()
}

// T returns the message for key with {name} placeholders replaced by the
// given pairs ("name", value, …). Missing keys fall back to English, then
// to the key itself.
func (l *Locale) T(key string, pairs ...string) string {
	msg := l.raw(key)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return fill(msg, pairs)
}

// N returns the plural form of key for n; {n} is replaced by n. Forms are
// separated by newlines, as in Isso's catalogues.
func (l *Locale) N(key string, n int, pairs ...string) string {
	msg, owner := l.rawWithOwner(key)
	forms := strings.Split(msg, "\n")
	i := owner.plural(n)
	if i >= len(forms) {
		i = len(forms) - 1
	}
	return fill(forms[i], append([]string{"n", strconv.Itoa(n)}, pairs...))
}

func (l *Locale) raw(key string) string {
	m, _ := l.rawWithOwner(key)
	return m
}

func (l *Locale) rawWithOwner(key string) (string, *Locale) {
	if l != nil {
		if m, ok := l.msgs[key]; ok {
			return m, l
		}
	}
	en := English()
	if m, ok := en.msgs[key]; ok {
		return m, en
	}
	return key, en
}

func fill(msg string, pairs []string) string {
	if len(pairs) < 2 || !strings.Contains(msg, "{") {
		return msg
	}
	args := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		args = append(args, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(args...).Replace(msg)
}

// Relative describes t relative to now ("3 hours ago").
func (l *Locale) Relative(t, now time.Time) string {
	d := now.Sub(t)
	switch s := int(d.Seconds()); {
	case s < 60:
		return l.T("date.now")
	case s < 3600:
		return l.N("date.minutes", s/60)
	case s < 86400:
		return l.N("date.hours", s/3600)
	case s < 7*86400:
		return l.N("date.days", s/86400)
	case s < 30*86400:
		return l.N("date.weeks", s/(7*86400))
	case s < 365*86400:
		return l.N("date.months", s/(30*86400))
	default:
		return l.N("date.years", s/(365*86400))
	}
}

// relativeBands are Relative's: below hi seconds, the text counts units
// of unit seconds (below a minute it says "now").
var relativeBands = []struct{ hi, unit int64 }{
	{60, 60}, {3600, 60}, {86400, 3600}, {7 * 86400, 86400},
	{30 * 86400, 7 * 86400}, {365 * 86400, 30 * 86400}, {math.MaxInt64, 365 * 86400},
}

// RelativeUntil is when Relative(t, now) next reads differently, in any
// language: until then a render showing it stays exact.
func RelativeUntil(t, now time.Time) time.Time {
	s := max(int64(now.Sub(t)/time.Second), 0)
	for _, b := range relativeBands {
		if s < b.hi {
			return t.Add(time.Duration(min((s/b.unit+1)*b.unit, b.hi)) * time.Second)
		}
	}
	return t.Add(time.Duration(s+1) * time.Second) // unreachable: the last band has no end
}

// FormatTime is the exact time shown on hover, in the locale's style.
func (l *Locale) FormatTime(t time.Time) string {
	t = t.UTC()
	if f, ok := l.msgs["date.format"]; ok {
		return t.Format(f)
	}
	return t.Format("2 January 2006, 15:04 UTC")
}

type ctxKey struct{}

// With returns ctx carrying l, for templ components.
func With(ctx context.Context, l *Locale) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the locale in ctx, or English.
func From(ctx context.Context) *Locale {
	if l, ok := ctx.Value(ctxKey{}).(*Locale); ok && l != nil {
		return l
	}
	return English()
}

func one(n int) int {
	if n == 1 {
		return 0
	}
	return 1
}

func single(int) int { return 0 }

func oneFew(n int) int { // French: 0 and 1 are singular
	if n <= 1 {
		return 0
	}
	return 1
}
