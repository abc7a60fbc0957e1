package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func newAssets(t *testing.T) *Assets {
	t.Helper()
	a, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

func TestAssets_URLIsContentHashed(t *testing.T) {
	a := newAssets(t)
	for _, tc := range []struct{ name, pattern string }{
		{"natter.css", `^/static/natter\.[0-9a-f]{10}\.css$`},
		{"htmx.min.js", `^/static/htmx\.min\.[0-9a-f]{10}\.js$`},
		{"embed.js", `^/static/embed\.[0-9a-f]{10}\.js$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := a.URL(tc.name)
			if !regexp.MustCompile(tc.pattern).MatchString(got) {
				t.Fatalf("URL(%q) = %q, want match for %s", tc.name, got, tc.pattern)
			}
			f, ok := a.Lookup(got)
			if !ok {
				t.Fatalf("Lookup(%q) not found", got)
			}
			sum := sha256.Sum256(f.Body)
			if want := hex.EncodeToString(sum[:])[:10]; !strings.Contains(got, "."+want+".") {
				t.Errorf("URL %q does not carry content hash %s", got, want)
			}
		})
	}
}

func TestAssets_HashIsStable(t *testing.T) {
	fsys := fstest.MapFS{"dist/natter.css": {Data: []byte("a{}")}}
	a, err := newFromFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newFromFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	// sha256("a{}") starts with these ten hex digits.
	const want = "/static/natter.5f546eb460.css"
	if got := a.URL("natter.css"); got != want || b.URL("natter.css") != want {
		t.Fatalf("URL = %q and %q, want %q both times", got, b.URL("natter.css"), want)
	}
	if got := newAssets(t).URL("natter.css"); got != newAssets(t).URL("natter.css") {
		t.Fatalf("embedded URL changed between two New calls: %q", got)
	}
}

func TestAssets_Lookup(t *testing.T) {
	a := newAssets(t)
	url := a.URL("natter.css")
	bare := strings.TrimPrefix(url, Prefix)
	for _, tc := range []struct {
		name, path string
		found      bool
	}{
		{"path as returned by URL", url, true},
		{"bare hashed name", bare, true},
		{"wrong hash", "/static/natter.0000000000.css", false},
		{"unhashed name", "/static/natter.css", false},
		{"logical name", "natter.css", false},
		{"readme is not served", "README.md", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := a.Lookup(tc.path)
			if ok != tc.found {
				t.Fatalf("Lookup(%q) found = %v, want %v", tc.path, ok, tc.found)
			}
			if ok && f.Name != "natter.css" {
				t.Errorf("Name = %q, want natter.css", f.Name)
			}
		})
	}
	if got := a.URL("README.md"); got != "" {
		t.Errorf(`URL("README.md") = %q, want ""`, got)
	}
}

func TestAssets_ContentTypesAndETag(t *testing.T) {
	a := newAssets(t)
	for _, tc := range []struct{ name, ctype string }{
		{"natter.css", "text/css; charset=utf-8"},
		{"htmx.min.js", "text/javascript; charset=utf-8"},
		{"embed.js", "text/javascript; charset=utf-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := a.Lookup(a.URL(tc.name))
			if !ok {
				t.Fatalf("%s not found", tc.name)
			}
			if f.ContentType != tc.ctype {
				t.Errorf("ContentType = %q, want %q", f.ContentType, tc.ctype)
			}
			parts := strings.Split(a.URL(tc.name), ".")
			if hash := parts[len(parts)-2]; f.ETag != `W/"`+hash+`"` {
				t.Errorf("ETag = %q, want weak tag of %s", f.ETag, hash)
			}
		})
	}
}

func TestAssets_GzipMatchesBody(t *testing.T) {
	a := newAssets(t)
	for _, name := range []string{"natter.css", "htmx.min.js"} {
		t.Run(name, func(t *testing.T) {
			f, _ := a.Lookup(a.URL(name))
			if f.Gzip() == nil {
				t.Fatal("Gzip() is nil for a compressible file")
			}
			zr, err := gzip.NewReader(bytes.NewReader(f.Gzip()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, f.Body) {
				t.Fatal("gunzipped Gzip() differs from Body")
			}
		})
	}
}

func TestNewFromFS_RejectsDuplicateNames(t *testing.T) {
	_, err := newFromFS(fstest.MapFS{
		"dist/app.js":   {Data: []byte("1")},
		"vendor/app.js": {Data: []byte("2")},
	})
	if err == nil {
		t.Fatal("want an error for two assets with the same base name")
	}
}

func TestNewFromFS_TinyFileHasNoGzip(t *testing.T) {
	a, err := newFromFS(fstest.MapFS{"js/x.js": {Data: []byte(";")}})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := a.Lookup(a.URL("x.js")); f.Gzip() != nil {
		t.Fatalf("Gzip() = %d bytes for a 1-byte file, want nil", len(f.Gzip()))
	}
}

// TestAssets_GzipOnceForAllCallers: requests racing for a file's first
// compression, and Prepare beside them, all get the same bytes.
func TestAssets_GzipOnceForAllCallers(t *testing.T) {
	a := newAssets(t)
	url := a.URL("htmx.min.js")
	got := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			f, _ := a.Lookup(url)
			got[i] = f.Gzip()
		})
	}
	wg.Go(a.Prepare)
	wg.Wait()
	for i, g := range got {
		if len(g) == 0 || &g[0] != &got[0][0] {
			t.Fatalf("caller %d got a different compression (%d bytes)", i, len(g))
		}
	}
}
