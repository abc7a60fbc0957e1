// Package gzjoin makes the gzip form of a big body from separately
// compressed chunks, reusing the chunks it has compressed before. A body
// that changes in one place (a thread after a new comment) is then
// compressed in proportion to the change, not to its size.
//
// Each chunk is a deflate stream ended by a sync flush, so it ends on a
// byte boundary with no final block and refers to nothing before it;
// such streams concatenate into one valid stream, closed here by an empty
// final block. The price is a few percent of compression, since no chunk
// refers back into the one before it. Each chunk is kept with its CRC-32,
// and the body's checksum is combined from those: a body made of chunks
// seen before is joined without reading its bytes.
package gzjoin

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"sync"
	"unsafe"

	"github.com/natter/natter/internal/cache"
)

// Joiner compresses chunked bodies; its chunks live in a byte-budgeted
// cache.
type Joiner struct {
	chunks  *cache.Space[chunk]
	writers sync.Pool
}

// chunk is one compressed chunk.
type chunk struct {
	z   []byte
	crc uint32 // of the plain bytes
	n   int    // plain length
	// shift is x^(8n) modulo the CRC polynomial, which moves a checksum
	// past the chunk (see combine): computing it per join cost more than
	// the rest of the join.
	shift uint32
	// kept are the chunk's parts known by address (Body.Kept): held
	// here, no address in the chunk's key can be reused while it is
	// cached.
	kept [][]byte
}

// New keeps compressed chunks in c.
func New(c *cache.Cache) *Joiner {
	// The kept parts belong to whoever made them (a thread snapshot's
	// encodings, weighed there); here only their slice headers count.
	weigh := func(ch chunk) int64 { return int64(cap(ch.z)+24*len(ch.kept)) + 24 }
	j := &Joiner{chunks: cache.NewSpace(c, "gzip-chunk", weigh)}
	j.writers.New = func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}
	return j
}

// Body is a body as the parts it is made of.
type Body struct {
	Parts [][]byte
	// Kept marks the parts that never change (memoised encodings):
	// they are known by their address and length, not their content,
	// and a cached chunk holds them. Nil marks none; the others are
	// known by their content.
	Kept []bool
	// Cuts end chunks: a chunk ends before each index into Parts
	// (ascending), and at the end.
	Cuts []int
}

// header is a gzip member header: deflate, no name, no time, unknown OS.
var header = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// finalBlock is an empty final block with fixed Huffman codes.
var finalBlock = []byte{0x03, 0x00}

// Gzip returns b's concatenated parts gzip-compressed, without writing
// the concatenation out.
func (j *Joiner) Gzip(b Body) []byte {
	chunks, total, size := j.chunksOf(b)
	// Sized exactly: a big thread's answer is made again after every
	// write to it.
	out := append(make([]byte, 0, len(header)+size+len(finalBlock)+8), header...)
	crc := uint32(0)
	for _, ch := range chunks {
		out = append(out, ch.z...)
		crc = mulMod(ch.shift, crc) ^ ch.crc
	}
	out = append(out, finalBlock...)
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(total))
}

// chunksOf returns b's chunks, compressing those the cache lacks, and
// the plain and compressed lengths.
func (j *Joiner) chunksOf(b Body) (chunks []chunk, plain, compressed int) {
	chunks = make([]chunk, 0, len(b.Cuts)+1)
	var key, scratch []byte
	from := 0
	for i := 0; i <= len(b.Cuts); i++ {
		to := len(b.Parts)
		if i < len(b.Cuts) {
			to = b.Cuts[i]
		}
		if to <= from || to > len(b.Parts) {
			continue
		}
		key = b.describe(key[:0], from, to)
		ch, ok := j.chunks.Get(unsafe.String(unsafe.SliceData(key), len(key)))
		if !ok {
			scratch = scratch[:0]
			for _, p := range b.Parts[from:to] {
				scratch = append(scratch, p...)
			}
			ch = chunk{z: j.compress(scratch), crc: crc32.ChecksumIEEE(scratch), n: len(scratch),
				shift: xPow8(len(scratch)), kept: b.kept(from, to)}
			j.chunks.Set(string(key), ch)
		}
		chunks = append(chunks, ch)
		plain, compressed = plain+ch.n, compressed+len(ch.z)
		from = to
	}
	return chunks, plain, compressed
}

// describe appends the key of the chunk of parts [from, to): each kept
// part by address and length, each other part by its bytes, every part
// led by its kind and length so that no two sequences of parts share a
// key. Two chunks with one key have the same bytes, as long as the kept
// parts of the cached one are alive, which it sees to.
func (b Body) describe(dst []byte, from, to int) []byte {
	for i := from; i < to; i++ {
		p := b.Parts[i]
		if b.Kept != nil && b.Kept[i] {
			dst = binary.AppendUvarint(append(dst, 'k'), uint64(len(p)))
			dst = binary.LittleEndian.AppendUint64(dst, uint64(uintptr(unsafe.Pointer(unsafe.SliceData(p)))))
		} else {
			dst = binary.AppendUvarint(append(dst, 'c'), uint64(len(p)))
			dst = append(dst, p...)
		}
	}
	return dst
}

// kept returns the kept parts of [from, to), which the cached chunk
// holds.
func (b Body) kept(from, to int) [][]byte {
	var out [][]byte
	for i := from; i < to && b.Kept != nil; i++ {
		if b.Kept[i] {
			out = append(out, b.Parts[i])
		}
	}
	return out
}

// compress is b deflated and sync-flushed.
func (j *Joiner) compress(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 16)
	w := j.writers.Get().(*flate.Writer)
	defer j.writers.Put(w)
	w.Reset(&buf)
	_, _ = w.Write(b) // writing to a bytes.Buffer cannot fail
	_ = w.Flush()
	return buf.Bytes()
}
