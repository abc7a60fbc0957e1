package config

import (
	"path/filepath"
	"regexp"
	"strings"
)

// inlineComment finds what looks like a trailing comment on a value line;
// configparser (and so Isso and Natter) keeps it in the value.
var inlineComment = regexp.MustCompile(`(?m)\s[;#]`)

// applyFile overlays a parsed file on the defaults. [DEFAULT] keys are only
// visible to %(name)s references: in configparser a section's own keys win
// over [DEFAULT], and Isso's built-in defaults already set every known key.
func (l *loader) applyFile(f *iniFile) {
	used := map[string]bool{}
	for _, s := range f.sections {
		for _, e := range s.entries {
			l.applyEntry(f, s, e, used)
		}
	}
	if f.defaults == nil {
		return
	}
	for _, e := range f.defaults.entries {
		if !used[e.key] {
			o := origin{file: f.path, line: e.line}
			l.warn(o, defaultSection, e.key, "not used: Isso's defaults take precedence over [DEFAULT]; only %("+e.key+")s references read it")
		}
	}
}

// applyEntry resolves one key of the file and stores it.
func (l *loader) applyEntry(f *iniFile, s *section, e *entry, used map[string]bool) {
	o := origin{file: f.path, line: e.line, as: e.key}
	text, ok := l.resolve(f, s, e, used)
	if !ok {
		return
	}
	key := canonicalKey(s.name, e.key)
	if base, isFile := strings.CutSuffix(key, "-file"); isFile && isSecret(s.name, canonicalKey(s.name, base)) {
		key = canonicalKey(s.name, base)
		secret, err := l.readSecret(filepath.Dir(f.path), text)
		if err != nil {
			l.fail(o, s.name, key, "%v", err)
			return
		}
		text = secret
	}
	if !l.known(s.name, key) {
		l.warn(o, s.name, e.key, unknownKeyHint(s.name, e.key))
		return
	}
	if inlineComment.MatchString(e.text) {
		l.warn(o, s.name, e.key, `" ;" or " #" inside the value: as in Isso, a comment after a value is part of it; put comments on lines of their own`)
	}
	l.assign(s.name, key, setting{text: text, origin: o})
}

// resolve applies %(name)s interpolation, then $VAR expansion, to a value.
func (l *loader) resolve(f *iniFile, s *section, e *entry, used map[string]bool) (string, bool) {
	in := &interpolator{lookup: func(name string) (string, bool) {
		if ref, ok := s.get(name); ok {
			return ref.text, true
		}
		if ref, ok := f.defaults.get(name); ok {
			used[name] = true
			return ref.text, true
		}
		if l.known(s.name, name) {
			return l.get(s.name, name).text, true
		}
		return "", false
	}}
	o := origin{file: f.path, line: e.line}
	text, err := in.expand(e.text, 0)
	if err != nil {
		l.fail(o, s.name, e.key, "%v", err)
		return "", false
	}
	for _, name := range in.missing {
		l.warn(o, s.name, e.key, "%("+name+")s refers to no key of this section or [DEFAULT]; kept literally")
	}
	// Trimmed again: a reference or variable that expands to or next to
	// blanks ("%(name)s 0" with an empty name) would otherwise keep
	// surrounding space that no file can write, so the effective listing
	// would not load back to the same value.
	return strings.TrimSpace(expandEnv(text, l.env)), true
}
