package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADME_FirstSteps holds the README's first steps to the code: the
// requirements come before the first command, the first run is explained,
// and the listen addresses it names are the defaults, with and without a
// configuration file.
func TestREADME_FirstSteps(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	first := strings.Index(readme, "go run ./cmd/natter")
	if req := strings.Index(readme, "Requirements:"); req < 0 || req > first {
		t.Error("the requirements do not come before the first command")
	}
	if !strings.Contains(readme, "The first run prints nothing for a while") {
		t.Error("the README does not say what the first run does")
	}
	builtIn, _, err := Embedded(nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "natter.cfg")
	if err := os.WriteFile(path, []byte("[general]\nhost = http://localhost:*\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile, _, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The built-in default's demo URL before the admin section, the file's
	// in it (the admin section starts a configuration file of one's own).
	admin := strings.Index(readme, "## The admin panel")
	for _, tc := range []struct {
		listen, part string
	}{
		{builtIn.Server.Listen, readme[:admin]},
		{fromFile.Server.Listen, readme[admin:]},
	} {
		demo := strings.TrimSuffix(tc.listen, "/") + "/demo"
		if !strings.Contains(tc.part, demo) {
			t.Errorf("README does not name %s where the default listen address is %s", demo, tc.listen)
		}
		for _, other := range regexp.MustCompile(`http://[a-z0-9.]+:8080/demo`).FindAllString(tc.part, -1) {
			if other != demo {
				t.Errorf("README names %s where Natter listens on %s", other, tc.listen)
			}
		}
	}
}
