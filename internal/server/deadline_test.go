package server

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

func TestGrain(t *testing.T) {
	at := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, want time.Time }{
		{time.Time{}, time.Time{}},
		{at, at},
		{at.Add(time.Nanosecond), at.Add(time.Second)},
		{at.Add(999 * time.Millisecond), at.Add(time.Second)},
	} {
		if got := grain(c.in); !got.Equal(c.want) {
			t.Errorf("grain(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestConnDeadlines: a deadline asked for holds for the next read or
// write however often it moved before, and a later one lifts a passed one.
func TestConnDeadlines(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	c := &conn{Conn: a}
	buf := make([]byte, 1)
	past, later := time.Now().Add(-time.Second), time.Now().Add(time.Minute)

	c.SetReadDeadline(later)
	c.SetReadDeadline(past)
	if _, err := c.Read(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read after a passed deadline: %v", err)
	}
	c.SetReadDeadline(later)
	go b.Write([]byte("x"))
	if n, err := c.Read(buf); n != 1 || err != nil {
		t.Fatalf("read after the deadline moved later: %d, %v", n, err)
	}

	c.SetWriteDeadline(past)
	if _, err := c.Write(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("write after a passed deadline: %v", err)
	}
	c.SetDeadline(time.Now().Add(50 * time.Millisecond))
	if _, err := c.Read(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a blocked read outlived its deadline: %v", err)
	}
}
