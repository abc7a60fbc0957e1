package comment_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

const cfg = "[general]\nhost = http://blog.example\n[guard]\nratelimit = 100\ndirect-reply = 100\n"

func newService(t *testing.T) (*comment.Service, *testsite.Site) {
	t.Helper()
	s := testsite.New(t, testsite.Options{Config: cfg})
	return s.Site.Comments, s
}

func str(s string) *string { return &s }

func create(t *testing.T, svc *comment.Service, uri, text, ip string, parent *int64) comment.Created {
	t.Helper()
	c, err := svc.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: str(text)}, URI: uri, Parent: parent},
		comment.Actor{IP: ip})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return c
}

func listed(t *testing.T, svc *comment.Service, uri string) string {
	t.Helper()
	l, err := svc.List(context.Background(), uri, comment.ListQuery{Sort: comment.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("%d:", l.TotalReplies)
	for _, it := range l.Items {
		out += fmt.Sprintf(" %d/%d/%d/%q", it.ID, it.Mode, it.Likes, it.Text)
		for _, r := range it.Replies {
			out += fmt.Sprintf(" (%d/%d/%q)", r.ID, r.Mode, r.Text)
		}
	}
	return out
}

// TestCache_WritesVisibleToNextRead reads after every kind of write: the
// cached snapshot must never hide a committed change.
func TestCache_WritesVisibleToNextRead(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	steps := []struct {
		name  string
		write func() error
		want  string
	}{
		{"unknown thread", func() error { return nil }, "0:"},
		{"create", func() error { create(t, svc, "/c/", "first", "10.0.0.1", nil); return nil }, `1: 1/1/0/"first"`},
		{"reply", func() error { p := int64(1); create(t, svc, "/c/", "second", "10.0.1.1", &p); return nil },
			`2: 1/1/0/"first" (2/1/"second")`},
		{"vote", func() error { _, err := svc.Vote(ctx, 1, true, comment.Actor{IP: "10.0.2.1"}); return err },
			`2: 1/1/1/"first" (2/1/"second")`},
		{"moderator edit", func() error { _, err := svc.ModeratorEdit(ctx, 2, comment.Input{Text: str("edited")}); return err },
			`2: 1/1/1/"first" (2/1/"edited")`},
		{"delete with replies", func() error { _, err := svc.ModeratorDelete(ctx, 1); return err },
			`2: 1/4/1/"" (2/1/"edited")`},
		{"delete last reply", func() error { _, err := svc.ModeratorDelete(ctx, 2); return err }, "0:"},
		{"create again", func() error { create(t, svc, "/c/", "again", "10.0.0.1", nil); return nil }, `1: 1/1/0/"again"`},
	}
	for _, st := range steps {
		// Warm the cache first, so a missed invalidation shows.
		listed(t, svc, "/c/")
		if err := st.write(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := listed(t, svc, "/c/"); got != st.want {
			t.Errorf("%s: got %s, want %s", st.name, got, st.want)
		}
	}
	n, err := svc.Counts(ctx, []string{"/c/", "/none/"})
	if err != nil || fmt.Sprint(n) != "[1 0]" {
		t.Errorf("counts %v %v", n, err)
	}
}

func TestCache_ConcurrentCreatesAllCounted(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := 0; i < n; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := svc.Create(ctx, comment.CreateInput{Input: comment.Input{Text: str(fmt.Sprintf("comment %d", i))}, URI: "/race/"},
				comment.Actor{IP: fmt.Sprintf("10.%d.0.1", i)})
			errs <- err
		}()
		go func() { // readers racing with the writers fill the cache
			defer wg.Done()
			_, err := svc.Counts(ctx, []string{"/race/"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	counts, err := svc.Counts(ctx, []string{"/race/"})
	if err != nil || counts[0] != n {
		t.Errorf("counts %v (%v), want %d", counts, err, n)
	}
	l, err := svc.List(ctx, "/race/", comment.ListQuery{Sort: comment.SortOldest})
	if err != nil || l.TotalReplies != n || len(l.Items) != n {
		t.Errorf("listing total %d, %d items (%v)", l.TotalReplies, len(l.Items), err)
	}
}

func TestEditWindow(t *testing.T) {
	svc, s := newService(t)
	ctx := context.Background()
	c := create(t, svc, "/w/", "original", "10.0.0.1", nil)
	author := comment.Actor{IP: "10.0.0.1", Token: c.Token}

	s.Clock.Advance(15*time.Minute - time.Second)
	if _, err := svc.Get(ctx, c.ID, author); err != nil {
		t.Fatalf("get inside the window: %v", err)
	}
	e, err := svc.Edit(ctx, c.ID, comment.Input{Text: str("edited")}, author)
	if err != nil {
		t.Fatalf("edit inside the window: %v", err)
	}
	if e.Modified == nil || *e.Modified != float64(s.Clock.Now().UnixNano())/1e9 {
		t.Errorf("modified %v, want the clock's time", e.Modified)
	}
	// The old token is bound to the old text.
	if _, err := svc.Edit(ctx, c.ID, comment.Input{Text: str("again")}, author); !errors.Is(err, comment.ErrForbidden) {
		t.Errorf("old token after edit: %v", err)
	}
	renewed := comment.Actor{IP: "10.0.0.1", Token: e.Token}
	// The edit renewed the window.
	s.Clock.Advance(10 * time.Minute)
	if _, err := svc.Edit(ctx, c.ID, comment.Input{Text: str("edited twice")}, renewed); err != nil {
		t.Fatalf("edit in the renewed window: %v", err)
	}
	// Isso's quirk: the renewed token was for "edited", so it fails now.
	if _, err := svc.Delete(ctx, c.ID, renewed); !errors.Is(err, comment.ErrForbidden) {
		t.Errorf("delete with a token for older text: %v", err)
	}

	c2 := create(t, svc, "/w/", "second one", "10.0.0.1", nil)
	late := comment.Actor{Token: c2.Token}
	s.Clock.Advance(15*time.Minute + time.Second)
	for name, call := range map[string]func() error{
		"get":    func() error { _, err := svc.Get(ctx, c2.ID, late); return err },
		"edit":   func() error { _, err := svc.Edit(ctx, c2.ID, comment.Input{Text: str("late edit")}, late); return err },
		"delete": func() error { _, err := svc.Delete(ctx, c2.ID, late); return err },
	} {
		if err := call(); !errors.Is(err, comment.ErrEditWindowClosed) {
			t.Errorf("%s after the window: %v", name, err)
		}
	}
	// A token is not valid for another comment.
	if _, err := svc.Get(ctx, c.ID, comment.Actor{Token: c2.Token}); err == nil {
		t.Errorf("token of another comment accepted")
	}
	// Unknown comment.
	if _, err := svc.Edit(ctx, 999, comment.Input{Text: str("nobody")}, late); !errors.Is(err, comment.ErrNotFound) {
		t.Errorf("edit of an unknown comment: %v", err)
	}
}

func TestModerationKeys(t *testing.T) {
	svc, s := newService(t)
	k, err := svc.ModerationKey(42)
	if err != nil {
		t.Fatal(err)
	}
	s.Clock.Advance(5 * 365 * 24 * time.Hour) // keys never expire
	if id, err := svc.CheckModerationKey(k); err != nil || id != 42 {
		t.Errorf("key: %d %v", id, err)
	}
	if _, err := svc.CheckModerationKey(k + "x"); !errors.Is(err, comment.ErrForbidden) {
		t.Errorf("forged key: %v", err)
	}
	u, _ := svc.UnsubscribeKey("a@b.c")
	if _, err := svc.CheckModerationKey(u); !errors.Is(err, comment.ErrForbidden) {
		t.Errorf("unsubscribe key as moderation key: %v", err)
	}
}
