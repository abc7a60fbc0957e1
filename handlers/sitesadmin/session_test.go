package sitesadmin

import (
	"strings"
	"testing"
	"time"
)

func TestTokens_ExpireAndRefuseForgeries(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tk := newTokens([]byte("registry secret"), "hoster-password-123", time.Hour)
	token := tk.issue(now)
	if !tk.valid(token, now.Add(59*time.Minute)) {
		t.Fatal("fresh token refused")
	}
	if tk.valid(token, now.Add(time.Hour)) {
		t.Error("expired token accepted")
	}
	other := newTokens([]byte("registry secret"), "another-password-1", time.Hour)
	if other.valid(token, now) {
		t.Error("token survives a password change")
	}
	exp, sig, _ := strings.Cut(token, ".")
	if tk.valid(exp+"9."+sig, now) || tk.valid("", now) || tk.valid(token+"x", now) {
		t.Error("tampered token accepted")
	}
	if !tk.checkCSRF(token, tk.csrf(token)) || tk.checkCSRF(token, "") || tk.checkCSRF(tk.issue(now.Add(time.Second)), tk.csrf(token)) {
		t.Error("CSRF token not bound to its session")
	}
}
