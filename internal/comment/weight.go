package comment

import "github.com/natter/natter/models"

// Approximate bytes of a snapshot's bookkeeping, from the struct sizes on
// 64-bit Go: a View (216 bytes, allocated as 224) with the small
// allocations behind its pointer fields (about 100), plus its slots in
// Comments, byID and a tops or replies slice; and the snapshot itself with
// its thread and maps.
const (
	viewOverhead     = 384
	memoOverhead     = 320 // a memoised encoding's members besides the text
	snapshotOverhead = 256
)

// weighSnapshot approximates the bytes a snapshot keeps reachable: the
// text, HTML and fields of every comment, a memoised encoding of each, and
// fixed bookkeeping.
func weighSnapshot(snap *Snapshot) int64 {
	n := int64(snapshotOverhead) + threadBytes(snap.Thread)
	for _, v := range snap.Comments {
		n += weighView(v)
	}
	return n
}

// weighView approximates the bytes one comment adds to a snapshot,
// counting one memoised encoding of it (Memo) at about its HTML's size.
func weighView(v *View) int64 {
	return viewOverhead + memoOverhead + commentBytes(v.Comment) + int64(2*len(v.HTML)+len(v.Hash)+len(v.GravatarImage))
}

func threadBytes(t models.Thread) int64 {
	return int64(len(t.URI) + len(deref(t.Title)))
}

func commentBytes(c models.Comment) int64 {
	return int64(len(c.RemoteAddr) + len(c.Text) + len(deref(c.Author)) + len(deref(c.Email)) +
		len(deref(c.Website)) + len(c.Voters))
}
