package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// origin says where a value came from, for messages.
type origin struct {
	file   string // "" for built-in or embedded defaults
	line   int
	envVar string
	as     string // key as written, when an alias or "-file" form was used
}

// setting is one effective raw value.
type setting struct {
	text string
	origin
}

// loader accumulates one configuration's values, warnings and problems.
type loader struct {
	file  string
	env   map[string]string
	vals  map[string]setting // "section\x00key" → value
	set   map[string]setting // values set by the file or environment
	bad   map[string]bool    // keys with a problem already reported
	warns []Warning
	probs []Problem
	// readFile reads secret files (os.ReadFile; the fuzz test gives one
	// that never reads the machine's files).
	readFile func(string) ([]byte, error)
}

// newLoader starts from the built-in defaults.
func newLoader(file string, env []string) *loader {
	l := &loader{file: file, env: envMap(env), vals: map[string]setting{}, readFile: os.ReadFile,
		set: map[string]setting{}, bad: map[string]bool{}}
	for _, o := range allOptions() {
		l.vals[id(o.section, o.key)] = setting{text: o.def}
	}
	return l
}

// envMap turns os.Environ()-style pairs into a map; a later duplicate
// wins, as it does for exec.
func envMap(env []string) map[string]string {
	m := make(map[string]string, len(env))
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			m[k] = v
		}
	}
	return m
}

// id is the map key of a section's key.
func id(section, key string) string { return section + "\x00" + key }

// known reports whether a section's key is a Natter option.
func (l *loader) known(section, key string) bool {
	_, ok := l.vals[id(section, key)]
	return ok
}

// get returns a key's effective value.
func (l *loader) get(section, key string) setting { return l.vals[id(section, key)] }

// warn records a warning at a value's origin.
func (l *loader) warn(o origin, section, key, msg string) {
	l.warns = append(l.warns, Warning(l.issue(o, section, key, msg)))
}

// fail records a problem at a value's origin.
func (l *loader) fail(o origin, section, key, format string, args ...any) {
	l.bad[id(section, key)] = true
	l.probs = append(l.probs, l.issue(o, section, key, fmt.Sprintf(format, args...)))
}

// issue locates a message; values not from a file line are blamed on the
// file being loaded (line 0) unless an environment variable set them.
func (l *loader) issue(o origin, section, key, msg string) Problem {
	if o.as != "" && o.as != key {
		msg = fmt.Sprintf("(written as %s) %s", o.as, msg)
	}
	file := o.file
	if file == "" {
		file = l.file
	}
	return Problem{File: file, Line: o.line, Var: o.envVar, Section: section, Key: key, Message: msg}
}

// assign sets a value from the file or the environment. A key given twice
// through an alias or a "-file" form must agree with itself.
func (l *loader) assign(section, key string, s setting) {
	k := id(section, key)
	if prev, dup := l.set[k]; dup && prev.text != s.text && (prev.envVar == "") == (s.envVar == "") {
		l.fail(s.origin, section, key, "conflicts with %s", describe(prev.origin, key))
		return
	}
	l.set[k] = s
	l.vals[k] = s
}

// describe names where a value was set, for conflict messages.
func describe(o origin, key string) string {
	name := key
	if o.as != "" {
		name = o.as
	}
	if o.envVar != "" {
		return o.envVar
	}
	return fmt.Sprintf("%s at line %d", name, o.line)
}

// readSecret reads a secret file, trimming the trailing newline editors
// and `echo` add. A relative path is taken relative to base.
func (l *loader) readSecret(base, path string) (string, error) {
	if !filepath.IsAbs(path) && base != "" {
		path = filepath.Join(base, path)
	}
	data, err := l.readFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read secret file: %w", err)
	}
	return strings.TrimRight(string(data), "\r\n"), nil
}
