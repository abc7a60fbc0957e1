package config

import (
	"path/filepath"
	"strings"
	"testing"
)

// site returns a minimal configuration named name.
func site(name string) string { return minimal + "name = " + name + "\n" }

// names lists the site names of cfgs.
func names(cfgs []*Config) string {
	var out []string
	for _, c := range cfgs {
		out = append(out, c.General.Name)
	}
	return strings.Join(out, ",")
}

func TestLoadSettings_Directory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.cfg", site("bar"))
	writeFile(t, dir, "a.cfg", site("foo"))
	writeFile(t, dir, "c.cfg", minimal)
	writeFile(t, dir, "notes.txt", "not a config")
	cfgs, w, err := LoadSettings(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(cfgs); got != "foo,bar" {
		t.Errorf("sites %q, want foo,bar", got)
	}
	if len(w) != 1 || w[0].Key != "name" || !strings.HasSuffix(w[0].File, "c.cfg") {
		t.Errorf("warnings %v", w)
	}
}

func TestLoadSettings_List(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.cfg", site("one"))
	b := writeFile(t, dir, "b.cfg", site("two"))
	cfgs, _, err := LoadSettings(b+";"+a+";", nil)
	if err != nil || names(cfgs) != "two,one" {
		t.Fatalf("LoadSettings = %q, %v", names(cfgs), err)
	}
}

func TestLoadSettings_SingleFileMayBeNameless(t *testing.T) {
	path := writeFile(t, t.TempDir(), "isso.cfg", minimal)
	cfgs, w, err := LoadSettings(path, nil)
	if err != nil || len(cfgs) != 1 || len(w) != 0 {
		t.Errorf("LoadSettings = %v, %v, %v", cfgs, w, err)
	}
}

func TestLoadSettings_Errors(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.cfg", site("x"))
	dup := writeFile(t, dir, "dup.cfg", site("x"))
	bad := writeFile(t, dir, "bad.cfg", site("y")+"max-age = never\n")
	nameless := writeFile(t, dir, "nameless.cfg", minimal)
	tests := []struct{ name, spec, want string }{
		{"missing file in list", good + ";" + filepath.Join(dir, "none.cfg"), "none.cfg"},
		{"invalid file in list", good + ";" + bad, "bad.cfg:4: [general] max-age"},
		{"duplicate names", good + ";" + dup, `name "x" is also used by`},
		{"all nameless", nameless + ";" + nameless, "no configuration with a [general] name"},
		{"empty dir", t.TempDir(), "no *.cfg file"},
		{"empty spec", " ", "empty settings path"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := LoadSettings(tc.spec, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
