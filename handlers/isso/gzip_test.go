package isso_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestFetchThread_Gzip: a browser asking for gzip gets the thread
// compressed; decompressed it is byte for byte the plain answer.
func TestFetchThread_Gzip(t *testing.T) {
	s := newSite(t, "")
	for i := range 20 {
		post(t, s, "/z/", map[string]any{"text": strings.Repeat("a comment worth compressing ", 10) + string(rune('a'+i))})
		tick(s)
	}
	plain := get(t, s, "/?uri=/z/")
	zipped := do(t, s, req{method: "GET", path: "/?uri=/z/", headers: map[string]string{"Accept-Encoding": "gzip, deflate, br"}})
	if zipped.header.Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers: %v", zipped.header)
	}
	if len(zipped.body) >= len(plain.body)/2 {
		t.Errorf("gzip body %d bytes for %d plain", len(zipped.body), len(plain.body))
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped.body))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, plain.body) {
		t.Errorf("decompressed answer differs from the plain one (%v)", err)
	}
	if plain.header.Get("Content-Encoding") != "" {
		t.Error("a client without Accept-Encoding got an encoded body")
	}
}

// TestFetchThread_BigGzip: a thread too big to compress whole per write
// is sent compressed from cached chunks, before and after a new comment.
func TestFetchThread_BigGzip(t *testing.T) {
	s := newSite(t, "")
	for i := range 41 {
		if i == 40 {
			get(t, s, "/?uri=/big/") // cache the chunks the next answer reuses
		}
		post(t, s, "/big/", map[string]any{"text": strings.Repeat("a long comment to make a big thread ", 200) + string(rune('a'+i))})
		tick(s)
		if i < 39 {
			continue
		}
		plain := get(t, s, "/?uri=/big/")
		zipped := do(t, s, req{method: "GET", path: "/?uri=/big/", headers: map[string]string{"Accept-Encoding": "gzip"}})
		if len(plain.body) < 256<<10 || zipped.header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%d plain bytes; Content-Encoding %q", len(plain.body), zipped.header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped.body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, plain.body) {
			t.Errorf("after comment %d the gzip form differs from the plain answer (%v)", i, err)
		}
	}
}
