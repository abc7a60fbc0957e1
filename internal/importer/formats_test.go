package importer

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormats imports each small fixture and checks what the format's
// own rules say should arrive.
func TestFormats(t *testing.T) {
	tests := []struct {
		name, path string
		check      func(t *testing.T, rows []dbRow)
	}{
		{"remark42", "testdata/remark42.json", checkRemark42},
		{"remark42-gz", gzipped(t, "testdata/remark42.json"), checkRemark42},
		{"isso-json", "testdata/isso.json", checkIssoJSON},
		{"artalk", "testdata/artalk.json", checkArtalk},
		{"waline", "testdata/waline.json", checkWaline},
		{"commento", "testdata/commento.json", checkCommento},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			sum := runImport(t, st, Options{Path: tc.path})
			golden(t, strings.TrimSuffix(tc.name, "-gz")+".summary", summaryText(t, sum))
			tc.check(t, dbRows(t, st))
		})
	}
}

func checkRemark42(t *testing.T, rows []dbRow) {
	top := byAuthor(t, rows, "Umputun")
	// 12:00 at +02:00 (summer) and 12:00 at +01:00 (winter) are 10:00 and 11:00 UTC.
	if top.Created != 1625133600 || top.Text != "Summer time: **+02:00**" || top.Dislikes != 1 {
		t.Errorf("top = %+v", top)
	}
	if w := byAuthor(t, rows, "Winter"); w.Created != 1638356400 || w.Text != "Winter: *+01:00*" || w.URI != "/p/2021/12/01/podcast/" {
		t.Errorf("winter = %+v", w)
	}
	if d := byAuthor(t, rows, "Deep Reply"); d.URI != "/p/2021/07/01/podcast/" || d.Parent == nil || *d.Parent != top.ID {
		t.Errorf("deep reply = %+v", d)
	}
	if byAuthor(t, rows, "Early Reply").Addr != "0.0.0.0" {
		t.Error("a hashed remark42 address was stored as an address")
	}
}

func checkIssoJSON(t *testing.T, rows []dbRow) {
	james := byAuthor(t, rows, "James")
	if james.URI != "/posts/0001/" || james.Title != "Test+post" || james.Text != "Great article!\n" || james.Created != 1543425863 {
		t.Errorf("james = %+v", james)
	}
	ana := byAuthor(t, rows, "Ana &lt;Admin&gt;")
	if ana.Parent == nil || *ana.Parent != james.ID || str(ana.Website) != "" {
		t.Errorf("ana = %+v", ana)
	}
	if byAuthor(t, rows, "Anonymous").URI != "/posts/0007/" {
		t.Error("second thread missing")
	}
}

func checkArtalk(t *testing.T, rows []dbRow) {
	top := byAuthor(t, rows, "小明")
	if top.URI != "/posts/hello/" || top.Title != "你好" || top.Created != 1635425415 || top.Likes != 3 ||
		top.Addr != "114.114.114.0" || str(top.Website) != "https://xiaoming.example.cn" {
		t.Errorf("top = %+v", top)
	}
	red := byAuthor(t, rows, "小红")
	if red.Mode != 2 || red.Website != nil || red.Parent == nil || *red.Parent != top.ID {
		t.Errorf("pending reply = %+v", red)
	}
	if g := byAuthor(t, rows, "小刚"); g.Parent == nil || *g.Parent != top.ID || g.Dislikes != 1 {
		t.Errorf("nested reply = %+v", g)
	}
}

func checkWaline(t *testing.T, rows []dbRow) {
	w := byAuthor(t, rows, "Wally")
	if w.URI != "/posts/waline/" || str(w.Website) != "http://waline.example.org" || w.Likes != 4 || w.Created != 1637982245 {
		t.Errorf("wally = %+v", w)
	}
	if p := byAuthor(t, rows, "Patient"); p.Mode != 2 || p.Parent == nil || *p.Parent != w.ID {
		t.Errorf("waiting reply = %+v", p)
	}
}

func checkCommento(t *testing.T, rows []dbRow) {
	first := byAuthor(t, rows, "First Commenter")
	if str(first.Email) != "first@example.org" || first.Likes != 5 || first.Created != 1553988600 {
		t.Errorf("first = %+v (commenters listed after comments must still be found)", first)
	}
	second := byAuthor(t, rows, "Second")
	if second.Website != nil || second.Mode != 2 || second.Dislikes != 2 || second.Parent == nil {
		t.Fatalf("second = %+v", second)
	}
	if p := rowByID(t, rows, *second.Parent); p.Mode != 4 || p.Text != "" {
		t.Errorf("deleted parent = %+v, want a placeholder", p)
	}
}

// gzipped writes a gzip copy of path, as remark42 backups usually are.
func gzipped(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path)+".gz")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}
