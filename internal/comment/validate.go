package comment

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Input is what an author submits; nil means the field was absent or null.
type Input struct {
	Text    *string
	Author  *string
	Email   *string
	Website *string
}

// Limits from Isso, in Unicode code points.
const (
	minText      = 3
	maxText      = 65535
	maxEmail     = 254
	maxWebsite   = 254
	websiteLimit = "arbitrary length limit"
)

// websitePattern is Isso's (Django's) URL check: optional http(s) scheme, a
// dotted domain, localhost or an IPv4 address, optional port, optional path
// or query. Compiled on first use: its case-folded Unicode classes cost
// more than a millisecond, which a server's start need not pay.
var websitePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:https?://)?` +
		`(?:(?:[\pL\pN_](?:[\pL\pN_-]{0,61}[\pL\pN_])?\.)+(?:[\pL\pN_]{2,6}\.?|[\pL\pN_-]{2,}\.?)` +
		`|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})` +
		`(?::\d+)?(?:/?|[/?]\S+)$`)
})

// validate applies Isso's checks to a new comment or an edit (Isso 0.14
// validates edits like new comments, so text is always required).
func validate(in Input) error {
	if in.Text == nil {
		return invalid("text", "text_missing", "text is missing")
	}
	n := utf8.RuneCountInString(strings.TrimRightFunc(*in.Text, unicode.IsSpace))
	if n < minText {
		return invalid("text", "text_too_short", "text is too short (minimum length: 3)")
	}
	if utf8.RuneCountInString(*in.Text) > maxText {
		return invalid("text", "text_too_long", "text is too long (maximum length: 65535)")
	}
	if in.Email != nil && utf8.RuneCountInString(*in.Email) > maxEmail {
		return invalid("email", "email_too_long", "http://tools.ietf.org/html/rfc5321#section-4.5.3")
	}
	if in.Website != nil && *in.Website != "" {
		if utf8.RuneCountInString(*in.Website) > maxWebsite {
			return invalid("website", "website_too_long", websiteLimit)
		}
		if !websitePattern().MatchString(*in.Website) {
			return invalid("website", "website_invalid", "Website not Django-conform")
		}
	}
	return nil
}

var (
	escapeBasic   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	escapeWebsite = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#x27;")
)

// escapeField HTML-escapes author and e-mail as Isso stores them.
func escapeField(s *string) *string {
	if s == nil {
		return nil
	}
	v := escapeBasic.Replace(*s)
	return &v
}

// escapeURL escapes a website, quotes included, because Isso's client puts
// it in a single-quoted attribute; addScheme completes a bare host as Isso
// does on creation (not on edit).
func escapeURL(s *string, addScheme bool) *string {
	if s == nil {
		return nil
	}
	v := escapeWebsite.Replace(*s)
	if addScheme && v != "" && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
		v = "http://" + v
	}
	return &v
}
