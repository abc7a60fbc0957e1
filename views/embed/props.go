// Package embed renders the htmx comment widget: the thread root, comment
// items, the post/reply/edit forms and the small fragments the widget's
// requests answer with. The comment card itself is components.Comment,
// shared with the admin panel.
package embed

import (
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/views/components"
)

// Paging defaults.
const (
	DefaultLimit  = 20 // top-level comments per page
	DefaultNested = 5  // replies embedded per top-level comment (Isso's default)
)

// Options are the widget settings chosen by the snippet (or a legacy Isso
// page's data-isso-* attributes). They travel in every URL the widget
// requests, so each request renders the same way.
type Options struct {
	URI   string
	Title string
	// Lang is the resolved language tag, e.g. "zh-CN".
	Lang string
	// Sort is oldest, newest or upvotes.
	Sort string
	// Theme is "light", "dark" or "system" (the reader's scheme); "" is
	// light in a host page and the reader's scheme on Natter's own page.
	// The loader resolves data-natter-theme="auto" into light or dark.
	Theme string
	// Limit is top-level comments per page; -1 shows all.
	Limit int
	// Nested is the replies shown under each comment; -1 shows all.
	Nested int
	// NoVote hides the vote buttons; NoAvatar the avatars.
	NoVote, NoAvatar bool
	// AuthorHashes are the identity hashes of the page's author(s).
	AuthorHashes []string
	// NotifyDefault pre-checks "notify me of replies".
	NotifyDefault bool
	// Page is the host page URL (no-JS posts redirect there).
	Page string
}

