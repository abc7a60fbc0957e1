package importer

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// disqus reads a Disqus XML export. Threads come before the posts that
// refer to them; the parser keeps them, so a second pass finds threads
// listed after their posts too.
type disqus struct {
	threads map[string]disqusThread
}

type disqusThread struct {
	DsqID string `xml:"http://disqus.com/disqus-internals id,attr"`
	Link  string `xml:"link"`
	Title string `xml:"title"`
}

type disqusRef struct {
	DsqID string `xml:"http://disqus.com/disqus-internals id,attr"`
}

type disqusPost struct {
	DsqID     string `xml:"http://disqus.com/disqus-internals id,attr"`
	Message   string `xml:"message"`
	CreatedAt string `xml:"createdAt"`
	IsDeleted bool   `xml:"isDeleted"`
	IsSpam    bool   `xml:"isSpam"`
	Author    struct {
		Name  *string `xml:"name"`
		Email *string `xml:"email"`
	} `xml:"author"`
	IP     string     `xml:"ipAddress"`
	Thread disqusRef  `xml:"thread"`
	Parent *disqusRef `xml:"parent"`
}

func (d *disqus) parse(r io.Reader, emit emitFunc) error {
	if d.threads == nil {
		d.threads = map[string]disqusThread{}
	}
	w := newXMLWalker(r)
	return w.walk(func(se xml.StartElement, depth int) (bool, error) {
		if depth != 1 {
			return false, nil
		}
		switch se.Name.Local {
		case "thread":
			var t disqusThread
			if err := w.decode(&t, se); err != nil {
				return true, err
			}
			d.threads[t.DsqID] = t
		case "post":
			var p disqusPost
			if err := w.decode(&p, se); err != nil {
				return true, err
			}
			rec, err := d.record(p)
			if err != nil {
				return true, w.fail(err)
			}
			return true, emit(rec)
		default:
			return true, w.dec.Skip()
		}
		return true, nil
	})
}

func (d *disqus) record(p disqusPost) (*Record, error) {
	created, ok := parseTime(p.CreatedAt)
	if !ok {
		return nil, fmt.Errorf("post %s: bad createdAt %q", p.DsqID, p.CreatedAt)
	}
	t := d.threads[p.Thread.DsqID]
	r := &Record{ID: p.DsqID, ThreadID: p.Thread.DsqID, URL: t.Link, Title: strings.TrimSpace(t.Title),
		Author: p.Author.Name, Email: p.Author.Email, Addr: strings.TrimSpace(p.IP),
		Created: created, Text: p.Message, Body: BodyHTML}
	if r.Email == nil {
		r.Email = new(string) // Isso stores '' for a missing e-mail
	}
	if p.Parent != nil {
		r.ParentID = p.Parent.DsqID
	}
	switch {
	case p.IsSpam:
		r.State = StateSpam
	case p.IsDeleted:
		r.State = StateDeleted
	}
	return r, nil
}
