package replay

import (
	"encoding/binary"

	"github.com/valyala/fasthttp"
)

// Bounds on what is keyed: a bigger request is rare and simply not
// replayed.
const (
	maxBody = 16 << 10
	maxKey  = 32 << 10
)

// requestKey appends the key of ctx's request to dst: false if the
// request is not one to replay (not a GET or POST, or too big).
func requestKey(dst []byte, ctx *fasthttp.RequestCtx) ([]byte, bool) {
	r := &ctx.Request
	switch {
	case ctx.IsGet():
		dst = append(dst, 'G')
	case ctx.IsPost() && len(r.Body()) <= maxBody:
		dst = append(dst, 'P')
	default:
		return dst, false
	}
	tls := byte('-')
	if ctx.IsTLS() {
		tls = 's'
	}
	dst = field(append(dst, tls), r.Header.RequestURI())
	forwarded := false
	r.Header.VisitAll(func(k, v []byte) {
		switch string(k) {
		case fasthttp.HeaderXForwardedProto, fasthttp.HeaderXForwardedHost, "X-Forwarded-Prefix":
			forwarded = true
		}
		if !ignored(k) {
			dst = field(field(dst, k), v)
		}
	})
	if forwarded {
		// They count only from a trusted proxy: the peer decides.
		dst = field(dst, ctx.RemoteIP())
	}
	dst = field(dst, r.Body())
	return dst, len(dst) <= maxKey
}

// field appends b with its length, so that no two requests share a key.
func field(dst, b []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

// ignored reports whether a request header is left out of the key. No
// replayable answer depends on these: the client address (which only
// writes and rate limits use), the client's software, and the
// connection's and fetch's own bookkeeping. The body's length is in the
// key as the body itself.
func ignored(name []byte) bool {
	switch string(name) {
	case fasthttp.HeaderUserAgent, fasthttp.HeaderConnection, "Keep-Alive", fasthttp.HeaderContentLength,
		fasthttp.HeaderXForwardedFor, "X-Real-Ip", "Dnt", fasthttp.HeaderPragma, fasthttp.HeaderCacheControl,
		"Priority", "Upgrade-Insecure-Requests", fasthttp.HeaderTE,
		"Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User",
		"Sec-Ch-Ua", "Sec-Ch-Ua-Mobile", "Sec-Ch-Ua-Platform":
		return true
	}
	return false
}
