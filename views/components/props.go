// Package components holds the comment pieces shared by the embed widget
// and the admin panel: the comment card, the avatar and the rendered
// Markdown body. They take plain props (no service types), carry
// data-testid attributes, read their strings from the i18n locale in the
// render context (i18n.With), and contain no widget behaviour: the widget
// and the admin panel pass their own controls in the Actions, Votes and
// Footer slots.
package components

import (
	"strconv"
	"time"

	"github.com/a-h/templ"

	"github.com/natter/natter/internal/identicon"
	"github.com/natter/natter/internal/markup"
)

// HTMXDisable is the attribute that stops htmx from processing markup
// inside an element (htmx 2; htmx 4 renames it hx-ignore). Every rendered
// comment body carries it, so user content can never become behaviour.
const HTMXDisable = "hx-disable"

// CommentProps describe one comment card.
type CommentProps struct {
	ID int64
	// Author is the display name as plain text ("" shows the locale's
	// "Anonymous"); it is escaped on output.
	Author string
	// Website is an http(s) URL or ""; anything else is not linked.
	Website string
	Avatar  AvatarProps
	Created time.Time
	// Modified is the last edit time; zero when never edited.
	Modified time.Time
	// Now is the reference for relative times.
	Now time.Time
	// HTML is the sanitised, rendered Markdown of the comment.
	HTML markup.SafeHTML
	// Deleted marks Isso's placeholder for a deleted comment with replies.
	Deleted bool
	// Pending marks a comment awaiting moderation. The card then shows
	// PendingLabel, or, when that is "", the locale's notice to the
	// comment's author ("… only you can see this comment for now"), which
	// is right in the widget only. The admin panel passes its own wording.
	Pending      bool
	PendingLabel string
	// PageAuthor marks comments by the page's author.
	PageAuthor bool
	// Likes and Dislikes are the vote counts.
	Likes, Dislikes int
	// Permalink is the href of the permalink anchor ("" = "#" + DOMID()).
	Permalink string
	// Reply makes a compact card for replies.
	Reply bool
	// Votes replaces the static score (e.g. the widget's vote buttons);
	// nil shows the score read-only. HideScore hides both.
	Votes     templ.Component
	HideScore bool
	// Actions are controls shown under the body (reply, edit, admin
	// moderation, …); nil shows none.
	Actions templ.Component
	// Editor, when set, takes the place of the text, notes and footer:
	// the card keeps its avatar and header while its author edits it.
	Editor templ.Component
}

// DOMID is the card's element id, the permalink target.
func (p CommentProps) DOMID() string { return CommentDOMID(p.ID) }

// CommentDOMID is the element id of comment id's card.
func CommentDOMID(id int64) string { return "natter-comment-" + strconv.FormatInt(id, 10) }

func (p CommentProps) permalink() string {
	if p.Permalink != "" {
		return p.Permalink
	}
	return "#" + p.DOMID()
}

func (p CommentProps) score() int { return p.Likes - p.Dislikes }

func (p CommentProps) edited() bool { return !p.Modified.IsZero() }

// AvatarProps describe an avatar: a Gravatar image when ImageURL is set,
// otherwise Isso's identicon drawn from Hash.
type AvatarProps struct {
	Hash     string
	ImageURL string
	// Identicon is the URL of Hash's identicon image (IdenticonURL); ""
	// draws the identicon inline, as do custom colours.
	Identicon string
	// Name labels the image for assistive technology; "" hides it.
	Name string
	// Size in CSS pixels (40 when 0). The frame is sized by fixed Tailwind
	// classes, never an inline style (the admin CSP has no 'unsafe-inline'
	// for styles), so only 24, 32, 40, 48 and 64 exist; other values take
	// the nearest of these.
	Size int
	// Background and Foreground override Isso's identicon colours.
	Background string
	Foreground []string
	// Hidden renders nothing (avatars disabled).
	Hidden bool
}

// avatarSizes are the sizes the avatar frame supports, smallest first,
// each with its literal class list (literal so that Tailwind finds it).
var avatarSizes = []struct {
	px    int
	class string
}{
	{24, "nt-avatar-24"},
	{32, "nt-avatar-32"},
	{40, "nt-avatar-40"},
	{48, "nt-avatar-48"},
	{64, "nt-avatar-64"},
}

// px is Size snapped to a supported size (40 when 0).
func (a AvatarProps) px() int {
	if a.Size <= 0 {
		return 40
	}
	best := avatarSizes[0].px
	for _, s := range avatarSizes {
		if abs(s.px-a.Size) < abs(best-a.Size) {
			best = s.px
		}
	}
	return best
}

func (a AvatarProps) size() string { return strconv.Itoa(a.px()) }

// sizeClass is the frame's width and height class (static/src/app.css).
func (a AvatarProps) sizeClass() string {
	px := a.px()
	for _, s := range avatarSizes {
		if s.px == px {
			return s.class
		}
	}
	return avatarSizes[2].class
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// IdenticonPath is where the widget serves identicon images (handlers/embed),
// under a site's base URL; a name is an identicon.Key and ".svg".
const IdenticonPath = "/embed/identicons/"

// IdenticonURL is the image of hash's identicon under base, the base URL
// the widget builds its other links on; "" when hash has no image (the
// identicon is then drawn inline).
func IdenticonURL(base, hash string) string {
	key, ok := identicon.Key(hash)
	if !ok {
		return ""
	}
	return base + IdenticonPath + key + ".svg"
}

// identiconSrc is the identicon image to show, "" to draw it inline: the
// served images have Isso's default colours only.
func (a AvatarProps) identiconSrc() string {
	if a.Background != "" || len(a.Foreground) > 0 {
		return ""
	}
	return a.Identicon
}

func (a AvatarProps) svg() string {
	return identicon.SVG(a.Hash, a.Background, a.Foreground)
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
