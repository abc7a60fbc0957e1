package faillog

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestLog_RecordsWarningsAndErrorsAndPassesAllOn(t *testing.T) {
	var out bytes.Buffer
	l := New(3)
	log := slog.New(l.Wrap(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo})))
	log.Debug("hidden")
	log.Info("request", "status", 200)
	log.Warn("configuration", "warning", "unknown key [general] foo")
	log.With("component", "mail").Error("send failed", "error", "dial tcp: refused")

	got := l.Recent()
	want := []struct {
		level slog.Level
		msg   string
	}{
		{slog.LevelError, "send failed component=mail error=dial tcp: refused"},
		{slog.LevelWarn, "configuration warning=unknown key [general] foo"},
	}
	if len(got) != len(want) {
		t.Fatalf("recorded %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Level != w.level || got[i].Message != w.msg || got[i].Time.IsZero() {
			t.Errorf("entry %d = %+v, want %v %q", i, got[i], w.level, w.msg)
		}
	}
	for _, line := range []string{"msg=request", "msg=configuration", "component=mail"} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("next handler missed %q:\n%s", line, out.String())
		}
	}
	if strings.Contains(out.String(), "hidden") {
		t.Error("a debug line passed the next handler's level")
	}
}

func TestLog_KeepsOnlyTheNewest(t *testing.T) {
	l := New(2)
	// The next handler only wants errors: warnings are still recorded.
	log := slog.New(l.Wrap(slog.NewTextHandler(&bytes.Buffer{}, &slog.HandlerOptions{Level: slog.LevelError})))
	for _, m := range []string{"one", "two", "three"} {
		log.Warn(m)
	}
	got := l.Recent()
	if len(got) != 2 || got[0].Message != "three" || got[1].Message != "two" {
		t.Errorf("Recent = %+v, want three, two", got)
	}
}
