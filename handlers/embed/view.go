package embed

import (
	"time"

	"github.com/natter/natter/handlers/card"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	ui "github.com/natter/natter/views/embed"
)

// reader is one render for one reader: links, language, the clock and
// the comments the reader may edit.
type reader struct {
	links ui.Links
	loc   *i18n.Locale
	now   time.Time
	owned map[int64]bool
}

func (w *widget) reader(links ui.Links, loc *i18n.Locale, owned map[int64]bool) reader {
	return reader{links: links, loc: loc, now: w.svc.Now(), owned: owned}
}

// item maps one comment to its widget item, on the shared card.
func (r reader) item(v *comment.View) ui.Item {
	p := card.Props(v.Shown(), r.now, r.links.Base)
	p.Avatar.Hidden = r.links.Opts.NoAvatar
	for _, h := range r.links.Opts.AuthorHashes {
		if h == v.Hash {
			p.PageAuthor = true
		}
	}
	return ui.Item{Card: p, Own: r.owned[v.ID], Root: v.Root}
}

// items maps a listing's comments with the replies this reader sees.
func (r reader) items(list []comment.ReaderItem) []ui.Item {
	out := make([]ui.Item, 0, len(list))
	for _, it := range list {
		item := r.item(it.View)
		for _, rv := range it.Replies {
			item.Replies = append(item.Replies, r.item(rv))
		}
		item.MoreReplies, item.MoreOffset = it.HiddenReplies, it.Shown
		out = append(out, item)
	}
	return out
}

// parentName is how a reply form names the comment it answers.
func parentName(loc *i18n.Locale, v *comment.View) string {
	if name := v.DisplayName(); name != "" {
		return name
	}
	return loc.T("comment.anonymous")
}
