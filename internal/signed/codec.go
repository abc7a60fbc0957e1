package signed

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/natter/natter/internal/pyjson"
)

// b64 is itsdangerous' alphabet. Strict rejects non-canonical encodings so
// each signature has exactly one textual form (with decodeB64).
var b64 = base64.RawURLEncoding.Strict()

// decodeB64 decodes s with b64, refusing the line breaks Go's decoder
// otherwise skips: "ab\ncd" would verify as "abcd", a second form of one
// signature.
func decodeB64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("line break in base64")
	}
	return b64.DecodeString(s)
}

// maxPayload bounds decompression; signed values are a few dozen bytes.
const maxPayload = 64 << 10

// zlib writers and readers are reused: a new writer allocates about
// 800 kB of tables, which made signing the bulk of a new comment's CPU
// and garbage. Pooled ones are reset per use and compress to the same
// bytes. The pools hold scratch space only, no state.
var (
	zwriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}
	zreaders sync.Pool // of zlib readers; each made by the first inflate
)

// encodePayload produces the compact JSON of v, zlib-compressed and marked
// with a leading "." only when that saves more than one byte.
func encodePayload(v any) (string, error) {
	data, err := pyjson.Compact(v)
	if err != nil {
		return "", err
	}
	if len(data) > minZlib+1 {
		z, err := deflate(data)
		if err != nil {
			return "", err
		}
		if len(z) < len(data)-1 {
			return "." + b64.EncodeToString(z), nil
		}
	}
	return b64.EncodeToString(data), nil
}

// minZlib is the shortest stream Go's zlib writer produces: a 2-byte
// header, the deflate data ended by Close's empty stored block (at least
// 5 bytes) and a 4-byte checksum. Payloads up to minZlib+1 bytes (ids,
// the moderation key) therefore never compress and skip the compressor.
const minZlib = 2 + 5 + 4

// deflate is zlib at the default level, as zlib.NewWriter writes it.
func deflate(data []byte) ([]byte, error) {
	var z bytes.Buffer
	w := zwriters.Get().(*zlib.Writer)
	defer zwriters.Put(w)
	w.Reset(&z)
	w.Write(data) // writes to a bytes.Buffer cannot fail
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

func decodePayload(payload string) ([]byte, error) {
	compressed := len(payload) > 0 && payload[0] == '.'
	if compressed {
		payload = payload[1:]
	}
	data, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || !compressed {
		return data, err
	}
	return inflate(data)
}

// inflate decompresses zlib data of at most maxPayload bytes.
func inflate(data []byte) ([]byte, error) {
	r, err := zlibReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer zreaders.Put(r)
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, maxPayload+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxPayload {
		return nil, errors.New("decompressed payload too large")
	}
	return out, nil
}

// zlibReader is a pooled zlib.NewReader(src). A reader whose header fails
// goes back to the pool; the next Reset clears its error.
func zlibReader(src io.Reader) (io.ReadCloser, error) {
	if r, ok := zreaders.Get().(io.ReadCloser); ok {
		if err := r.(zlib.Resetter).Reset(src, nil); err != nil {
			zreaders.Put(r)
			return nil, err
		}
		return r, nil
	}
	return zlib.NewReader(src)
}

// encodeTimestamp writes unix seconds big-endian in the fewest bytes.
func encodeTimestamp(t time.Time) (string, error) {
	sec := t.Unix()
	if sec < 0 {
		return "", fmt.Errorf("signed: timestamp %v before 1970", t)
	}
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], uint64(sec))
	i := 0
	for i < len(buf) && buf[i] == 0 {
		i++
	}
	return b64.EncodeToString(buf[i:]), nil
}

func decodeTimestamp(s string) (int64, error) {
	raw, err := decodeB64(s)
	if err != nil {
		return 0, err
	}
	if len(raw) > 8 {
		return 0, errors.New("timestamp too large")
	}
	var buf [8]byte
	copy(buf[8-len(raw):], raw)
	u := binary.BigEndian.Uint64(buf[:])
	if u > math.MaxInt64 {
		return 0, errors.New("timestamp too large")
	}
	return int64(u), nil
}
