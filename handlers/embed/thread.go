package embed

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"math"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/views/components"
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

// options reads the widget settings every widget URL carries.
func (e *embedAPI) options(c *fiber.Ctx) (ui.Options, *i18n.Locale) {
	o := ui.Options{
		URI:   param(c, "uri"),
		Title: param(c, "title"),
		Sort:  param(c, "sort"),
		Theme: param(c, "theme"),
		Page:  param(c, "page"),
	}
	if o.URI == "" {
		o.URI = "/"
	}
	if _, ok := comment.ParseSort(o.Sort); !ok {
		o.Sort = "oldest"
	}
	if o.Theme != "light" && o.Theme != "dark" {
		o.Theme = ""
	}
	o.Limit = intParam(param(c, "limit"), ui.DefaultLimit)
	o.Nested = intParam(param(c, "nested"), ui.DefaultNested)
	o.NoVote = param(c, "vote") == "0" || param(c, "vote") == "false"
	o.NoAvatar = param(c, "avatar") == "0" || param(c, "avatar") == "false"
	o.NotifyDefault = param(c, "notify") == "1" || param(c, "notify") == "true"
	for _, h := range strings.FieldsFunc(param(c, "author_hashes"), func(r rune) bool { return r == ',' || r == ' ' }) {
		if len(o.AuthorHashes) < 20 {
			o.AuthorHashes = append(o.AuthorHashes, h)
		}
	}
	if o.Page != "" {
		o.Page = e.safeReturn(c, o.Page)
	}
	loc := e.locale(c, param(c, "lang"))
	o.Lang = loc.Tag
	return o, loc
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
	if n < 0 {
		return -1
	}
	return n
}

func (e *embedAPI) policy() ui.Policy {
	p := e.svc.Policy()
	return ui.Policy{RequireAuthor: p.Guard.RequireAuthor, RequireEmail: p.Guard.RequireEmail,
		WebsiteField: p.WebsiteField, ReplyNotifications: p.ReplyNotifications}
}

// view builds the state of a thread render.
type threadView struct {
	links ui.Links
	loc   *i18n.Locale
	now   time.Time
	owned map[int64]bool
}

// card maps a service view to the shared card's props.
func (tv threadView) card(v *comment.View) components.CommentProps {
	author := html.UnescapeString(deref(v.Author))
	p := components.CommentProps{
		ID:      v.ID,
		Author:  author,
		Website: components.SafeWebsite(html.UnescapeString(deref(v.Website))),
		Avatar: components.AvatarProps{Hash: v.Hash, ImageURL: v.GravatarImage,
			Hidden: tv.links.Opts.NoAvatar},
		Created:  floatTime(v.Created),
		Now:      tv.now,
		HTML:     string(v.HTML),
		Deleted:  v.Mode == 4,
		Pending:  v.Mode == 2,
		Likes:    v.Likes,
		Dislikes: v.Dislikes,
		Reply:    v.Root != 0,
	}
	if v.Modified != nil {
		p.Modified = floatTime(*v.Modified)
	}
	for _, h := range tv.links.Opts.AuthorHashes {
		if h == v.Hash {
			p.PageAuthor = true
		}
	}
	return p
}

func (tv threadView) item(v *comment.View) ui.Item {
	return ui.Item{Card: tv.card(v), Own: tv.owned[v.ID], Root: v.Root}
}

