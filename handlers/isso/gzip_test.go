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
