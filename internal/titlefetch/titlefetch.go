// Package titlefetch discovers the title of a new comment thread the way
// Isso does (isso-compat.md §7.3): it fetches the page from the site's own
// origin and reads the title off the comment placeholder or a nearby <h1>.
package titlefetch

import (
	"net/http"
	"time"
)

const (
	// DefaultUserAgent is sent when Options.UserAgent is empty.
	DefaultUserAgent = "Natter (+https://github.com/natter/natter)"
	// DefaultMaxBytes is how much of a page is read when Options.MaxBytes is
	// not positive; a title placeholder sits far earlier in any real page.
	DefaultMaxBytes = 1 << 20
	// DefaultTimeout bounds each request of the default client, as Isso's 3 s.
	DefaultTimeout = 3 * time.Second
	// Untitled is the title Isso gives a thread whose page names none.
	Untitled = "Untitled."

	// maxAttempts counts requests, so two 301s are followed and a third fails,
	// as in Isso's MAX_RETRY_COUNT loop.
	maxAttempts = 3
	// maxTitleRunes is the width of Isso's threads.title VARCHAR(256).
	maxTitleRunes = 256
)

// Options configures a Fetcher; the zero value gives Isso's behaviour.
type Options struct {
	// Client performs the requests. Nil means a client with DefaultTimeout.
	// Whatever client is given, its redirect following is switched off: the
	// Fetcher follows 301s itself so that it never leaves the origin.
	Client *http.Client
	// UserAgent is the User-Agent header; empty means DefaultUserAgent.
	UserAgent string
	// MaxBytes caps how much of the page body is read and parsed; not
	// positive means DefaultMaxBytes. A longer page is cut, not rejected.
	MaxBytes int64
}

// Fetcher discovers thread titles. It is safe for concurrent use.
type Fetcher struct {
	client    *http.Client
	userAgent string
	maxBytes  int64
}

// New returns a Fetcher configured by opts, with defaults filled in.
func New(opts Options) *Fetcher {
	var client http.Client
	if opts.Client != nil {
		// A copy, so the caller's client keeps its own redirect policy.
		client = *opts.Client
	} else {
		client.Timeout = DefaultTimeout
	}
	// Automatic redirects could take the fetch to any host; only 301 is
	// followed, by hand, and only on the original origin (§7.3).
	client.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	f := &Fetcher{client: &client, userAgent: opts.UserAgent, maxBytes: opts.MaxBytes}
	if f.userAgent == "" {
		f.userAgent = DefaultUserAgent
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxBytes
	}
	return f
}
