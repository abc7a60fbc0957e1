package comment

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/voters"
	"github.com/natter/natter/models"
)

// Actor is who acts: the client address, the site origin the request came
// from, and the author's edit token when one was presented.
type Actor struct {
	IP     string // raw client address; anonymised before use
	Origin string // matched site origin, e.g. https://blog.example.com
	Token  string // signed edit token (Isso's cookie value)
	Admin  bool
	// ByToken says the presenter knows its reader by signed tokens (the
	// widget): "the reader's own comment" is then one whose token the
	// reader holds (Token, for a reply the parent's), not one written from
	// the same anonymised address, which other readers may share. Isso's
	// API leaves it false and keeps Isso's rule by address.
	ByToken bool
}

// CreateInput is a new comment.
type CreateInput struct {
	Input
	URI          string
	Title        string // used only when the comment creates the thread
	Parent       *int64
	Notification *int
}

// Created is the stored comment with the token that lets its author edit
// or delete it within the edit window.
type Created struct {
	*View
	URI   string // the thread's URI (title discovery may have changed it)
	Token string
}

// approvalWindow is how far back approve-if-email-previously-approved looks
// (Isso: six calendar months).
const approvalMonths = 6

// Create validates, guards and stores a new comment.
func (s *Service) Create(ctx context.Context, in CreateInput, who Actor) (Created, error) {
	if err := validate(in.Input); err != nil {
		return Created{}, err
	}
	if len(in.URI) > MaxURIBytes {
		return Created{}, invalid("uri", "uri_too_long", fmt.Sprintf("uri is too long (maximum length: %d bytes)", MaxURIBytes))
	}
	c := models.Comment{
		Text:         *in.Text,
		Author:       escapeField(in.Author),
		Email:        escapeField(in.Email),
		Website:      escapeURL(in.Website, true),
		Mode:         models.ModePublished,
		RemoteAddr:   remoteaddr.Anonymize(who.IP),
		Notification: in.Notification,
	}
	if s.policy.Moderation {
		c.Mode = models.ModePending
	}
	s.render(c.Text) // outside the write transaction, which others wait for
	uri, given, err := s.threadTitle(ctx, in, who)
	if err != nil {
		return Created{}, err
	}
	var title string
	err = s.d.Store.Write(ctx, func(q Queries) error {
		var err error
		if title, err = s.insert(ctx, q, &c, uri, given, in.Parent, who); err != nil {
			return err
		}
		return s.record(ctx, q, Change{Kind: ChangeCreated, Comment: c, URI: uri, Title: title, Origin: who.Origin})
	})
	if err != nil {
		s.cache.invalidate(uri)
		return Created{}, err
	}
	s.patchCreated(ctx, uri, c.ID)
	v := s.view(c)
	token, err := s.issueToken(c.ID, c.Text)
	if err != nil {
		return Created{}, err
	}
	s.d.Events.Created(ctx, Event{View: v, URI: uri, Title: title, Origin: who.Origin})
	return Created{View: v, URI: uri, Token: token}, nil
}

// threadTitle finds the URI and title for a new thread's comment. For an
// unknown thread without a title it asks the page, outside any
// transaction, because that may take seconds. Where Isso refuses the comment
// when the page cannot be reached, Natter falls back to the URI as title.
// A known thread keeps its stored title, which insert reads; the thread is
// looked up here only when a missing title may have to be fetched.
func (s *Service) threadTitle(ctx context.Context, in CreateInput, who Actor) (uri, title string, err error) {
	uri, title = in.URI, in.Title
	if title != "" || s.d.Titles == nil {
		return uri, title, nil
	}
	t, err := s.d.Store.Read().ThreadByURI(ctx, uri)
	if err == nil {
		return uri, deref(t.Title), nil
	}
	if !errors.Is(err, ErrNotFound) {
		return "", "", err
	}
	found, newURI, ferr := s.d.Titles.Title(ctx, who.Origin, uri)
	if ferr != nil {
		s.d.Logger.Info("title discovery failed; using the URI", "uri", uri, "error", ferr.Error())
		return uri, uri, nil
	}
	if newURI != "" {
		uri = newURI
	}
	return uri, found, nil
}

