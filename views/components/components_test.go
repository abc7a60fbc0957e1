package components

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"github.com/natter/natter/internal/i18n"
)

func render(t *testing.T, ctx context.Context, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var now = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func base() CommentProps {
	return CommentProps{ID: 7, Author: "Ann <b>", Website: "https://ann.example", Created: now.Add(-3 * time.Hour), Now: now,
		HTML: `<p>Hi <a href="https://x.example">x</a></p>`, Likes: 3, Dislikes: 1, Avatar: AvatarProps{Hash: "4505c1eeda98"}}
}

func TestComment(t *testing.T) {
	doc := render(t, context.Background(), Comment(base()))
	art := doc.Find(`article[data-testid="comment"]`)
	if id, _ := art.Attr("id"); id != "natter-comment-7" {
		t.Errorf("id = %q", id)
	}
	if got := doc.Find(`[data-testid="comment-author"]`).Text(); got != "Ann <b>" {
		t.Errorf("author = %q (escaped as text)", got)
	}
	if href, _ := doc.Find(`a[data-testid="comment-author"]`).Attr("href"); href != "https://ann.example" {
		t.Errorf("website = %q", href)
	}
	if rel, _ := doc.Find(`a[data-testid="comment-author"]`).Attr("rel"); !strings.Contains(rel, "nofollow") {
		t.Errorf("rel = %q", rel)
	}
	if got := strings.TrimSpace(doc.Find(`[data-testid="comment-time"]`).Text()); got != "3 hours ago" {
		t.Errorf("time = %q", got)
	}
	if dt, _ := doc.Find(`time`).Attr("datetime"); dt != "2026-05-01T09:00:00Z" {
		t.Errorf("datetime = %q", dt)
	}
	if title, _ := doc.Find(`time`).Attr("title"); title != "1 May 2026, 09:00 UTC" {
		t.Errorf("exact time = %q", title)
	}
	if href, _ := doc.Find(`[data-testid="comment-permalink"]`).Attr("href"); href != "#natter-comment-7" {
		t.Errorf("permalink = %q", href)
	}
	body := doc.Find(`[data-testid="comment-body"]`)
	if _, ok := body.Attr("hx-disable"); !ok {
		t.Error("body lacks hx-disable")
	}
	if body.Find("a").Length() != 1 {
		t.Error("sanitised HTML not rendered")
	}
	if got := doc.Find(`[data-testid="comment-score"]`).Text(); got != "Score: 2" {
		t.Errorf("score = %q", got)
	}
	if doc.Find(`[data-testid="comment-edited"], [data-testid="comment-pending"]`).Length() != 0 {
		t.Error("unexpected markers")
	}
	if doc.Find("[hx-get], [hx-post], button").Length() != 0 {
		t.Error("the shared card must carry no widget behaviour")
	}
}

func TestCommentStates(t *testing.T) {
	p := base()
	p.Modified, p.Pending, p.PageAuthor, p.Website = now.Add(-time.Hour), true, true, "javascript:alert(1)"
	doc := render(t, context.Background(), Comment(p))
	for _, id := range []string{"comment-edited", "comment-pending", "comment-page-author"} {
		if doc.Find(`[data-testid="`+id+`"]`).Length() != 1 {
			t.Errorf("missing %s", id)
		}
	}
	if href, ok := doc.Find(`[data-testid="comment-author"]`).Attr("href"); ok && strings.HasPrefix(href, "javascript") {
		t.Errorf("unsafe website linked: %q", href)
	}
	if SafeWebsite("javascript:alert(1)") != "" || SafeWebsite("https://ok.example/x") == "" {
		t.Error("SafeWebsite")
	}
	d := base()
	d.Deleted, d.Author = true, ""
	doc = render(t, i18n.With(context.Background(), mustLocale(t, "zh-CN")), Comment(d))
	if got := doc.Find(`[data-testid="comment-deleted"]`).Text(); got != "评论已删除。" {
		t.Errorf("deleted = %q", got)
	}
	if doc.Find(`[data-testid="comment-body"]`).Length() != 0 {
		t.Error("deleted comment shows a body")
	}
	if got := doc.Find(`[data-testid="comment-author"]`).Text(); got != "匿名" {
		t.Errorf("anonymous = %q", got)
	}
}

func TestCommentSlots(t *testing.T) {
	p := base()
	p.Actions = templ.Raw(`<button data-testid="admin-approve">Approve</button>`)
	p.HideScore = true
	doc := render(t, context.Background(), Comment(p))
	if doc.Find(`[data-testid="comment-footer"] [data-testid="admin-approve"]`).Length() != 1 {
		t.Error("actions slot not rendered in the footer")
	}
	if doc.Find(`[data-testid="comment-score"]`).Length() != 0 {
		t.Error("score not hidden")
	}
}

func TestAvatar(t *testing.T) {
	doc := render(t, context.Background(), Avatar(AvatarProps{Hash: "4505c1eeda98", Size: 32}))
	if doc.Find(`[data-testid="avatar-identicon"] svg rect`).Length() < 2 {
		t.Error("identicon not drawn")
	}
	if cl, _ := doc.Find(`[data-testid="avatar"]`).Attr("class"); !strings.Contains(cl, "nt-avatar-32") {
		t.Errorf("size classes = %q", cl)
	}
	doc = render(t, context.Background(), Avatar(AvatarProps{Hash: "x", ImageURL: "https://www.gravatar.com/avatar/abc", Name: "Ann"}))
	img := doc.Find(`img[data-testid="avatar-gravatar"]`)
	if src, _ := img.Attr("src"); src != "https://www.gravatar.com/avatar/abc" {
		t.Errorf("gravatar = %q", src)
	}
	if w, _ := img.Attr("width"); w != "40" {
		t.Errorf("gravatar width = %q", w)
	}
	if cl, _ := doc.Find(`[data-testid="avatar"]`).Attr("class"); !strings.Contains(cl, "nt-avatar-40") {
		t.Errorf("default size classes = %q", cl)
	}
	// Sizes without a class take the nearest supported one.
	for in, want := range map[int]string{1: "24", 30: "32", 44: "40", 45: "48", 200: "64"} {
		doc = render(t, context.Background(), Avatar(AvatarProps{Hash: "x", Size: in}))
		if got, _ := doc.Find(`[data-testid="avatar"]`).Attr("data-size"); got != want {
			t.Errorf("Size %d: data-size = %q, want %s", in, got, want)
		}
	}
	if doc = render(t, context.Background(), Avatar(AvatarProps{Hidden: true})); doc.Find(`[data-testid="avatar"]`).Length() != 0 {
		t.Error("hidden avatar rendered")
	}
}

// TestAvatarIdenticonImage: with the identicon's URL the avatar is an
// image, named for assistive technology like the inline drawing; custom
// colours, which the served images lack, are still drawn inline.
func TestAvatarIdenticonImage(t *testing.T) {
	src := IdenticonURL("https://c.example/sub", "4505c1eeda98")
	if src != "https://c.example/sub/embed/identicons/2da98.svg" {
		t.Fatalf("IdenticonURL = %q", src)
	}
	doc := render(t, context.Background(), Avatar(AvatarProps{Hash: "4505c1eeda98", Identicon: src, Name: "Ann"}))
	img := doc.Find(`img[data-testid="avatar-identicon"]`)
	if got, _ := img.Attr("src"); got != src {
		t.Errorf("src = %q", got)
	}
	if alt, _ := img.Attr("alt"); alt != "Ann" {
		t.Errorf("alt = %q", alt)
	}
	if doc.Find("svg").Length() != 0 {
		t.Error("identicon drawn inline too")
	}
	doc = render(t, context.Background(), Avatar(AvatarProps{Hash: "4505c1eeda98", Identicon: src, Foreground: []string{"#123456"}}))
	if doc.Find(`[data-testid="avatar-identicon"] svg rect[fill="#123456"]`).Length() == 0 {
		t.Error("custom colours not drawn inline")
	}
	if IdenticonURL("https://c.example", "not hex") != "" {
		t.Error("a hash without an image got a URL")
	}
}

// TestNoStyleAttributes: no component emits a style attribute, so the
// admin panel's CSP needs no 'unsafe-inline' for styles.
func TestNoStyleAttributes(t *testing.T) {
	variants := map[string]func(*CommentProps){
		"plain": func(*CommentProps) {},
		"reply": func(p *CommentProps) { p.Reply = true },
		"gravatar": func(p *CommentProps) {
			p.Avatar.ImageURL = "https://www.gravatar.com/avatar/abc"
			p.Avatar.Name = "Ann"
		},
		"sized": func(p *CommentProps) { p.Avatar.Size = 48 },
		"states": func(p *CommentProps) {
			p.Pending, p.PageAuthor, p.Modified = true, true, now.Add(-time.Minute)
		},
		"deleted": func(p *CommentProps) { p.Deleted = true },
		"slots": func(p *CommentProps) {
			p.Votes = templ.Raw(`<span>votes</span>`)
			p.Actions = templ.Raw(`<span>actions</span>`)
		},
	}
	for name, f := range variants {
		for _, tag := range []string{"en", "zh-CN"} {
			p := base()
			f(&p)
			doc := render(t, i18n.With(context.Background(), mustLocale(t, tag)), Comment(p))
			doc.Find("[style]").Each(func(_ int, s *goquery.Selection) {
				st, _ := s.Attr("style")
				t.Errorf("%s/%s: <%s style=%q>", name, tag, goquery.NodeName(s), st)
			})
			if doc.Find("style").Length() != 0 {
				t.Errorf("%s/%s: <style> element", name, tag)
			}
		}
	}
}

func TestPendingLabel(t *testing.T) {
	p := base()
	p.Pending = true
	doc := render(t, context.Background(), Comment(p))
	if got := doc.Find(`[data-testid="comment-pending"]`).Text(); !strings.Contains(got, "Only you can see") {
		t.Errorf("default pending notice = %q", got)
	}
	p.PendingLabel = "Pending approval"
	doc = render(t, context.Background(), Comment(p))
	if got := doc.Find(`[data-testid="comment-pending"]`).Text(); got != "Pending approval" {
		t.Errorf("pending label = %q", got)
	}
	if v, _ := doc.Find("article").Attr("data-pending"); v != "true" {
		t.Errorf("data-pending = %q", v)
	}
	p.Pending = false
	if render(t, context.Background(), Comment(p)).Find(`[data-testid="comment-pending"]`).Length() != 0 {
		t.Error("label shown on a published comment")
	}
}

func mustLocale(t *testing.T, tag string) *i18n.Locale {
	l, ok := i18n.Lookup(tag)
	if !ok {
		t.Fatal(tag)
	}
	return l
}
