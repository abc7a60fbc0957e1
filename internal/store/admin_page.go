package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/natter/natter/internal/comment"
)

// searchKeyCap bounds the keys AdminPage collects in its one scan.
const searchKeyCap = 1000

// adminKey is a row's position in a queue (see queueSource).
type adminKey struct {
	sk sql.NullFloat64
	rk int64
}

// AdminPage is one page of a filtered queue and the exact number of rows
// the filter matches, in one scan of the state for selective filters: the
// keys of every match (unordered, so the cheapest plan applies), sorted
// and paged here, then the page's rows fetched by key. A filter that
// matches more than searchKeyCap rows stops that scan early and takes the
// ordered page query, which is quick for dense matches, and a count.
func (q adminQueries) AdminPage(ctx context.Context, f comment.Filter, o comment.Order, after *comment.Cursor, limit int) ([]comment.AdminRow, int, error) {
	src, args := queueSource(f, o, false)
	where, wargs := filterSQL(q.d, f)
	rows, err := q.db.WithContext(ctx).Raw("SELECT x.sk, x.rk FROM "+src+" x WHERE "+where+" LIMIT ?",
		append(append(args, wargs...), searchKeyCap+1)...).Rows()
	if err != nil {
		return nil, 0, fmt.Errorf("store: admin page: %w", err)
	}
	var keys []adminKey
	complete := true
	for rows.Next() {
		var k adminKey
		if err := rows.Scan(&k.sk, &k.rk); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("store: admin page: %w", err)
		}
		// A NULL sort key (likes written as NULL outside Natter) sorts
		// the SQL way; leave that to the ordered query.
		complete = complete && k.sk.Valid
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: admin page: %w", err)
	}
	if len(keys) > searchKeyCap || !complete {
		page, err := q.AdminList(ctx, f, o, after, limit)
		if err != nil {
			return nil, 0, err
		}
		n, err := q.AdminCount(ctx, f)
		return page, n, err
	}
	asc := o == comment.OrderOldest
	slices.SortFunc(keys, func(a, b adminKey) int {
		c := cmp.Or(cmp.Compare(a.sk.Float64, b.sk.Float64), cmp.Compare(a.rk, b.rk))
		if asc {
			return c
		}
		return -c
	})
	start := 0
	if after != nil {
		cur := adminKey{sk: sql.NullFloat64{Float64: after.Value, Valid: true}, rk: after.ID}
		start, _ = slices.BinarySearchFunc(keys, cur, func(k, t adminKey) int {
			c := cmp.Or(cmp.Compare(k.sk.Float64, t.sk.Float64), cmp.Compare(k.rk, t.rk))
			if !asc {
				c = -c
			}
			if c == 0 { // the cursor row itself precedes the page
				return -1
			}
			return c
		})
	}
	total := len(keys)
	keys = keys[start:min(start+limit, total)]
	if len(keys) == 0 {
		return nil, total, nil
	}
	page, err := q.adminRowsByKey(ctx, f, o, keys)
	return page, total, err
}

// adminRowsByKey reads the rows of a page of keys, in queue order. The
// filter applies again (to these rows only): a row changed since the scan
// drops out rather than showing unmatched.
func (q adminQueries) adminRowsByKey(ctx context.Context, f comment.Filter, o comment.Order, keys []adminKey) ([]comment.AdminRow, error) {
	src, args := queueSource(f, o)
	where, wargs := filterSQL(q.d, f)
	args = append(args, wargs...)
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.rk
	}
	dir := "DESC"
	if o == comment.OrderOldest {
		dir = "ASC"
	}
	var rows []adminRow
	err := q.db.WithContext(ctx).Raw("SELECT * FROM "+src+" x WHERE "+where+" AND x.rk IN ? ORDER BY x.sk "+dir+", x.rk "+dir,
		append(args, ids)...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: admin page rows: %w", err)
	}
	out := make([]comment.AdminRow, len(rows))
	for i, r := range rows {
		out[i] = r.out()
	}
	return out, nil
}

func (q adminQueries) AdminCount(ctx context.Context, f comment.Filter) (int, error) {
	src, args := queueSource(f, comment.OrderNewest, false)
	where, wargs := filterSQL(q.d, f)
	var n int
	err := q.db.WithContext(ctx).Raw("SELECT count(*) FROM "+src+" x WHERE "+where, append(args, wargs...)...).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: admin count: %w", err)
	}
	return n, nil
}

func (q adminQueries) AdminStateCounts(ctx context.Context) (comment.StateCounts, error) {
	var c comment.StateCounts
	err := q.db.WithContext(ctx).Raw(`SELECT
		(SELECT count(*) FROM comments WHERE mode = 2),
		(SELECT count(*) FROM comments WHERE mode = 1),
		(SELECT count(*) FROM comments c WHERE mode = 4 AND NOT EXISTS
			(SELECT 1 FROM natter_trash t WHERE t.comment_id = c.id)) + (SELECT count(*) FROM natter_trash)`).
		Row().Scan(&c.Pending, &c.Approved, &c.Deleted)
	if err != nil {
		return c, fmt.Errorf("store: admin counts: %w", err)
	}
	return c, nil
}

func (q adminQueries) AdminMatching(ctx context.Context, f comment.Filter) ([]int64, []int64, error) {
	src, args := queueSource(f, comment.OrderNewest, false)
	where, wargs := filterSQL(q.d, f)
	rows, err := q.db.WithContext(ctx).Raw("SELECT x.id, x.trash_id FROM "+src+" x WHERE "+where+" ORDER BY x.rk",
		append(args, wargs...)...).Rows()
	if err != nil {
		return nil, nil, fmt.Errorf("store: admin matching: %w", err)
	}
	defer rows.Close()
	var comments, trash []int64
	for rows.Next() {
		var id, tid int64
		if err := rows.Scan(&id, &tid); err != nil {
			return nil, nil, fmt.Errorf("store: admin matching: %w", err)
		}
		if tid > 0 {
			trash = append(trash, tid)
		} else {
			comments = append(comments, id)
		}
	}
	return comments, trash, rows.Err()
}
