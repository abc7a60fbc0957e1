// Package gzjoin makes the gzip form of a big body from separately
// compressed chunks, reusing the chunks it has compressed before. A body
// that changes in one place (a thread after a new comment) is then
// compressed in proportion to the change, not to its size.
//
// Each chunk is a deflate stream ended by a sync flush, so it ends on a
// byte boundary with no final block and refers to nothing before it;
// such streams concatenate into one valid stream, closed here by an empty
// final block. The price is a few percent of compression, since no chunk
// refers back into the one before it.
package gzjoin

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"hash/maphash"
	"strconv"
	"sync"

	"github.com/natter/natter/internal/cache"
)

// Joiner compresses chunked bodies; its chunks live in a byte-budgeted
// cache, keyed by their content.
type Joiner struct {
	chunks  *cache.Space[[]byte]
	seed    maphash.Seed
	writers sync.Pool
}

// New keeps compressed chunks in c.
func New(c *cache.Cache) *Joiner {
	j := &Joiner{chunks: cache.NewSpace(c, "gzip-chunk", cache.Bytes),
		seed: maphash.MakeSeed()}
	j.writers.New = func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}
	return j
}

// header is a gzip member header: deflate, no name, no time, unknown OS.
var header = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// finalBlock is an empty final block with fixed Huffman codes.
var finalBlock = []byte{0x03, 0x00}

// Gzip returns body gzip-compressed, cut into chunks at the offsets in
// cuts (ascending, within body); the chunks are compressed separately.
func (j *Joiner) Gzip(body []byte, cuts []int) []byte {
	parts, at, from := make([][]byte, 0, len(cuts)+1), make([]int, 0, len(cuts)), 0
	for _, to := range cuts {
		if to > from && to <= len(body) {
			parts, from = append(parts, body[from:to]), to
			at = append(at, len(parts))
		}
	}
	return j.GzipParts(append(parts, body[from:]), at)
}

// GzipParts returns the concatenation of parts gzip-compressed, without
// writing the concatenation out: a chunk ends at each index in cuts
// (ascending, into parts) and is compressed separately. For the same
// bytes and cuts it is Gzip's answer.
func (j *Joiner) GzipParts(parts [][]byte, cuts []int) []byte {
	total := 0
	for _, b := range parts {
		total += len(b)
	}
	out := append(make([]byte, 0, total/4+64), header...)
	// Each chunk's parts are copied together first: hashing and the
	// checksum run several times faster over one long slice than over
	// hundreds of short ones.
	var chunk []byte
	crc, from := uint32(0), 0
	for _, to := range append(cuts, len(parts)) {
		if to <= from || to > len(parts) {
			continue
		}
		chunk = chunk[:0]
		for _, b := range parts[from:to] {
			chunk = append(chunk, b...)
		}
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
		out = append(out, j.chunk(chunk)...)
		from = to
	}
	out = append(out, finalBlock...)
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(total))
}

// chunk is the compressed form of b, from the cache when b was seen. It
// keeps no reference to b.
func (j *Joiner) chunk(b []byte) []byte {
	// A 64-bit keyed hash and the length: against the ten thousand or so
	// chunks a cache holds, a new chunk takes another's key with a chance
	// near 10^-15; a second hash would cost as much as the compression.
	key := strconv.FormatUint(maphash.Bytes(j.seed, b), 36) + "." + strconv.Itoa(len(b))
	if z, ok := j.chunks.Get(key); ok {
		return z
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 16)
	w := j.writers.Get().(*flate.Writer)
	defer j.writers.Put(w)
	w.Reset(&buf)
	_, _ = w.Write(b) // writing to a bytes.Buffer cannot fail
	_ = w.Flush()
	z := buf.Bytes()
	j.chunks.Set(key, z)
	return z
}
