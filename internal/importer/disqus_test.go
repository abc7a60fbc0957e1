package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDisqus(t *testing.T) {
	st := newStore(t)
	sum := runImport(t, st, Options{Path: "testdata/disqus.xml"})
	golden(t, "disqus.summary", summaryText(t, sum))
	rows := dbRows(t, st)
	if len(rows) != 10 {
		t.Fatalf("%d comments stored, want 10: %+v", len(rows), rows)
	}
	peter := byAuthor(t, rows, "peter")
	if peter.URI != "/blog/hello/" || peter.Title != "Hello, World!" || peter.Parent != nil ||
		peter.Created != 1381432829 || peter.Addr != "127.0.0.0" || str(peter.Email) != "foo@bar.com" {
		t.Errorf("peter = %+v", peter)
	}
	if peter.Text != "Hello **world**!\n\nSecond paragraph  \nwith a break." {
		t.Errorf("peter's text = %q", peter.Text)
	}
	// Replies at every depth hang from the top-level comment.
	for _, a := range []string{"&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;", "Ann", "Bob"} {
		if r := byAuthor(t, rows, a); r.Parent == nil || *r.Parent != peter.ID {
			t.Errorf("%s: parent %v, want %d", a, r.Parent, peter.ID)
		}
	}
	tom := byAuthor(t, rows, "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;")
	if tom.Addr != "2001:0db8:85a3:0000:0000:0000:0000:0000" {
		t.Errorf("IPv6 anonymised to %q", tom.Addr)
	}
	carl := byAuthor(t, rows, "Carl")
	placeholder := rowByID(t, rows, *carl.Parent)
	if placeholder.Mode != 4 || placeholder.Text != "" || placeholder.Author != nil || str(placeholder.Email) != "gone@example.org" {
		t.Errorf("deleted parent = %+v, want Isso's placeholder", placeholder)
	}
	for _, a := range []string{"Dan", "Fay"} { // replies to spam and to a missing parent
		if r := byAuthor(t, rows, a); r.Parent != nil {
			t.Errorf("%s: parent %v, want top-level", a, *r.Parent)
		}
	}
	eve := byAuthor(t, rows, "Eve")
	if eve.URI != "/blog/hello/" || strings.Contains(eve.Text, "<script") || strings.Contains(eve.Text, "javascript") {
		t.Errorf("eve = %+v", eve)
	}
	taro := byAuthor(t, rows, "山田太郎 🎌")
	if taro.URI != "/%E6%97%A5%E6%9C%AC/" || taro.Title != "日本語の記事" || taro.Text != "素晴らしい記事です 👍 — שלום" {
		t.Errorf("taro = %+v", taro)
	}
}

func rowByID(t *testing.T, rows []dbRow, id int64) dbRow {
	t.Helper()
	for _, r := range rows {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no comment %d", id)
	return dbRow{}
}

// TestDisqus_ThreadListedAfterItsPosts: the parser keeps the threads it
// saw in the first pass, so the order of elements does not matter.
func TestDisqus_ThreadListedAfterItsPosts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "late.xml")
	xml := `<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
<post dsq:id="1"><message>first</message><createdAt>2020-03-29T00:30:00Z</createdAt>
<author><name>A</name></author><thread dsq:id="9"/></post>
<post dsq:id="2"><message>reply</message><createdAt>2020-03-29T01:30:00Z</createdAt>
<author><name>B</name></author><thread dsq:id="9"/><parent dsq:id="1"/></post>
<thread dsq:id="9"><link>https://example.org/late/</link><title>Late</title></thread>
</disqus>`
	if err := os.WriteFile(path, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	st := newStore(t)
	runImport(t, st, Options{Path: path})
	rows := dbRows(t, st)
	if len(rows) != 2 || rows[0].URI != "/late/" || rows[0].Title != "Late" || rows[1].Parent == nil || *rows[1].Parent != rows[0].ID {
		t.Errorf("rows = %+v", rows)
	}
}
