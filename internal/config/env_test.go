package config

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEnvName(t *testing.T) {
	tests := []struct{ section, key, want string }{
		{"general", "dbpath", "NATTER_GENERAL_DBPATH"},
		{"smtp", "password", "NATTER_SMTP_PASSWORD"},
		{"markup.misaka", "options", "NATTER_MARKUP_MISAKA_OPTIONS"},
		{"natter", "database", "NATTER_NATTER_DATABASE"},
		{"moderation", "purge-after", "NATTER_MODERATION_PURGE_AFTER"},
	}
	for _, tc := range tests {
		if got := envName(tc.section, tc.key); got != tc.want {
			t.Errorf("envName(%q, %q) = %q, want %q", tc.section, tc.key, got, tc.want)
		}
	}
}

func TestLoad_EnvOverrides(t *testing.T) {
	c, w := mustLoad(t, minimal+"dbpath = /from/file.db\n",
		"NATTER_GENERAL_DBPATH=/from/env.db",
		"NATTER_GENERAL_HOST=http://a.example\nhttp://b.example",
		"NATTER_SMTP_PASSWORD=$NOT_EXPANDED",
		"NATTER_MARKUP_MISAKA_OPTIONS=tables",
		"NATTER_NATTER_DATABASE=postgres://natter@db/natter",
		"NATTER_NATTER_SHUTDOWN_TIMEOUT=1m",
		"NATTER_WECHAT_TAKEY=k",
		"NOT_EXPANDED=oops",
	)
	if len(w) != 0 {
		t.Errorf("warnings %v", w)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"dbpath", c.General.DBPath, "/from/env.db"},
		{"host", c.General.Hosts, []string{"http://a.example", "http://b.example"}},
		{"smtp password", c.SMTP.Password, "$NOT_EXPANDED"},
		{"misaka options", c.Markup.MisakaOptions, []string{"tables"}},
		{"database", c.Natter.Database, "postgres://natter@db/natter"},
		{"shutdown", c.Natter.ShutdownTimeout, time.Minute},
		{"tckey", c.WeChat.TCKey, "k"},
	}
	for _, ck := range checks {
		if !equal(ck.got, ck.want) {
			t.Errorf("%s = %#v, want %#v", ck.name, ck.got, ck.want)
		}
	}
}

func TestLoad_EnvErrorsNameTheVariable(t *testing.T) {
	_, _, err := loadText(t, minimal, "NATTER_SMTP_PORT=abc", "NATTER_GUARD_ENABLED=maybe")
	probs := problems(t, err)
	if len(probs) != 2 {
		t.Fatalf("problems %v", probs)
	}
	want := "env NATTER_SMTP_PORT: [smtp] port: invalid integer"
	if !strings.Contains(err.Error(), want) || probs[0].Line != 0 || probs[0].Var == "" {
		t.Errorf("error %q lacks %q", err, want)
	}
}

func TestLoad_UnknownEnvWarns(t *testing.T) {
	_, w := mustLoad(t, minimal, "NATTER_SMTP_PASWORD=x", "NATTER_SETTINGS=/etc/isso.cfg")
	if len(w) != 1 || w[0].Var != "NATTER_SMTP_PASWORD" {
		t.Errorf("warnings %v", w)
	}
}

func TestLoad_Secrets(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "smtp.pw", "from-file\n")
	writeFile(t, dir, "salt", "pepper\r\n")
	writeFile(t, dir, "admin.pw", "adm")
	writeFile(t, dir, "key", "sc")
	path := writeFile(t, dir, "isso.cfg", minimal+`[smtp]
password-file = smtp.pw
[hash]
salt-file = ${SECRETS}/salt
[wechat]
takey-file = key
sckey-file = key
`)
	c, w, err := Load(path, []string{"SECRETS=" + dir, "NATTER_ADMIN_PASSWORD_FILE=" + filepath.Join(dir, "admin.pw")})
	if err != nil || len(w) != 0 {
		t.Fatalf("Load: %v %v", err, w)
	}
	got := []string{c.SMTP.Password, c.Hash.Salt, c.Admin.Password, c.WeChat.TCKey, c.WeChat.SCKey}
	if want := []string{"from-file", "pepper", "adm", "sc", "sc"}; !slices.Equal(got, want) {
		t.Errorf("secrets %q, want %q", got, want)
	}
}

func TestLoad_SecretErrors(t *testing.T) {
	tests := []struct {
		name, text string
		env        []string
		want       string
	}{
		{"unreadable file key", "[smtp]\npassword-file = /nonexistent/pw\n", nil,
			"isso.cfg:4: [smtp] password: (written as password-file) cannot read secret file: open /nonexistent/pw"},
		{"unreadable env file", "", []string{"NATTER_HASH_SALT_FILE=/nonexistent/salt"},
			"env NATTER_HASH_SALT_FILE: [hash] salt: cannot read secret file: open /nonexistent/salt"},
		{"both env forms", "", []string{"NATTER_SMTP_PASSWORD=a", "NATTER_SMTP_PASSWORD_FILE=/x"},
			"both NATTER_SMTP_PASSWORD and NATTER_SMTP_PASSWORD_FILE"},
		{"env alias conflict", "", []string{"NATTER_WECHAT_TCKEY=a", "NATTER_WECHAT_TAKEY=b"},
			"[wechat] tckey: conflicts with NATTER_WECHAT_TCKEY"},
		{"not a secret", "dbpath-file = /x\n", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, w, err := loadText(t, minimal+tc.text, tc.env...)
			if tc.want == "" {
				if err != nil || !hasWarning(w, "general", "dbpath-file", "no such option") {
					t.Errorf("err %v warnings %v", err, w)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