// insert runs in the write transaction: thread, guard, approval, parent,
// row. It returns the thread's title: the stored one, or title for a new
// thread.
func (s *Service) insert(ctx context.Context, q Queries, c *models.Comment, uri, title string, parent *int64, who Actor) (string, error) {
	t, err := q.ThreadByURI(ctx, uri)
	if errors.Is(err, ErrNotFound) {
		t, err = q.InsertThread(ctx, uri, title)
	}
	if err != nil {
		return "", err
	}
	now := s.now()
	if err := s.guard(ctx, q, c, t, parent, now, who); err != nil {
		return "", err
	}
	if err := s.autoApprove(ctx, q, c, now); err != nil {
		return "", err
	}
	c.TID = t.ID
	c.Created = now
	if c.Parent, err = resolveParent(ctx, q, t.ID, parent); err != nil {
		return "", err
	}
	c.Voters = voters.New(c.RemoteAddr).Bytes()
	if err := q.InsertComment(ctx, c); err != nil {
		return "", err
	}
	return deref(t.Title), s.saveRendering(ctx, q, *c)
}

// guard applies Isso's spam rules in Isso's order; the first refusal wins.
func (s *Service) guard(ctx context.Context, q Queries, c *models.Comment, t models.Thread, parent *int64, now float64, who Actor) error {
	g := s.policy.Guard
	if !g.Enabled {
		return nil
	}
	recent, err := q.RecentByAddr(ctx, c.RemoteAddr, now-60)
	if err != nil {
		return err
	}
	if len(recent) >= g.RateLimit {
		return refuse(GuardRateLimit, "%s: ratelimit exceeded (%s)", c.RemoteAddr, joinIDs(recent))
	}
	if parent == nil || *parent == 0 {
		n, err := q.TopLevelByAddr(ctx, t.ID, c.RemoteAddr)
		if err != nil {
			return err
		}
		if n >= g.DirectReply {
			return refuse(GuardDirectReply, "%d direct responses to %s", n, t.URI)
		}
	} else if !g.ReplyToSelf {
		p, err := q.Comment(ctx, *parent)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err == nil && s.repliesToSelf(p, c.RemoteAddr, who, now) {
			return refuse(GuardReplyToSelf, "edit time frame is still open")
		}
	}
	if g.RequireEmail && deref(c.Email) == "" {
		return refuse(GuardEmailRequired, "email address required but not provided")
	}
	if g.RequireAuthor && deref(c.Author) == "" {
		return refuse(GuardAuthorRequired, "author address required but not provided")
	}
	return nil
}

// repliesToSelf reports whether a reply answers its author's own comment
// p while p can still be edited: by the signed token when the presenter
// keeps one (who.ByToken), else by anonymised address, as Isso does.
func (s *Service) repliesToSelf(p models.Comment, addr string, who Actor, now float64) bool {
	if now-p.Created >= s.policy.MaxAge.Seconds() {
		return false
	}
	if who.ByToken {
		return s.checkToken(who.Token, p, false) == nil
	}
	return p.RemoteAddr == addr
}

func (s *Service) autoApprove(ctx context.Context, q Queries, c *models.Comment, now float64) error {
	if !s.policy.ApproveIfEmailApproved || c.Email == nil || c.Mode != models.ModePending {
		return nil
	}
	since := s.d.Now().UTC().AddDate(0, -approvalMonths, 0)
	ok, err := q.EmailApprovedSince(ctx, *c.Email, float64(since.UnixNano())/float64(time.Second))
	if err != nil {
		return err
	}
	if ok {
		c.Mode = models.ModePublished
	}
	return nil
}

// resolveParent attaches replies to the top-level comment of the same
// thread; unknown or foreign parents make the comment top-level.
func resolveParent(ctx context.Context, q Queries, tid int64, parent *int64) (*int64, error) {
	var top *int64
	seen := map[int64]bool{}
	for parent != nil && *parent != 0 && !seen[*parent] {
		seen[*parent] = true
		p, err := q.Comment(ctx, *parent)
		if errors.Is(err, ErrNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
		if p.TID != tid {
			break
		}
		id := p.ID
		top, parent = &id, p.Parent
	}
	return top, nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}

// wrapf adds context to store errors.
func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("comment: "+format+": %w", append(args, err)...)
}