func floatTime(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
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

// thread is GET /embed/thread: the widget root for htmx, or a complete
// page for readers without JavaScript, or with fragment=plain that page's
// root alone (what the loader inlines on pages running htmx 4).
func (e *embedAPI) thread(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	pageMode := !isHTMX(c) && c.Query("fragment") == ""
	plain := !isHTMX(c) && c.Query("fragment") == "plain"
	if st := pageStateFrom(c, loc); pageMode && st.active() {
		return e.renderPage(c, fiber.StatusOK, opts, loc, st)
	}
	toks := tokens(c)
	listing, err := e.svc.List(c.UserContext(), opts.URI, comment.ListQuery{
		Sort: comment.Sort(opts.Sort), Limit: limitPtr(opts.Limit), NestedLimit: nestedPtr(opts.Nested)})
	if err != nil {
		return e.refuseErr(c, loc, err)
	}
	owned := e.svc.Owned(listing.Snapshot, toks)
	now := e.svc.Now()
	b := base(c)
	c.Vary(fiber.HeaderAcceptLanguage, "HX-Request", TokenHeader)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	key := ""
	if len(owned) == 0 {
		c.Set(fiber.HeaderCacheControl, "public, max-age=30")
		key = strings.Join([]string{b, opts.Values().Encode(), strconv.FormatBool(pageMode), strconv.FormatBool(plain), now.Truncate(time.Minute).String()}, "\x00")
		if f, ok := e.cache.get(key, listing.Snapshot); ok {
			return sendFragment(c, f)
		}
	} else {
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}
	tv := threadView{links: ui.Links{Base: b, Opts: opts}, loc: loc, now: now, owned: owned}
	if plain {
		// Plain forms on the host page post back to it (page= is checked
		// against [general] host), else to Natter's own page.
		tv.links.Return = opts.Page
	}
	props := e.threadProps(c, tv, listing)
	if pageMode || plain {
		props.Page = true
		props.Form.Return = tv.links.Page()
		if tv.links.Return != "" {
			props.Form.Return = tv.links.Return
		}
	}
	var comp templ.Component = ui.Root(props)
	if pageMode {
		comp = ui.Page(ui.PageProps{Thread: props, CSSURL: b + e.assets.URL("natter.css"), Back: opts.Page})
	}
	f, err := renderBytes(i18n.With(c.UserContext(), loc), comp)
	if err != nil {
		return err
	}
	if key != "" {
		e.cache.put(key, listing.Snapshot, f)
	}
	return sendFragment(c, f)
}

func (e *embedAPI) threadProps(c *fiber.Ctx, tv threadView, listing comment.Listing) ui.ThreadProps {
	opts := tv.links.Opts
	p := ui.ThreadProps{
		Links: tv.links, Policy: e.policy(), Count: listing.TotalReplies,
		More: max(listing.HiddenReplies, 0), MoreOffset: len(listing.Items), Version: e.version,
		Form: ui.FormProps{Links: tv.links, Policy: e.policy(), Values: ui.FormValues{Notify: opts.NotifyDefault}},
	}
	if e.feed {
		p.Feed = tv.links.Base + "/feed?uri=" + urlQueryEscape(opts.URI)
	}
	pendingByRoot := map[int64][]*comment.View{}
	for _, v := range comment.OwnPending(listing.Snapshot, tv.owned) {
		pendingByRoot[v.Root] = append(pendingByRoot[v.Root], v)
	}
	for _, it := range listing.Items {
		item := tv.item(it.View)
		for _, r := range it.Replies {
			item.Replies = append(item.Replies, tv.item(r))
		}
		for _, r := range pendingByRoot[it.ID] {
			item.Replies = append(item.Replies, tv.item(r))
		}
		item.MoreReplies, item.MoreOffset = it.HiddenReplies, len(it.Replies)
		p.Items = append(p.Items, item)
	}
	for _, v := range pendingByRoot[0] {
		p.Items = append(p.Items, tv.item(v))
	}
	return p
}

// more is GET /embed/more: the next page of top-level comments, or of a
// comment's replies (parent=id).
func (e *embedAPI) more(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	q := comment.ListQuery{Sort: comment.Sort(opts.Sort), Offset: max(intParam(c.Query("offset"), 0), 0)}
	limit := opts.Limit
	var parent int64
	if p, err := strconv.ParseInt(c.Query("parent"), 10, 64); err == nil && p > 0 {
		parent = p
		q.Parent = &parent
		limit = opts.Nested
		if limit == 0 {
			limit = ui.DefaultNested
		}
		limit = max(limit, 20) // replies come in larger pages once asked for
	} else {
		q.NestedLimit = nestedPtr(opts.Nested)
	}
	q.Limit = limitPtr(limit)
	listing, err := e.svc.List(c.UserContext(), opts.URI, q)
	if err != nil {
		return e.refuseErr(c, loc, err)
	}
	tv := threadView{links: ui.Links{Base: base(c), Opts: opts}, loc: loc, now: e.svc.Now(),
		owned: e.svc.Owned(listing.Snapshot, tokens(c))}
	var items []ui.Item
	for _, it := range listing.Items {
		item := tv.item(it.View)
		for _, r := range it.Replies {
			item.Replies = append(item.Replies, tv.item(r))
		}
		item.MoreReplies, item.MoreOffset = it.HiddenReplies, len(it.Replies)
		items = append(items, item)
	}
	c.Vary(fiber.HeaderAcceptLanguage, TokenHeader)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	ids := ui.IDs{Key: opts.Key()}
	return e.renderFragment(c, fiber.StatusOK, loc,
		ui.MorePage(tv.links, ids, parent, items, max(listing.HiddenReplies, 0), q.Offset+len(listing.Items)))
}

// counts is GET /embed/counts?uri=a&uri=b: published comments per thread,
// in order, for the count loader (one request per page).
func (e *embedAPI) counts(c *fiber.Ctx) error {
	var uris []string
	c.Context().QueryArgs().VisitAll(func(k, v []byte) {
		if string(k) == "uri" && len(uris) < 200 {
			uris = append(uris, string(v))
		}
	})
	n, err := e.svc.Counts(c.UserContext(), uris)
	if err != nil {
		return err
	}
	loc := e.locale(c, c.Query("lang"))
	labels := make([]string, len(n))
	for i, k := range n {
		labels[i] = loc.N("thread.count", k)
	}
	if n == nil {
		n = []int{}
	}
	c.Vary(fiber.HeaderAcceptLanguage)
	c.Set(fiber.HeaderCacheControl, "public, max-age=30")
	return c.JSON(fiber.Map{"counts": n, "labels": labels})
}

// preview is POST /embed/preview.
func (e *embedAPI) preview(c *fiber.Ctx) error {
	_, loc := e.options(c)
	return e.renderFragment(c, fiber.StatusOK, loc, ui.Preview(e.previewHTML(c.FormValue("text"))))
}

// previewHTML renders text as it would be stored; "" for blank text.
func (e *embedAPI) previewHTML(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return string(e.svc.Preview(text))
}

// refuseErr answers a service error outside a form.
func (e *embedAPI) refuseErr(c *fiber.Ctx, loc *i18n.Locale, err error) error {
	status, _, msg := e.failure(c, loc, err)
	return e.renderFragment(c, status, loc, messageFragment(msg))
}

func messageFragment(msg string) templ.Component { return ui.Message(msg) }

func (e *embedAPI) renderFragment(c *fiber.Ctx, status int, loc *i18n.Locale, comp templ.Component) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	if status >= fiber.StatusBadRequest {
		c.Set(RefusalHeader, "1")
	}
	return comp.Render(i18n.With(c.UserContext(), loc), c.Response().BodyWriter())
}

