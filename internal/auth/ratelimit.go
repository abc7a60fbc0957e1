package auth

import (
	"net/netip"
	"sync"
	"time"
)

// Limiter counts failed logins per client address and refuses further
// attempts from an address once it has failed Max times within Window.
// IPv6 clients are counted per /64, which one host usually controls whole.
// State is in memory: a restart forgets it, which only helps an attacker
// who can restart the server.
type Limiter struct {
	Max    int
	Window time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
}

// NewLimiter allows max failures per window and address.
func NewLimiter(max int, window time.Duration) *Limiter {
	return &Limiter{Max: max, Window: window, failures: map[string][]time.Time{}}
}

// Key maps a client address to the unit that is limited.
func Key(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

// Blocked reports whether addr must wait, and for how long.
func (l *Limiter) Blocked(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.prune(Key(addr), now)
	if len(recent) < l.Max {
		return false, 0
	}
	return true, recent[0].Add(l.Window).Sub(now)
}

// Fail records a failed attempt from addr.
func (l *Limiter) Fail(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := Key(addr)
	l.failures[k] = append(l.prune(k, now), now)
	if len(l.failures) > 100000 { // bound memory under a spray of addresses
		for key := range l.failures {
			if len(l.prune(key, now)) == 0 {
				delete(l.failures, key)
			}
		}
	}
}

// Reset forgets addr's failures after a successful login.
func (l *Limiter) Reset(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, Key(addr))
}

func (l *Limiter) prune(key string, now time.Time) []time.Time {
	ts := l.failures[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.Window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = ts
	return ts
}
