package importer

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Format names an export format, as --type spells it.
type Format string

// The formats Natter imports.
const (
	Disqus    Format = "disqus"
	WordPress Format = "wordpress"
	IssoJSON  Format = "isso-json"
	IssoDB    Format = "isso-db"
	Remark42  Format = "remark42"
	Artalk    Format = "artalk"
	Waline    Format = "waline"
	Commento  Format = "commento"
	JSONL     Format = "jsonl" // Natter's own export, one comment per line
)

// Formats lists every format, in the order the documentation gives them.
func Formats() []Format {
	return []Format{Disqus, WordPress, IssoJSON, IssoDB, Remark42, Artalk, Waline, Commento, JSONL}
}

// ParseFormat checks a --type value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, 0, 9)
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("importer: unknown format %q (known: %s)", s, strings.Join(names, ", "))
}

// headSize is how much of an export detection looks at.
const headSize = 64 << 10

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Detect names the format of an export from its first bytes (decompressed).
func Detect(head []byte) (Format, error) {
	s := string(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	has := func(sub ...string) bool {
		for _, x := range sub {
			if !strings.Contains(s, x) {
				return false
			}
		}
		return true
	}
	switch {
	case strings.HasPrefix(s, sqliteMagic):
		return IssoDB, nil
	case has(`xmlns="http://disqus.com`):
		return Disqus, nil
	case has("wordpress.org/export/1."):
		return WordPress, nil
	case strings.HasPrefix(s, "["):
		if has(`"page_key"`) {
			return Artalk, nil
		}
		if has(`"comments"`) {
			return IssoJSON, nil
		}
	case strings.HasPrefix(s, "{"):
		return detectObject(s, has)
	}
	return "", fmt.Errorf("importer: unknown export format; name it with --type")
}

func detectObject(s string, has func(...string) bool) (Format, error) {
	first, _, _ := strings.Cut(s, "\n")
	switch {
	case strings.Contains(first, `"natter-jsonl"`):
		return JSONL, nil
	case has(`"Comment"`) && (has(`"waline"`) || has(`"tables"`)):
		return Waline, nil
	case has(`"commentHex"`) || has(`"commenters"`):
		return Commento, nil
	case has(`"version"`) && (has(`"users"`) || has(`"locator"`)):
		return Remark42, nil
	}
	return "", fmt.Errorf("importer: unknown JSON export; name it with --type")
}

// readHead returns up to headSize bytes of r and a reader that still
// yields them.
func readHead(r io.Reader) ([]byte, io.Reader, error) {
	head := make([]byte, headSize)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, nil, fmt.Errorf("importer: read: %w", err)
	}
	head = head[:n]
	return head, io.MultiReader(bytes.NewReader(head), r), nil
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
