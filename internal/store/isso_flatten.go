package store

import (
	"gorm.io/gorm"

	"github.com/natter/natter/internal/voters"
)

// issoFlattenReplies (2→3) limits nesting to one level: every comment below
// a top-level comment is re-parented to that top-level comment. Comments
// whose chain never reaches a top-level one (dangling parents) are left
// alone, as in Isso.
func issoFlattenReplies(tx *gorm.DB) error {
	var rows []struct {
		ID     int64
		Parent *int64
	}
	if err := tx.Raw("SELECT id, parent FROM comments").Scan(&rows).Error; err != nil {
		return err
	}
	children := map[int64][]int64{}
	var top []int64
	for _, r := range rows {
		if r.Parent == nil {
			top = append(top, r.ID)
		} else {
			children[*r.Parent] = append(children[*r.Parent], r.ID)
		}
	}
	for _, root := range top {
		for _, id := range descendants(root, children) {
			err := tx.Exec("UPDATE comments SET parent = ? WHERE id = ?", root, id).Error
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// descendants walks the reply tree below root. The seen set guards against
// cycles in hand-edited data, which would hang Isso's own walk.
func descendants(root int64, children map[int64][]int64) []int64 {
	var out []int64
	seen := map[int64]bool{root: true}
	stack := []int64{root}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range children[id] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
				stack = append(stack, c)
			}
		}
	}
	return out
}

// votersFilter returns Isso's voter Bloom filter holding addr; only
// migration 0→1 needs it here.
func votersFilter(addr string) []byte { return voters.New(addr).Bytes() }
