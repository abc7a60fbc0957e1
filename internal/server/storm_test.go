package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// TestServe_StopAnswersEveryRequestInFlight runs a write storm over
// kept-alive connections and stops the server in the middle: every
// request sent before the stop gets a complete answer (none sees EOF),
// and every request a handler committed was answered.
// The losses it guards against are races, so it runs several storms.
func TestServe_StopAnswersEveryRequestInFlight(t *testing.T) {
	for i := range 4 {
		t.Run("storm "+string(rune('1'+i)), storm)
	}
}

func storm(t *testing.T) {
	ln, _, err := Listen("http://127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var committed, answered atomic.Int64
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Post("/write", func(c *fiber.Ctx) error {
		committed.Add(1)
		return c.SendString("ok")
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, app, ln, Options{ShutdownTimeout: 5 * time.Second}) }()

	url := "http://" + ln.Addr().String() + "/write"
	var stopAt atomic.Int64
	stopAt.Store(1 << 62)
	var wg sync.WaitGroup
	failures := make(chan string, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			defer client.CloseIdleConnections()
			for {
				// In flight during the stop means written before it.
				var written atomic.Int64
				trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) {
					written.Store(time.Now().UnixNano())
				}}
				req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace),
					http.MethodPost, url, strings.NewReader("x"))
				resp, err := client.Do(req)
				if err != nil {
					if w := written.Load(); w != 0 && w < stopAt.Load() {
						failures <- err.Error()
					}
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || string(b) != "ok" {
					failures <- "incomplete answer"
					return
				}
				answered.Add(1)
			}
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for committed.Load() < 300 {
		if time.Now().After(deadline) {
			t.Fatal("storm did not get going within 10 s")
		}
		time.Sleep(time.Millisecond)
	}
	stopAt.Store(time.Now().UnixNano())
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return within 5 s")
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Errorf("request sent before the stop failed: %s", f)
	}
	if c, a := committed.Load(), answered.Load(); c != a {
		t.Errorf("%d requests committed, %d answered", c, a)
	}
}
