package embed_test

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzWidgetForm sends arbitrary form bodies and query strings to the
// widget's write routes: every answer is a refusal or a success, never a
// server error, and nothing panics.
func FuzzWidgetForm(f *testing.F) {
	for _, seed := range []struct{ query, body string }{
		{"uri=/a", "text=hello+there&author=Ann"},
		{"uri=/a&lang=zh-CN", "text=%E4%BD%A0%E5%A5%BD&parent=1&notification=1"},
		{"uri=", "text=&website=javascript:alert(1)"},
		{"uri=/a&limit=inf&nested=-5", "text=x%00y&email=%ff%fe"},
		{"uri=%zz", "parent=99999999999999999999&text=aaaa"},
	} {
		f.Add(seed.query, seed.body)
	}
	s := newEmbedSiteTB(f, "[guard]\nenabled = false\n")
	f.Fuzz(func(t *testing.T, query, body string) {
		for _, path := range []string{"/embed/comments", "/embed/preview", "/embed/comments/1/vote"} {
			req, err := http.NewRequest("POST", path+"?"+query, strings.NewReader(body))
			if err != nil {
				return // not a request a client could send
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", blog)
			req.Header.Set("HX-Request", "true")
			resp, err := s.App.Test(req, -1)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("POST %s?%s with %q: %d", path, query, body, resp.StatusCode)
			}
		}
	})
}
