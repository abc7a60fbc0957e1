package titlefetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Title fetches origin+uri and discovers the thread's title as Isso does.
// origin must be an absolute http(s) origin such as "https://blog.example"
// and uri a path starting with "/". newURI is the percent-decoded
// data-isso-id of the thread element, or "" when the URI stays as it is.
// A failed fetch (connection error, timeout, cancellation, a status other
// than 200 after following up to two 301s) is returned as an error, which
// Isso answers with 400 "Cannot create new thread".
func (f *Fetcher) Title(ctx context.Context, origin, uri string) (title, newURI string, err error) {
	target, err := pageURL(origin, uri)
	if err != nil {
		return "", "", err
	}
	page, err := f.get(ctx, target)
	if err != nil {
		return "", "", err
	}
	return discover(bytes.NewReader(page))
}

// pageURL joins origin and uri, refusing anything that could make the
// request go to a host other than origin's.
func pageURL(origin, uri string) (*url.URL, error) {
	o, err := url.Parse(origin)
	if err != nil || (o.Scheme != "http" && o.Scheme != "https") || o.Host == "" ||
		o.User != nil || o.Opaque != "" || (o.Path != "" && o.Path != "/") ||
		o.RawQuery != "" || o.ForceQuery || o.Fragment != "" {
		return nil, fmt.Errorf("titlefetch: origin %q is not an absolute http(s) origin", origin)
	}
	if !strings.HasPrefix(uri, "/") {
		return nil, fmt.Errorf("titlefetch: uri %q does not start with /", uri)
	}
	// Joined as text so that "//x" stays a path on origin's host rather than
	// becoming a network-path reference; the host check below proves it.
	u, err := url.Parse(o.Scheme + "://" + o.Host + uri)
	if err != nil {
		return nil, fmt.Errorf("titlefetch: uri %q: %w", uri, err)
	}
	if u.Host != o.Host || u.User != nil {
		return nil, fmt.Errorf("titlefetch: uri %q leaves origin %q", uri, origin)
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// get performs Isso's request loop: 200 returns the (possibly cut) body,
// 301 is retried on the same origin, anything else is an error.
func (f *Fetcher) get(ctx context.Context, target *url.URL) ([]byte, error) {
	for range maxAttempts {
		resp, err := f.do(ctx, target)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusOK:
			defer resp.Body.Close()
			// Reading stops at maxBytes without error: a huge page still
			// yields whatever title its beginning holds.
			page, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes))
			if err != nil {
				return nil, fmt.Errorf("titlefetch: read %s: %w", target.Redacted(), err)
			}
			return page, nil
		case http.StatusMovedPermanently:
			location := resp.Header.Get("Location")
			discard(resp)
			next, err := redirectTarget(target, location)
			if err != nil {
				return nil, err
			}
			target = next
		default:
			discard(resp)
			return nil, fmt.Errorf("titlefetch: GET %s: status %s", target.Redacted(), resp.Status)
		}
	}
	return nil, fmt.Errorf("titlefetch: GET %s: still 301 after %d attempts", target.Redacted(), maxAttempts)
}

func (f *Fetcher) do(ctx context.Context, target *url.URL) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("titlefetch: GET %s: %w", target.Redacted(), err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("titlefetch: GET %s: %w", target.Redacted(), err)
	}
	return resp, nil
}

// redirectTarget keeps only the path and query of a 301's Location and
// applies them to current's origin, so a redirect can never change host.
func redirectTarget(current *url.URL, location string) (*url.URL, error) {
	if location == "" {
		return nil, fmt.Errorf("titlefetch: GET %s: 301 without Location", current.Redacted())
	}
	loc, err := url.Parse(location)
	if err != nil {
		return nil, fmt.Errorf("titlefetch: GET %s: bad Location: %w", current.Redacted(), err)
	}
	ref := &url.URL{Path: loc.Path, RawPath: loc.RawPath, RawQuery: loc.RawQuery}
	if ref.Path == "" {
		// Isso's http.client sends "/" for an empty path.
		ref.Path = "/"
	}
	// A reference without scheme or host keeps current's scheme and host.
	next := current.ResolveReference(ref)
	next.Fragment, next.RawFragment = "", ""
	return next, nil
}

// discard drains a little of an unwanted body so the connection can be
// reused, then closes it.
func discard(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	_ = resp.Body.Close()
}
