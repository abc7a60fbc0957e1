// Package admin renders the admin panel: the login page, the moderation
// queue, edit forms, threads and the dashboard. Comment cards are the
// widget's own components (views/components) with admin controls in
// their Actions slot. Pages work without JavaScript; htmx, when present,
// swaps single rows in place.
package admin

import (
	"net/url"
	"strconv"
	"time"

	"github.com/a-h/templ"

	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/views/components"
)

// Env is what every admin component needs.
type Env struct {
	M    Msgs
	Base string // public base URL, sub-path included, no trailing slash
	CSRF string // the session's anti-forgery token ("" on the login page)
	Now  time.Time
}

// U is an absolute URL of an admin path ("/admin/...").
func (e Env) U(path string) string { return e.Base + path }

// SafeU is U for href and action attributes.
func (e Env) SafeU(path string) templ.SafeURL { return templ.SafeURL(e.Base + path) }

// Counts are the queue sizes shown in the navigation.
type Counts struct{ Pending, Approved, Deleted int }

// Page is the shell around every admin page.
type Page struct {
	Env
	Title   string
	CSSURL  string
	HTMXURL string
	Theme   string // "", "light" or "dark"
	Nav     string // active navigation entry
	Counts  Counts
	Here    string // admin-relative URL of this page, for language/theme links
	Flash   string
	Error   string
	Session bool // show the navigation
}

// ThemeAttr is the data-natter-theme value ("" follows the system).
func (p Page) themeNext() string {
	switch p.Theme {
	case "":
		return "dark"
	case "dark":
		return "light"
	}
	return "auto"
}

func (p Page) prefsURL(kind, value string) string {
	return p.U("/admin/prefs?" + url.Values{kind: {value}, "back": {p.Here}}.Encode())
}

func (p Page) otherLang() string {
	if p.M.Tag == "zh-CN" {
		return "en"
	}
	return "zh-CN"
}

// Row is one comment in a list.
type Row struct {
	ID      int64
	TrashID int64
	// State is "pending", "approved", "deleted" (restorable, in the trash)
	// or "placeholder" (Isso's deleted-with-replies row, nothing to restore).
	State       string
	Card        components.CommentProps
	ThreadID    int64
	ThreadURI   string
	ThreadTitle string
	Email       string
	IP          string
	Parent      int64
	DeletedAt   time.Time
	// Note reports the action just done to the row ("" for none).
	Note string
	// Back is where no-JS forms return to.
	Back string
	// Selectable adds the bulk-selection checkbox.
	Selectable bool
}

// DOMID is the row's element id.
func (r Row) DOMID() string {
	if r.TrashID > 0 {
		return "row-t" + strconv.FormatInt(r.TrashID, 10)
	}
	return "row-c" + strconv.FormatInt(r.ID, 10)
}

func (r Row) actionURL(e Env, verb string) string {
	if r.TrashID > 0 {
		return e.U("/admin/trash/" + strconv.FormatInt(r.TrashID, 10) + "/" + verb)
	}
	return e.U("/admin/comments/" + strconv.FormatInt(r.ID, 10) + "/" + verb)
}

func (r Row) selectValue() string {
	if r.TrashID > 0 {
		return strconv.FormatInt(r.TrashID, 10)
	}
	return strconv.FormatInt(r.ID, 10)
}

// Filter is the queue filter as the form shows it.
type Filter struct {
	State, Search, Thread, Author, Email, IP, From, To, Sort string
}

// Values encodes the filter for URLs and hidden fields.
func (f Filter) Values() url.Values {
	v := url.Values{}
	add := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	add("state", f.State)
	add("q", f.Search)
	add("thread", f.Thread)
	add("author", f.Author)
	add("email", f.Email)
	add("ip", f.IP)
	add("from", f.From)
	add("to", f.To)
	add("sort", f.Sort)
	return v
}

func (f Filter) more() bool {
	return f.Thread != "" || f.Author != "" || f.Email != "" || f.IP != "" || f.From != "" || f.To != ""
}

// Queue is the moderation list.
type Queue struct {
	Page
	Filter   Filter
	Rows     []Row
	Matching int
	Next     string // URL of the next page, "" on the last
	First    string // URL of the first page, "" on it
}

// Edit is the edit form of one comment.
type Edit struct {
	Env
	Row     Row
	Author  string
	Email   string
	Website string
	Text    string
	Preview markup.SafeHTML // rendered HTML, "" for none
	Error   string
}

// EditPage is Edit on a page of its own (no JavaScript).
type EditPage struct {
	Page
	Edit Edit
}

// Confirm asks before a bulk action.
type Confirm struct {
	Page
	Action  string // approve, delete, restore
	N       int
	Changed int // previous count when the filter's result changed, else -1
	Fields  [][2]string
	Cancel  string
}

// ThreadItem is a thread in the list.
type ThreadItem struct {
	ID                          int64
	URI, Title, Link            string
	Published, Pending, Deleted int
	Latest                      time.Time
}

// Threads is the thread list.
type Threads struct {
	Page
	Search string
	Items  []ThreadItem
	Total  int
	Prev   string
	Next   string
}

// ThreadPage is one thread with its comments in reading order.
type ThreadPage struct {
	Page
	Thread ThreadItem
	Rows   []Row
	Saved  bool
	Err    string
}

// Day is one bar of the dashboard chart.
type Day struct {
	Date  time.Time
	Count int
}

// Failure is a warning or error the server logged.
type Failure struct {
	Time    time.Time
	Error   bool // an error rather than a warning
	Message string
}

// Dashboard is the overview.
type Dashboard struct {
	Page
	Days     []Day
	Active   []ThreadItem
	Failures []Failure
	Failing  []string // notification channels whose last attempts all failed
	// Unlisted are origins whose pages asked for comments but are not in
	// [general] host: the most likely setup mistake.
	Unlisted []string
}

// Login is the sign-in page.
type Login struct {
	Page
	Disabled bool
	Next     string
}

func itoa(n int) string          { return strconv.Itoa(n) }
func i64(n int64) string         { return strconv.FormatInt(n, 10) }
func dateISO(t time.Time) string { return t.UTC().Format("2006-01-02") }
