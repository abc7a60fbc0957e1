package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestSitesAddedAtRunTime: a hoster adds two sites to a running server
// from the command line; each is served at /<name> within seconds with its
// own data, a removed site stops being served, and its data is kept.
func TestSitesAddedAtRunTime(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	addr := freePort(t)
	cfg := filepath.Join(dir, "server.cfg")
	text := fmt.Sprintf("[general]\nhost = http://localhost:*\n[server]\nlisten = http://%s\n[guard]\nenabled = false\n[natter]\nsites-db = %s/sites.db\n", addr, dir)
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	site := func(args ...string) string {
		out, err := exec.Command(bin, append([]string{"-c", cfg, "site"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("site %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	var logs strings.Builder
	cmd := exec.Command(bin, "-c", cfg, "run")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	waitReady(t, base)

	out := site("add", "blog", "--host", "http://blog.example")
	blogPassword := regexp.MustCompile(`password \(shown once\): (\S+)`).FindStringSubmatch(out)
	if blogPassword == nil {
		t.Fatalf("add says %q", out)
	}
	site("add", "notes", "--host", "http://notes.example", "--moderation")
	waitFor(t, "both sites served", func() bool {
		code, _, _ := httpGet(t, base+"/notes/info")
		code2, _, _ := httpGet(t, base+"/blog/info")
		return code == 200 && code2 == 200
	}, &logs)
	if code := postJSON(t, base+"/blog/new?uri=/same", "http://blog.example", `{"text":"on the blog"}`); code != 201 {
		t.Fatalf("post to blog: %d\n%s", code, logs.String())
	}
	if code := postJSON(t, base+"/notes/new?uri=/same", "http://notes.example", `{"text":"held in the notes"}`); code != 202 {
		t.Fatalf("post to notes (moderated): %d", code)
	}
	if code := postJSON(t, base+"/notes/new?uri=/same", "http://blog.example", `{"text":"from the other site"}`); code != 403 {
		t.Errorf("blog's origin writing to notes: %d, want 403", code)
	}
	if _, body, _ := httpGet(t, base+"/notes/?uri=/same"); strings.Contains(body, "on the blog") {
		t.Error("notes shows blog's comment")
	}
	ownerIsolation(t, base, blogPassword[1])
	if out := site("list"); !strings.Contains(out, "blog") || !strings.Contains(out, "notes") {
		t.Errorf("list: %q", out)
	}
	site("remove", "blog")
	waitFor(t, "blog no longer served", func() bool {
		code, body, _ := httpGet(t, base+"/blog/info")
		return code == 404 && strings.Contains(body, "/notes") && !strings.Contains(body, "/blog")
	}, &logs)
	if _, err := os.Stat(filepath.Join(dir, "comments.blog.db")); err != nil {
		t.Errorf("removing blog lost its data: %v", err)
	}
}

func waitFor(t *testing.T, what string, ok func() bool, logs *strings.Builder) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting until %s\n%s", what, logs.String())
}

// ownerIsolation: blog's owner signs in to blog's panel only; the session
// cookie is scoped to /blog/ and means nothing to notes' panel, and blog's
// password does not open notes'.
func ownerIsolation(t *testing.T, base, password string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	login := func(site string) *http.Response {
		resp, err := client.PostForm(base+"/"+site+"/login/", url.Values{"password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := login("blog")
	cookies := resp.Cookies()
	if resp.StatusCode != 302 || len(cookies) == 0 || cookies[0].Path != "/blog/" {
		t.Fatalf("blog login: %d, cookies %v", resp.StatusCode, cookies)
	}
	panel := func(site string) int {
		req, _ := http.NewRequest("GET", base+"/"+site+"/admin/", nil)
		req.AddCookie(cookies[0])
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := panel("blog"); code != 200 {
		t.Errorf("blog's panel with blog's session: %d", code)
	}
	if code := panel("notes"); code == 200 {
		t.Error("blog's session opens notes' panel")
	}
	if resp := login("notes"); resp.StatusCode != 401 {
		t.Errorf("blog's password at notes' login: %d, want 401", resp.StatusCode)
	}
}
