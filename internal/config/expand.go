package config

import (
	"errors"
	"strings"
)

// maxInterpolationDepth is configparser's MAX_INTERPOLATION_DEPTH; deeper
// nesting means a reference cycle.
const maxInterpolationDepth = 10

// errInterpolationDepth reports a %(name)s reference cycle.
var errInterpolationDepth = errors.New("%(name)s interpolation nested too deeply (circular reference?)")

// expandEnv is Python's os.path.expandvars as Isso 0.14 applies it to every
// value: $NAME and ${NAME} are replaced when NAME is set, anything else is
// kept as written. There is no escape, exactly as in Isso.
func expandEnv(s string, env map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '$')
		if i < 0 || i == len(s)-1 {
			b.WriteString(s)
			return b.String()
		}
		name, n := varName(s[i+1:])
		val, ok := env[name]
		b.WriteString(s[:i])
		if ok && name != "" {
			b.WriteString(val)
		} else {
			b.WriteString(s[i : i+1+n])
		}
		s = s[i+1+n:]
	}
}

// varName parses the name after "$": "{...}" up to the first "}", or a run
// of ASCII word characters. It returns the name and the bytes consumed.
func varName(s string) (string, int) {
	if s[0] == '{' {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "", 0
		}
		return s[1:end], end + 1
	}
	n := 0
	for n < len(s) && isWordByte(s[n]) {
		n++
	}
	return s[:n], n
}

// isWordByte is Python's ASCII \w.
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// interpolator resolves configparser's %(name)s references. lookup returns
// the raw value of a lower-cased key visible from the section being read.
type interpolator struct {
	lookup  func(name string) (string, bool)
	missing []string // names referenced but not defined
}

// expand replaces every %(name)s whose name exists. Any other "%" stays
// literal (Isso ≥ 0.12.6 semantics), so "%%" is not unescaped.
func (in *interpolator) expand(s string, depth int) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "%(")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		name, n := refName(s[i:])
		val, ok := in.lookup(strings.ToLower(name))
		if n == 0 || !ok {
			if n > 0 {
				in.missing = append(in.missing, name)
			}
			b.WriteString(s[i : i+max(n, 2)])
			s = s[i+max(n, 2):]
			continue
		}
		if depth >= maxInterpolationDepth {
			return "", errInterpolationDepth
		}
		val, err := in.expand(val, depth+1)
		if err != nil {
			return "", err
		}
		b.WriteString(val)
		s = s[i+n:]
	}
}

// refName parses "%(name)s" at the start of s (name without ")", as in
// configparser) and returns the name and its length, or 0 if malformed.
func refName(s string) (string, int) {
	end := strings.IndexByte(s, ')')
	if end <= 2 || end+1 >= len(s) || s[end+1] != 's' {
		return "", 0
	}
	return s[2:end], end + 2
}
