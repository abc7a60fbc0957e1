package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/internal/voters"
	"github.com/natter/natter/models"
)

// contentSource is the import-map namespace of formats whose ids are not
// stable (Isso's generic JSON, Isso databases, Natter's own exports):
// their comments are known by what they say, where and when, so merging
// two copies of the same database adds each comment once.
const contentSource = "content"

// sourceKey returns the namespace and key under which r is remembered.
func sourceKey(f Format, r *Record) (source, key string) {
	switch f {
	case IssoJSON, IssoDB, JSONL:
		h := sha256.New()
		for _, s := range []string{threadURI(r.URL), strconv.FormatInt(r.Created.Unix(), 10),
			deref(r.Author), deref(r.Email), r.Text} {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		return contentSource, hex.EncodeToString(h.Sum(nil)[:16])
	}
	return string(f), r.ID
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// mode maps a kept record's state to Isso's mode.
func mode(s State) int {
	switch s {
	case StatePending:
		return models.ModePending
	case StateDeleted:
		return models.ModeDeleted
	}
	return models.ModePublished
}

// row converts a kept record into a comment as Isso stores it.
func row(r *Record, source, key, root string) store.ImportRow {
	addr := remoteaddr.Anonymize(strings.TrimSpace(r.Addr))
	c := models.Comment{
		Created: unixSeconds(r.Created), Mode: mode(r.State), RemoteAddr: addr,
		Text: markdown(r), Author: escapeField(r.Author), Email: escapeField(r.Email),
		Website: cleanWebsite(r.Website), Likes: r.Likes, Dislikes: r.Dislikes,
		Voters: voters.New(addr).Bytes(), Notification: r.Notification,
	}
	if !r.Modified.IsZero() {
		m := unixSeconds(r.Modified)
		c.Modified = &m
	}
	if c.Mode == models.ModeDeleted { // Isso's soft delete keeps only the e-mail
		c.Text, c.Author, c.Website = "", nil, nil
	}
	return store.ImportRow{SourceID: key, RootSourceID: root, URI: threadURI(r.URL),
		Title: r.Title, Comment: c, MatchExisting: source == contentSource}
}

// markdown returns the record's text as Markdown.
func markdown(r *Record) string {
	switch r.Body {
	case BodyHTML:
		return htmlToMarkdown(r.Text)
	case BodyWPHTML:
		// WordPress shows a blank line as a new paragraph and a newline as
		// a line break (wpautop).
		t := strings.ReplaceAll(r.Text, "\r\n", "\n")
		t = strings.ReplaceAll(t, "\n\n", "<p>")
		return htmlToMarkdown(strings.ReplaceAll(t, "\n", "<br>"))
	}
	return r.Text
}
