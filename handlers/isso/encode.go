package isso

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/gzjoin"
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
// with the reply members appended before the closing brace. The answer
// comes as the pieces it is made of, the comments' encodings by reference
// (see pieces); the cuts, between pieces, end its gzip chunks (gzjoin).
func (a *api) encodeThread(l comment.Listing, plain bool) (p *pieces, cuts []int, err error) {
	s := shape{plain: plain, identity: true}
	cfg, err := pyjson.Marshal(a.clientConfig())
	if err != nil {
		return nil, nil, err
	}
	p = a.newPieces(len(l.Items))
	p.text(`{"id": `)
	appendID(p, l.Parent)
	appendCounts(p, l.TotalReplies, l.HiddenReplies)
	// The counters before the items change with every comment: they end
	// a chunk of their own, so that the first items' chunk is kept.
	cuts, last := append(cuts, p.cut()), p.size()
	for i, it := range l.Items {
		if i > 0 {
			p.text(", ")
		}
		if err := appendItem(p, it, s); err != nil {
			return nil, nil, err
		}
		if cutAfter(it.View, p.size()-last) {
			cuts, last = append(cuts, p.cut()), p.size()
		}
	}
	cuts = append(cuts, p.cut())
	p.text(`], "config": `)
	p.text(string(cfg)) // made anew per answer: known by content, not address
	p.text("}")
	return p, cuts, nil
}

// cutAfter says where gzip chunks end (see gzjoin): after about one top
// level item in 16, chosen by id so that the same items end chunks
// whatever comes before them (a new comment changes one chunk, in any
// sort order), and at the latest after 32 kB.
func cutAfter(v *comment.View, since int) bool {
	return uint64(v.ID)*0x9E3779B97F4A7C15>>60 == 0 || since >= 32<<10
}

func appendItem(p *pieces, it comment.Item, s shape) error {
	b, err := encoded(it.View, s)
	if err != nil {
		return err
	}
	if !it.Nested {
		p.ref(b)
		return nil
	}
	p.ref(b[:len(b)-1])
	appendCounts(p, it.TotalReplies, it.HiddenReplies)
	for j, r := range it.Replies {
		if j > 0 {
			p.text(", ")
		}
		rb, err := encoded(r, s)
		if err != nil {
			return err
		}
		p.ref(rb)
	}
	p.text("]}")
	return nil
}

// appendCounts writes the counters and opens the replies array.
func appendCounts(p *pieces, total, hidden int) {
	p.text(`, "total_replies": `)
	p.int(int64(total))
	p.text(`, "hidden_replies": `)
	p.int(int64(hidden))
	p.text(`, "replies": [`)
}

func appendID(p *pieces, id *int64) {
	if id == nil {
		p.text("null")
		return
	}
	p.int(*id)
}

// pieces is an answer kept as what it is made of: the comments' memoised
// encodings, referenced rather than copied, and the short text between
// them. A big thread's gzip form is joined from it without the whole
// answer ever being written out (gzjoin.Joiner.Gzip); only a client
// that takes no gzip needs the bytes (Bytes).
type pieces struct {
	parts [][]byte
	kept  []bool // parts[i] is a memoised encoding (gzjoin.Body.Kept)
	glue  []byte // the short texts; parts hold full slices of it
	from  int    // where in glue the text not yet in parts starts
	n     int    // bytes in parts
}

// newPieces returns empty pieces for a listing of items, reused: a big
// thread's answer is made again after every write to it, and its pieces
// are a megabyte.
func (a *api) newPieces(items int) *pieces {
	if p, ok := a.pieces.Get().(*pieces); ok {
		return p
	}
	return &pieces{parts: make([][]byte, 0, 4*items+8), kept: make([]bool, 0, 4*items+8), glue: make([]byte, 0, 64*items+64)}
}

// reset empties p for reuse, dropping its references to encodings.
// Nothing made from p may refer to its arrays: Bytes copies, and
// gzjoin keeps its own copies of what it holds.
func (p *pieces) reset() *pieces {
	clear(p.parts)
	p.parts, p.kept, p.glue, p.from, p.n = p.parts[:0], p.kept[:0], p.glue[:0], 0, 0
	return p
}

func (p *pieces) text(s string) { p.glue = append(p.glue, s...) }

func (p *pieces) int(n int64) { p.glue = strconv.AppendInt(p.glue, n, 10) }

// ref adds b, which must never change (a memoised encoding).
func (p *pieces) ref(b []byte) {
	p.flush()
	p.parts, p.kept = append(p.parts, b), append(p.kept, true)
	p.n += len(b)
}

// flush moves the pending text into parts. Its slice is capped, and glue
// is only ever appended to: a reallocation leaves the slice on the old
// array, unchanged.
func (p *pieces) flush() {
	if len(p.glue) > p.from {
		p.parts, p.kept = append(p.parts, p.glue[p.from:len(p.glue):len(p.glue)]), append(p.kept, false)
		p.n += len(p.glue) - p.from
		p.from = len(p.glue)
	}
}

// cut is the index in parts that ends what was written so far.
func (p *pieces) cut() int {
	p.flush()
	return len(p.parts)
}

// size is the answer's length so far.
func (p *pieces) size() int { return p.n + len(p.glue) - p.from }

// Parts returns the pieces, all text flushed.
func (p *pieces) Parts() [][]byte {
	p.flush()
	return p.parts
}

// Body is the pieces for gzjoin, chunks ending at cuts.
func (p *pieces) Body(cuts []int) gzjoin.Body {
	return gzjoin.Body{Parts: p.Parts(), Kept: p.kept, Cuts: cuts}
}

// Bytes writes the answer out.
func (p *pieces) Bytes() []byte { return bytes.Join(p.Parts(), nil) }
