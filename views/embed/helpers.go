package embed

import (
	"context"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/views/components"
)

func sortOf(o Options) string {
	if o.Sort == "" {
		return "oldest"
	}
	return o.Sort
}

func sortedLinks(l Links, by string) Links {
	l.Opts.Sort = by
	return l
}

// byLevel picks a reply's or a top-level comment's value.
func byLevel(it Item, reply, top string) string {
	if it.Root != 0 {
		return reply
	}
	return top
}

func itemClass(it Item) string {
	return byLevel(it, "nt-list-none", "nt-item")
}

func slotClass(it Item) string {
	return byLevel(it, "empty:nt-hidden", "nt-slot")
}

func authorOf(ctx context.Context, it Item) string {
	if it.Card.Author == "" {
		return i18n.From(ctx).T("comment.anonymous")
	}
	return it.Card.Author
}

// cardFor adds the widget's controls to a card.
func cardFor(l Links, it Item) components.CommentProps {
	c := it.Card
	c.Actions = Actions(l, it)
	if !l.Opts.NoVote {
		c.Votes = Votes(VotesProps{Links: l, ID: c.ID, Likes: c.Likes, Dislikes: c.Dislikes, Message: it.VoteMessage})
	} else {
		c.HideScore = true
	}
	if l.Opts.NoAvatar {
		c.Avatar.Hidden = true
	}
	return c
}

func formTestID(f FormProps) string {
	if f.Parent != 0 {
		return "reply-form"
	}
	return "post-form"
}

func hiddenFields(f FormProps) [][2]string {
	out := [][2]string{{"uri", f.Links.Opts.URI}}
	for k, vs := range f.Links.Opts.Values() {
		if k == "uri" || k == "sort" || k == "limit" || k == "nested" {
			continue
		}
		out = append(out, [2]string{k, vs[0]})
	}
	if f.Parent != 0 {
		out = append(out, [2]string{"parent", itoa64(f.Parent)})
	}
	if f.Return != "" {
		out = append(out, [2]string{"return", f.Return})
	}
	// Stable order for golden files.
	for i := 1; i < len(out); i++ {
		for j := i; j > 1 && out[j][0] < out[j-1][0]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func describedBy(f FormProps, field, hint string) string {
	ids := []string{}
	if hint != "" {
		ids = append(ids, hint)
	}
	if f.ErrorField == field && f.Error != "" {
		ids = append(ids, f.fieldID("error"))
	}
	return strings.Join(ids, " ")
}

func hintID(f FormProps, name, hint string) string {
	if hint == "" {
		return ""
	}
	return f.fieldID(name + "-hint")
}

// The control classes are components (static/src/app.css) built from
// utilities with Tailwind's important modifier (!nt-…): a host sheet's
// `input { width: 120% !important }` loses to `.natter-root .nt-field`
// (same importance, higher specificity); app.css pins the rest of a
// control's box (margin, float, position, sizes) the same way.
const (
	fieldClass   = "nt-field"
	btnPrimary   = "nt-btn-primary"
	btnSecondary = "nt-btn"
	btnDanger    = "nt-btn-danger"
	btnLink      = "nt-btn-link"
	btnIcon      = "nt-btn-icon"
)

// editID is an element id of comment id's edit form (suffix "" for its
// text field).
func editID(id int64, suffix string) string {
	return "natter-edit-" + strconv.FormatInt(id, 10) + suffix
}

// editCard is the comment's card with the edit form in place of its text.
func editCard(p EditProps, form templ.Component) components.CommentProps {
	c := p.Card
	c.Editor, c.Actions, c.Votes = form, nil, nil
	c.Avatar.Hidden = c.Avatar.Hidden || p.Links.Opts.NoAvatar
	return c
}
