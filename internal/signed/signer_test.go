package signed

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

// Known-answer vectors. The first four are isso-compat.md §2.7; the rest
// were computed on a dev machine with Python's stdlib only (hashlib, hmac,
// zlib, base64, json with separators=(",", ":") and ensure_ascii=False),
// re-implementing the format described in doc.go — not with itsdangerous.
const testSecret = "0123456789abcdef0123456789abcdef0123456789abcdef"

var testTime = time.Unix(1700000000, 0)

var vectors = []struct {
	name  string
	value any
	at    time.Time
	token string
}{
	{"moderation key", 13, testTime, "MTM.ZVPxAA.ujEYOGCb2xxwW8hAi1Ld2KdEANI"},
	{"edit cookie", []any{23, "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"}, testTime,
		"WzIzLCIyYWFlNmMzNWM5NGZjZmI0MTVkYmU5NWY0MDhiOWNlOTFlZTg0NmVkIl0.ZVPxAA.upjpVm6nzisZ6NomluJu_234LvI"},
	{"unsubscribe key", []string{"unsubscribe", "alice@example.com"}, testTime,
		"WyJ1bnN1YnNjcmliZSIsImFsaWNlQGV4YW1wbGUuY29tIl0.ZVPxAA.IYiQaSEo7ti2A0xh4FGXzHKXGRs"},
	{"admin session", map[string]bool{"logged": true}, testTime, "eyJsb2dnZWQiOnRydWV9.ZVPxAA.bg7b8-ujctEIjiL578KdPTEvIGM"},
	{"non-ASCII stays UTF-8", []string{"unsubscribe", "josé@example.com"}, testTime,
		"WyJ1bnN1YnNjcmliZSIsImpvc8OpQGV4YW1wbGUuY29tIl0.ZVPxAA.uuq8HDWYw39HJl9V2xeZ3JGMJhU"},
	{"no HTML escaping", []string{"unsubscribe", "a<b>&c@example.com"}, testTime,
		"WyJ1bnN1YnNjcmliZSIsImE8Yj4mY0BleGFtcGxlLmNvbSJd.ZVPxAA.RqDJ9wNxeSTuYT7QYUvKsGXlwg0"},
	{"one-byte timestamp", 42, time.Unix(255, 0), "NDI._w.hsulT_CdkWJoovf3mmXnBalb7Vo"},
}

func TestSigner_KnownAnswers(t *testing.T) {
	s := New(testSecret)
	if got := hex.EncodeToString(s.key); got != "00c48bf7e351fb1e0a0e1727c8bbf6a190b65824" {
		t.Fatalf("derived key = %s", got)
	}
	for _, tc := range vectors {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.SignAt(tc.value, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.token {
				t.Errorf("SignAt = %s\n          want %s", got, tc.token)
			}
			var out any
			if err := s.Unsign(tc.token, time.Hour, tc.at.Add(time.Minute), &out); err != nil {
				t.Errorf("Unsign: %v", err)
			}
		})
	}
}

func TestSigner_AcceptsIssoCompressedToken(t *testing.T) {
	// zlib level 6 output from Python; Go's deflate may choose other bytes,
	// so only verification is byte-compatible here.
	const token = ".eJyLVqqgA1CKBQDRJi_d.ZVPxAA.Gb25WhKsd_jd6VQi0LjFg4L6G-E"
	var out []string
	if err := New(testSecret).Unsign(token, time.Hour, testTime, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0] != strings.Repeat("x", 100) {
		t.Errorf("payload = %q", out)
	}
}

func TestSigner_RoundTrip(t *testing.T) {
	s := New("secret")
	tests := []struct {
		name  string
		value []string
	}{
		{"short payload is not compressed", []string{"a"}},
		{"long payload is compressed", []string{strings.Repeat("abc", 50)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			token, err := s.Sign(tc.value)
			if err != nil {
				t.Fatal(err)
			}
			if compressed := strings.HasPrefix(token, "."); compressed != (len(tc.value[0]) > 100) {
				t.Errorf("compressed = %v for %s", compressed, token)
			}
			var out []string
			if err := s.Unsign(token, time.Minute, time.Now(), &out); err != nil {
				t.Fatal(err)
			}
			if len(out) != 1 || out[0] != tc.value[0] {
				t.Errorf("round trip gave %q", out)
			}
		})
	}
}

func TestSigner_Rejects(t *testing.T) {
	s := New(testSecret)
	good := vectors[1].token
	tests := []struct {
		name  string
		token string
		s     *Signer
		now   time.Time
		want  error
	}{
		{"other secret", good, New("other"), testTime, ErrBadSignature},
		{"tampered payload", "WzI0" + good[4:], s, testTime, ErrBadSignature},
		{"tampered timestamp", strings.Replace(good, ".ZVPxAA.", ".ZVPxAB.", 1), s, testTime, ErrBadSignature},
		{"tampered signature", good[:len(good)-1] + "J", s, testTime, ErrBadSignature},
		{"signature stripped", good[:strings.LastIndexByte(good, '.')], s, testTime, ErrBadSignature},
		{"no dots", "garbage", s, testTime, ErrBadSignature},
		{"empty", "", s, testTime, ErrBadSignature},
		{"expired by one second", good, s, testTime.Add(time.Hour + time.Second), ErrExpired},
		{"from the future", good, s, testTime.Add(-time.Second), ErrExpired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out any
			err := tc.s.Unsign(tc.token, time.Hour, tc.now, &out)
			if !errors.Is(err, tc.want) {
				t.Errorf("Unsign error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSigner_Expiry(t *testing.T) {
	s := New(testSecret)
	token := vectors[0].token
	tests := []struct {
		name   string
		maxAge time.Duration
		now    time.Time
		want   error
	}{
		{"same second", time.Hour, testTime, nil},
		{"exactly max age", time.Hour, testTime.Add(time.Hour), nil},
		{"one second over", time.Hour, testTime.Add(time.Hour + time.Second), ErrExpired},
		{"fractional max age truncates", 1500 * time.Millisecond, testTime.Add(2 * time.Second), ErrExpired},
		{"moderation links last 2^32 s", (1 << 32) * time.Second, testTime.Add(100 * 365 * 24 * time.Hour), nil},
		{"zero max age disables the check", 0, testTime.Add(1000 * time.Hour), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var id int
			err := s.Unsign(token, tc.maxAge, tc.now, &id)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Unsign error = %v, want %v", err, tc.want)
			}
			if err == nil && id != 13 {
				t.Errorf("id = %d, want 13", id)
			}
		})
	}
}

func TestSigner_BadPayloadType(t *testing.T) {
	var out struct{ Logged bool }
	err := New(testSecret).Unsign(vectors[0].token, time.Hour, testTime, &out)
	if !errors.Is(err, ErrBadPayload) {
		t.Errorf("Unsign error = %v, want ErrBadPayload", err)
	}
}

func TestSigner_SignRejectsUnencodable(t *testing.T) {
	if _, err := New("k").Sign(func() {}); err == nil {
		t.Error("Sign(func) succeeded")
	}
	if _, err := New("k").SignAt(1, time.Unix(-1, 0)); err == nil {
		t.Error("SignAt before 1970 succeeded")
	}
}
