package isso

import (
	"fmt"
	"strconv"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pyjson"
)

// encoded is a comment's object in shape s, memoised on its View: a
// thread answer is assembled by copying these, so a write to a big thread
// encodes one comment, not thousands.
func encoded(v *comment.View, s shape) ([]byte, error) {
	return v.Memo(s.slot(), func() ([]byte, error) {
		b, err := pyjson.Marshal(toJSON(v, s))
		if err != nil {
			return nil, fmt.Errorf("encode comment %d: %w", v.ID, err)
		}
		return b, nil
	})
}

// slot numbers the shapes for View.Memo.
func (s shape) slot() int {
	n := 0
	if s.plain {
		n |= 1
	}
	if s.identity {
		n |= 2
	}
	return n
}

// encodeThread writes a listing as pyjson.Marshal(threadJSON) would, from
// the cached comment objects: a top-level item is its comment's object
// with the reply members appended before the closing brace.
func (a *api) encodeThread(l comment.Listing, plain bool) (body []byte, cuts []int, err error) {
	s := shape{plain: plain, identity: true}
	cfg, err := pyjson.Marshal(a.clientConfig())
	if err != nil {
		return nil, nil, err
	}
	size, err := encodedSize(l, s)
	if err != nil {
		return nil, nil, err
	}
	out := append(make([]byte, 0, size+len(cfg)), `{"id": `...)
	out = appendID(out, l.Parent)
	out = appendCounts(out, l.TotalReplies, l.HiddenReplies)
	// The counters before the items change with every comment: they end
	// a chunk of their own, so that the first items' chunk is kept.
	cuts, last := append(cuts, len(out)), len(out)
	for i, it := range l.Items {
		if i > 0 {
			out = append(out, ", "...)
		}
		if out, err = appendItem(out, it, s); err != nil {
			return nil, nil, err
		}
		if cutAfter(it.View, len(out)-last) {
			cuts, last = append(cuts, len(out)), len(out)
		}
	}
	cuts = append(cuts, len(out))
	out = append(out, `], "config": `...)
	out = append(out, cfg...)
	return append(out, '}'), cuts, nil
}

// cutAfter says where gzip chunks end (see gzjoin): after about one top
// level item in 16, chosen by id so that the same items end chunks
// whatever comes before them (a new comment changes one chunk, in any
// sort order), and at the latest after 32 kB.
func cutAfter(v *comment.View, since int) bool {
	return uint64(v.ID)*0x9E3779B97F4A7C15>>60 == 0 || since >= 32<<10
}

// encodedSize bounds the answer's length (the encodings plus room for
// the counters), so a big thread is written into one allocation.
func encodedSize(l comment.Listing, s shape) (int, error) {
	n := 128
	for _, it := range l.Items {
		b, err := encoded(it.View, s)
		if err != nil {
			return 0, err
		}
		n += len(b) + 80
		for _, r := range it.Replies {
			b, err := encoded(r, s)
			if err != nil {
				return 0, err
			}
			n += len(b) + 2
		}
	}
	return n, nil
}

func appendItem(out []byte, it comment.Item, s shape) ([]byte, error) {
	b, err := encoded(it.View, s)
	if err != nil || !it.Nested {
		return append(out, b...), err
	}
	out = append(out, b[:len(b)-1]...)
	out = appendCounts(out, it.TotalReplies, it.HiddenReplies)
	for j, r := range it.Replies {
		if j > 0 {
			out = append(out, ", "...)
		}
		rb, err := encoded(r, s)
		if err != nil {
			return nil, err
		}
		out = append(out, rb...)
	}
	return append(out, "]}"...), nil
}

// appendCounts writes the counters and opens the replies array.
func appendCounts(out []byte, total, hidden int) []byte {
	out = append(out, `, "total_replies": `...)
	out = strconv.AppendInt(out, int64(total), 10)
	out = append(out, `, "hidden_replies": `...)
	out = strconv.AppendInt(out, int64(hidden), 10)
	return append(out, `, "replies": [`...)
}

func appendID(out []byte, id *int64) []byte {
	if id == nil {
		return append(out, "null"...)
	}
	return strconv.AppendInt(out, *id, 10)
}
