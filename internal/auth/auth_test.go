package auth

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestPassword(t *testing.T) {
	bc, err := bcrypt.GenerateFromPassword([]byte("s3cret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, configured := range []string{"s3cret", string(bc), HashArgon2id("s3cret", []byte("0123456789abcdef"))} {
		p, err := ParsePassword(configured)
		if err != nil {
			t.Fatalf("%q: %v", configured, err)
		}
		if !p.Check("s3cret") || p.Check("s3cret ") || p.Check("") {
			t.Errorf("%s: wrong result", p.Kind())
		}
	}
	for _, bad := range []string{"", "$2b$nothash", "$argon2id$v=19$m=1$x$y", "$argon2i$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"} {
		if _, err := ParsePassword(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// memSessions is an in-memory SessionStore.
type memSessions map[string]time.Time

func (m memSessions) CreateSession(_ context.Context, id string, _, exp time.Time) error {
	m[id] = exp
	return nil
}

func (m memSessions) SessionActive(_ context.Context, id string, now time.Time) (bool, error) {
	exp, ok := m[id]
	return ok && now.Before(exp), nil
}

func (m memSessions) RevokeSession(_ context.Context, id string) error {
	delete(m, id)
	return nil
}

func (m memSessions) RevokeAllSessions(context.Context) error {
	clear(m)
	return nil
}

func TestSessions(t *testing.T) {
	ctx := t.Context()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	store := memSessions{}
	s := NewSessions([]byte("secret"), "pw", time.Hour, store)
	tok, sess, err := s.Issue(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Verify(ctx, tok, now.Add(59*time.Minute)); err != nil || got.ID != sess.ID {
		t.Fatalf("fresh token: %v", err)
	}
	if _, err := s.Verify(ctx, tok, now.Add(time.Hour)); err == nil {
		t.Error("expired token accepted")
	}
	if _, err := s.Verify(ctx, tok[:len(tok)-2]+"AA", now); err == nil {
		t.Error("forged token accepted")
	}
	if _, err := NewSessions([]byte("secret"), "new password", time.Hour, store).Verify(ctx, tok, now); err == nil {
		t.Error("token survives a password change")
	}
	if !s.CheckCSRF(sess, s.CSRFToken(sess)) || s.CheckCSRF(sess, "") || s.CheckCSRF(sess, "x") {
		t.Error("CSRF check")
	}
	// A new process with the same store refuses a revoked token.
	if err := s.Revoke(ctx, sess); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSessions([]byte("secret"), "pw", time.Hour, store).Verify(ctx, tok, now); err == nil {
		t.Error("revoked token accepted")
	}
	tok2, _, _ := s.Issue(ctx, now)
	if err := s.RevokeAll(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Verify(ctx, tok2, now); err == nil {
		t.Error("token accepted after RevokeAll")
	}
}

// TestLimiter: the in-memory limiter and the store-backed one behave alike.
func TestLimiter(t *testing.T) {
	limiters := map[string]func() LoginLimiter{
		"memory": func() LoginLimiter { return NewLimiter(2, time.Minute) },
		"store":  func() LoginLimiter { return NewStoreLimiter(2, time.Minute, &fakeFailures{}, nil) },
	}
	for name, newLimiter := range limiters {
		t.Run(name, func(t *testing.T) {
			now := time.Now()
			l := newLimiter()
			l.Fail("2001:db8::1", now)
			l.Fail("2001:db8::2", now) // same /64
			if blocked, wait := l.Blocked("2001:db8::3", now); !blocked || wait != time.Minute {
				t.Fatalf("blocked %v wait %v", blocked, wait)
			}
			if blocked, _ := l.Blocked("192.0.2.1", now); blocked {
				t.Error("other address blocked")
			}
			if blocked, _ := l.Blocked("2001:db8::3", now.Add(time.Minute)); blocked {
				t.Error("window did not pass")
			}
			l.Reset("2001:db8::4")
			if blocked, _ := l.Blocked("2001:db8::3", now); blocked {
				t.Error("Reset kept the failures")
			}
		})
	}
}

// A limiter whose store fails refuses rather than letting guesses through.
func TestStoreLimiter_FailsClosed(t *testing.T) {
	l := NewStoreLimiter(2, time.Minute, &fakeFailures{err: errors.New("down")}, slog.New(slog.DiscardHandler))
	if blocked, _ := l.Blocked("192.0.2.1", time.Now()); !blocked {
		t.Error("a failing store let a login through")
	}
}

// fakeFailures is a FailureStore in memory.
type fakeFailures struct {
	mu  sync.Mutex
	at  map[string][]time.Time
	err error
}

func (f *fakeFailures) RecentFailures(_ context.Context, key string, since time.Time) (int, time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var recent []time.Time
	for _, at := range f.at[key] {
		if at.After(since) {
			recent = append(recent, at)
		}
	}
	if len(recent) == 0 {
		return 0, time.Time{}, f.err
	}
	return len(recent), recent[0], f.err
}

func (f *fakeFailures) AddFailure(_ context.Context, key string, at, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.at == nil {
		f.at = map[string][]time.Time{}
	}
	f.at[key] = append(f.at[key], at)
	return f.err
}

func (f *fakeFailures) ClearFailures(_ context.Context, key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.at, key)
	return f.err
}
