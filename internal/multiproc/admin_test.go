package multiproc

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/natter/natter/internal/pgtest"
)

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// An admin session made on one process works on the other, and logging
// out on that one ends it on both.
func TestTwoProcesses_AdminSession(t *testing.T) {
	dsn := pgtest.DSN(t)
	const admin = "[admin]\nenabled = true\npassword = correct-horse-battery\n"
	a, b := start(t, dsn, admin), start(t, dsn, admin)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(method, u, cookie string, form url.Values) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(method, u, strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, string(body)
	}
	res, _ := send(http.MethodPost, a.base+"/login/", "", url.Values{"password": {"correct-horse-battery"}})
	if res.StatusCode != http.StatusFound || len(res.Cookies()) == 0 {
		t.Fatalf("login on A = %d with %d cookies", res.StatusCode, len(res.Cookies()))
	}
	var cookies []string
	for _, c := range res.Cookies() {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	cookie := strings.Join(cookies, "; ")
	res, body := send(http.MethodGet, b.base+"/admin/", cookie, nil)
	m := csrfField.FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("A's session on B: %d %.200s", res.StatusCode, body)
	}
	if res, _ = send(http.MethodPost, b.base+"/admin/logout", cookie, url.Values{"_csrf": {m[1]}}); res.StatusCode >= 400 {
		t.Fatalf("logout on B = %d", res.StatusCode)
	}
	if res, _ = send(http.MethodGet, a.base+"/admin/", cookie, nil); res.StatusCode == http.StatusOK {
		t.Errorf("the session still works on A after logging out on B")
	}
}
