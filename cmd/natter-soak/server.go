package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// server is a natter process the soak started.
type server struct {
	cmd *exec.Cmd
	dir string
	url string
	pid int
}

// startServer builds natter (unless -natter names a binary) and starts it
// on a free loopback port with a temporary database. The server runs as
// its own process, not under `go run`, so -pid is the server's.
func startServer(ctx context.Context, o options, out io.Writer) (*server, error) {
	dir, err := os.MkdirTemp("", "natter-soak-")
	if err != nil {
		return nil, err
	}
	bin := o.natter
	if bin == "" {
		bin = filepath.Join(dir, "natter")
		fmt.Fprintln(out, "building ./cmd/natter ...")
		b := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/natter")
		b.Stdout, b.Stderr = out, os.Stderr
		if err := b.Run(); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("go build ./cmd/natter (run from the repository root): %w", err)
		}
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	cfg := fmt.Sprintf("[general]\ndbpath = %s\nhost = %s\n[server]\nlisten = %s\n[guard]\nenabled = false\n[natter]\nlog-level = warn\n",
		filepath.Join(dir, "soak.db"), base, base)
	if o.budget != "" {
		cfg += "cache-budget = " + o.budget + "\n"
	}
	cfgPath := filepath.Join(dir, "natter.cfg")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmd := exec.Command(bin, "-c", cfgPath, "serve")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &server{cmd: cmd, dir: dir, url: base, pid: cmd.Process.Pid}
	if err := waitReady(ctx, base); err != nil {
		s.stop(out)
		return nil, err
	}
	return s, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func waitReady(ctx context.Context, base string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return errNoServer
}

// stop sends SIGTERM, waits for the exit and removes the temporary files.
func (s *server) stop(out io.Writer) {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintln(out, "server exit:", err)
		}
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
		fmt.Fprintln(out, "server did not stop within 20 s; killed")
	}
	os.RemoveAll(s.dir)
}
