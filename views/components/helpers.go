package components

import (
	"context"
	"net/url"
	"strconv"

	"github.com/natter/natter/internal/i18n"
)

func itoa(n int) string { return strconv.Itoa(n) }

func displayName(ctx context.Context, p CommentProps) string {
	if p.Author == "" || p.Deleted {
		return i18n.From(ctx).T("comment.anonymous")
	}
	return p.Author
}

// pendingLabel is the card's pending notice: the caller's wording, or the
// locale's notice addressed to the comment's author.
func pendingLabel(ctx context.Context, p CommentProps) string {
	if p.PendingLabel != "" {
		return p.PendingLabel
	}
	return i18n.From(ctx).T("comment.pending")
}

func avatarFor(p CommentProps) AvatarProps {
	a := p.Avatar
	if a.Size == 0 {
		a.Size = 40
		if p.Reply {
			a.Size = 32
		}
	}
	return a
}

// SafeWebsite returns u when it is an absolute http(s) URL, else "".
func SafeWebsite(u string) string {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return u
}
