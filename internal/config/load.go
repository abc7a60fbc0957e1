package config

import (
	"fmt"
	"os"
)

// Load reads an isso.cfg file over Isso's built-in defaults and applies the
// NATTER_* overrides found in env (os.Environ() form). Invalid settings are
// returned together as an *Error; warnings never stop loading.
func Load(path string, env []string) (*Config, []Warning, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("config: %w", err)
	}
	return load(path, data, env)
}

// load is Load on a file's contents.
func load(path string, data []byte, env []string) (*Config, []Warning, error) {
	return loadWith(path, data, env, os.ReadFile)
}

// loadWith is load with secret files read by readFile.
func loadWith(path string, data []byte, env []string, readFile func(string) ([]byte, error)) (*Config, []Warning, error) {
	f, probs := parseINI(path, data)
	l := newLoader(path, env)
	l.readFile = readFile
	l.probs = probs
	l.applyFile(f)
	return l.finish()
}

// Embedded returns the configuration Natter runs on when no file is given:
// Isso's defaults with a local listener, ./natter.db and any local port as
// allowed site, still overridable from env.
func Embedded(env []string) (*Config, []Warning, error) {
	l := newLoader("", env)
	for _, o := range embeddedOptions() {
		l.vals[id(o.section, o.key)] = setting{text: o.def}
	}
	return l.finish()
}

// embeddedOptions overlay Isso's defaults for Embedded. The ":*" port
// wildcard lets a local development site on any port use Natter.
func embeddedOptions() []option {
	return []option{
		{"server", "listen", "http://127.0.0.1:8080"},
		{"general", "dbpath", "./natter.db"},
		{"general", "host", "http://localhost:*\nhttp://127.0.0.1:*"},
		{"moderation", "enabled", "false"},
	}
}

// finish applies the environment, decodes and validates.
func (l *loader) finish() (*Config, []Warning, error) {
	l.applyEnv()
	c := l.decode()
	l.validate(c)
	if len(l.probs) > 0 {
		return nil, l.warns, &Error{File: l.file, Problems: l.probs}
	}
	return c, l.warns, nil
}
