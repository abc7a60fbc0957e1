package cli

import (
	"fmt"
	"log/slog"

	"github.com/natter/natter/internal/config"
)

// settingsEnv lists the variables that name a configuration, in order of
// precedence; ISSO_SETTINGS keeps Isso deployments working unchanged.
var settingsEnv = []string{"NATTER_SETTINGS", "ISSO_SETTINGS"}

// loaded is a configuration and where it came from.
type loaded struct {
	configs  []*config.Config
	warnings []config.Warning
	source   string // what to tell the user: a file, a variable, or "built-in default"
	// multi marks a multi-site setup (several -c, a directory or a
	// ;-separated list): each site is served under /<name>.
	multi bool
}

// loadConfig finds the configuration: an explicit -c wins, then
// NATTER_SETTINGS, then ISSO_SETTINGS (a file, a directory or a
// ;-separated list, as Isso's dispatcher reads it), else the embedded
// default.
func loadConfig(e *environment, files fileList) (loaded, error) {
	if len(files) == 0 {
		files = e.configFlag
	}
	if len(files) > 0 {
		cs, w, err := config.LoadFiles(files, e.env)
		if err != nil {
			return loaded{}, err
		}
		return loaded{configs: cs, warnings: w, source: files.String(), multi: len(files) > 1}, nil
	}
	for _, name := range settingsEnv {
		spec := lookupEnv(e.env, name)
		if spec == "" {
			continue
		}
		cs, w, err := config.LoadSettings(spec, e.env)
		if err != nil {
			return loaded{}, err
		}
		return loaded{configs: cs, warnings: w, source: fmt.Sprintf("%s=%s", name, spec), multi: config.Dispatched(spec)}, nil
	}
	c, w, err := config.Embedded(e.env)
	if err != nil {
		return loaded{}, err
	}
	return loaded{configs: []*config.Config{c}, warnings: w, source: "built-in default"}, nil
}

func (l loaded) logWarnings(log *slog.Logger) {
	for _, w := range l.warnings {
		log.Warn("configuration", slog.String("warning", w.String()))
	}
}

func lookupEnv(env []string, name string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := cutEnv(env[i], name); ok {
			return v
		}
	}
	return ""
}

func cutEnv(kv, name string) (string, bool) {
	if len(kv) > len(name) && kv[:len(name)] == name && kv[len(name)] == '=' {
		return kv[len(name)+1:], true
	}
	return "", false
}

// single returns the one site of a single-site setup; commands that act
// on one site refuse several rather than silently pick one.
func (l loaded) single() (*config.Config, error) {
	switch {
	case len(l.configs) == 0:
		return nil, fmt.Errorf("%s: no site configuration found", l.source)
	case l.multi || len(l.configs) > 1:
		return nil, fmt.Errorf("%s: a multi-site setup (%d sites); this command acts on one site: name its file with -c", l.source, len(l.configs))
	}
	return l.configs[0], nil
}

// site returns the site named name ("" for the one site of a single-site
// setup).
func (l loaded) site(name string) (*config.Config, error) {
	if name == "" {
		return l.single()
	}
	for _, c := range l.configs {
		if c.General.Name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("%s: no site named %q", l.source, name)
}
