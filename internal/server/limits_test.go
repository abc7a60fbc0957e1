package server

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// serveOK serves a one-route app with o until the test ends.
func serveOK(t *testing.T, o Options) string {
	t.Helper()
	ln, _, err := Listen("http://127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, app, ln, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-served:
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return")
		}
	})
	waitOpen(t, ln.Addr().String())
	return ln.Addr().String()
}

// closedWithin reports whether the server closes c within d (reading
// whatever it may send first, such as a 408).
func closedWithin(t *testing.T, c net.Conn, d time.Duration) bool {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, c)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

func TestServe_Timeouts(t *testing.T) {
	addr := serveOK(t, Options{ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: 300 * time.Millisecond,
		WriteTimeout: time.Second, IdleTimeout: 300 * time.Millisecond, ShutdownTimeout: time.Second})
	tests := []struct{ name, send string }{
		{"nothing sent", ""},
		{"headers sent slowly", "GET / HTTP/1.1\r\nHost: natter\r\nX-Slow: "},
		{"body never sent", "POST / HTTP/1.1\r\nHost: natter\r\nContent-Length: 10\r\n\r\nab"},
		{"chunked body never sent", "POST / HTTP/1.1\r\nHost: natter\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"},
		{"idle after an answer", "GET / HTTP/1.1\r\nHost: natter\r\n\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := io.WriteString(c, tc.send); err != nil {
				t.Fatal(err)
			}
			if !closedWithin(t, c, 5*time.Second) {
				t.Error("connection still open after 5 s")
			}
		})
	}
}

func TestServe_ConnectionsPerIP(t *testing.T) {
	addr := serveOK(t, Options{MaxConnsPerIP: 2, ReadHeaderTimeout: 5 * time.Second, ShutdownTimeout: time.Second})
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// The third connection from the same address is refused.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Now().Add(2 * time.Second))
		b, _ := io.ReadAll(c)
		c.Close()
		if strings.HasPrefix(string(b), "HTTP/1.1 429") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("third connection not refused: %q", b)
		}
	}
	// Closing one frees its place.
	held[0].Close()
	held = held[1:]
	deadline = time.Now().Add(5 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Now().Add(2 * time.Second))
		_, _ = io.WriteString(c, "GET / HTTP/1.1\r\nHost: natter\r\nConnection: close\r\n\r\n")
		b, _ := io.ReadAll(c)
		c.Close()
		if strings.HasPrefix(string(b), "HTTP/1.1 200") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("connection after a close refused: %q", b)
		}
	}
}
