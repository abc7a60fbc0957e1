package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestLimitServesCaptured captures a response from a stand-in for Natter
// and checks that the limit server answers any request with exactly its
// status, headers and encoded body.
func TestLimitServesCaptured(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"total_replies": 1, "replies": []}`))
	zw.Close()
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("HX-Request") != "true" || r.Header.Get("Accept-Encoding") != "gzip" {
			t.Errorf("capture did not send the row's headers: %v", r.Header)
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Encoding", "gzip")
		h.Set("ETag", `W/"abc"`)
		h.Set("Vary", "Accept-Encoding, HX-Request")
		h.Set("Cache-Control", "public, max-age=30")
		w.WriteHeader(http.StatusCreated)
		w.Write(gz.Bytes())
	}))
	defer origin.Close()
	req := request{method: "GET", path: "/embed/thread?uri=/x",
		headers: map[string]string{"HX-Request": "true", "Accept-Encoding": "gzip"}}
	c, err := capture(context.Background(), origin.URL, req)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.body, gz.Bytes()) {
		t.Fatal("capture decoded or changed the body")
	}
	l, err := startLimit(c)
	if err != nil {
		t.Fatal(err)
	}
	defer l.stop()
	for _, r := range []request{req, {method: "POST", path: "/other", body: "[]"}} {
		got, err := capture(context.Background(), l.url(), r)
		if err != nil {
			t.Fatal(err)
		}
		if got.status != http.StatusCreated || !bytes.Equal(got.body, gz.Bytes()) {
			t.Errorf("%s %s: status %d, %d bytes; want 201 and the captured %d bytes",
				r.method, r.path, got.status, len(got.body), len(gz.Bytes()))
		}
		for _, k := range []string{"Content-Type", "Content-Encoding", "Etag", "Vary", "Cache-Control"} {
			if g, w := got.header.Values(k), c.header.Values(k); len(g) != 1 || g[0] != w[0] {
				t.Errorf("%s: header %s = %q, want %q", r.path, k, g, w)
			}
		}
		if len(got.header) != len(c.header) {
			t.Errorf("%s: headers %v, want %v", r.path, got.header, c.header)
		}
	}
}
