package store

import (
	"testing"
	"time"

	"github.com/natter/natter/internal/auth"
)

// Two processes on one database share the admin login limit: failures
// recorded through one block the address on the other, and a success on
// either clears them.
func TestLoginFailures_SharedAcrossStores(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		a := auth.NewStoreLimiter(2, time.Minute, openTest(t, path).LoginFailures(), testLogger())
		b := auth.NewStoreLimiter(2, time.Minute, openTest(t, path).LoginFailures(), testLogger())
		now := time.Now().Truncate(time.Millisecond)
		a.Fail("192.0.2.1", now.Add(-2*time.Minute)) // expired
		a.Fail("192.0.2.1", now)
		if blocked, _ := b.Blocked("192.0.2.1", now); blocked {
			t.Fatal("blocked after one recent failure")
		}
		b.Fail("192.0.2.1", now.Add(time.Second))
		blocked, wait := a.Blocked("192.0.2.1", now.Add(time.Second))
		if d := wait - 59*time.Second; !blocked || d < -time.Millisecond || d > time.Millisecond {
			t.Fatalf("other store: blocked %v, wait %v; want true, 59s", blocked, wait)
		}
		if blocked, _ := b.Blocked("192.0.2.2", now); blocked {
			t.Error("another address blocked")
		}
		b.Reset("192.0.2.1")
		if blocked, _ := a.Blocked("192.0.2.1", now.Add(time.Second)); blocked {
			t.Error("a login on one store did not clear the failures on the other")
		}
	})
}
