package config

import (
	"strings"
	"testing"
)

// parsed returns section → key → value of a parsed file, failing on problems.
func parsed(t *testing.T, text string) map[string]map[string]string {
	t.Helper()
	f, probs := parseINI("t.cfg", []byte(text))
	if len(probs) > 0 {
		t.Fatalf("parseINI problems: %v", probs)
	}
	out := map[string]map[string]string{}
	all := f.sections
	if f.defaults != nil {
		all = append(all, f.defaults)
	}
	for _, s := range all {
		out[s.name] = map[string]string{}
		for _, e := range s.entries {
			out[s.name][e.key] = e.text
		}
	}
	return out
}

func TestParseINI_Syntax(t *testing.T) {
	tests := []struct {
		name, text, section, key, want string
	}{
		{"equals", "[s]\nk = v\n", "s", "k", "v"},
		{"colon", "[s]\nk: v\n", "s", "k", "v"},
		{"first delimiter wins", "[s]\nurl = http://x:1/\n", "s", "url", "http://x:1/"},
		{"colon before equals", "[s]\nk: a=b\n", "s", "k", "a=b"},
		{"keys lower-cased", "[s]\nMax-Age = 1h\n", "s", "max-age", "1h"},
		{"empty value", "[s]\nk =\n", "s", "k", ""},
		{"no inline comment", "[s]\nk = http://a/ # x\n", "s", "k", "http://a/ # x"},
		{"semicolon inline kept", "[s]\nk = a ; b\n", "s", "k", "a ; b"},
		{"hash comment", "# c\n[s]\n# k = no\nk = v\n", "s", "k", "v"},
		{"semicolon comment", "; c\n[s]\n  ; indented\nk = v\n", "s", "k", "v"},
		{"continuation", "[s]\nk =\n    a\n    b\n", "s", "k", "a\nb"},
		{"continuation after value", "[s]\nk = a\n  b\n", "s", "k", "a\nb"},
		{"blank line kept inside", "[s]\nk = a\n\n  b\nz = 1\n", "s", "k", "a\n\nb"},
		{"trailing blank lines stripped", "[s]\nk = a\n  b\n\n\nz = 1\n", "s", "k", "a\nb"},
		{"comment inside value skipped", "[s]\nk = a\n# c\n  b\n", "s", "k", "a\nb"},
		{"unindented ends value", "[s]\nk = a\nb = 2\n", "s", "b", "2"},
		{"indented key block", "[s]\n  k = a\n  j = b\n", "s", "j", "b"},
		{"section case-sensitive", "[General]\nk = v\n", "General", "k", "v"},
		{"crlf", "[s]\r\nk = v\r\n", "s", "k", "v"},
		{"bom", "\ufeff[s]\nk = v\n", "s", "k", "v"},
		{"default section", "[DEFAULT]\nroot = /srv\n[s]\nk = v\n", "DEFAULT", "root", "/srv"},
		{"tabs", "[s]\nk =\n\ta\n\tb\n", "s", "k", "a\nb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parsed(t, tc.text)[tc.section][tc.key]
			if !ok || got != tc.want {
				t.Errorf("[%s] %s = %q (present %v), want %q", tc.section, tc.key, got, ok, tc.want)
			}
		})
	}
}

func TestParseINI_Errors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"duplicate section", "[s]\na = 1\n[s]\nb = 2\n", 3, "duplicate section (first at line 1)"},
		{"duplicate key", "[s]\na = 1\nA = 2\n", 3, "duplicate key (first at line 2)"},
		{"duplicate key in DEFAULT", "[DEFAULT]\na = 1\n[s]\n[DEFAULT]\na = 2\n", 5, "duplicate key"},
		{"key before section", "a = 1\n", 1, "outside of any [section]"},
		{"bare key", "[s]\njustakey\n", 2, "expected \"key = value\""},
		{"empty key", "[s]\n= v\n", 2, "expected \"key = value\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := parseINI("t.cfg", []byte(tc.text))
			if len(probs) != 1 {
				t.Fatalf("got %d problems %v, want 1", len(probs), probs)
			}
			if probs[0].Line != tc.line || !strings.Contains(probs[0].Message, tc.msg) {
				t.Errorf("problem %v, want line %d containing %q", probs[0], tc.line, tc.msg)
			}
		})
	}
}

func TestParseINI_SameKeyInTwoSectionsIsFine(t *testing.T) {
	got := parsed(t, "[a]\nenabled = 1\n[b]\nenabled = 0\n")
	if got["a"]["enabled"] != "1" || got["b"]["enabled"] != "0" {
		t.Errorf("got %v", got)
	}
}
