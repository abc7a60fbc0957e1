package comment_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

// The domain's rules, specified on the service itself (the presenters'
// HTTP tests only check how each is translated).

// site runs the service with Isso's defaults, a generous guard, and the
// given lines added to [general] and [guard] plus further sections.
func site(t *testing.T, general, guard, rest string) *testsite.Site {
	t.Helper()
	c := "[general]\nhost = http://blog.example\n" + general +
		"[guard]\nratelimit = 100\ndirect-reply = 100\n" + guard + rest
	return testsite.New(t, testsite.Options{Config: c})
}

func post(t *testing.T, s *testsite.Site, in comment.CreateInput, ip string) comment.Created {
	t.Helper()
	c, err := s.Site.Comments.Create(context.Background(), in, comment.Actor{IP: ip})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return c
}

func text(uri, body string, parent *int64) comment.CreateInput {
	return comment.CreateInput{Input: comment.Input{Text: str(body), Author: str("Ann <b>&</b>")}, URI: uri, Parent: parent}
}

func TestVisibility(t *testing.T) {
	s := site(t, "", "", "[moderation]\nenabled = true\n")
	svc, ctx := s.Site.Comments, context.Background()
	published := post(t, s, text("/v", "published", nil), "10.0.0.1")
	if _, err := svc.Activate(ctx, published.ID); err != nil {
		t.Fatal(err)
	}
	pending := post(t, s, text("/v", "pending", nil), "10.0.1.1")
	pendingReply := post(t, s, text("/v", "pending reply", &published.ID), "10.0.2.1")
	own := map[int64]string{pending.ID: pending.Token, pendingReply.ID: pendingReply.Token}
	cases := []struct {
		name   string
		id     int64
		tokens map[int64]string
		want   error
	}{
		{"published, anyone", published.ID, nil, nil},
		{"pending, its author", pending.ID, own, nil},
		{"pending, another reader", pending.ID, nil, comment.ErrNotFound},
		{"pending, a forged token", pending.ID, map[int64]string{pending.ID: "x.y.z"}, comment.ErrNotFound},
		{"pending, another comment's token", pending.ID, map[int64]string{pending.ID: pendingReply.Token}, comment.ErrNotFound},
		{"unknown", 999, own, comment.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, _, err := svc.Find(ctx, "/v", c.id, c.tokens)
			if !errors.Is(err, c.want) {
				t.Fatalf("Find = %v, want %v", err, c.want)
			}
			if err == nil && v.ID != c.id {
				t.Errorf("found %d", v.ID)
			}
		})
	}
	t.Run("listing for the author", func(t *testing.T) {
		l, err := svc.List(ctx, "/v", comment.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(l.ForReader(nil)); got != 1 {
			t.Errorf("anonymous reader sees %d items, want 1", got)
		}
		items := l.ForReader(svc.Owned(l.Snapshot, own))
		if len(items) != 2 || items[1].ID != pending.ID {
			t.Fatalf("author's items = %+v", items)
		}
		if len(items[0].Replies) != 1 || items[0].Replies[0].ID != pendingReply.ID || items[0].Shown != 0 {
			t.Errorf("pending reply not under its parent: %+v", items[0])
		}
	})
}

func TestOwnershipAndEditWindow(t *testing.T) {
	s := site(t, "max-age = 15m\n", "", "")
	svc, ctx := s.Site.Comments, context.Background()
	c := post(t, s, text("/o", "mine", nil), "10.0.0.1")
	other := post(t, s, text("/o", "theirs", nil), "10.0.9.1")
	cases := []struct {
		name    string
		advance time.Duration
		token   string
		want    error
	}{
		{"own token in the window", 0, c.Token, nil},
		{"another comment's token", 0, other.Token, comment.ErrForbidden},
		{"no token", 0, "", comment.ErrForbidden},
		{"window closed", 16 * time.Minute, c.Token, comment.ErrEditWindowClosed},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			s.Clock.Advance(k.advance)
			v, _, err := svc.Find(ctx, "/o", c.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.CheckOwner(v, k.token); !errors.Is(err, k.want) {
				t.Errorf("CheckOwner = %v, want %v", err, k.want)
			}
		})
	}
}

