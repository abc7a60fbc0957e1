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
}

// loadConfig finds the configuration: an explicit -c wins, then
// NATTER_SETTINGS, then ISSO_SETTINGS (a file, a directory or a
// ;-separated list, as Isso's dispatcher reads it), else the embedded
// default.
func loadConfig(e *environment, flagFile string) (loaded, error) {
	if flagFile != "" {
		c, w, err := config.Load(flagFile, e.env)
		if err != nil {
			return loaded{}, err
		}
		return loaded{configs: []*config.Config{c}, warnings: w, source: flagFile}, nil
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
		return loaded{configs: cs, warnings: w, source: fmt.Sprintf("%s=%s", name, spec)}, nil
	}
	c, w, err := config.Embedded(e.env)
	if err != nil {
		return loaded{}, err
	}
	return loaded{configs: []*config.Config{c}, warnings: w, source: "built-in default"}, nil
}

// single returns the one site, refusing several until multi-site serving
// exists: silently picking one would serve the wrong site.
func (l loaded) single() (*config.Config, error) {
	switch len(l.configs) {
	case 1:
		return l.configs[0], nil
	case 0:
		return nil, fmt.Errorf("%s: no site configuration found", l.source)
	default:
		return nil, fmt.Errorf("%s: %d sites configured, but this version of Natter serves one site per process; run one natter per configuration", l.source, len(l.configs))
	}
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
