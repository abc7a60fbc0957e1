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

// Serve runs app on ln until ctx is cancelled, then stops accepting
// connections and lets in-flight requests finish within timeout.
func Serve(ctx context.Context, app *fiber.App, ln net.Listener, timeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	if err := app.ShutdownWithTimeout(timeout); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	return <-errc
}
