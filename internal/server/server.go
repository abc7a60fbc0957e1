// Package server listens where the configuration says and stops gracefully.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Listen opens the listener for an Isso-style [server] listen value:
// http://host:port[/] or unix:///path/to/socket. It also returns the URL a
// person can open (empty for a unix socket).
func Listen(spec string) (net.Listener, string, error) {
	if path, ok := strings.CutPrefix(spec, "unix://"); ok {
		// Isso removes a stale socket file first; a crash leaves one behind.
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("server: remove stale socket %s: %w", path, err)
		}
		ln, err := net.Listen("unix", path)
		if err != nil {
			return nil, "", fmt.Errorf("server: listen on %s: %w", spec, err)
		}
		return ln, "", nil
	}
	u, err := url.Parse(spec)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return nil, "", fmt.Errorf("server: listen %q: want http://host:port or unix:///path", spec)
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("server: listen on %s: %w", addr, err)
	}
	return ln, "http://" + displayHost(ln.Addr().(*net.TCPAddr), u.Hostname()), nil
}

// displayHost names the address a browser on this machine can open.
func displayHost(a *net.TCPAddr, configured string) string {
	host := configured
	if a.IP.IsUnspecified() || host == "" {
		host = "localhost"
	}
	return net.JoinHostPort(host, fmt.Sprint(a.Port))
}

// Options are the server's limits; zero values leave fasthttp's own.
type Options struct {
	// ReadHeaderTimeout bounds the wait for a request's headers, counted
	// from a new connection's start or a kept-alive one's first byte: a
	// client that sends headers slowly (or nothing at all) cannot hold a
	// connection longer.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading the body once the headers are in.
	ReadTimeout time.Duration
	// WriteTimeout bounds writing one response.
	WriteTimeout time.Duration
	// IdleTimeout is how long a kept-alive connection may wait for its
	// next request.
	IdleTimeout time.Duration
	// MaxConns caps the connections served at once; more are answered
	// 503 and closed.
	MaxConns int
	// MaxConnsPerIP caps one client address's connections (TCP only);
	// more are answered 429 and closed. Zero means no cap.
	MaxConnsPerIP int
	// ShutdownTimeout is how long requests in flight may take to finish
	// once the stop arrives.
	ShutdownTimeout time.Duration
}

// Serve runs app on ln until ctx is cancelled. Then it stops accepting,
// closes idle and half-read connections within idleGrace, lets requests
// already in a handler finish and be answered (with Connection: close, so
// no client sends another request on a closing connection), and returns
// nil once every connection is closed. It returns an error only when a
// handler is still busy after ShutdownTimeout.
func Serve(ctx context.Context, app *fiber.App, ln net.Listener, o Options) error {
	t := newTracker(ln, o.MaxConnsPerIP)
	configure(app.Server(), t, o)
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(t) }()
	select {
	case err := <-errc:
		t.closeAll()
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	t.stop()
	err := t.drain(o.ShutdownTimeout)
	// The accept loop ends as soon as the listener is closed; fasthttp
	// reports a closed listener as a clean end.
	if serr := <-errc; serr != nil && err == nil && !errors.Is(serr, net.ErrClosed) {
		err = fmt.Errorf("server: %w", serr)
	}
	return err
}

// configure applies o to fasthttp's server. fasthttp has a single read
// deadline per request, set before the headers: it becomes the header
// timeout, and HeaderReceived moves it for the body.
func configure(srv *fasthttp.Server, t *tracker, o Options) {
	srv.ReadTimeout = o.ReadHeaderTimeout
	srv.WriteTimeout = o.WriteTimeout
	srv.IdleTimeout = o.IdleTimeout
	if o.ReadTimeout > 0 {
		body := o.ReadTimeout
		srv.HeaderReceived = func(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
			if h.ContentLength() == 0 {
				// Nothing more to read: the header deadline stands, and
				// moving it would cost a timer change per request.
				return fasthttp.RequestConfig{}
			}
			return fasthttp.RequestConfig{ReadTimeout: body}
		}
	}
	if o.MaxConns > 0 {
		srv.Concurrency = o.MaxConns
	}
	srv.Handler = t.wrap(srv.Handler)
	prev := srv.ConnState
	srv.ConnState = func(c net.Conn, s fasthttp.ConnState) {
		t.state(c, s)
		if prev != nil {
			prev(c, s)
		}
	}
}
