package embed_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestEmbedFragmentsShareTheBudget: readers' free text (the title), and
// the passing minutes, never multiply cached renders of one thread, and
// every render stays within the site's byte budget.
func TestEmbedFragmentsShareTheBudget(t *testing.T) {
	const budget = 1 << 20
	s := newEmbedSite(t, "[natter]\ncache-budget = 1MB\n[guard]\nenabled = false\n")
	for i := range 30 {
		r := edo(t, s, "POST", "/embed/comments?uri=/t", eform("text", fmt.Sprint(strings.Repeat("word ", 100), i)), hx...)
		if r.StatusCode >= 300 {
			t.Fatalf("post: %d %s", r.StatusCode, r.body)
		}
	}
	for i := range 300 {
		if i%100 == 0 {
			s.Clock.Advance(time.Minute)
		}
		target := "/embed/thread?uri=/t&title=" + url.QueryEscape(fmt.Sprint("Reader's title ", i))
		if r := edo(t, s, "GET", target, "", withHX()...); r.StatusCode != 200 {
			t.Fatalf("GET %s: %d", target, r.StatusCode)
		}
		if used := s.Site.Cache.Used(); used > budget {
			t.Fatalf("after %d reads the cache holds %d bytes, budget %d", i+1, used, budget)
		}
	}
	first := edo(t, s, "GET", "/embed/thread?uri=/t&title=A", "", withHX()...)
	// One render is its body plus its gzip form (smaller than the body).
	if n := s.Site.Cache.Stats().Spaces["embed-fragment"]; n == 0 || n >= int64(2*len(first.body)) {
		t.Errorf("fragments take %d bytes for a %d-byte render: want one render, not one per title or minute", n, len(first.body))
	}
	second := edo(t, s, "GET", "/embed/thread?uri=/t&title=B", "", withHX()...)
	if first.Header.Get("ETag") != second.Header.Get("ETag") || strings.Contains(first.body, "title=A") {
		t.Error("an existing thread's render depends on the reader's title")
	}
}

// TestEmbedFragmentGzipShrinksAfterFirstRead: the reader who causes a
// render gets it compressed fast; once reused, the kept copy is recompressed
// smaller in the background, and both decompress to the same page.
func TestEmbedFragmentGzipShrinksAfterFirstRead(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nenabled = false\n")
	for i := range 30 {
		r := edo(t, s, "POST", "/embed/comments?uri=/z", eform("text", fmt.Sprint(strings.Repeat("a comment to compress ", 20), i)), hx...)
		if r.StatusCode >= 300 {
			t.Fatalf("post: %d %s", r.StatusCode, r.body)
		}
	}
	get := func() (zipped, page string) {
		r := edo(t, s, "GET", "/embed/thread?uri=/z", "", withHX("Accept-Encoding", "gzip")...)
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("no gzip: %v", r.Header)
		}
		zr, err := gzip.NewReader(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return r.body, string(got)
	}
	first, page := get() // this read renders the thread
	deadline := time.Now().Add(30 * time.Second)
	for {
		zipped, again := get()
		if again != page {
			t.Fatal("the kept render decompresses to another page")
		}
		if len(zipped) < len(first) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the kept render's gzip form stayed at %d bytes", len(first))
		}
		time.Sleep(time.Millisecond) // polling for the background recompression
	}
}
