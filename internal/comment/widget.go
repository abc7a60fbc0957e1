package comment

import "github.com/natter/natter/models"

// Owned returns the comments of snap whose edit tokens are valid: signed by
// this site, within the edit window and bound to the comment's current
// text. tokens maps comment ids to the tokens a reader presented; the
// widget shows edit and delete only for these, and pending comments only
// to their authors.
func (s *Service) Owned(snap *Snapshot, tokens map[int64]string) map[int64]bool {
	if len(tokens) == 0 || snap == nil {
		return nil
	}
	out := make(map[int64]bool)
	for id, tok := range tokens {
		v, ok := snap.byID[id]
		if !ok {
			continue
		}
		if s.checkToken(tok, v.Comment, true) == nil {
			out[id] = true
		}
	}
	return out
}

// OwnPending lists the pending comments of snap among owned, by id: what
// a reader who wrote them sees besides the published thread.
func OwnPending(snap *Snapshot, owned map[int64]bool) []*View {
	var out []*View
	if snap == nil {
		return nil
	}
	for _, v := range snap.Comments {
		if v.Mode == models.ModePending && owned[v.ID] {
			out = append(out, v)
		}
	}
	return out
}

// CheckOwner verifies that token lets its holder edit or delete v now
// (valid, in the edit window, bound to the current text).
func (s *Service) CheckOwner(v *View, token string) error {
	return s.checkToken(token, v.Comment, true)
}
