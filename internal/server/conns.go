package server

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// idleGrace is how long a stop waits before cutting connections that are
// not in a handler. Bytes of a request already on their way (sent before
// the stop) are read and answered within it; idle, slow and half-sent
// connections are closed when it ends.
const idleGrace = 100 * time.Millisecond

// drainTick is how often a stop re-applies the cut-off and counts what
// is left.
const drainTick = 20 * time.Millisecond

// tracker is the listener Serve hands to fasthttp. It knows every open
// connection and whether a handler is working on it, which fasthttp's own
// shutdown does not: that one closes "idle" connections even when a
// request has just arrived on them (the request is committed, its answer
// lost), and never closes one whose headers are half-sent.
type tracker struct {
	net.Listener
	perIP int

	mu       sync.Mutex
	conns    map[*conn]struct{}
	ips      map[string]int
	stopping atomic.Bool
}

// conn is one accepted connection.
type conn struct {
	net.Conn
	t    *tracker
	ip   string
	busy atomic.Bool // a handler has the request, its answer is not written yet
	once sync.Once
	// The deadlines fasthttp asked for, and those applied to Conn (see
	// SetReadDeadline); only the serving goroutine touches them.
	readWant, readSet   time.Time
	writeWant, writeSet time.Time
}

// deadlineGrain is how much later than asked a deadline may fire.
// fasthttp moves a connection's deadlines three or four times per
// request (idle, headers, body, answer); applied to the socket, each
// move costs a runtime timer change, together a tenth of a cached
// answer's cost. Asked-for deadlines are applied when a read or write
// is about to happen, rounded up to this grain, and only if that
// changes them: on a busy connection, about once a second.
const deadlineGrain = time.Second

// SetReadDeadline records t; the next Read applies it.
func (c *conn) SetReadDeadline(t time.Time) error {
	c.readWant = t
	return nil
}

// SetWriteDeadline records t; the next Write applies it.
func (c *conn) SetWriteDeadline(t time.Time) error {
	c.writeWant = t
	return nil
}

// SetDeadline records t for both directions.
func (c *conn) SetDeadline(t time.Time) error {
	c.readWant, c.writeWant = t, t
	return nil
}

func (c *conn) Read(p []byte) (int, error) {
	if err := apply(c.readWant, &c.readSet, c.Conn.SetReadDeadline); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

func (c *conn) Write(p []byte) (int, error) {
	if err := apply(c.writeWant, &c.writeSet, c.Conn.SetWriteDeadline); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}

// apply sets the socket's deadline to want, rounded, unless *set (the
// deadline applied last) already is that.
func apply(want time.Time, set *time.Time, setDeadline func(time.Time) error) error {
	t := grain(want)
	if t.Equal(*set) {
		return nil
	}
	if err := setDeadline(t); err != nil {
		return err
	}
	*set = t
	return nil
}

// grain rounds a deadline up to deadlineGrain (none stays none).
func grain(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	if r := t.Truncate(deadlineGrain); r.Before(t) {
		return r.Add(deadlineGrain)
	}
	return t
}

// cut makes the connection's reads fail from at: the socket's deadline,
// from another goroutine than the one serving it. A read that fasthttp
// asks for a later deadline first is not cut (drain applies it again).
func (c *conn) cut(at time.Time) {
	_ = c.Conn.SetReadDeadline(at)
}

func newTracker(ln net.Listener, perIP int) *tracker {
	return &tracker{Listener: ln, perIP: perIP, conns: map[*conn]struct{}{}, ips: map[string]int{}}
}

// Accept registers each connection, refusing those over the per-address cap.
func (t *tracker) Accept() (net.Conn, error) {
	for {
		nc, err := t.Listener.Accept()
		if err != nil {
			return nil, err
		}
		c := &conn{Conn: nc, t: t}
		if a, ok := nc.RemoteAddr().(*net.TCPAddr); ok && t.perIP > 0 {
			c.ip = a.IP.String()
		}
		t.mu.Lock()
		if c.ip != "" && t.ips[c.ip] >= t.perIP {
			t.mu.Unlock()
			go refuse(nc)
			continue
		}
		t.conns[c] = struct{}{}
		if c.ip != "" {
			t.ips[c.ip]++
		}
		t.mu.Unlock()
		return c, nil
	}
}

// refuse answers a connection over the per-address cap and closes it.
func refuse(nc net.Conn) {
	_ = nc.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = nc.Write([]byte("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
	_ = nc.Close()
}

// Close forgets the connection and closes it.
func (c *conn) Close() error {
	c.once.Do(func() {
		t := c.t
		t.mu.Lock()
		delete(t.conns, c)
		if c.ip != "" {
			if t.ips[c.ip]--; t.ips[c.ip] <= 0 {
				delete(t.ips, c.ip)
			}
		}
		t.mu.Unlock()
	})
	return c.Conn.Close()
}

// wrap marks a connection busy while its request is handled and, once the
// stop has come, asks fasthttp to close it after the answer.
func (t *tracker) wrap(next fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		c, _ := ctx.Conn().(*conn)
		if c != nil {
			c.busy.Store(true)
		}
		next(ctx)
		if t.stopping.Load() {
			ctx.SetConnectionClose()
		}
	}
}

// state clears busy once fasthttp has written the answer.
func (t *tracker) state(nc net.Conn, s fasthttp.ConnState) {
	if c, ok := nc.(*conn); ok && s == fasthttp.StateIdle {
		c.busy.Store(false)
	}
}

// stop closes the listener: no new connections from now on.
func (t *tracker) stop() {
	t.stopping.Store(true)
	_ = t.Listener.Close()
}

// drain waits for every connection to close. Connections without a busy
// handler get a read deadline at the end of idleGrace, re-applied on every
// tick because fasthttp moves it when a request starts; a read past it
// fails and fasthttp closes the connection. Busy ones finish, answer with
// Connection: close, and close.
func (t *tracker) drain(timeout time.Duration) error {
	start := time.Now()
	cutoff := start.Add(idleGrace)
	tick := time.NewTicker(drainTick)
	defer tick.Stop()
	for {
		t.mu.Lock()
		left := len(t.conns)
		for c := range t.conns {
			if !c.busy.Load() {
				c.cut(cutoff)
			}
		}
		t.mu.Unlock()
		if left == 0 {
			return nil
		}
		if timeout > 0 && time.Since(start) >= timeout {
			t.closeAll()
			return fmt.Errorf("server: shutdown: %d connections still busy after %s", left, timeout)
		}
		<-tick.C
	}
}

// closeAll closes every connection at once.
func (t *tracker) closeAll() {
	t.mu.Lock()
	all := make([]*conn, 0, len(t.conns))
	for c := range t.conns {
		all = append(all, c)
	}
	t.mu.Unlock()
	for _, c := range all {
		_ = c.Close()
	}
}
