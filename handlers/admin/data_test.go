package admin_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/internal/testsite"
)

// upload posts a file to /admin/data/import as the page's form does.
func (a *adminClient) upload(name, content, typ string) (*http.Response, string) {
	a.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("_csrf", a.csrf)
	_ = w.WriteField("type", typ)
	f, _ := w.CreateFormFile("file", name)
	_, _ = f.Write([]byte(content))
	_ = w.Close()
	req := httptest.NewRequest("POST", "/admin/data/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return a.do(req)
}

func hidden(t *testing.T, body, name string) string {
	t.Helper()
	v, ok := doc(t, body).Find(`input[name="` + name + `"]`).Attr("value")
	if !ok {
		t.Fatalf("no %s field: %.1500s", name, body)
	}
	return v
}

// Export from one site, upload to another: the dry run counts without
// storing, the confirmation imports, and the upload is gone afterwards.
func TestData_ExportThenImport(t *testing.T) {
	src := newAdminSite(t)
	seed(t, src, "/moved", "first moved comment", "second moved comment")
	a := login(t, src)
	_, page := a.get("/admin/data", false)
	testsite.NoInlineStyle(t, "data page", page)
	resp, export := a.post("/admin/data/export", form(a, "format", "isso-json"), false)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "comments.json") ||
		!strings.Contains(export, "first moved comment") {
		t.Fatalf("export: %d %v %.300s", resp.StatusCode, resp.Header, export)
	}
	if _, lines := a.post("/admin/data/export", form(a, "format", "jsonl"), false); strings.Count(lines, "\n") != 3 || !strings.Contains(lines, "second moved comment") {
		t.Errorf("jsonl export: %q", lines)
	}

	dst := newAdminSite(t)
	b := login(t, dst)
	resp, body := b.upload("export.json", export, "")
	counts := doc(t, body).Find(`[data-testid=import-counts]`).Text()
	if resp.StatusCode != http.StatusOK || counts != "1 thread, 2 comments" {
		t.Fatalf("dry run: %d %q", resp.StatusCode, counts)
	}
	if strings.Contains(publicThread(t, dst, "/moved"), "moved comment") || strings.Contains(body, `data-testid="count-pending">2<`) {
		t.Fatal("the dry run stored comments")
	}
	token := hidden(t, body, "token")
	if fi, err := os.Stat(filepath.Join(os.TempDir(), "natter-import-"+token)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the kept upload: %v, %v", fi, err)
	}
	confirm := form(b, "token", token, "type", hidden(t, body, "type"))
	resp, _ = b.post("/admin/data/import/confirm", confirm, false)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "comments=2") {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, q := b.get("/admin/?state=pending", false); strings.Count(q, `data-testid="admin-row"`) != 2 {
		t.Error("the imported comments are not in the queue")
	}
	if resp, _ := b.post("/admin/data/import/confirm", confirm, false); resp.StatusCode != http.StatusGone {
		t.Errorf("second confirmation = %d, want 410", resp.StatusCode)
	}
}

func TestData_BadUploads(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: adminConfig + "[natter]\nbody-limit = 4096\n"})
	a := login(t, s)
	resp, body := a.upload("broken.json", `{"threads": [`, "isso-json")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `data-testid="import-error"`) {
		t.Errorf("truncated export: %d %.500s", resp.StatusCode, body)
	}
	// The server refuses the body before the panel sees it (fasthttp
	// answers 413; app.Test reports it as an error).
	req := httptest.NewRequest("POST", "/admin/data/import", strings.NewReader(strings.Repeat("x", 8192)))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	if resp, err := s.App.Test(req, -1); err == nil && resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("upload over body-limit = %d", resp.StatusCode)
	} else if err != nil && !strings.Contains(err.Error(), "exceeds") {
		t.Errorf("upload over body-limit: %v", err)
	}
	if resp, _ := a.post("/admin/data/import/confirm", form(a, "token", "../../etc/passwd"), false); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad token = %d", resp.StatusCode)
	}
}

// The backup is a verified SQLite file, and no temporary copy stays.
func TestData_Backup(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/kept", "a comment worth keeping")
	a := login(t, s)
	if store.IsPostgres(s.Site.DBPath) {
		// PostgreSQL is backed up with pg_dump: the page says so.
		_, page := a.get("/admin/data", false)
		resp, body := a.post("/admin/data/backup", form(a), false)
		if !strings.Contains(page, `data-testid="backup-pg"`) || resp.StatusCode != http.StatusConflict || !strings.Contains(body, "pg_dump") {
			t.Errorf("backup on PostgreSQL: %d %q", resp.StatusCode, body)
		}
		return
	}
	before, _ := filepath.Glob(filepath.Join(os.TempDir(), "natter-download-*"))
	resp, body := a.post("/admin/data/backup", form(a), false)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "SQLite format 3\x00") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "comments.db") {
		t.Fatalf("backup: %d %v", resp.StatusCode, resp.Header)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	copied := testsite.New(t, testsite.Options{Config: adminConfig, DBPath: path})
	var texts []string
	copied.Site.DB.Reader().Raw("SELECT text FROM comments").Scan(&texts)
	if len(texts) != 1 || texts[0] != "a comment worth keeping" {
		t.Fatalf("the backup holds %q", texts)
	}
	if after, _ := filepath.Glob(filepath.Join(os.TempDir(), "natter-download-*")); len(after) > len(before) {
		t.Errorf("temporary files left: %v", after)
	}
}
