package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// LoadSettings loads the configurations named by an ISSO_SETTINGS-style
// spec: a directory (every *.cfg directly inside, sorted by name), a
// ";"-separated list of files, or one file. Each file is loaded on its own
// over the defaults. With several files every site needs a [general] name
// (its mount point); nameless ones are skipped with a warning.
func LoadSettings(spec string, env []string) ([]*Config, []Warning, error) {
	paths, multi, err := settingsPaths(spec)
	if err != nil {
		return nil, nil, err
	}
	return loadPaths(paths, multi, env)
}

// LoadFiles loads several files given one by one (-c given several
// times), as a multi-site list.
func LoadFiles(paths []string, env []string) ([]*Config, []Warning, error) {
	return loadPaths(paths, len(paths) > 1, env)
}

// Dispatched reports whether spec names a multi-site setup (a directory
// or a ;-separated list), which Isso's dispatcher serves under /<name>.
func Dispatched(spec string) bool {
	_, multi, err := settingsPaths(spec)
	return err == nil && multi
}

func loadPaths(paths []string, multi bool, env []string) ([]*Config, []Warning, error) {
	var (
		cfgs  []*Config
		warns []Warning
		errs  []error
	)
	for _, p := range paths {
		c, w, err := Load(p, env)
		warns = append(warns, w...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cfgs = append(cfgs, c)
	}
	if len(errs) > 0 {
		return nil, warns, errors.Join(errs...)
	}
	if !multi {
		return cfgs, warns, nil
	}
	return sites(cfgs, warns)
}

// settingsPaths expands a spec into file paths; multi reports whether it
// named a directory or a list.
func settingsPaths(spec string) (paths []string, multi bool, err error) {
	if strings.TrimSpace(spec) == "" {
		return nil, false, errors.New("config: empty settings path")
	}
	if info, err := os.Stat(spec); err == nil && info.IsDir() {
		return dirPaths(spec)
	}
	if !strings.Contains(spec, ";") {
		return []string{spec}, false, nil
	}
	for p := range strings.SplitSeq(spec, ";") {
		if p = strings.TrimSpace(p); p != "" {
			paths = append(paths, p)
		}
	}
	return paths, true, nil
}

// dirPaths lists the *.cfg files directly inside dir, sorted by name
// (Isso uses the unsorted directory listing; sorting makes it repeatable).
func dirPaths(dir string) ([]string, bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, true, fmt.Errorf("config: %w", err)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".cfg") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, true, fmt.Errorf("config: no *.cfg file in directory %s", dir)
	}
	return paths, true, nil
}

// sites keeps the named configurations of a multi-site setup; two sites
// with one name would share a mount point, so that is an error.
func sites(cfgs []*Config, warns []Warning) ([]*Config, []Warning, error) {
	var kept []*Config
	byName := map[string]string{}
	for _, c := range cfgs {
		name := c.General.Name
		if name == "" {
			warns = append(warns, Warning{File: c.File, Section: "general", Key: "name",
				Message: "empty; site skipped (with several configurations each needs a name)"})
			continue
		}
		if other, dup := byName[name]; dup {
			return nil, warns, fmt.Errorf("config: %s: [general] name %q is also used by %s", c.File, name, other)
		}
		byName[name] = c.File
		kept = append(kept, c)
	}
	if len(kept) == 0 {
		return nil, warns, errors.New("config: no configuration with a [general] name")
	}
	return kept, warns, nil
}
