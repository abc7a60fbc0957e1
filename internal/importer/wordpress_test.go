package importer

import (
	"strings"
	"testing"
)

func TestWordPress(t *testing.T) {
	st := newStore(t)
	sum := runImport(t, st, Options{Path: "testdata/wordpress.xml"})
	golden(t, "wordpress.summary", summaryText(t, sum))
	rows := dbRows(t, st)
	if len(rows) != 7 {
		t.Fatalf("%d comments stored, want 7", len(rows))
	}
	ohai := byAuthor(t, rows, "Ohai")
	if ohai.URI != "/2014/test/" || ohai.Title != "Hello, World…" || ohai.Text != "Erster!1" ||
		ohai.Addr != "82.119.20.0" || str(ohai.Email) != "foo@bar.com" || ohai.Website != nil ||
		ohai.Created != 1389720732 {
		t.Errorf("ohai = %+v (website %s)", ohai, str(ohai.Website))
	}
	multi := byAuthor(t, rows, "Multi")
	if multi.Text != "This comment has  \nmultiple lines:  \nWordPress keeps them.\n\nAnd a second paragraph." {
		t.Errorf("multi-line text = %q", multi.Text)
	}
	if str(multi.Website) != "https://multi.example.org/" || multi.Parent == nil || *multi.Parent != ohai.ID {
		t.Errorf("multi = %+v", multi)
	}
	nested := byAuthor(t, rows, "Nested")
	if nested.Mode != 2 || nested.Parent == nil || *nested.Parent != ohai.ID {
		t.Errorf("pending reply to a reply = %+v, want mode 2 under %d", nested, ohai.ID)
	}
	if r := byAuthor(t, rows, "Answers Spam"); r.Parent != nil {
		t.Errorf("reply to spam has parent %d", *r.Parent)
	}
	if r := byAuthor(t, rows, "Same Id Elsewhere"); r.URI != "/?p=4" {
		t.Errorf("second post's comment on %q", r.URI)
	}
	if r := byAuthor(t, rows, "Http Visitor"); r.URI != "/2014/test/" {
		t.Errorf("http page not merged: %q", r.URI)
	}
	hostile := byAuthor(t, rows, "Hostile")
	if hostile.Text != "[link](http://x.example.org)" || strings.Contains(hostile.Text, "onerror") {
		t.Errorf("hostile text = %q", hostile.Text)
	}
}
