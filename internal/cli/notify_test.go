package cli

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// notify-test sends one test message per channel and reports each
// answer; a refusing channel makes the command fail.
func TestNotifyTest(t *testing.T) {
	var hits atomic.Int32
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
	}))
	defer ok.Close()
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad key", http.StatusForbidden)
	}))
	defer refuse.Close()
	dir := t.TempDir()
	cfg := writeFile(t, dir, "natter.cfg", "[general]\nhost = https://blog.example\ndbpath = "+filepath.Join(dir, "c.db")+
		"\nnotify = webhook wecom\n[webhook]\nurl = "+ok.URL+"\n[wecom]\nwebhook = "+refuse.URL+"/send?key=K\n")
	code, out, errOut := run(t, nil, "notify-test", "-c", cfg, "-channel", "webhook")
	if code != 0 || !strings.Contains(out, "webhook: sent (HTTP 200") || hits.Load() != 1 {
		t.Errorf("exit %d, %d hits, stdout %q, stderr %q", code, hits.Load(), out, errOut)
	}
	code, out, _ = run(t, nil, "notify-test", "-c", cfg)
	if code == 0 || !strings.Contains(out, "webhook: sent") || !strings.Contains(out, "wecom: failed (HTTP 403: bad key)") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
}
