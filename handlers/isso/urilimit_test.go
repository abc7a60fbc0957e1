package isso_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
)

// TestCreate_URILength: a new comment may name a thread URI of at most
// comment.MaxURIBytes bytes; a longer one is refused with 414 in Isso's
// error format and creates nothing. Reads of such URIs still answer.
func TestCreate_URILength(t *testing.T) {
	long := "/" + strings.Repeat("a", comment.MaxURIBytes-1)
	tests := []struct {
		name string
		uri  string
		want int
	}{
		{"short", "/post/", http.StatusCreated},
		{"at the limit", long, http.StatusCreated},
		{"one byte over", long + "b", http.StatusRequestURITooLong},
		{"multi-byte at the limit", "/" + strings.Repeat("é", (comment.MaxURIBytes-2)/2) + "x", http.StatusCreated},
		{"multi-byte over", "/" + strings.Repeat("é", comment.MaxURIBytes/2), http.StatusRequestURITooLong},
		{"ten thousand bytes", "/" + strings.Repeat("x", 9999), http.StatusRequestURITooLong},
	}
	s := newSite(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, req{method: http.MethodPost, path: "/new?uri=" + url.QueryEscape(tt.uri),
				body: `{"text": "hello"}`, headers: map[string]string{"Accept": "application/json"}})
			if r.status != tt.want {
				t.Fatalf("%d-byte uri: %s, want %d", len(tt.uri), r, tt.want)
			}
			if tt.want != http.StatusRequestURITooLong {
				return
			}
			jsonEqual(t, r.body, `{"message": "414 Request URI Too Long: uri is too long (maximum length: 4096 bytes)"}`)
			if g := get(t, s, "/?uri="+url.QueryEscape(tt.uri)); g.status != http.StatusOK ||
				!strings.Contains(string(g.body), `"total_replies": 0`) {
				t.Errorf("thread after refusal: %s", g)
			}
		})
	}
}
