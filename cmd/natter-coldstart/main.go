// Command natter-coldstart measures Natter's cold start: the wall time
// from exec of a built binary to the first 200 from /readyz, polled every
// 200 µs, over several runs (median, min, max). Beside it: the CPU the
// process used until then (all threads) and the time its threads waited
// for a CPU, from /proc/PID/task/*/schedstat (Linux), which tells a
// loaded machine from a slow start.
//
//	go build -o /tmp/natter ./cmd/natter
//	go run ./cmd/natter-coldstart -db /tmp/comments.db /tmp/natter
//	go run ./cmd/natter-coldstart -fresh -db /tmp/new.db /tmp/natter   # each start creates the database
//
// Arguments after the binary are passed to it (default: serve). The
// server listens on a free loopback port; its log level is error unless
// NATTER_NATTER_LOG_LEVEL says otherwise. docs/bench/million.sql fills a
// database with 1,000,000 comments.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("n", 10, "runs")
	db := flag.String("db", "", "SQLite database (NATTER_GENERAL_DBPATH); empty: the binary's default")
	fresh := flag.Bool("fresh", false, "remove the database before each run")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 || *fresh && *db == "" {
		fmt.Fprintln(os.Stderr, "usage: natter-coldstart [-n runs] [-db file [-fresh]] natter-binary [args]")
		os.Exit(2)
	}
	if err := run(*runs, *db, *fresh, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "natter-coldstart:", err)
		os.Exit(1)
	}
}

// sample is one start's figures.
type sample struct{ wall, cpu, wait time.Duration }

func run(runs int, db string, fresh bool, args []string) error {
	if len(args) == 1 {
		args = append(args, "serve")
	}
	var out []sample
	for range runs {
		if fresh {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(db + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
					return err
				}
			}
		}
		s, err := start(db, args)
		if err != nil {
			return err
		}
		out = append(out, s)
	}
	report("wall", out, func(s sample) time.Duration { return s.wall })
	report("cpu", out, func(s sample) time.Duration { return s.cpu })
	report("cpu wait", out, func(s sample) time.Duration { return s.wait })
	return nil
}

// start runs the binary once until /readyz answers 200, then stops it
// with SIGTERM and waits for it.
func start(db string, args []string) (sample, error) {
	addr, err := freeAddr()
	if err != nil {
		return sample{}, err
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "NATTER_SERVER_LISTEN=http://"+addr)
	if db != "" {
		cmd.Env = append(cmd.Env, "NATTER_GENERAL_DBPATH="+db)
	}
	if os.Getenv("NATTER_NATTER_LOG_LEVEL") == "" {
		cmd.Env = append(cmd.Env, "NATTER_NATTER_LOG_LEVEL=error")
	}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	exited := make(chan error, 1)
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		<-exited
	}()
	for !ready(addr) {
		select {
		case err := <-exited:
			exited <- err
			return sample{}, fmt.Errorf("%s exited before it was ready: %v", args[0], err)
		default:
		}
		if time.Since(began) > time.Minute {
			return sample{}, fmt.Errorf("%s not ready after a minute", args[0])
		}
		time.Sleep(200 * time.Microsecond)
	}
	s := sample{wall: time.Since(began)}
	s.cpu, s.wait = schedstat(cmd.Process.Pid)
	return s, nil
}

// freeAddr is a loopback address no one listens on now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// ready reports whether GET /readyz answers 200.
func ready(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 50*time.Millisecond)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := fmt.Fprintf(c, "GET /readyz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", addr); err != nil {
		return false
	}
	buf := make([]byte, 16)
	n, _ := c.Read(buf)
	return strings.HasPrefix(string(buf[:n]), "HTTP/1.1 200")
}

// schedstat sums the time pid's threads ran and waited to run.
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

func report(what string, samples []sample, of func(sample) time.Duration) {
	ds := make([]time.Duration, len(samples))
	for i, s := range samples {
		ds[i] = of(s)
	}
	slices.Sort(ds)
	fmt.Printf("%-8s median %6.1f ms  min %6.1f ms  max %6.1f ms  (%d runs)\n", what,
		ms(ds[len(ds)/2]), ms(ds[0]), ms(ds[len(ds)-1]), len(ds))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
