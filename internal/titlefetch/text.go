package titlefetch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unquote percent-decodes s like Python's urllib.parse.unquote, which Isso
// uses: "+" stays "+", malformed escapes are kept literally, and bytes that
// are not UTF-8 become U+FFFD instead of failing.
func unquote(s string) string {
	if !strings.Contains(s, "%") {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// trim strips what Python's str.strip strips: Unicode white space plus the
// ASCII separators U+001C..U+001F, which Go's unicode.IsSpace leaves.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || '\x1c' <= r && r <= '\x1f'
	})
}

// clip makes a title valid UTF-8 and cuts it to maxTitleRunes code points,
// the width of Isso's title column.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= maxTitleRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxTitleRunes {
			return s[:i]
		}
		n++
	}
	return s
}
