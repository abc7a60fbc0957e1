package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
)

// seedAdmin writes comments whose text, author and e-mail exercise the
// search: mixed case, non-ASCII, HTML-escaped author (as Isso stores it),
// LIKE wildcards and the ESCAPE character, plus n filler rows.
func seedAdmin(t *testing.T, s *Store, filler int) {
	t.Helper()
	rows := []struct {
		text, author, email string
		mode                int
	}{
		{"Hello World", "Alice", "alice@example.org", 1},
		{"HELLO again", "Bob", "BOB@Example.ORG", 1},
		{"中文评论 in the text", "张三", "zs@example.cn", 1},
		{"café au lait", "José", "jose@example.org", 1},
		{"CAFÉ upper", "Zoë", "zoe@example.org", 1},
		{"100% sure", "Percy", "p@example.org", 1},
		{"1000 sure", "Under", "u@example.org", 1},
		{"snake_case here", "Snake", "s@example.org", 1},
		{"snakeXcase there", "Other", "o@example.org", 1},
		{`back\slash`, "Slash", "b@example.org", 1},
		{"ampersand", "Tom &amp; Jerry", "tj@example.org", 1},
		{"pending hello", "Pat", "pat@example.org", 2},
		{"deleted hello", "Del", "del@example.org", 4},
	}
	err := s.Write(context.Background(), func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO threads (id, uri, title) VALUES (1, '/a', 'A'), (2, '/b', NULL)").Error; err != nil {
			return err
		}
		id := 0
		add := func(tid, mode int, text, author, email string, likes int) error {
			id++
			// Ties on created and likes, so the id tie-breaker matters.
			return tx.Exec(`INSERT INTO comments (tid, id, created, mode, remote_addr, text, author, email, likes, voters)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, tid, id, 1.7e9+float64(id/3)*60, mode,
				fmt.Sprintf("198.51.%d.0", id%4), text, author, email, id%5, []byte{0}).Error
		}
		for i, r := range rows {
			if err := add(i%2+1, r.mode, r.text, r.author, r.email, 0); err != nil {
				return err
			}
		}
		for i := range filler {
			if err := add(i%2+1, 1+i%2, fmt.Sprintf("filler %d Hello", i), fmt.Sprintf("Reader %d", i%7),
				fmt.Sprintf("r%d@example.org", i%7), 0); err != nil {
				return err
			}
		}
		return tx.Exec(`INSERT INTO natter_trash (comment_id, tid, created, mode, text, author, email, thread_uri, deleted_at)
			VALUES (5, 1, 1.7e9, 1, 'trashed hello', 'T', 't@example.org', '/a', 1.8e9),
			       (5, 1, 1.7e9, 1, 'trashed again HELLO', 'T', 't@example.org', '/a', 1.8e9)`).Error
	})
	if err != nil {
		t.Fatal(err)
	}
}

// walk pages through a queue with AdminPage, checking every page and count
// against the reference queries (AdminList and AdminCount).
func walk(t *testing.T, q comment.AdminQueries, f comment.Filter, o comment.Order, limit int) []int64 {
	t.Helper()
	ctx := context.Background()
	want, err := q.AdminCount(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var after *comment.Cursor
	var keys []int64
	for range 1000 {
		got, n, err := q.AdminPage(ctx, f, o, after, limit)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := q.AdminList(ctx, f, o, after, limit)
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Fatalf("%+v %s: count %d, want %d", f, o, n, want)
		}
		if len(got) != len(ref) {
			t.Fatalf("%+v %s after %v: %d rows, want %d", f, o, after, len(got), len(ref))
		}
		for i := range got {
			if got[i].Key() != ref[i].Key() || got[i].Text != ref[i].Text || got[i].ThreadURI != ref[i].ThreadURI {
				t.Fatalf("%+v %s after %v: row %d = %s, want %s", f, o, after, i, got[i].Key(), ref[i].Key())
			}
			keys = append(keys, rowKey(got[i]))
		}
		if len(got) < limit {
			return keys
		}
		last := got[len(got)-1]
		after = &comment.Cursor{Value: last.SortValue(o), ID: rowKey(last)}
	}
	t.Fatal("paging did not end")
	return nil
}

func rowKey(r comment.AdminRow) int64 {
	if r.TrashID > 0 {
		return -r.TrashID
	}
	return r.ID
}

func TestAdminPage_SearchSemantics(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		seedAdmin(t, s, 0)
		q := s.Admin().ReadAdmin()
		approved := comment.StateApproved
		cases := []struct {
			name  string
			f     comment.Filter
			texts []string // matching texts, newest first
		}{
			{"ASCII case-insensitive", comment.Filter{State: approved, Search: "hello"},
				[]string{"HELLO again", "Hello World"}},
			{"upper-case query", comment.Filter{State: approved, Search: "HELLO WORLD"}, []string{"Hello World"}},
			{"e-mail, case-insensitive", comment.Filter{State: approved, Search: "bob@example.org"}, []string{"HELLO again"}},
			{"Chinese in text", comment.Filter{State: approved, Search: "中文"}, []string{"中文评论 in the text"}},
			{"Chinese in author", comment.Filter{State: approved, Search: "张"}, []string{"中文评论 in the text"}},
			// SQLite's LIKE folds ASCII only: é and É are different letters.
			{"é exact", comment.Filter{State: approved, Search: "café"}, []string{"café au lait"}},
			{"É does not fold to é", comment.Filter{State: approved, Search: "CAFÉ"}, []string{"CAFÉ upper"}},
			{"ASCII part folds around É", comment.Filter{State: approved, Search: "cafÉ"}, []string{"CAFÉ upper"}},
			{"ë in author", comment.Filter{State: approved, Search: "zoë"}, []string{"CAFÉ upper"}},
			{"% is literal", comment.Filter{State: approved, Search: "100%"}, []string{"100% sure"}},
			{"_ is literal", comment.Filter{State: approved, Search: "snake_case"}, []string{"snake_case here"}},
			{"backslash is literal", comment.Filter{State: approved, Search: `k\s`}, []string{`back\slash`}},
			{"& matches the escaped author", comment.Filter{State: approved, Search: "Tom & Jerry"}, []string{"ampersand"}},
			{"no match", comment.Filter{State: approved, Search: "nothing like it"}, nil},
			{"pending only", comment.Filter{State: comment.StatePending, Search: "hello"}, []string{"pending hello"}},
			{"deleted: placeholders and trash", comment.Filter{State: comment.StateDeleted, Search: "HELLO"},
				[]string{"trashed hello", "trashed again HELLO", "deleted hello"}},
			{"search and thread", comment.Filter{State: approved, Search: "sure", ThreadID: 2}, []string{"100% sure"}},
			{"search and IP", comment.Filter{State: approved, Search: "e", IPPrefix: "198.51.1."},
				[]string{"snakeXcase there", "CAFÉ upper", "Hello World"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				for _, o := range []comment.Order{comment.OrderNewest, comment.OrderOldest, comment.OrderLikes} {
					for _, limit := range []int{1, 2, 51} {
						walk(t, q, c.f, o, limit)
					}
				}
				rows, n, err := q.AdminPage(context.Background(), c.f, comment.OrderNewest, nil, 51)
				if err != nil {
					t.Fatal(err)
				}
				var texts []string
				for _, r := range rows {
					texts = append(texts, r.Text)
				}
				if n != len(c.texts) || !slices.Equal(texts, c.texts) {
					t.Errorf("got %d %q, want %q", n, texts, c.texts)
				}
			})
		}
	})
}

// More matches than one scan collects: the ordered query and a count.
func TestAdminPage_DenseMatches(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		seedAdmin(t, s, 2*searchKeyCap+300)
		q := s.Admin().ReadAdmin()
		for _, f := range []comment.Filter{
			{State: comment.StateApproved, Search: "hello"},     // > cap
			{State: comment.StatePending, Search: "reader 3"},   // < cap
			{State: comment.StateApproved, IPPrefix: "198.51."}, // > cap
			{State: comment.StateApproved, IPPrefix: "198.51.2"},
		} {
			for _, o := range []comment.Order{comment.OrderNewest, comment.OrderOldest, comment.OrderLikes} {
				keys := walk(t, q, f, o, 200)
				n, _ := q.AdminCount(context.Background(), f)
				if len(keys) != n {
					t.Errorf("%+v %s: walked %d rows of %d", f, o, len(keys), n)
				}
			}
		}
	})
}
