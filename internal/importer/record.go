// Package importer reads comment exports from other systems (Disqus,
// WordPress, Isso, Remark42, Artalk, Waline, Commento, Natter itself) as a
// stream of neutral records, decides what Isso would keep of each, and
// hands the survivors to a Target in batches.
package importer

import "time"

// State is a comment's moderation state in its source system.
type State uint8

// Source states, mapped to Isso's modes by the planner.
const (
	StateApproved State = iota // Isso mode 1
	StatePending               // Isso mode 2
	StateSpam                  // skipped
	StateTrash                 // skipped
	StateDeleted               // mode 4 placeholder if it has replies, else skipped
)

// Kind tells comments from the pings some blogs store beside them.
type Kind uint8

// Record kinds; pingbacks and trackbacks are skipped.
const (
	KindComment Kind = iota
	KindPingback
	KindTrackback
)

// Body says how Record.Text is written.
type Body uint8

// Body formats; everything but Markdown is converted to Markdown.
const (
	BodyMarkdown Body = iota // stored as is; Natter's renderer sanitises it
	BodyHTML                 // HTML, whitespace insignificant
	BodyWPHTML               // WordPress: HTML where newlines are line breaks
)

// Record is one comment as an export describes it. Strings are raw
// (unescaped); the writer applies Isso's storage encodings.
type Record struct {
	ID       string // unique within the export (and stable across exports)
	ParentID string // "" for a top-level comment
	ThreadID string // groups comments of one page in the source
	URL      string // the page: a full URL or a path
	Title    string
	Author   *string // nil when absent (NULL in Isso's table)
	Email    *string
	Website  *string
	Addr     string // remote address, anonymised on the way in
	Created  time.Time
	Modified time.Time // zero when never edited
	Text     string
	Body     Body
	State    State
	Kind     Kind
	Likes    int
	Dislikes int
	// Notification is Isso's reply-notification flag; nil when unknown.
	Notification *int
}

// emitFunc receives each record; parsers stop at its first error.
type emitFunc func(r *Record) error

// opt returns nil for an empty (or blank) field, else a pointer to it.
func opt(s string) *string {
	if isBlank(s) {
		return nil
	}
	return &s
}
