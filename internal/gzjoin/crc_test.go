package gzjoin

import (
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// TestCombine: the checksum of a concatenation combined from its halves'
// is the checksum of the whole, for halves of any length.
func TestCombine(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {3, 1000}, {1000, 3}, {65536, 70000}, {12345, 1 << 20}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := mulMod(xPow8(len(b)), crc32.ChecksumIEEE(a)) ^ crc32.ChecksumIEEE(b); got != want {
			t.Errorf("lengths %v: combined %08x, want %08x", n, got, want)
		}
	}
}
