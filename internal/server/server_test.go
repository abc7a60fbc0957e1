package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

func TestListen(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "natter.sock")
	// A stale socket file from a crash must not prevent the start.
	if err := os.WriteFile(sock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		spec    string
		network string
		wantErr bool
	}{
		{"http://127.0.0.1:0", "tcp", false},
		{"http://127.0.0.1:0/", "tcp", false},
		{"unix://" + sock, "unix", false},
		{"ftp://127.0.0.1:0", "", true},
		{"127.0.0.1:8080", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			ln, _, err := Listen(tt.spec)
			if tt.wantErr {
				if err == nil {
					ln.Close()
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			if ln.Addr().Network() != tt.network {
				t.Errorf("network %s, want %s", ln.Addr().Network(), tt.network)
			}
		})
	}
}

// TestServeUnixAndShutdown serves over a unix socket and checks that a
// request in flight when the stop arrives still gets its answer.
func TestServeUnixAndShutdown(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "s.sock")
	ln, _, err := Listen("unix://" + sock)
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/slow", func(c *fiber.Ctx) error {
		close(started)
		time.Sleep(300 * time.Millisecond)
		return c.SendString("done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, app, ln, Options{ShutdownTimeout: 5 * time.Second}) }()

	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	got := make(chan string, 1)
	go func() {
		resp, err := client.Get("http://natter/slow")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	cancel()
	if body := <-got; body != "done" {
		t.Errorf("in-flight request got %q, want done", body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