func renderBytes(ctx context.Context, comp templ.Component) (fragment, error) {
	var buf bytes.Buffer
	if err := comp.Render(ctx, &buf); err != nil {
		return fragment{}, err
	}
	sum := sha256.Sum256(buf.Bytes())
	f := fragment{body: buf.Bytes(), etag: `W/"` + hex.EncodeToString(sum[:10]) + `"`}
	if gz, err := gzipBytes(f.body); err == nil {
		f.gzip = gz
	}
	return f, nil
}

func sendFragment(c *fiber.Ctx, f fragment) error {
	c.Set(fiber.HeaderETag, f.etag)
	c.Vary(fiber.HeaderAcceptEncoding)
	if etagMatch(c.Get(fiber.HeaderIfNoneMatch), f.etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return sendMaybeGzip(c, f.body, f.gzip)
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func urlQueryEscape(s string) string {
	return url.QueryEscape(s)
}

// fragment is a rendered thread with its validator.
type fragment struct {
	body, gzip []byte
	etag       string
}

// fragmentCache keeps rendered anonymous threads until their snapshot is
// replaced: an entry is valid only for the snapshot it was rendered from.
type fragmentCache struct {
	mu  sync.Mutex
	max int
	m   map[string]cachedFragment
}

type cachedFragment struct {
	snap *comment.Snapshot
	f    fragment
}

func newFragmentCache(max int) *fragmentCache {
	return &fragmentCache{max: max, m: make(map[string]cachedFragment)}
}

func (fc *fragmentCache) get(key string, snap *comment.Snapshot) (fragment, bool) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	e, ok := fc.m[key]
	if !ok || e.snap != snap {
		return fragment{}, false
	}
	return e.f, true
}

func (fc *fragmentCache) put(key string, snap *comment.Snapshot, f fragment) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if len(fc.m) >= fc.max {
		for k := range fc.m {
			delete(fc.m, k)
			if len(fc.m) < fc.max*3/4 {
				break
			}
		}
	}
	fc.m[key] = cachedFragment{snap: snap, f: f}
}
