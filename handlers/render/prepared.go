package render

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
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

// preparedLevelMax is the largest body Prepare compresses at the default
// level; larger ones (a whole big thread) get BestSpeed, so that one render
// stays cheap.
const preparedLevelMax = 256 << 10

// Prepare compresses body and derives its ETag. A prepared body is kept
// and sent many times, so it is compressed at the default level, which
// makes a thread fragment about a fifth smaller than BestSpeed for a few
// milliseconds once.
func Prepare(body []byte) Prepared {
	sum := sha256.Sum256(body)
	level := gzip.DefaultCompression
	if len(body) > preparedLevelMax {
		level = gzip.BestSpeed
	}
	return Prepared{Body: body, Gzip: compress(body, level), ETag: `W/"` + hex.EncodeToString(sum[:10]) + `"`}
}

// PrepareFast is Prepare compressing at the fastest level, for a body a
// reader is waiting for; Smaller makes the kept copy's gzip form smaller
// afterwards.
func PrepareFast(body []byte) Prepared {
	sum := sha256.Sum256(body)
	return Prepared{Body: body, Gzip: compress(body, gzip.BestSpeed), ETag: `W/"` + hex.EncodeToString(sum[:10]) + `"`}
}

// Smaller is p with its gzip form made as Prepare makes it.
func (p Prepared) Smaller() Prepared {
	if len(p.Body) <= preparedLevelMax {
		p.Gzip = compress(p.Body, gzip.DefaultCompression)
	}
	return p
}

// Compress is body gzip-compressed for sending many times, or nil when
// that would not make it smaller.
func Compress(body []byte) []byte { return compress(body, gzip.BestSpeed) }

func compress(body []byte, level int) []byte {
	if gz, err := gzipBytes(body, level); err == nil && len(gz) < len(body) {
		return gz
	}
	return nil
}

// Gunzip is the plain form of a gzip body, for the rare client that does
// not take the gzip form a stored answer keeps.
func Gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("render: gunzip: %w", err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("render: gunzip: %w", err)
	}
	return body, nil
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
	SetHeader(c, fiber.HeaderETag, p.ETag)
	c.Vary(fiber.HeaderAcceptEncoding)
	if ETagMatch(c.Get(fiber.HeaderIfNoneMatch), p.ETag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	if len(p.Gzip) > 0 && AcceptsGzip(c) {
		SetHeader(c, fiber.HeaderContentEncoding, "gzip")
		return c.Send(p.Gzip)
	}
	if p.Body == nil && len(p.Gzip) > 0 { // a stored answer keeps only its gzip form
		body, err := Gunzip(p.Gzip)
		if err != nil {
			return err
		}
		return c.Send(body)
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

// gzipWriters are reused, one pool per level: a new writer allocates
// about a megabyte of compressor state, more than most bodies it
// compresses.
var gzipWriters = map[int]*sync.Pool{
	gzip.BestSpeed:          gzipPool(gzip.BestSpeed),
	gzip.DefaultCompression: gzipPool(gzip.DefaultCompression),
}

func gzipPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		zw, _ := gzip.NewWriterLevel(nil, level)
		return zw
	}}
}

func gzipBytes(b []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	pool := gzipWriters[level]
	zw := pool.Get().(*gzip.Writer)
	defer pool.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
