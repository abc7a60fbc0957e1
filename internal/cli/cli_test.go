package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the command line in-process.
func run(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, env, &out, &errb, Build{Version: "1.2.3", Commit: "abc123"})
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const articleCfg = "../config/testdata/article.cfg"

func TestCheckArticleConfig(t *testing.T) {
	code, out, errOut := run(t, nil, "check", "-c", articleCfg)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"dbpath = /path/to/isso/comments.blog.db",
		"    https://blog.example.com/",
		"password = ********",
		"sckey = ********",
		"tckey = ********",
		"from = \"Example Comment\" <noreply@example.com>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "xxxxxx") || strings.Contains(out, "= xxx\n") {
		t.Errorf("a secret leaked into the output:\n%s", out)
	}
	if !strings.Contains(errOut, "configuration OK") {
		t.Errorf("stderr = %q, want an OK line", errOut)
	}
}

func TestCheckIssoStyleFlagBeforeCommand(t *testing.T) {
	if code, _, errOut := run(t, nil, "-c", articleCfg, "check"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

func TestCheckReportsEveryError(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.cfg", "[general]\nhost = http://a\nmax-age = 1y\n\n[guard]\nenabled = maybe\n[server]\nlisten = ftp://x\n")
	code, _, errOut := run(t, nil, "check", "-c", bad)
	if code == 0 {
		t.Fatal("a broken configuration was accepted")
	}
	for _, want := range []string{bad + ":3: [general] max-age", bad + ":6: [guard] enabled", bad + ":8: [server] listen"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestCheckRefusesWeakAdminPassword: the panel enabled with Isso's
// published default password fails the check, with a way out.
func TestCheckRefusesWeakAdminPassword(t *testing.T) {
	cfg := writeFile(t, t.TempDir(), "weak.cfg", "[general]\nhost = http://a\n[admin]\nenabled = true\n")
	code, _, errOut := run(t, nil, "check", "-c", cfg)
	if code == 0 || !strings.Contains(errOut, "[admin] password") || !strings.Contains(errOut, "at least 12 characters") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestCheckMissingFile(t *testing.T) {
	code, _, errOut := run(t, nil, "check", "-c", filepath.Join(t.TempDir(), "nope.cfg"))
	if code == 0 || !strings.Contains(errOut, "nope.cfg") {
		t.Fatalf("exit %d, stderr %q: want a failure naming the file", code, errOut)
	}
}

func TestSettingsFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.cfg", "[general]\nname = a\nhost = http://a.example\n")
	b := writeFile(t, dir, "b.cfg", "[general]\nname = b\nhost = http://b.example\n")
	tests := []struct {
		name      string
		env       []string
		wantHosts []string
		wantWarn  string
	}{
		{"ISSO_SETTINGS file", []string{"ISSO_SETTINGS=" + a}, []string{"http://a.example"}, ""},
		{"NATTER_SETTINGS wins", []string{"ISSO_SETTINGS=" + a, "NATTER_SETTINGS=" + b}, []string{"http://b.example"}, ""},
		{"several sites", []string{"ISSO_SETTINGS=" + a + ";" + b}, []string{"http://a.example", "http://b.example"}, "site b ("},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.env, "check")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, h := range tt.wantHosts {
				if !strings.Contains(out, h) {
					t.Errorf("output lacks host %s", h)
				}
			}
			if tt.wantWarn != "" && !strings.Contains(errOut, tt.wantWarn) {
				t.Errorf("stderr lacks %q: %s", tt.wantWarn, errOut)
			}
		})
	}
}

func TestBuiltInDefault(t *testing.T) {
	code, out, errOut := run(t, nil, "check")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"listen = http://127.0.0.1:8080", "dbpath = ./natter.db", "http://localhost:*", "http://127.0.0.1:*"} {
		if !strings.Contains(out, want) {
			t.Errorf("built-in default lacks %q", want)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{[]string{"version"}, 0, "natter 1.2.3 (commit abc123)"},
		{[]string{"--version"}, 0, "natter 1.2.3 (commit abc123)"},
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"-h"}, 0, "serve"},
		{[]string{"frobnicate"}, 2, ""},
		{[]string{"version", "extra"}, 2, ""},
		{[]string{"check", "--nope"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, _ := run(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out, tt.wantOut)
			}
		})
	}
}

func TestCommandHelp(t *testing.T) {
	for _, cmd := range []string{"serve", "run", "check"} {
		code, _, errOut := run(t, nil, cmd, "-h")
		if code != 0 || !strings.Contains(errOut, "Usage: natter "+cmd) || !strings.Contains(errOut, "-c file") {
			t.Errorf("%s -h: exit %d, stderr %q", cmd, code, errOut)
		}
	}
}
