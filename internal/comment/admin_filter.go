package comment

import (
	"fmt"
	"strings"
)

// Filter selects comments of one state. Zero fields do not filter.
type Filter struct {
	State    State
	ThreadID int64
	Author   string // exact, case-insensitive
	Email    string // exact, case-insensitive
	IPPrefix string // prefix of the (anonymised) address
	From, To float64
	Search   string // substring of text, author or e-mail
}

// Active reports whether anything beyond the state filters.
func (f Filter) Active() bool {
	return f.ThreadID != 0 || f.Author != "" || f.Email != "" || f.IPPrefix != "" ||
		f.From != 0 || f.To != 0 || f.Search != ""
}

// Escaped returns the filter with author, e-mail and search also given in
// the HTML-escaped form Isso stores author and e-mail in.
func (f Filter) Escaped() (author, email, search string) {
	return escapeBasic.Replace(f.Author), escapeBasic.Replace(f.Email), escapeBasic.Replace(f.Search)
}

// Cursor is a keyset position in a queue: the sort value and id of the
// last row shown, so deep pages cost as little as the first.
type Cursor struct {
	Value float64
	ID    int64
}

// String encodes the cursor for a URL.
func (c Cursor) String() string { return fmt.Sprintf("%v_%d", c.Value, c.ID) }

// ParseCursor decodes Cursor.String; "" is no cursor.
func ParseCursor(s string) (*Cursor, bool) {
	if s == "" {
		return nil, true
	}
	var c Cursor
	v, id, ok := strings.Cut(s, "_")
	if !ok {
		return nil, false
	}
	if _, err := fmt.Sscan(v, &c.Value); err != nil {
		return nil, false
	}
	if _, err := fmt.Sscan(id, &c.ID); err != nil {
		return nil, false
	}
	return &c, true
}
