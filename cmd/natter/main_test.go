package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/models"
)

// buildBinary compiles natter once for the end-to-end tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "natter")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("natter did not become ready")
}

// TestSIGTERMDuringWriteBurst posts comments from many clients, stops the
// server with SIGTERM in the middle, and checks that every comment the
// server acknowledged is in the database afterwards.
func TestSIGTERMDuringWriteBurst(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	addr := freePort(t)
	db := filepath.Join(dir, "comments.db")
	cfg := fmt.Sprintf("[general]\ndbpath = %s\nhost = http://blog.example\n[server]\nlisten = http://%s\n[guard]\nenabled = false\n", db, addr)
	cfgPath := filepath.Join(dir, "natter.cfg")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	cmd := exec.Command(bin, "-c", cfgPath, "run")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	waitReady(t, base)

	acked := burst(base, 16, 400*time.Millisecond, func() {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Error(err)
		}
	})
	if err := cmd.Wait(); err != nil {
		t.Fatalf("natter exited with %v\n%s", err, logs.String())
	}
	if len(acked) < 10 {
		t.Fatalf("only %d comments acknowledged: the burst did not run", len(acked))
	}
	assertStored(t, db, acked)
	if !strings.Contains(logs.String(), "natter stopped") {
		t.Errorf("no clean stop in the log:\n%s", logs.String())
	}
}

// burst runs workers posting unique comments; after the given delay it
// calls stop and keeps posting until the server refuses connections. It
// returns id → text for every 2xx answer.
func burst(base string, workers int, delay time.Duration, stop func()) map[int64]string {
	var mu sync.Mutex
	acked := map[int64]string{}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second}
			for i := 0; ctx.Err() == nil; i++ {
				text := fmt.Sprintf("worker %d comment %d", w, i)
				body := fmt.Sprintf(`{"text": %q}`, text)
				resp, err := client.Post(base+"/new?uri=/burst", "application/json", strings.NewReader(body))
				if err != nil {
					return // the server has stopped
				}
				var out struct{ ID int64 }
				decErr := json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if resp.StatusCode/100 == 2 && decErr == nil {
					mu.Lock()
					acked[out.ID] = text
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(delay)
	stop()
	wg.Wait()
	return acked
}

func assertStored(t *testing.T, path string, acked map[int64]string) {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var rows []models.Comment
	if err := st.Reader().Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	stored := map[int64]string{}
	for _, r := range rows {
		stored[r.ID] = r.Text
	}
	for id, text := range acked {
		if stored[id] != text {
			t.Errorf("acknowledged comment %d (%q) is stored as %q", id, text, stored[id])
		}
	}
	t.Logf("%d acknowledged, %d stored", len(acked), len(stored))
}
