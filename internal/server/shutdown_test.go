package server

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// TestServe_HalfSentRequestDoesNotHoldShutdown: a client that sent half
// its headers must not keep the process alive; Serve returns nil at once.
func TestServe_HalfSentRequestDoesNotHoldShutdown(t *testing.T) {
	ln, _, err := Listen("http://127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, app, ln, Options{ShutdownTimeout: 5 * time.Second}) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: natter\r\nX-Slow: ")); err != nil {
		t.Fatal(err)
	}
	waitOpen(t, ln.Addr().String())
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v, want nil", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Serve still waiting 2 s after the stop")
	}
}

// waitOpen waits until the server answers a complete request, so the
// half-sent connection above has certainly been accepted.
func waitOpen(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.SetDeadline(time.Now().Add(time.Second))
			_, err = c.Write([]byte("GET / HTTP/1.1\r\nHost: natter\r\nConnection: close\r\n\r\n"))
			buf := make([]byte, 12)
			if err == nil {
				_, err = c.Read(buf)
			}
			c.Close()
			if err == nil && string(buf) == "HTTP/1.1 200" {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("server did not answer within 5 s")
}
