package render

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// Prepared is a response body made once and sent many times: its gzip
// form (nil when not smaller) and a weak validator, the same for both
// encodings.
type Prepared struct {
	Body, Gzip []byte
	ETag       string
}

// Prepare compresses body and derives its ETag.
func Prepare(body []byte) Prepared {
	sum := sha256.Sum256(body)
	return Prepared{Body: body, Gzip: Compress(body), ETag: `W/"` + hex.EncodeToString(sum[:10]) + `"`}
}

// Compress is body gzip-compressed for sending many times, or nil when
// that would not make it smaller.
func Compress(body []byte) []byte {
	if gz, err := gzipBytes(body); err == nil && len(gz) < len(body) {
		return gz
	}
	return nil
}

// AcceptsGzip reports whether the client takes a gzip body.
func AcceptsGzip(c *fiber.Ctx) bool {
	return strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip")
}

// Size is the bytes p holds, for cache budgets.
func (p Prepared) Size() int { return len(p.Body) + len(p.Gzip) + len(p.ETag) }

// Send answers with p: 304 when the client's copy is current, gzip when
// the client accepts it.
func Send(c *fiber.Ctx, p Prepared) error {
	c.Set(fiber.HeaderETag, p.ETag)
	c.Vary(fiber.HeaderAcceptEncoding)
	if ETagMatch(c.Get(fiber.HeaderIfNoneMatch), p.ETag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	if len(p.Gzip) > 0 && AcceptsGzip(c) {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(p.Gzip)
	}
	return c.Send(p.Body)
}

// ETagMatch implements If-None-Match with weak comparison.
func ETagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	strip := func(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "W/") }
	for _, t := range strings.Split(header, ",") {
		if strings.TrimSpace(t) == "*" || strip(t) == strip(etag) {
			return true
		}
	}
	return false
}

// gzipWriters are reused: a new writer allocates about a megabyte of
// compressor state, more than most bodies it compresses.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
