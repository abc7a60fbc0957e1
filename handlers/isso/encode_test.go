package isso

import (
	"slices"
	"testing"

	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/internal/pyjson"
	"github.com/natter/natter/models"
)

// The shape Isso prints a thread in, encoded whole: what encodeThread's
// assembly from cached pieces must reproduce byte for byte.
type listItemJSON struct {
	commentJSON
	TotalReplies  int           `json:"total_replies"`
	HiddenReplies int           `json:"hidden_replies"`
	Replies       []commentJSON `json:"replies"`
}

type threadJSON struct {
	ID            *int64       `json:"id"`
	TotalReplies  int          `json:"total_replies"`
	HiddenReplies int          `json:"hidden_replies"`
	Replies       []any        `json:"replies"`
	Config        clientConfig `json:"config"`
}

func wholeThread(a *api, l comment.Listing, plain bool) threadJSON {
	s := shape{plain: plain, identity: true}
	out := threadJSON{ID: l.Parent, TotalReplies: l.TotalReplies, HiddenReplies: l.HiddenReplies,
		Replies: make([]any, 0, len(l.Items)), Config: a.clientConfig()}
	for _, it := range l.Items {
		if !it.Nested {
			out.Replies = append(out.Replies, toJSON(it.View, s))
			continue
		}
		item := listItemJSON{commentJSON: toJSON(it.View, s), TotalReplies: it.TotalReplies,
			HiddenReplies: it.HiddenReplies, Replies: make([]commentJSON, 0, len(it.Replies))}
		for _, r := range it.Replies {
			item.Replies = append(item.Replies, toJSON(r, s))
		}
		out.Replies = append(out.Replies, item)
	}
	return out
}

func TestEncodeThread_MatchesWholeEncoding(t *testing.T) {
	c := cache.New(1 << 20)
	svc := comment.New(comment.Deps{Cache: c}, comment.Policy{Gravatar: true})
	a := &api{Deps: Deps{Comments: svc}}
	str := func(s string) *string { return &s }
	mod, note, parent := 1795626899.5, 1, int64(7)
	views := []*comment.View{
		{Comment: models.Comment{ID: 1, Created: 1795626833, Text: "plain **md**", Author: str("Zoë \"Z\" <z>"),
			Website: str("https://example.org/?a=1&b=2"), Mode: 1, Likes: 3}, HTML: markup.SafeHTML("<p>plain <strong>md</strong></p>"),
			Hash: "abc123", GravatarImage: "https://www.gravatar.com/avatar/x?d=identicon"},
		{Comment: models.Comment{ID: 2, Created: 1795626834.25, Modified: &mod, Text: "中文 😀 \u2028", Mode: 4,
			Notification: &note, Parent: &parent}, HTML: markup.SafeHTML("<p>中文 😀 \u2028</p>"), Root: 1},
		{Comment: models.Comment{ID: 3, Created: 1795626835, Text: "", Mode: 1}},
	}
	listings := map[string]comment.Listing{
		"empty":  {},
		"nested": {TotalReplies: 3, HiddenReplies: 1, Items: []comment.Item{{View: views[0], Nested: true, TotalReplies: 2, HiddenReplies: 1, Replies: views[1:2]}, {View: views[2], Nested: true}}},
		"parent": {Parent: &parent, TotalReplies: 2, Items: []comment.Item{{View: views[1]}, {View: views[2]}}},
	}
	for name, l := range listings {
		for _, plain := range []bool{false, true} {
			for range 2 { // the second pass assembles from cached pieces
				want, err := pyjson.Marshal(wholeThread(a, l, plain))
				if err != nil {
					t.Fatal(err)
				}
				p, cuts, err := a.encodeThread(l, plain)
				if err != nil {
					t.Fatal(err)
				}
				got := p.Bytes()
				if string(got) != string(want) || p.size() != len(want) {
					t.Errorf("%s plain=%v: size %d\ngot  %s\nwant %s", name, plain, p.size(), got, want)
				}
				if !slices.IsSorted(cuts) || cuts[len(cuts)-1] > len(p.Parts()) {
					t.Errorf("%s plain=%v: cuts %v outside the %d parts", name, plain, cuts, len(p.Parts()))
				}
			}
		}
	}
}
