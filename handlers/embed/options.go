package embed

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	ui "github.com/natter/natter/views/embed"
)

// param reads a value from the query, or from the form body of a POST.
func param(c *fiber.Ctx, key string) string {
	if v := c.Query(key); v != "" {
		return v
	}
	if c.Method() != fiber.MethodGet && isForm(c) {
		return c.FormValue(key)
	}
	return ""
}

// flag reads a boolean widget option ("1"/"true", "0"/"false").
func flag(c *fiber.Ctx, key string, want bool) bool {
	v := param(c, key)
	if want {
		return v == "1" || v == "true"
	}
	return v == "0" || v == "false"
}

// options reads the widget settings every widget URL carries.
func (w *widget) options(c *fiber.Ctx) (ui.Options, *i18n.Locale) {
	o := ui.Options{URI: param(c, "uri"), Title: param(c, "title"), Sort: param(c, "sort"),
		Theme: param(c, "theme"), Page: param(c, "page")}
	if o.URI == "" {
		o.URI = "/"
	}
	if _, ok := comment.ParseSort(o.Sort); !ok {
		o.Sort = "oldest"
	}
	switch o.Theme {
	case "light", "dark", "system":
	default: // "auto" is the loader's to resolve; without it, light
		o.Theme = ""
	}
	o.Limit = intParam(param(c, "limit"), ui.DefaultLimit)
	o.Nested = intParam(param(c, "nested"), ui.DefaultNested)
	o.NoVote, o.NoAvatar = flag(c, "vote", false), flag(c, "avatar", false)
	o.NotifyDefault = flag(c, "notify", true)
	for _, h := range strings.FieldsFunc(param(c, "author_hashes"), func(r rune) bool { return r == ',' || r == ' ' }) {
		if len(o.AuthorHashes) < 20 {
			o.AuthorHashes = append(o.AuthorHashes, h)
		}
	}
	if o.Page != "" {
		o.Page = w.safeReturn(c, o.Page)
	}
	loc := w.locale(c, param(c, "lang"))
	o.Lang = loc.Tag
	return o, loc
}

// locale picks the reader's language: the snippet's, then
// Accept-Language, then the site's [natter] lang.
func (w *widget) locale(c *fiber.Ctx, forced string) *i18n.Locale {
	return i18n.Negotiate(forced, c.Get(fiber.HeaderAcceptLanguage), w.lang)
}

// intParam parses a count; "inf" and negatives mean all (-1).
func intParam(s string, def int) int {
	if s == "" {
		return def
	}
	if s == "inf" {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return max(n, -1)
}

func idParam(c *fiber.Ctx) int64 {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	return id
}

func limitPtr(n int) *int {
	if n < 0 {
		return nil
	}
	return &n
}

// nestedPtr is the replies to embed per comment, negative for all. Unlike
// limitPtr it never returns nil: an absent nested limit means Isso's quirk
// (replies paged like the top level), not "all".
func nestedPtr(n int) *int {
	if n < 0 {
		n = math.MaxInt
	}
	return &n
}

func (w *widget) policy() ui.Policy {
	p := w.svc.Policy()
	return ui.Policy{RequireAuthor: p.Guard.RequireAuthor, RequireEmail: p.Guard.RequireEmail,
		WebsiteField: p.WebsiteField, ReplyNotifications: p.ReplyNotifications}
}

// safeReturn accepts a redirect target on a configured host or on Natter.
func (w *widget) safeReturn(c *fiber.Ctx, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	o := u.Scheme + "://" + u.Host
	if _, ok := w.origins.Allowed(o); ok || o == ownOrigin(c) {
		return u.String()
	}
	return ""
}