// Values encodes the options that differ from the defaults; URI always.
func (o Options) Values() url.Values {
	v := url.Values{}
	v.Set("uri", o.URI)
	if o.Title != "" {
		v.Set("title", o.Title)
	}
	if o.Lang != "" {
		v.Set("lang", o.Lang)
	}
	if o.Sort != "" && o.Sort != "oldest" {
		v.Set("sort", o.Sort)
	}
	if o.Theme != "" {
		v.Set("theme", o.Theme)
	}
	if o.Limit != 0 && o.Limit != DefaultLimit {
		v.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Nested != 0 && o.Nested != DefaultNested {
		v.Set("nested", strconv.Itoa(o.Nested))
	}
	if o.NoVote {
		v.Set("vote", "0")
	}
	if o.NoAvatar {
		v.Set("avatar", "0")
	}
	if len(o.AuthorHashes) > 0 {
		v.Set("author_hashes", strings.Join(o.AuthorHashes, ","))
	}
	if o.NotifyDefault {
		v.Set("notify", "1")
	}
	if o.Page != "" {
		v.Set("page", o.Page)
	}
	return v
}

// Key is a short id of the thread, unique per page, used in element ids.
func (o Options) Key() string {
	sum := sha1.Sum([]byte(o.URI))
	return hex.EncodeToString(sum[:4])
}

// Policy is what the site's rules mean for the forms.
type Policy struct {
	RequireAuthor, RequireEmail bool
	WebsiteField                bool
	ReplyNotifications          bool
}

// Links builds the widget's URLs.
type Links struct {
	// Base is Natter's public base URL, without a trailing slash.
	Base string
	Opts Options
	// Return, when set, is the host page the plain markup's vote forms
	// come back to (the thread inlined beside htmx 4); "" means Natter's
	// own plain page.
	Return string
}

// URL returns Base+path with the options and extra key/value pairs.
func (l Links) URL(path string, extra ...string) string {
	v := l.Opts.Values()
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return l.Base + path + "?" + v.Encode()
}

// Page returns the URL of the plain (no-JS) thread page with extra
// key/value pairs, e.g. Page("reply", "5").
func (l Links) Page(extra ...string) string { return l.URL("/embed/thread", extra...) }

// Comment returns the URL of a comment route, e.g. Comment(5, "/edit").
func (l Links) Comment(id int64, suffix string, extra ...string) string {
	return l.URL("/embed/comments/"+strconv.FormatInt(id, 10)+suffix, extra...)
}

// IDs are the element ids of one widget.
type IDs struct{ Key string }

func (i IDs) Root() string   { return "natter-" + i.Key }
func (i IDs) Count() string  { return "natter-" + i.Key + "-count" }
func (i IDs) List() string   { return "natter-" + i.Key + "-list" }
func (i IDs) Live() string   { return "natter-" + i.Key + "-live" }
func (i IDs) Form() string   { return "natter-" + i.Key + "-form" }
func (i IDs) More() string   { return "natter-" + i.Key + "-more" }
func (i IDs) Sorter() string { return "natter-" + i.Key + "-sort" }

// ItemID is the list item of a comment (card, reply slot, replies).
func ItemID(id int64) string { return "natter-item-" + strconv.FormatInt(id, 10) }

// SlotID holds a comment's inline reply form.
func SlotID(id int64) string { return "natter-slot-" + strconv.FormatInt(id, 10) }

// ReplyFormID is the inline reply form under comment id.
func ReplyFormID(id int64) string { return "natter-reply-form-" + strconv.FormatInt(id, 10) }

// RepliesID is the reply list under a top-level comment.
func RepliesID(id int64) string { return "natter-replies-" + strconv.FormatInt(id, 10) }

// MoreRepliesID is the "show more replies" control of a comment.
func MoreRepliesID(id int64) string { return "natter-more-" + strconv.FormatInt(id, 10) }

// Item is a comment with its widget state and, at the top level, its
// replies.
type Item struct {
	Card components.CommentProps
	// Own: the reader holds a valid edit token for it.
	Own bool
	// Root is the top-level comment a reply belongs to (0 at top level).
	Root    int64
	Replies []Item
	// MoreReplies is the count of replies not shown yet, MoreOffset where
	// the next page starts.
	MoreReplies, MoreOffset int
	// No-JS page state (docs/widget.md, "Without JavaScript"): Slot fills
	// the reply slot (a reply form, a delete confirmation, a message);
	// Edit, when set, shows the edit form in place of the card; VoteMessage
	// explains a refused vote next to the buttons.
	Slot        templ.Component
	Edit        *EditProps
	VoteMessage string
}

// ThreadProps is everything the widget root shows.
type ThreadProps struct {
	Links  Links
	Policy Policy
	// Count is the number of visible comments.
	Count int
	Items []Item
	// More is the count of top-level comments not shown; MoreOffset where
	// the next page starts.
	More, MoreOffset int
	// Feed is the thread's Atom feed URL, or "".
	Feed string
	// Form is the post form (carrying values and an error after a failed
	// no-JS post).
	Form FormProps
	// Page renders for a full no-JS page: links instead of htmx controls
	// where needed, and a return URL on forms.
	Page bool
	// Version is the widget markup version, for the host page's CSS.
	Version string
}

// IDs of the thread.
func (p ThreadProps) IDs() IDs { return IDs{Key: p.Links.Opts.Key()} }

// FormValues are the fields of a post form.
type FormValues struct {
	Text, Author, Email, Website string
	Notify                       bool
}

// FormProps describe a post or reply form.
type FormProps struct {
	Links  Links
	Policy Policy
	// Parent is the comment replied to (0 for a new thread comment).
	Parent     int64
	ParentName string
	Values     FormValues
	// Error is a translated message shown above the form; ErrorField names
	// the field it concerns ("text", "author", …) for aria-invalid.
	Error, ErrorField string
	// Notice is a success message (e.g. after posting).
	Notice string
	// Return is where a no-JS post redirects; "" omits the field.
	Return string
	// Preview, when set, is the rendered text shown in the preview slot
	// (the plain page's Preview button; with JavaScript htmx fills it).
	Preview *markup.SafeHTML
}

// FormID is the element id of this form.
func (f FormProps) FormID() string {
	if f.Parent != 0 {
		return ReplyFormID(f.Parent)
	}
	return IDs{Key: f.Links.Opts.Key()}.Form()
}

func (f FormProps) fieldID(name string) string { return f.FormID() + "-" + name }

// EditProps describe the inline edit form of a comment.
type EditProps struct {
	Links  Links
	Policy Policy
	ID     int64
	Text   string
	Error  string
	// Card is the comment's card (avatar, author, time) around the form;
	// without one (ID 0) the form stands alone.
	Card components.CommentProps
	// Preview is the rendered text of the plain page's Preview.
	Preview *markup.SafeHTML
}

// VotesProps describe a comment's vote buttons.
type VotesProps struct {
	Links           Links
	ID              int64
	Likes, Dislikes int
	// Message explains a refused vote.
	Message string
}

func (v VotesProps) score() string { return strconv.Itoa(v.Likes - v.Dislikes) }

// PageProps wrap the thread as a complete document for readers without
// JavaScript and for crawlers.
type PageProps struct {
	Thread ThreadProps
	CSSURL string
	// Back is the host page, when known.
	Back string
}
