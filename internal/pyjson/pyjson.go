// Package pyjson writes JSON byte for byte as Python's json.dumps does with
// its defaults, which is what Isso answers: ", " and ": " separators,
// every non-ASCII character as a \u escape, no HTML escaping, and floats
// that always show a fraction. Scripts written against Isso's output, even
// ones that compare or grep bytes, see no difference.
package pyjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Marshal encodes v (struct fields in declaration order, map keys sorted)
// in Python's default format.
func Marshal(v any) ([]byte, error) {
	b, err := Compact(v)
	if err != nil {
		return nil, err
	}
	return pythonize(b), nil
}

// Compact encodes v as json.dumps(v, separators=(",", ":"),
// ensure_ascii=False) does, the form itsdangerous signs: no spaces, no
// HTML escaping. (Go still escapes U+2028 and U+2029.)
func Compact(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("pyjson: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// pythonize rewrites compact JSON from encoding/json: spaces after the
// separators outside strings, ASCII-only escapes inside them.
func pythonize(in []byte) []byte {
	out := make([]byte, 0, len(in)+len(in)/8)
	inString := false
	for i := 0; i < len(in); {
		b := in[i]
		switch {
		case !inString:
			out = append(out, b)
			if b == ',' || b == ':' {
				out = append(out, ' ')
			}
			inString = b == '"'
			i++
		case b == '\\': // an escape encoding/json wrote: keep both bytes
			out = append(out, b, in[i+1])
			i += 2
		case b == '"':
			out = append(out, b)
			inString = false
			i++
		case b < utf8.RuneSelf && b != 0x7f:
			out = append(out, b)
			i++
		default:
			r, size := utf8.DecodeRune(in[i:])
			out = appendEscaped(out, r)
			i += size
		}
	}
	return out
}

func appendEscaped(out []byte, r rune) []byte {
	if r > 0xffff {
		r1, r2 := utf16.EncodeRune(r)
		return appendU(appendU(out, r1), r2)
	}
	return appendU(out, r)
}

func appendU(out []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// Float is a float64 that encodes as Python's repr does: 1795626833.0,
// not 1795626833 (Isso's timestamps are floats even when whole). Python
// switches to exponent form from 1e16, encoding/json from 1e21; Unix
// timestamps reach neither.
type Float float64

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(float64(f))
	if err != nil {
		return nil, err
	}
	if !bytes.ContainsAny(b, ".eE") {
		b = append(b, '.', '0')
	}
	return b, nil
}
