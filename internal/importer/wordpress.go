package importer

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// wordpress reads a WordPress WXR export item by item; comments are
// emitted as they are read, so a post with many comments is never held.
type wordpress struct{}

type wpComment struct {
	ID       string `xml:"comment_id"`
	Author   string `xml:"comment_author"`
	Email    string `xml:"comment_author_email"`
	URL      string `xml:"comment_author_url"`
	IP       string `xml:"comment_author_IP"`
	Date     string `xml:"comment_date"`
	DateGMT  string `xml:"comment_date_gmt"`
	Content  string `xml:"comment_content"`
	Approved string `xml:"comment_approved"`
	Type     string `xml:"comment_type"`
	Parent   string `xml:"comment_parent"`
}

// wpItem is the post being read: what its comments need to know.
type wpItem struct {
	site, title, link, postID string
}

func (wordpress) parse(r io.Reader, emit emitFunc) error {
	w := newXMLWalker(r)
	var it wpItem
	return w.walk(func(se xml.StartElement, depth int) (bool, error) {
		name := se.Name.Local
		switch {
		case depth == 2 && name == "link": // the channel's, naming the site
			return true, w.decode(&it.site, se)
		case depth == 2 && name == "item":
			it = wpItem{site: it.site}
			return false, nil
		case depth == 3 && (name == "title" || name == "link" || name == "post_id"):
			return true, w.decode(it.field(name), se)
		case depth == 3 && name == "comment":
			var c wpComment
			if err := w.decode(&c, se); err != nil {
				return true, err
			}
			rec, err := it.record(c)
			if err != nil {
				return true, w.fail(err)
			}
			return true, emit(rec)
		case depth < 2:
			return false, nil
		}
		return true, w.dec.Skip()
	})
}

func (it *wpItem) field(name string) *string {
	switch name {
	case "title":
		return &it.title
	case "link":
		return &it.link
	}
	return &it.postID
}

func (it *wpItem) record(c wpComment) (*Record, error) {
	created, ok := parseTime(c.DateGMT)
	if !ok { // drafts and some imports leave the GMT date at zero
		if created, ok = parseTime(c.Date); !ok {
			return nil, fmt.Errorf("comment %s: bad comment_date_gmt %q", c.ID, c.DateGMT)
		}
	}
	// Comment ids are unique per site; Isso's own fixtures reuse them
	// across posts, so the post id is part of the key.
	key := strings.TrimSpace(it.site) + "#" + strings.TrimSpace(it.postID) + "/"
	r := &Record{ID: key + strings.TrimSpace(c.ID), ThreadID: key, URL: it.link,
		Title: strings.TrimSpace(it.title), Author: opt(c.Author), Email: opt(c.Email),
		Website: opt(c.URL), Addr: strings.TrimSpace(c.IP), Created: created,
		Text: strings.TrimSpace(c.Content), Body: BodyWPHTML}
	if p := strings.TrimSpace(c.Parent); p != "" && p != "0" {
		r.ParentID = key + p
	}
	switch strings.TrimSpace(c.Type) {
	case "pingback":
		r.Kind = KindPingback
	case "trackback":
		r.Kind = KindTrackback
	}
	switch strings.TrimSpace(c.Approved) {
	case "1", "approve":
		r.State = StateApproved
	case "spam":
		r.State = StateSpam
	case "trash", "post-trashed":
		r.State = StateTrash
	default:
		r.State = StatePending
	}
	return r, nil
}
