package comment_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/natter/natter/internal/authorhash"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/internal/signed"
	"github.com/natter/natter/internal/store"
)

// recorder is an Outbox that remembers the changes it saw, or fails.
type recorder struct {
	mu      sync.Mutex
	changes []comment.Change
	fail    error
}

func (r *recorder) Record(_ context.Context, q comment.Queries, c comment.Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.changes = append(r.changes, c)
	return nil
}

func outboxService(t *testing.T, out comment.Outbox, moderation bool) (*comment.Service, *store.Store) {
	t.Helper()
	db, err := store.Open(t.Context(), store.Options{Path: filepath.Join(t.TempDir(), "c.db"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, _ := markup.New(markup.Options{})
	h, _ := authorhash.New("salt", "none")
	svc := comment.New(comment.Deps{Store: db.Comments(), Renderer: r, Hasher: h, Signer: signed.New("k"),
		Outbox: out, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		comment.Policy{Moderation: moderation, MaxAge: 1 << 40})
	return svc, db
}

// Every write that notifies hands its change to the outbox, in order,
// with the row as the transaction sees it.
func TestOutbox_SeesEveryChange(t *testing.T) {
	rec := &recorder{}
	svc, db := outboxService(t, rec, true)
	ctx := t.Context()
	c, err := svc.Create(ctx, comment.CreateInput{Input: comment.Input{Text: str("hello there")}, URI: "/a", Title: "A"},
		comment.Actor{IP: "192.0.2.7", Origin: "https://blog.example"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Activate(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ModeratorEdit(ctx, c.ID, comment.Input{Text: str("edited text")}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ModeratorDelete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	c2 := create(t, svc, "/a", "second one", "192.0.2.8", nil)
	if _, err := comment.NewAdmin(svc, db.Admin()).Approve(ctx, c2.ID); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind comment.ChangeKind
		id   int64
		mode int
		text string
	}{
		{comment.ChangeCreated, c.ID, 2, "hello there"},
		{comment.ChangeActivated, c.ID, 1, "hello there"},
		{comment.ChangeEdited, c.ID, 1, "edited text"},
		{comment.ChangeDeleted, c.ID, 1, "edited text"},
		{comment.ChangeCreated, c2.ID, 2, "second one"},
		{comment.ChangeActivated, c2.ID, 1, "second one"},
	}
	if len(rec.changes) != len(want) {
		t.Fatalf("got %d changes, want %d: %+v", len(rec.changes), len(want), rec.changes)
	}
	for i, w := range want {
		g := rec.changes[i]
		if g.Kind != w.kind || g.Comment.ID != w.id || g.Comment.Mode != w.mode || g.Comment.Text != w.text {
			t.Errorf("change %d = %s #%d mode %d %q, want %+v", i, g.Kind, g.Comment.ID, g.Comment.Mode, g.Comment.Text, w)
		}
	}
	first := rec.changes[0]
	if first.URI != "/a" || first.Title != "A" || first.Origin != "https://blog.example" || first.Comment.TID == 0 {
		t.Errorf("created change = %+v", first)
	}
}

// A failing outbox fails the write: no comment is kept without its
// notifications.
func TestOutbox_FailureRollsBackTheComment(t *testing.T) {
	boom := errors.New("outbox full")
	svc, _ := outboxService(t, &recorder{fail: boom}, false)
	_, err := svc.Create(t.Context(), comment.CreateInput{Input: comment.Input{Text: str("hello there")}, URI: "/a", Title: "A"},
		comment.Actor{IP: "192.0.2.7"})
	if !errors.Is(err, boom) {
		t.Fatalf("Create = %v, want the outbox error", err)
	}
	if got := listed(t, svc, "/a"); got != "0:" {
		t.Errorf("thread after failed create = %s, want empty", got)
	}
}

// A known thread keeps its stored title: a later comment posting another
// one (or none) is notified under the stored title, and a new thread
// takes the posted one.
func TestOutbox_ThreadTitleIsTheStoredOne(t *testing.T) {
	rec := &recorder{}
	svc, _ := outboxService(t, rec, false)
	for _, title := range []string{"First", "Second", ""} {
		_, err := svc.Create(t.Context(), comment.CreateInput{Input: comment.Input{Text: str("hello " + title)}, URI: "/t", Title: title},
			comment.Actor{IP: "192.0.2.7"})
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := svc.Create(t.Context(), comment.CreateInput{Input: comment.Input{Text: str("untitled")}, URI: "/u"},
		comment.Actor{IP: "192.0.2.7"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rec.changes {
		got = append(got, c.URI+" "+c.Title)
	}
	if want := "/t First|/t First|/t First|/u "; strings.Join(got, "|") != want {
		t.Errorf("titles = %q, want %q", strings.Join(got, "|"), want)
	}
}
