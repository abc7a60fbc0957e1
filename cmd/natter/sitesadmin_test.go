package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSitesAdminPanel: with [natter] sites-admin-password, the hoster
// signs in at /admin/sites of a running server, creates a site that is
// served at once and counted, and suspends it.
func TestSitesAdminPanel(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	addr := freePort(t)
	cfg := filepath.Join(dir, "server.cfg")
	text := fmt.Sprintf("[general]\nhost = http://localhost:*\n[server]\nlisten = http://%s\n[guard]\nenabled = false\n"+
		"[natter]\nsites-db = %s/sites.db\nsites-admin-password = hoster-password-123\n", addr, dir)
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
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

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	post := func(path string, form url.Values) (int, string) {
		resp, err := client.PostForm(base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := post("/admin/sites/login", url.Values{"password": {"hoster-password-123"}})
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if code != 200 || csrf == nil {
		t.Fatalf("sign-in: %d\n%s\n%s", code, page, logs.String())
	}
	code, page = post("/admin/sites/new", url.Values{"csrf": {csrf[1]}, "name": {"shop"}, "hosts": {"http://shop.example"}})
	if code != 201 || !strings.Contains(page, "owner-password") {
		t.Fatalf("create: %d\n%s", code, page)
	}
	if code, _, _ := httpGet(t, base+"/shop/info"); code != 200 {
		t.Fatalf("/shop/info right after creation: %d", code)
	}
	if code := postJSON(t, base+"/shop/new?uri=/a", "http://shop.example", `{"text":"counted"}`); code != 201 {
		t.Fatalf("post to shop: %d", code)
	}
	resp, err := client.Get(base + "/admin/sites/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`data-site="shop">(?s:.*?)<td>1</td>`).Match(b) {
		t.Errorf("list does not count shop's comment:\n%s", b)
	}
	if code, _ := post("/admin/sites/shop/suspend", url.Values{"csrf": {csrf[1]}}); code != 200 {
		t.Fatalf("suspend: %d", code)
	}
	if code, _, _ := httpGet(t, base+"/shop/info"); code != 404 {
		t.Fatalf("/shop/info after suspension: %d", code)
	}
}
