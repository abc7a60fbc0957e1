package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// buildNatter compiles ./cmd/natter into dir and returns the binary.
func buildNatter(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "natter")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/natter")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/natter (run from the repository root): %w", err)
	}
	return bin, nil
}

// natter is a running server process.
type natter struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	done chan error
	// ready is the wall time from exec to the first 200 of /readyz;
	// cpu and wait are the time its threads ran and waited for a CPU until
	// then, which tells a loaded machine from a slow start.
	ready, cpu, wait time.Duration
}

// startNatter runs bin on db with the configuration of docs/benchmarks.md
// (environment only: guard off, log level warn) and waits for /readyz.
func startNatter(ctx context.Context, bin, db string) (*natter, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "NATTER_GENERAL_DBPATH="+db, "NATTER_SERVER_LISTEN="+base,
		"NATTER_NATTER_LOG_LEVEL=warn", "NATTER_GUARD_ENABLED=false")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	n := &natter{cmd: cmd, base: base, done: make(chan error, 1)}
	go func() { n.done <- cmd.Wait() }()
	if err := n.waitReady(ctx); err != nil {
		n.stop()
		return nil, err
	}
	n.ready = time.Since(start)
	n.cpu, n.wait = schedstat(n.pid())
	return n, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// readyPoll is how often /readyz is asked; it bounds the error of the
// cold-start figure (a refused connection costs microseconds).
const readyPoll = time.Millisecond

// waitReady polls /readyz until it answers 200, the process exits or a
// minute passes.
func (n *natter) waitReady(ctx context.Context) error {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
	tick := time.NewTicker(readyPoll)
	defer tick.Stop()
	deadline := time.After(time.Minute)
	for {
		if res, err := client.Get(n.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-n.done:
			n.done <- err
			return fmt.Errorf("natter exited before it was ready: %v", err)
		case <-deadline:
			return errors.New("natter not ready within a minute")
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func (n *natter) pid() int { return n.cmd.Process.Pid }

// stop sends SIGTERM and waits for the exit (SIGKILL after 30 s).
func (n *natter) stop() error {
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-n.done:
		n.done <- err
		return err
	case <-time.After(30 * time.Second):
		_ = n.cmd.Process.Kill()
		return errors.New("natter did not stop within 30 s; killed")
	}
}

// clockTick is USER_HZ, the unit of /proc/PID/stat times; 100 on every
// Linux architecture Go supports except alpha.
const clockTick = 100

// cpuTime is the user plus system CPU a process has used so far.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("cpu time: %w", err)
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces: state is field 3, utime 14, stime 15.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("cpu time: short /proc/%d/stat", pid)
	}
	var ticks int64
	for _, v := range f[11:13] {
		t, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("cpu time: %w", err)
		}
		ticks += t
	}
	return time.Duration(ticks) * time.Second / clockTick, nil
}

// rss is a process's resident set in bytes (VmRSS).
func rss(pid int) (int64, error) { return statusBytes(pid, "VmRSS:") }

// anonymous is the process's resident anonymous memory (RssAnon): its
// heap, stacks and SQLite's caches, without the pages of files it maps
// (the executable's code, paged in as it first runs, and the WAL index).
func anonymous(pid int) (int64, error) { return statusBytes(pid, "RssAnon:") }

func statusBytes(pid int, field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("memory: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("memory: no %s in /proc/%d/status", field, pid)
}

// schedstat sums the time pid's threads ran and waited to run
// (/proc/PID/task/*/schedstat, Linux).
func schedstat(pid int) (run, wait time.Duration) {
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, t.Name()))
		if err != nil {
			continue
		}
		var r, w int64
		if _, err := fmt.Sscan(string(b), &r, &w); err == nil {
			run += time.Duration(r)
			wait += time.Duration(w)
		}
	}
	return run, wait
}
