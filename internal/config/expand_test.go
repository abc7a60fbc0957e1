package config

import (
	"errors"
	"testing"
)

func TestExpandEnv(t *testing.T) {
	env := map[string]string{"HOME": "/home/u", "A_1": "x", "EMPTY": ""}
	tests := []struct{ in, want string }{
		{"$HOME/db", "/home/u/db"},
		{"${HOME}/db", "/home/u/db"},
		{"$A_1.$A_1", "x.x"},
		{"$UNSET/x", "$UNSET/x"},
		{"${UNSET}", "${UNSET}"},
		{"a$EMPTY.b", "a.b"},
		{"100$", "100$"},
		{"$$HOME", "$/home/u"},
		{"${HOME", "${HOME"},
		{"${}", "${}"},
		{"p@ss$-word", "p@ss$-word"},
	}
	for _, tc := range tests {
		if got := expandEnv(tc.in, env); got != tc.want {
			t.Errorf("expandEnv(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInterpolator(t *testing.T) {
	vals := map[string]string{
		"name": "blog", "dir": "/srv/%(name)s", "a": "%(b)s", "b": "%(a)s", "pct": "50%",
	}
	lookup := func(k string) (string, bool) { v, ok := vals[k]; return v, ok }
	tests := []struct {
		in, want string
		missing  int
	}{
		{"comments.%(name)s.db", "comments.blog.db", 0},
		{"%(NAME)s", "blog", 0},
		{"%(dir)s/c.db", "/srv/blog/c.db", 0},
		{"100%", "100%", 0},
		{"%%(name)s", "%blog", 0},
		{"%%", "%%", 0},
		{"%(name)d", "%(name)d", 0},
		{"%(unknown)s", "%(unknown)s", 1},
		{"%()s", "%()s", 0},
		{"%(pct)s", "50%", 0},
		{"%(", "%(", 0},
	}
	for _, tc := range tests {
		in := &interpolator{lookup: lookup}
		got, err := in.expand(tc.in, 0)
		if err != nil || got != tc.want || len(in.missing) != tc.missing {
			t.Errorf("expand(%q) = %q, %v, missing %v; want %q, %d missing", tc.in, got, err, in.missing, tc.want, tc.missing)
		}
	}
	in := &interpolator{lookup: lookup}
	if _, err := in.expand("%(a)s", 0); !errors.Is(err, errInterpolationDepth) {
		t.Errorf("cycle: err = %v, want errInterpolationDepth", err)
	}
}

func TestLoad_Interpolation(t *testing.T) {
	c, w := mustLoad(t, `[DEFAULT]
root = /srv/isso
[general]
name = blog
dbpath = %(root)s/comments.%(name)s.db
host = http://example.org
log-file = %(missing)s.log
gravatar-url = https://x/%(max-age)s
`)
	if c.General.DBPath != "/srv/isso/comments.blog.db" {
		t.Errorf("DBPath = %q", c.General.DBPath)
	}
	if c.General.LogFile != "%(missing)s.log" || !hasWarning(w, "general", "log-file", "%(missing)s") {
		t.Errorf("LogFile = %q, warnings %v", c.General.LogFile, w)
	}
	if c.General.GravatarURL != "https://x/15m" {
		t.Errorf("built-in default not visible to %%(name)s: %q", c.General.GravatarURL)
	}
	if hasWarning(w, "DEFAULT", "root", "") {
		t.Errorf("used [DEFAULT] key warned: %v", w)
	}
}

func TestLoad_UnusedDefaultWarns(t *testing.T) {
	c, w := mustLoad(t, "[DEFAULT]\nmax-age = 1h\n"+minimal)
	if c.General.MaxAge.String() != "15m0s" {
		t.Errorf("[DEFAULT] overrode a built-in default: %v", c.General.MaxAge)
	}
	if !hasWarning(w, "DEFAULT", "max-age", "not used") {
		t.Errorf("warnings %v", w)
	}
}

func TestLoad_InterpolationCycleIsError(t *testing.T) {
	_, _, err := loadText(t, minimal+"name = %(log-file)s\nlog-file = %(name)s\n")
	if probs := problems(t, err); len(probs) != 2 {
		t.Errorf("problems %v, want one per key", probs)
	}
}

func TestLoad_EnvExpansion(t *testing.T) {
	c, _ := mustLoad(t, minimal+"dbpath = ${DATA}/c.db\n[smtp]\npassword = $SMTP_PW\nto = $UNSET\n",
		"DATA=/var/lib/natter", "SMTP_PW=s3cret")
	if c.General.DBPath != "/var/lib/natter/c.db" || c.SMTP.Password != "s3cret" || c.SMTP.To != "$UNSET" {
		t.Errorf("got dbpath %q password %q to %q", c.General.DBPath, c.SMTP.Password, c.SMTP.To)
	}
}

func TestLoad_HomeExpansion(t *testing.T) {
	c, _ := mustLoad(t, minimal+"dbpath = ~/comments.db\n", "HOME=/home/u")
	if c.General.DBPath != "/home/u/comments.db" {
		t.Errorf("DBPath = %q", c.General.DBPath)
	}
}
