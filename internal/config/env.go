package config

import (
	"sort"
	"strings"
)

// applyEnv overlays NATTER_<SECTION>_<KEY> and NATTER_<SECTION>_<KEY>_FILE
// variables. Their values are used literally: the shell that set them has
// already done any expansion, and a secret must not change meaning.
func (l *loader) applyEnv() {
	recognised := map[string]bool{}
	for _, o := range allOptions() {
		names := []string{envName(o.section, o.key)}
		if o.section == "wechat" && o.key == "tckey" {
			names = append(names, envName("wechat", "takey"))
		}
		for _, name := range names {
			recognised[name], recognised[name+"_FILE"] = true, true
			l.envValue(o.section, o.key, name)
		}
	}
	l.warnUnknownEnv(recognised)
}

// envValue applies one variable and its _FILE form; setting both is an
// error because it is unclear which one the operator meant.
func (l *loader) envValue(section, key, name string) {
	val, direct := l.env[name]
	path, fromFile := l.env[name+"_FILE"]
	switch {
	case direct && fromFile:
		l.fail(origin{envVar: name}, section, key, "both %s and %s_FILE are set", name, name)
	case fromFile:
		o := origin{envVar: name + "_FILE"}
		secret, err := l.readSecret("", path)
		if err != nil {
			l.fail(o, section, key, "%v", err)
			return
		}
		l.assign(section, key, setting{text: secret, origin: o})
	case direct:
		l.assign(section, key, setting{text: val, origin: origin{envVar: name}})
	}
}

// warnUnknownEnv flags NATTER_<SECTION>_… variables that match no key,
// which usually are typos that would otherwise be silently ignored.
func (l *loader) warnUnknownEnv(recognised map[string]bool) {
	prefixes := map[string]bool{}
	for _, o := range allOptions() {
		prefixes[strings.TrimSuffix(envName(o.section, "x"), "X")] = true
	}
	var unknown []string
	for name := range l.env {
		if recognised[name] {
			continue
		}
		for p := range prefixes {
			if strings.HasPrefix(name, p) {
				unknown = append(unknown, name)
				break
			}
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		l.warn(origin{envVar: name}, "", "", "matches no configuration key")
	}
}
