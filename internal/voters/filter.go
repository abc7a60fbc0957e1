// Package voters implements Isso's voter Bloom filter: the 256-byte "voters"
// BLOB that records which (anonymised) addresses already voted on a comment.
// The bit layout and probes match Isso exactly so existing databases keep
// refusing repeat votes after a migration.
package voters

import "crypto/sha256"

const (
	// Size is the filter length in bytes (2048 bits).
	Size = 256
	// NumProbes is the number of bit positions per key (k).
	NumProbes = 11
	// MaxVotes is the likes+dislikes count at which Isso refuses further
	// votes, because the false-positive rate would then exceed ~0.1 %.
	MaxVotes = 142

	bits     = Size * 8
	probeLen = 11 // log2(bits): each probe consumes 11 bits of the digest
)

// Filter is a voter Bloom filter in its stored byte layout.
type Filter [Size]byte

// New returns a filter containing only addr (a new comment's author, so
// authors cannot vote on their own comments).
func New(addr string) Filter {
	var f Filter
	f.Add(addr)
	return f
}

// FromBytes loads a stored BLOB; an empty or short BLOB is zero-padded and
// bytes beyond Size are ignored.
func FromBytes(b []byte) Filter {
	var f Filter
	copy(f[:], b)
	return f
}

// Bytes returns a copy of the filter for storage.
func (f Filter) Bytes() []byte {
	return append([]byte(nil), f[:]...)
}

// Add records addr in the filter.
func (f *Filter) Add(addr string) {
	for _, p := range Probes(addr) {
		f[p/8] |= 1 << (p % 8)
	}
}

// Contains reports whether addr is (probably) in the filter.
func (f Filter) Contains(addr string) bool {
	for _, p := range Probes(addr) {
		if f[p/8]&(1<<(p%8)) == 0 {
			return false
		}
	}
	return true
}

// Probes returns the bit positions of addr: SHA-256 of addr read as one
// big-endian integer, sliced into 11-bit chunks from the least significant end.
func Probes(addr string) [NumProbes]int {
	digest := sha256.Sum256([]byte(addr))
	var out [NumProbes]int
	for i := range out {
		p := 0
		for b := probeLen - 1; b >= 0; b-- {
			p = p<<1 | bit(&digest, i*probeLen+b)
		}
		out[i] = p
	}
	return out
}

// bit returns bit n (0 = least significant) of the big-endian integer d.
func bit(d *[sha256.Size]byte, n int) int {
	return int(d[len(d)-1-n/8]>>(n%8)) & 1
}
