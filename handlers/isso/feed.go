package isso

import (
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
)

// feed is GET /feed?uri=: an Atom feed of a thread when [rss] base is set.
func (a *api) feed(c *fiber.Ctx) error {
	if a.RSSBase == "" {
		return fail(c, fiber.StatusNotFound, Description(fiber.StatusNotFound), false)
	}
	if !c.Context().QueryArgs().Has("uri") {
		return fail(c, fiber.StatusBadRequest, "missing uri query", false)
	}
	limit := a.RSSLimit
	if c.Context().QueryArgs().Has("limit") {
		n, ok := parseInt(c.Query("limit"))
		if !ok {
			return fail(c, fiber.StatusBadRequest, "limit should be integer", false)
		}
		limit = max(limit, n) // Isso's query can only raise the limit
	}
	uri := c.Query("uri")
	snap, entries, err := a.Comments.FeedEntries(c.UserContext(), uri, limit)
	if err != nil {
		return a.failFor(c, err)
	}
	etag, modified := `"empty"`, time.Unix(0, 0).UTC()
	if len(entries) > 0 {
		etag = `"` + strconv.FormatInt(snap.Thread.ID, 10) + "-" + strconv.FormatInt(entries[0].ID, 10) + `"`
		modified = entryTime(entries[0])
	}
	c.Set(fiber.HeaderETag, etag)
	if notModified(c, etag, modified) {
		c.Status(fiber.StatusNotModified) // with the ETag only, as Isso
		return nil
	}
	c.Set(fiber.HeaderLastModified, modified.Format(http1123))
	c.Set(fiber.HeaderContentType, "text/xml")
	noSniff(c)
	return c.SendString(a.atom(snap, uri, entries))
}

// noSniff keeps browsers from reading a JSON or feed answer as anything
// else (HTML, script), whatever a comment puts in it. Isso sends no such
// header; no client depends on its absence.
func noSniff(c *fiber.Ctx) { c.Set(fiber.HeaderXContentTypeOptions, "nosniff") }

// notModified evaluates the conditional headers as werkzeug does:
// If-Modified-Since at whole seconds, overridden by If-None-Match.
func notModified(c *fiber.Ctx, etag string, modified time.Time) bool {
	unmodified := false
	if ims := c.Get(fiber.HeaderIfModifiedSince); ims != "" {
		if t, err := http.ParseTime(ims); err == nil {
			unmodified = !modified.Truncate(time.Second).After(t)
		}
	}
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" {
		unmodified = false
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == etag || tag == "*" {
				unmodified = true
			}
		}
	}
	return unmodified
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"

func (a *api) atom(snap *comment.Snapshot, uri string, entries []*comment.View) string {
	base := strings.TrimSuffix(a.RSSBase, "/")
	host := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	tag := "tag:" + host + ",2018:/isso/"
	tid := strconv.FormatInt(snap.Thread.ID, 10)
	var b strings.Builder
	b.WriteString(`<?xml version='1.0' encoding='utf-8'?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">`)
	updated := "1970-01-01T01:00:00Z"
	if len(entries) > 0 {
		updated = atomTime(entryTime(entries[0]))
	}
	el(&b, "updated", updated)
	el(&b, "id", tag+"thread"+uri)
	el(&b, "title", "Comments for "+host+uri)
	for _, e := range entries {
		id := strconv.FormatInt(e.ID, 10)
		b.WriteString("<entry>")
		el(&b, "id", tag+tid+"/"+id)
		el(&b, "title", "Comment #"+id)
		el(&b, "updated", atomTime(entryTime(e)))
		b.WriteString("<author>")
		if e.Author != nil && *e.Author != "" {
			// Stored HTML-escaped (Isso's write-time escaping); Isso 0.14
			// escapes it once more here, so readers see "&lt;b&gt;". One
			// level of escaping shows the name as typed.
			el(&b, "name", html.UnescapeString(*e.Author))
		} else {
			b.WriteString("<name />")
		}
		b.WriteString("</author>")
		b.WriteString(`<link href="` + esc(base+uri+"#isso-"+id) + `" />`)
		b.WriteString(`<content type="html">` + esc(string(e.HTML)) + `</content>`)
		if e.Root != 0 {
			p := strconv.FormatInt(e.Root, 10)
			b.WriteString(`<thr:in-reply-to ref="` + esc(tag+tid+"/"+p) + `" href="` + esc(base+uri+"#isso-"+p) + `" />`)
		}
		b.WriteString("</entry>")
	}
	b.WriteString("</feed>")
	return b.String()
}

func entryTime(v *comment.View) time.Time {
	t := v.Created
	if v.Modified != nil {
		t = *v.Modified
	}
	sec := int64(t)
	return time.Unix(sec, int64((t-float64(sec))*1e9)).UTC()
}

// atomTime writes UTC with microseconds when non-zero (Isso's format, but
// honestly in UTC where Isso writes local time with a Z).
func atomTime(t time.Time) string {
	if t.Nanosecond()/1000 != 0 {
		return t.Format("2006-01-02T15:04:05.000000") + "Z"
	}
	return t.Format("2006-01-02T15:04:05") + "Z"
}

func el(b *strings.Builder, name, text string) {
	b.WriteString("<" + name + ">" + esc(text) + "</" + name + ">")
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
