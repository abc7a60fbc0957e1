package embed

import (
	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/handlers/replay"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	ui "github.com/natter/natter/views/embed"
)

// mode is how GET /embed/thread answers: the widget root for htmx, a
// complete page for readers without JavaScript, or with fragment=plain
// that page's root alone (what the loader inlines on pages running htmx 4).
type mode int

const (
	modeHTMX mode = iota
	modePage
	modePlain
)

func modeOf(c *fiber.Ctx) mode {
	switch {
	case isHTMX(c):
		return modeHTMX
	case c.Query("fragment") == "plain":
		return modePlain
	case c.Query("fragment") == "":
		return modePage
	}
	return modeHTMX
}

// thread is GET /embed/thread.
func (w *widget) thread(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	m := modeOf(c)
	if st := pageStateFrom(c, loc); m == modePage && st.active() {
		return w.renderPage(c, fiber.StatusOK, opts, loc, st)
	}
	if m == modePage {
		noFraming(c)
	}
	toks := tokens(c)
	now := w.svc.Now()
	snap, seen := w.svc.Peek(c.UserContext(), opts.URI)
	if snap == nil && len(toks) == 0 {
		// A thread memory does not hold: its stored render, if any.
		if f, ok := w.storedFragment(c, opts.URI, fragmentRest(base(c), storedOptions(opts), m), seen, now); ok {
			setThreadHeaders(c, true)
			return sendFragment(c, f, seen)
		}
	}
	if snap == nil {
		var err error
		if snap, err = w.svc.Snapshot(c.UserContext(), opts.URI); err != nil {
			return w.refuseErr(c, loc, err)
		}
	}
	owned := w.svc.Owned(snap, toks)
	setThreadHeaders(c, len(owned) == 0)
	rest := ""
	if len(owned) == 0 {
		// Looked up before listing: on a big thread the listing costs
		// far more than sending a cached render.
		opts = cacheable(opts, snap)
		rest = fragmentRest(base(c), opts, m)
		if f, ok := w.cached(snap.DerivedKey(rest), now); ok {
			return sendFragment(c, f, seen)
		}
	}
	listing := snap.List(firstPage(opts))
	f, err := renderPrepared(i18n.With(c.UserContext(), loc), w.threadView(c, opts, loc, owned, listing, m))
	if err != nil {
		return err
	}
	if rest != "" {
		until := renderedUntil(listing, now)
		w.keep(snap.DerivedKey(rest), until, f)
		w.svc.KeepAnswer(snap, storedFragmentPrefix+rest, func() comment.StoredAnswer {
			small := f.Smaller()
			return comment.StoredAnswer{Body: small.Gzip, Tag: small.ETag, Until: until}
		})
	}
	return render.Send(c, f)
}

// sendFragment sends a render for anyone; once its gzip form is final,
// the answer may be replayed to equal requests while it holds.
func sendFragment(c *fiber.Ctx, f fragment, seen uint64) error {
	if f.small {
		replay.Keep(c, seen, f.until)
	}
	return render.Send(c, f.f)
}

// setThreadHeaders sets a thread answer's headers: a render for anyone
// is public for half a minute, one with a reader's own comments private.
func setThreadHeaders(c *fiber.Ctx, anyone bool) {
	c.Vary(fiber.HeaderAcceptLanguage, "HX-Request", TokenHeader)
	render.SetHeader(c, fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	if anyone {
		render.SetHeader(c, fiber.HeaderCacheControl, "public, max-age=30")
	} else {
		render.SetHeader(c, fiber.HeaderCacheControl, "private, no-store")
	}
}

// firstPage is the query of a thread's first page under opts.
func firstPage(opts ui.Options) comment.ListQuery {
	return comment.ListQuery{Sort: comment.Sort(opts.Sort), Limit: limitPtr(opts.Limit), NestedLimit: nestedPtr(opts.Nested)}
}

func (w *widget) threadView(c *fiber.Ctx, opts ui.Options, loc *i18n.Locale, owned map[int64]bool, listing comment.Listing, m mode) templ.Component {
	r := w.reader(ui.Links{Base: base(c), Opts: opts}, loc, owned)
	if m == modePlain {
		// Plain forms on the host page post back to it (page= is checked
		// against [general] host), else to Natter's own page.
		r.links.Return = opts.Page
	}
	props := w.threadProps(r, listing)
	if m == modeHTMX {
		return ui.Root(props)
	}
	props.Page = true
	props.Form.Return = r.links.Page()
	if r.links.Return != "" {
		props.Form.Return = r.links.Return
	}
	if m == modePlain {
		return ui.Root(props)
	}
	return w.page(props, opts)
}

func (w *widget) page(props ui.ThreadProps, opts ui.Options) templ.Component {
	return ui.Page(ui.PageProps{Thread: props, CSSURL: props.Links.Base + w.assets.URL("natter.css"), Back: opts.Page})
}

func (w *widget) threadProps(r reader, listing comment.Listing) ui.ThreadProps {
	opts := r.links.Opts
	p := ui.ThreadProps{
		Links: r.links, Policy: w.policy(), Count: listing.TotalReplies,
		More: max(listing.HiddenReplies, 0), MoreOffset: len(listing.Items), Version: w.version,
		Form:  ui.FormProps{Links: r.links, Policy: w.policy(), Values: ui.FormValues{Notify: opts.NotifyDefault}},
		Items: r.items(listing.ForReader(r.owned)),
	}
	if w.feed {
		p.Feed = r.links.Base + "/feed?uri=" + urlQueryEscape(opts.URI)
	}
	return p
}

// noFraming keeps the plain page out of other sites' frames, where its
// vote and delete buttons could be clickjacked.
func noFraming(c *fiber.Ctx) {
	render.SetHeader(c, fiber.HeaderContentSecurityPolicy, "frame-ancestors 'none'")
	render.SetHeader(c, fiber.HeaderXFrameOptions, "DENY")
}
