package config

import (
	"fmt"
	"strings"
)

// Warning is a non-fatal finding about a configuration, such as an unknown
// key; Natter starts anyway and logs it.
type Warning struct {
	File    string // configuration file; "" for the embedded default
	Line    int    // 1-based line of the key; 0 when not from a file line
	Section string
	Key     string
	Var     string // environment variable the value came from, if any
	Message string
}

// String renders the warning as "FILE:LINE: [section] key: message".
func (w Warning) String() string {
	return format(w.File, w.Line, w.Var, w.Section, w.Key, w.Message)
}

// Problem is one invalid setting; a file's problems are reported together
// in an *Error.
type Problem Warning

// String renders the problem like Warning.String.
func (p Problem) String() string { return Warning(p).String() }

// Error lists every problem found while loading one configuration, so an
// operator can fix them all in one go instead of one per restart.
type Error struct {
	File     string
	Problems []Problem
}

// Error returns one line per problem.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// format builds the location-first message shared by warnings and problems.
// A value from the environment names its variable instead of a file line.
func format(file string, line int, envVar, section, key, msg string) string {
	var b strings.Builder
	switch {
	case envVar != "":
		fmt.Fprintf(&b, "env %s: ", envVar)
	case file != "" && line > 0:
		fmt.Fprintf(&b, "%s:%d: ", file, line)
	case file != "":
		fmt.Fprintf(&b, "%s: ", file)
	}
	if section != "" {
		fmt.Fprintf(&b, "[%s]", section)
	}
	if section != "" && key != "" {
		b.WriteString(" ")
	}
	if section != "" || key != "" {
		b.WriteString(key + ": ")
	}
	b.WriteString(msg)
	return b.String()
}
