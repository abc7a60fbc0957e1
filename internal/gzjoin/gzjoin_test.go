package gzjoin_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"os/exec"
	"testing"

	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/gzjoin"
)

// split cuts n bytes of comment-like JSON into parts as a thread answer
// is made: each part its own allocation, the longer ones kept (memoised
// encodings), the short ones glue between them; a chunk ends after about
// one part in eight.
func split(rng *rand.Rand, n int) gzjoin.Body {
	var b gzjoin.Body
	for size := 0; size < n; {
		var p []byte
		if rng.IntN(3) == 0 {
			p = []byte(fmt.Sprintf(`, "total_replies": %d, "replies": [`, rng.IntN(100)))
		} else {
			p = []byte(fmt.Sprintf(`{"id": %d, "text": "comment %d about %x and %x"}`, rng.IntN(1e6), rng.IntN(100), rng.Uint64(), rng.Uint64()))
		}
		p = p[:min(len(p), n-size)]
		b.Parts, b.Kept = append(b.Parts, p), append(b.Kept, len(p) > 40)
		size += len(p)
		if rng.IntN(8) == 0 {
			b.Cuts = append(b.Cuts, len(b.Parts))
		}
	}
	return b
}

func whole(b gzjoin.Body) []byte { return bytes.Join(b.Parts, nil) }

func gunzip(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr) // checks the CRC-32 and the length too
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestGzip_RoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	j := gzjoin.New(cache.New(64 << 20))
	cases := []struct {
		name string
		size int
		cuts func(b *gzjoin.Body)
	}{
		{"empty", 0, nil},
		{"one chunk", 5000, func(b *gzjoin.Body) { b.Cuts = nil }},
		{"cuts", 100000, nil},
		{"cut at the ends", 3000, func(b *gzjoin.Body) { b.Cuts = []int{0, len(b.Parts)} }},
		{"out of order or out of range", 3000, func(b *gzjoin.Body) { b.Cuts = []int{20, 10, len(b.Parts) + 5} }},
		{"nothing kept", 50000, func(b *gzjoin.Body) { b.Kept = nil }},
	}
	for _, c := range cases {
		b := split(rng, c.size)
		if c.cuts != nil {
			c.cuts(&b)
		}
		// Twice: compressed, then joined from the cache.
		for round := range 2 {
			z := j.Gzip(b)
			if got := gunzip(t, z); !bytes.Equal(got, whole(b)) {
				t.Errorf("%s, round %d: decompressed %d bytes differ from the %d given", c.name, round, len(got), len(whole(b)))
			}
			if c.size > 10000 && len(z) > c.size/2 {
				t.Errorf("%s: %d bytes compressed to %d", c.name, c.size, len(z))
			}
		}
	}
}

// TestGzip_OtherDecoders: the joined stream is plain gzip for gzip(1).
func TestGzip_OtherDecoders(t *testing.T) {
	gz, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("no gzip(1) here")
	}
	b := split(rand.New(rand.NewPCG(3, 4)), 200000)
	cmd := exec.Command(gz, "-dc")
	cmd.Stdin = bytes.NewReader(gzjoin.New(cache.New(64 << 20)).Gzip(b))
	out, err := cmd.Output()
	if err != nil || !bytes.Equal(out, whole(b)) {
		t.Errorf("gzip -dc: %v, %d bytes, equal %v", err, len(out), bytes.Equal(out, whole(b)))
	}
}

// TestGzip_ReusesUnchangedChunks: after one part changes, by a new kept
// part in its place or by other glue, only its chunk is compressed again,
// and the answer is right.
func TestGzip_ReusesUnchangedChunks(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(b *gzjoin.Body, i int)
	}{
		{"a kept part replaced", func(b *gzjoin.Body, i int) {
			b.Parts[i] = append([]byte(`{"id": 1, "text": "edited"}`), bytes.Repeat([]byte(" "), 30)...)
		}},
		{"a kept part copied (same bytes, another address)", func(b *gzjoin.Body, i int) { b.Parts[i] = bytes.Clone(b.Parts[i]) }},
		{"glue changed", func(b *gzjoin.Body, i int) {
			b.Kept[i] = false
			b.Parts[i] = []byte(`, "total_replies": 100000, "replies": [`)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ca := cache.New(64 << 20)
			j := gzjoin.New(ca)
			b := split(rand.New(rand.NewPCG(5, 6)), 90000)
			j.Gzip(b)
			before := ca.Stats().Entries
			i := len(b.Parts) / 2
			for !b.Kept[i] {
				i++
			}
			changed := gzjoin.Body{Parts: append([][]byte(nil), b.Parts...), Kept: append([]bool(nil), b.Kept...), Cuts: b.Cuts}
			c.change(&changed, i)
			if got := gunzip(t, j.Gzip(changed)); !bytes.Equal(got, whole(changed)) {
				t.Fatal("changed body does not round-trip")
			}
			if added := ca.Stats().Entries - before; added != 1 {
				t.Errorf("%d chunks compressed again, want 1", added)
			}
		})
	}
}

// A body is joined by its parts' identity and content, not by how it is
// split: the same bytes split otherwise (other kept parts) still come out
// as their gzip.
func TestGzip_SameBytesOtherParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	b := split(rng, 60000)
	j := gzjoin.New(cache.New(64 << 20))
	first := j.Gzip(b)
	merged := gzjoin.Body{Parts: [][]byte{whole(b)}, Kept: []bool{true}}
	if got := gunzip(t, j.Gzip(merged)); !bytes.Equal(got, whole(b)) {
		t.Fatal("one-part body does not round-trip")
	}
	if got := gunzip(t, first); !bytes.Equal(got, whole(b)) {
		t.Fatal("first body does not round-trip")
	}
}
