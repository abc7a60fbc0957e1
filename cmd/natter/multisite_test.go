package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMultiSiteDispatcher runs the article's multi-site setup as written:
// two configuration files in ISSO_SETTINGS, databases named with
// %(name)s, each site under /<name> with its own data, the dispatcher's
// 404 listing the mount points elsewhere, and X-Script-Name applied once.
func TestMultiSiteDispatcher(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	addr := freePort(t)
	var files []string
	for _, name := range []string{"blog", "notes"} {
		cfg := fmt.Sprintf("[general]\nname = %s\ndbpath = %s/comments.%%(name)s.db\nhost = http://%s.example\n[server]\nlisten = http://%s\n[guard]\nenabled = false\n", name, dir, name, addr)
		p := filepath.Join(dir, name+".cfg")
		if err := os.WriteFile(p, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var logs strings.Builder
	cmd := exec.Command(bin, "run")
	cmd.Env = append(os.Environ(), "ISSO_SETTINGS="+strings.Join(files, ";"))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	waitReady(t, base)

	post := func(site, uri, text string) int {
		return postJSON(t, base+"/"+site+"/new?uri="+uri, "http://"+site+".example", `{"text":"`+text+`"}`)
	}
	get := func(path string, header ...string) (int, string, http.Header) {
		return httpGet(t, base+path, header...)
	}
	if code := post("blog", "/same", "on the blog"); code != 201 {
		t.Fatalf("post to blog = %d\n%s", code, logs.String())
	}
	if code := post("notes", "/same", "in the notes"); code != 201 {
		t.Fatalf("post to notes = %d", code)
	}
	if code := post("notes", "/same", "from the wrong origin"); code != 201 {
		t.Fatalf("second post to notes = %d", code)
	}
	cases := []struct {
		name, path    string
		header        []string
		code          int
		want, notWant string
	}{
		{"blog thread", "/blog/?uri=/same", nil, 200, "on the blog", "in the notes"},
		{"notes thread", "/notes/?uri=/same", nil, 200, "in the notes", "on the blog"},
		{"outside every site", "/", nil, 404, "/blog\n/notes", ""},
		{"unknown site", "/other/info", nil, 404, "/blog\n/notes", ""},
		{"X-Script-Name before dispatch", "/isso/blog/info", []string{"X-Script-Name", "/isso"}, 200, `"origin": "http://blog.example"`, ""},
		{"widget under the site", "/notes/embed/thread?uri=/same", nil, 200, "in the notes", "on the blog"},
		{"loader under the site", "/blog/js/embed.min.js", nil, 200, "/static/natter.", ""},
		{"site readiness", "/notes/readyz", nil, 200, "ready", ""},
	}
	for _, c := range cases {
		code, body, h := get(c.path, c.header...)
		if code != c.code || !strings.Contains(body, c.want) || (c.notWant != "" && strings.Contains(body, c.notWant)) {
			t.Errorf("%s: %s = %d %q, want %d containing %q", c.name, c.path, code, body, c.code, c.want)
		}
		if code == 404 && !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
			t.Errorf("%s: 404 as %s, want text/plain", c.name, h.Get("Content-Type"))
		}
	}
	for _, name := range []string{"blog", "notes"} {
		if _, err := os.Stat(filepath.Join(dir, "comments."+name+".db")); err != nil {
			t.Errorf("site %s has no database of its own: %v", name, err)
		}
	}
}