func TestTokenBoundToText(t *testing.T) {
	s := site(t, "", "", "")
	svc, ctx := s.Site.Comments, context.Background()
	c := post(t, s, text("/b", "before", nil), "10.0.0.1")
	if _, err := svc.ModeratorEdit(ctx, c.ID, comment.Input{Text: str("changed by a moderator")}); err != nil {
		t.Fatal(err)
	}
	v, _, err := svc.Find(ctx, "/b", c.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.CheckOwner(v, c.Token); err == nil {
		t.Error("a token for the old text still edits the moderator's text")
	}
}

func TestVotes(t *testing.T) {
	s := site(t, "", "", "")
	svc, ctx := s.Site.Comments, context.Background()
	c := post(t, s, text("/votes", "vote on me", nil), "192.0.2.10")
	steps := []struct {
		name         string
		ip           string
		up           bool
		denied       comment.VoteDenial
		likes, downs int
	}{
		{"the author's own address", "192.0.2.11", true, comment.VoteAlreadyCast, 0, 0},
		{"another reader, up", "198.51.100.1", true, comment.VoteCounted, 1, 0},
		{"the same reader again", "198.51.100.1", false, comment.VoteAlreadyCast, 1, 0},
		{"a third reader, down", "203.0.113.5", false, comment.VoteCounted, 1, 1},
	}
	for _, st := range steps {
		got, err := svc.Vote(ctx, c.ID, st.up, comment.Actor{IP: st.ip})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got.Denied != st.denied || got.Likes != st.likes || got.Dislikes != st.downs {
			t.Errorf("%s: %+v, want denied=%d %d/%d", st.name, got, st.denied, st.likes, st.downs)
		}
		if (got.Denied != comment.VoteCounted) != (got.Message != "") {
			t.Errorf("%s: Isso's message %q does not match the denial", st.name, got.Message)
		}
	}
	if _, err := svc.Vote(ctx, 999, true, comment.Actor{IP: "198.51.100.9"}); !errors.Is(err, comment.ErrNotFound) {
		t.Errorf("vote on a missing comment = %v", err)
	}
}

func TestModeration(t *testing.T) {
	s := site(t, "", "", "[moderation]\nenabled = true\n")
	svc, ctx := s.Site.Comments, context.Background()
	c := post(t, s, text("/m", "held", nil), "10.0.0.1")
	if sh := c.View.Shown(); sh.State != comment.StatePending {
		t.Fatalf("new comment state = %q, want pending", sh.State)
	}
	if n, _ := svc.Counts(ctx, []string{"/m"}); n[0] != 0 {
		t.Errorf("pending comment counted: %v", n)
	}
	if ok, err := svc.Activate(ctx, c.ID); err != nil || !ok {
		t.Fatalf("activate = %v, %v", ok, err)
	}
	if ok, _ := svc.Activate(ctx, c.ID); ok {
		t.Error("activating twice reports a change")
	}
	v, _, err := svc.Find(ctx, "/m", c.ID, nil)
	if err != nil || v.Shown().State != comment.StateApproved {
		t.Fatalf("after activation: %v, %v", v, err)
	}
}

func TestDeletedParents(t *testing.T) {
	s := site(t, "", "", "")
	svc, ctx := s.Site.Comments, context.Background()
	parent := post(t, s, text("/d", "parent", nil), "10.0.0.1")
	reply := post(t, s, text("/d", "reply", &parent.ID), "10.0.1.1")
	kept, err := svc.ModeratorDelete(ctx, parent.ID)
	if err != nil || kept == nil {
		t.Fatalf("delete parent with a reply = %v, %v; want a placeholder", kept, err)
	}
	if kept.Shown().State != comment.StatePlaceholder || kept.DisplayName() != "" || strings.Contains(string(kept.Shown().HTML), "parent") {
		t.Errorf("placeholder shows %+v", kept.Shown())
	}
	if v, _, err := svc.Find(ctx, "/d", reply.ID, nil); err != nil || v.Root != parent.ID {
		t.Errorf("reply after its parent's deletion: %v, %v", v, err)
	}
	if _, err := svc.ModeratorDelete(ctx, reply.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Find(ctx, "/d", parent.ID, nil); !errors.Is(err, comment.ErrNotFound) {
		t.Errorf("placeholder without replies still shown: %v", err)
	}
}

func TestShownDecodesStorage(t *testing.T) {
	s := site(t, "", "", "")
	c := post(t, s, comment.CreateInput{Input: comment.Input{Text: str("xyz"), Author: str(`Bo <b>"&"</b>`),
		Website: str("https://bo.example/?a=1&b=2")}, URI: "/s"}, "10.0.0.1")
	sh := c.View.Shown()
	if sh.Author != `Bo <b>"&"</b>` || sh.Website != "https://bo.example/?a=1&b=2" {
		t.Errorf("shown author %q website %q, want them as typed", sh.Author, sh.Website)
	}
	if sh.Created.IsZero() || sh.Created.Location() != time.UTC {
		t.Errorf("created = %v", sh.Created)
	}
}

func TestGuardKinds(t *testing.T) {
	cases := []struct {
		name, guard string
		in          comment.CreateInput
		want        comment.GuardKind
	}{
		{"e-mail required", "require-email = true\n", text("/g", "hi there", nil), comment.GuardEmailRequired},
		{"author required", "require-author = true\n",
			comment.CreateInput{Input: comment.Input{Text: str("hi there")}, URI: "/g"}, comment.GuardAuthorRequired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := site(t, "", c.guard, "")
			_, err := s.Site.Comments.Create(context.Background(), c.in, comment.Actor{IP: "10.0.0.1"})
			var g *comment.GuardError
			if !errors.As(err, &g) || g.Code != c.want {
				t.Errorf("err = %v, want guard %q", err, c.want)
			}
		})
	}
}
