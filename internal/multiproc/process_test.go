package multiproc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var (
	clients   atomic.Int64
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary natterBinary built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// natterBinary builds cmd/natter once per test run.
func natterBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "natter-multiproc-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "natter")
		out, err := exec.Command("go", "build", "-o", binPath, "github.com/natter/natter/cmd/natter").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// process is one running natter serve.
type process struct {
	base string
	cmd  *exec.Cmd
	logs *bytes.Buffer
}

// start runs natter serve on a free loopback port with dbpath = dsn and
// stops it (SIGTERM) at cleanup.
func start(t *testing.T, dsn, extra string) *process {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	cfg := fmt.Sprintf("[general]\ndbpath = %s\nhost = %s\n[server]\nlisten = %s\ntrusted-proxies = 127.0.0.1\n[guard]\nenabled = false\n[natter]\nlog-level = warn\n%s",
		dsn, base, base, extra)
	path := filepath.Join(t.TempDir(), "natter.cfg")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	p := &process{base: base, logs: &bytes.Buffer{}}
	p.cmd = exec.Command(natterBinary(t), "-c", path, "serve")
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		_ = p.cmd.Wait()
		if t.Failed() {
			t.Logf("%s logs:\n%s", base, p.logs)
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s not ready within 60 s:\n%s", base, p.logs)
	return nil
}

// call sends an Isso API request and decodes the JSON answer into out.
func (p *process) call(t *testing.T, method, path string, body any, out any) int {
	t.Helper()
	st, err := p.tryCall(method, path, body, out)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tryCall is call for goroutines: it reports failures instead of ending
// the test (a killed process refuses connections).
func (p *process) tryCall(method, path string, body any, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.base+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", p.base)
	// Every request from its own /24, so that votes count (Isso refuses a
	// vote from the author's /24) and no two requests look alike.
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.1", clients.Add(1)/250%250, clients.Load()%250))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			return 0, fmt.Errorf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return res.StatusCode, nil
}
