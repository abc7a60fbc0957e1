package server

import (
	"context"
	"io"
	"net/http"
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
func TestServe_StopAnswersEveryRequestInFlight(t *testing.T) {
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
	var stopped atomic.Bool
	var wg sync.WaitGroup
	failures := make(chan string, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			defer client.CloseIdleConnections()
			for {
				late := stopped.Load()
				resp, err := client.Post(url, "text/plain", strings.NewReader("x"))
				if err != nil {
					if !late {
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
	stopped.Store(true)
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
