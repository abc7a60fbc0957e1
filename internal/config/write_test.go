package config

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
)

// update rewrites golden files: go test ./internal/config -update
var update = flag.Bool("update", false, "rewrite testdata golden files")

func TestWriteEffective_Golden(t *testing.T) {
	c, _, err := Load("testdata/article.cfg", nil)
	if err != nil {
		t.Fatal(err)
	}
	c.General.SessionKey = "legacy-secret"
	c.Natter.Database = "postgres://natter:hunter2@db/natter"
	c.Natter.SitesAdminPassword = "hoster-secret-pw"
	var b bytes.Buffer
	if err := c.WriteEffective(&b); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/article.effective.golden"
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("WriteEffective differs from %s (run with -update):\n%s", golden, b.String())
	}
	for _, secret := range []string{"xxx", "hunter2", "legacy-secret", "Eech7co8", "please_choose", "hoster-secret-pw"} {
		if strings.Contains(b.String(), secret) {
			t.Errorf("output leaks %q", secret)
		}
	}
}

func TestWriteEffective_EmptySecretsStayEmpty(t *testing.T) {
	c, _ := mustLoad(t, minimal+"[admin]\npassword =\n")
	var b bytes.Buffer
	if err := c.WriteEffective(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "[admin]\nenabled = false\npassword =\n") {
		t.Errorf("output:\n%s", b.String())
	}
}

// TestWriteEffective_RoundTrips reloads the output of a secret-free
// configuration and expects the same values.
func TestWriteEffective_RoundTrips(t *testing.T) {
	c, _ := mustLoad(t, `[general]
host =
    https://a.example
    http://b.example:*
max-age = 1h 30m
[admin]
password =
[hash]
salt =
[server]
trusted-proxies =
    10.0.0.1
    10.0.0.2
`)
	var b bytes.Buffer
	if err := c.WriteEffective(&b); err != nil {
		t.Fatal(err)
	}
	back, _ := mustLoad(t, b.String())
	back.File = c.File
	if !reflect.DeepEqual(c, back) {
		t.Errorf("round trip differs:\n%+v\n%+v", c, back)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteEffective_ReportsWriteError(t *testing.T) {
	c, _, _ := Embedded(nil)
	if err := c.WriteEffective(failWriter{}); err == nil {
		t.Error("no error from failing writer")
	}
}
