package isso

import (
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pyjson"
)

// commentJSON is Isso's public comment object (§2.2 of the reference),
// its members in the order Isso prints them (the database's column order,
// then hash and gravatar_image). Pointer fields encode as null, as Isso's do.
type commentJSON struct {
	ID            int64         `json:"id"`
	Parent        *int64        `json:"parent"`
	Created       pyjson.Float  `json:"created"`
	Modified      *pyjson.Float `json:"modified"`
	Mode          int           `json:"mode"`
	Text          string        `json:"text"`
	Author        *string       `json:"author"`
	Website       *string       `json:"website"`
	Likes         int           `json:"likes"`
	Dislikes      int           `json:"dislikes"`
	Notification  *int          `json:"notification"`
	Hash          string        `json:"hash,omitempty"`
	GravatarImage string        `json:"gravatar_image,omitempty"`
}

// shape says which optional members a response carries.
type shape struct {
	plain    bool // raw Markdown instead of rendered HTML
	identity bool // hash and gravatar_image
}

func toJSON(v *comment.View, s shape) commentJSON {
	out := commentJSON{
		ID: v.ID, Parent: v.Parent, Author: v.Author, Website: v.Website, Mode: v.Mode,
		Created: pyjson.Float(v.Created), Modified: (*pyjson.Float)(v.Modified), Likes: v.Likes, Dislikes: v.Dislikes,
		Notification: v.Notification, Text: string(v.HTML),
	}
	if v.Root != 0 {
		root := v.Root // flattened: Isso data is one level deep
		out.Parent = &root
	}
	if s.plain {
		out.Text = v.Text
	}
	if s.identity {
		out.Hash, out.GravatarImage = v.Hash, v.GravatarImage
	}
	return out
}
