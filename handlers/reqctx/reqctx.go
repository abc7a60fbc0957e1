// Package reqctx resolves, once per request, who the client is and which
// public URL it used, for every presenter.
package reqctx

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/remoteaddr"
)

type ctxKey int

const (
	keyRequest ctxKey = iota
	keyScriptDone
)

// Request is what Natter knows about a request beyond its raw headers: the
// real client address and the public URL it was sent to.
type Request struct {
	ClientIP   string // raw, not anonymised
	Scheme     string
	Host       string
	ScriptName string // sub-path prefix, no trailing slash
}

// BaseURL is the public root of Natter as the client reached it, sub-path
// included; every URL Natter generates starts with it.
func (r Request) BaseURL() string {
	return r.Scheme + "://" + r.Host + r.ScriptName
}

// Middleware resolves the client address and public URL once per request.
// X-Forwarded-* are honoured only from a configured trusted proxy, unlike
// Isso, which trusts one hop from anyone. X-Script-Name is honoured as Isso
// does, and the prefix is removed from the path when present so routing
// works whether or not the proxy strips it.
func Middleware(res *remoteaddr.Resolver) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Locals(keyScriptDone) != nil {
			return c.Next()
		}
		info := resolveRequest(c, res)
		c.Locals(keyRequest, info)
		c.Locals(keyScriptDone, true)
		if p := info.ScriptName; p != "" && hasPathPrefix(c.Path(), p) {
			rest := strings.TrimPrefix(c.Path(), p)
			if rest == "" {
				rest = "/"
			}
			c.Path(rest)
			return c.RestartRouting()
		}
		return c.Next()
	}
}

func resolveRequest(c *fiber.Ctx, res *remoteaddr.Resolver) Request {
	peer := c.Context().RemoteIP().String()
	trusted := res.Trusted(peer)
	info := Request{
		ClientIP: res.Client(peer, c.Get(fiber.HeaderXForwardedFor)),
		Scheme:   "http",
		// The raw Host header: Fiber's Hostname() and Protocol() trust
		// X-Forwarded-* from anyone unless configured otherwise.
		Host: string(c.Request().Host()),
	}
	if c.Context().IsTLS() {
		info.Scheme = "https"
	}
	if info.Host == "" {
		info.Host = "localhost"
	}
	if trusted {
		if p := lastListItem(c.Get(fiber.HeaderXForwardedProto)); p == "http" || p == "https" {
			info.Scheme = p
		}
		if h := lastListItem(c.Get(fiber.HeaderXForwardedHost)); h != "" {
			info.Host = h
		}
		info.ScriptName = CleanPrefix(lastListItem(c.Get("X-Forwarded-Prefix")))
	}
	if s := CleanPrefix(c.Get("X-Script-Name")); s != "" {
		info.ScriptName = s
	}
	return info
}

// Get returns the request's resolved information.
func Get(c *fiber.Ctx) Request {
	if r, ok := c.Locals(keyRequest).(Request); ok {
		return r
	}
	return Request{Scheme: "http", Host: string(c.Request().Host())}
}

func lastListItem(v string) string {
	if i := strings.LastIndexByte(v, ','); i >= 0 {
		v = v[i+1:]
	}
	return strings.TrimSpace(v)
}

// CleanPrefix normalises a sub-path prefix: a leading slash, no trailing
// one ("" for none).
func CleanPrefix(p string) string {
	p = strings.TrimRight(strings.TrimSpace(p), "/")
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

func hasPathPrefix(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}
