package config

import (
	"fmt"
	"strings"
	"unicode"
)

// defaultSection is configparser's section whose keys every section inherits.
const defaultSection = "DEFAULT"

// entry is one key of a section as written in the file, before
// interpolation and environment expansion.
type entry struct {
	key   string // lower-cased, like configparser's optionxform
	line  int
	parts []string // first line, then continuation lines
	text  string   // parts joined, set by finish
}

// section is one [name] block of a file.
type section struct {
	name    string
	line    int
	entries []*entry
}

// get returns the entry for a lower-cased key.
func (s *section) get(key string) (*entry, bool) {
	if s == nil {
		return nil, false
	}
	for _, e := range s.entries {
		if e.key == key {
			return e, true
		}
	}
	return nil, false
}

// iniFile is a parsed file: its sections in file order and [DEFAULT].
type iniFile struct {
	path     string
	sections []*section
	defaults *section
}

// iniParser follows configparser's line loop (strict mode, "=" and ":"
// delimiters, full-line "#"/";" comments, empty lines kept in values).
type iniParser struct {
	file   *iniFile
	cur    *section
	open   *entry // entry that indented lines continue
	indent int    // indentation of the line that opened cur/open
	seen   map[string]int
	probs  []Problem
}

// parseINI parses data, returning every syntax problem found.
func parseINI(path string, data []byte) (*iniFile, []Problem) {
	p := &iniParser{file: &iniFile{path: path}, seen: map[string]int{}}
	text := strings.TrimPrefix(string(data), "\ufeff")
	for i, line := range strings.Split(text, "\n") {
		p.parseLine(i+1, strings.TrimRight(line, "\r"))
	}
	p.finish()
	return p.file, p.probs
}

// parseLine handles one physical line.
func (p *iniParser) parseLine(n int, raw string) {
	trimmed := strings.TrimSpace(raw)
	// Comments neither end nor extend a multi-line value, as in configparser.
	if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
		return
	}
	if trimmed == "" {
		if p.open != nil {
			p.open.parts = append(p.open.parts, "")
		}
		return
	}
	indent := strings.IndexFunc(raw, func(r rune) bool { return !unicode.IsSpace(r) })
	if p.open != nil && indent > p.indent {
		p.open.parts = append(p.open.parts, trimmed)
		return
	}
	p.indent = indent
	p.open = nil
	if name, ok := header(trimmed); ok {
		p.startSection(n, name)
		return
	}
	p.option(n, trimmed)
}

// header reports whether a line is "[name]" (text after the last "]" is
// ignored, as configparser's SECTCRE does).
func header(line string) (string, bool) {
	end := strings.LastIndex(line, "]")
	if !strings.HasPrefix(line, "[") || end < 2 {
		return "", false
	}
	return line[1:end], true
}

// startSection opens a section; a repeated one is an error and its keys
// are parsed into a throw-away section so that they are still checked.
func (p *iniParser) startSection(n int, name string) {
	if name == defaultSection {
		if p.file.defaults == nil {
			p.file.defaults = &section{name: name, line: n}
		}
		p.cur = p.file.defaults
		return
	}
	p.cur = &section{name: name, line: n}
	if first, dup := p.seen["["+name]; dup {
		p.fail(n, name, "", fmt.Sprintf("duplicate section (first at line %d)", first))
		return
	}
	p.seen["["+name] = n
	p.file.sections = append(p.file.sections, p.cur)
}

// option parses "key = value" or "key: value"; the key ends at the first
// "=" or ":", so "url = http://x" keeps its colon in the value.
func (p *iniParser) option(n int, line string) {
	if p.cur == nil {
		p.fail(n, "", "", "key outside of any [section]")
		return
	}
	i := strings.IndexAny(line, "=:")
	key := ""
	if i >= 0 {
		key = strings.ToLower(strings.TrimSpace(line[:i]))
	}
	if key == "" {
		// configparser would accept a bare key as a null value, on which
		// Isso later crashes; rejecting it here gives a better message.
		p.fail(n, p.cur.name, "", fmt.Sprintf("expected \"key = value\", got %q", line))
		return
	}
	e := &entry{key: key, line: n, parts: []string{strings.TrimSpace(line[i+1:])}}
	p.open = e
	// Keyed by the section's first line so that keys of a duplicate
	// section are not reported a second time.
	id := fmt.Sprintf("%d\x00%s", p.cur.line, key)
	if first, dup := p.seen[id]; dup {
		p.fail(n, p.cur.name, key, fmt.Sprintf("duplicate key (first at line %d)", first))
		return
	}
	p.seen[id] = n
	p.cur.entries = append(p.cur.entries, e)
}

// finish joins every multi-line value and strips it as a whole.
func (p *iniParser) finish() {
	all := p.file.sections
	if p.file.defaults != nil {
		all = append([]*section{p.file.defaults}, all...)
	}
	for _, s := range all {
		for _, e := range s.entries {
			e.text = strings.TrimSpace(strings.Join(e.parts, "\n"))
		}
	}
}

// fail records a syntax problem.
func (p *iniParser) fail(n int, sec, key, msg string) {
	p.probs = append(p.probs, Problem{File: p.file.path, Line: n, Section: sec, Key: key, Message: msg})
}
