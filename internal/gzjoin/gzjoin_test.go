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

func body(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, `{"id": %d, "text": "comment %d about %x"}, `, rng.IntN(1e6), rng.IntN(100), rng.Uint64())
	}
	return b.Bytes()[:n]
}

func gunzip(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
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
		cuts []int
	}{
		{"empty", 0, nil},
		{"one chunk", 5000, nil},
		{"cuts", 100000, []int{1, 40000, 40001, 99999}},
		{"cut at the ends", 3000, []int{0, 3000}},
		{"out of order or out of range", 3000, []int{2000, 1000, 5000}},
	}
	for _, c := range cases {
		b := body(rng, c.size)
		z := j.Gzip(b, c.cuts)
		if got := gunzip(t, z); !bytes.Equal(got, b) {
			t.Errorf("%s: decompressed %d bytes differ from the %d given", c.name, len(got), len(b))
		}
		if c.size > 10000 && len(z) > c.size/2 {
			t.Errorf("%s: %d bytes compressed to %d", c.name, c.size, len(z))
		}
	}
}

// TestGzip_OtherDecoders: the joined stream is plain gzip for gzip(1).
func TestGzip_OtherDecoders(t *testing.T) {
	gz, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("no gzip(1) here")
	}
	b := body(rand.New(rand.NewPCG(3, 4)), 200000)
	cmd := exec.Command(gz, "-dc")
	cmd.Stdin = bytes.NewReader(gzjoin.New(cache.New(64<<20)).Gzip(b, []int{65536, 131072}))
	out, err := cmd.Output()
	if err != nil || !bytes.Equal(out, b) {
		t.Errorf("gzip -dc: %v, %d bytes, equal %v", err, len(out), bytes.Equal(out, b))
	}
}

// TestGzip_ReusesUnchangedChunks: after one chunk changes, only that
// chunk is compressed again.
func TestGzip_ReusesUnchangedChunks(t *testing.T) {
	c := cache.New(64 << 20)
	j := gzjoin.New(c)
	b := body(rand.New(rand.NewPCG(5, 6)), 90000)
	cuts := []int{30000, 60000}
	j.Gzip(b, cuts)
	before := c.Stats().Entries
	changed := bytes.Clone(b)
	changed[45000] ^= 1
	if got := gunzip(t, j.Gzip(changed, cuts)); !bytes.Equal(got, changed) {
		t.Fatal("changed body does not round-trip")
	}
	if added := c.Stats().Entries - before; added != 1 {
		t.Errorf("%d chunks compressed again, want 1", added)
	}
}

// GzipParts gives Gzip's bytes for the same content and cuts, however the
// content is split into parts, and its chunks are shared with Gzip's.
func TestGzipParts_IsGzipOfTheConcatenation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	b := body(rng, 300000)
	var parts [][]byte
	var partCuts, byteCuts []int
	for from := 0; from < len(b); {
		to := min(from+1+rng.IntN(5000), len(b))
		parts = append(parts, b[from:to])
		if rng.IntN(8) == 0 {
			partCuts, byteCuts = append(partCuts, len(parts)), append(byteCuts, to)
		}
		from = to
	}
	c := cache.New(64 << 20)
	j := gzjoin.New(c)
	viaParts := j.GzipParts(parts, partCuts)
	if got := gunzip(t, viaParts); !bytes.Equal(got, b) {
		t.Fatal("GzipParts does not decompress to the concatenated parts")
	}
	before := c.Stats()
	if whole := j.Gzip(b, byteCuts); !bytes.Equal(whole, viaParts) {
		t.Error("Gzip of the concatenation differs from GzipParts")
	}
	if after := c.Stats(); after.Misses != before.Misses || after.Hits == before.Hits {
		t.Errorf("Gzip compressed chunks GzipParts had made: misses %d → %d, hits %d → %d",
			before.Misses, after.Misses, before.Hits, after.Hits)
	}
}
