package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
)

func smtpConfig(ms *mailServer, security, extra string) string {
	return fmt.Sprintf(`[general]
host = https://blog.example
notify = smtp
%s
[smtp]
host = %s
port = %d
security = %s
username = noreply@example.org
password = s3cret
from = "Blog Comments" <noreply@example.org>
to = owner@example.org
timeout = 5
`, extra, ms.Host, ms.Port, security)
}

// The owner's mail arrives over plain SMTP, STARTTLS and implicit TLS,
// logged in, as Isso writes it; its activate link publishes the comment.
func TestSMTP_OwnerMailAndApproveLink(t *testing.T) {
	for _, security := range []string{"none", "starttls", "ssl"} {
		t.Run(security, func(t *testing.T) {
			ms := startMailServer(t, security)
			h := newHarness(t, smtpConfig(ms, security, "[moderation]\nenabled = true\n"),
				Deps{SMTPTLS: &tls.Config{RootCAs: ms.Roots}})
			h.start()
			c := h.post(comment.CreateInput{Input: comment.Input{Text: str("First!"), Author: str("Ann"),
				Email: str("ann@example.org")}})
			got := receive(t, ms.Mails)
			if got.TLS != (security != "none") || got.User != "noreply@example.org" || got.Helo != heloName() {
				t.Errorf("TLS = %v, login %q, EHLO %q", got.TLS, got.User, got.Helo)
			}
			checkOwnerMail(t, got, c.ID)
			approveFromMail(t, h, got.Parts["text/plain"], c.ID)
			if ds := h.waitSettled(1); ds[0].State != "sent" || !strings.Contains(ds[0].Answer, "accepted") {
				t.Errorf("delivery = %+v", ds[0])
			}
		})
	}
}

func checkOwnerMail(t *testing.T, got received, id int64) {
	t.Helper()
	hdr := map[string]string{"From": `"Blog Comments" <noreply@example.org>`, "To": "owner@example.org",
		"Subject": "New comment posted on Hello World", "MIME-Version": "1.0"}
	for k, want := range hdr {
		if v := got.Header.Get(k); v != want {
			t.Errorf("header %s = %q, want %q", k, v, want)
		}
	}
	if got.From != "noreply@example.org" || got.To != "owner@example.org" {
		t.Errorf("envelope %s → %s", got.From, got.To)
	}
	if got.Header.Get("List-Unsubscribe") != "" {
		t.Error("the owner's mail has List-Unsubscribe")
	}
	text := got.Parts["text/plain"]
	prefix := fmt.Sprintf("Ann <ann@example.org> wrote:\n\nFirst!\n\nIP address: 203.0.113.0\n"+
		"Link to comment: https://blog.example/post/#isso-%d\n\n---\nDelete comment: https://comments.example/id/%d/delete/", id, id)
	if !strings.HasPrefix(text, prefix) || !strings.Contains(text, fmt.Sprintf("\nActivate comment: https://comments.example/id/%d/activate/", id)) {
		t.Errorf("text part:\n%s", text)
	}
	if html := got.Parts["text/html"]; !strings.Contains(html, "This comment waits for your approval.") {
		t.Errorf("html part:\n%s", html)
	}
}

// approveFromMail follows the activate link as the moderation endpoint
// does: the key, not the path, names the comment.
func approveFromMail(t *testing.T, h *harness, text string, id int64) {
	t.Helper()
	m := regexp.MustCompile(`Activate comment: \S+/id/\d+/activate/(\S+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no activate link in:\n%s", text)
	}
	got, err := h.svc.CheckModerationKey(m[1])
	if err != nil || got != id {
		t.Fatalf("key names %d, %v; want %d", got, err, id)
	}
	if ok, err := h.svc.Activate(context.Background(), got); err != nil || !ok {
		t.Fatalf("Activate = %v, %v", ok, err)
	}
	row, err := h.db.Comments().Read().Comment(context.Background(), id)
	if err != nil || row.Mode != models.ModePublished {
		t.Errorf("after approval: mode %d, %v", row.Mode, err)
	}
}

// Reply mails go to the subscribed parent author (not to the replier,
// not twice, not to subscribers without address), with List-Unsubscribe
// one-click; following the link stops further mails.
func TestSMTP_ReplyMailsAndUnsubscribe(t *testing.T) {
	ms := startMailServer(t, "none")
	cfg := strings.Replace(smtpConfig(ms, "none", "reply-notifications = true\n"), "notify = smtp", "notify = stdout", 1)
	h := newHarness(t, cfg, Deps{})
	h.start()
	on := 1
	parent := h.post(comment.CreateInput{Input: comment.Input{Text: str("Question?"), Author: str("Bob"),
		Email: str("bob+blog@example.org")}, Notification: &on})
	h.post(comment.CreateInput{Input: comment.Input{Text: str("me too"), Email: str("")}, Parent: &parent.ID, Notification: &on})
	reply := h.post(comment.CreateInput{Input: comment.Input{Text: str("Answer."), Author: str("Carol"),
		Email: str("carol@example.org")}, Parent: &parent.ID})
	// The subscriber without an address is skipped (Isso would mail the
	// owner), so Bob alone gets one mail per reply, in either order.
	a, b := receive(t, ms.Mails), receive(t, ms.Mails)
	if strings.Contains(a.Parts["text/plain"], "Answer.") {
		a, b = b, a
	}
	if a.To != "bob+blog@example.org" || !strings.Contains(a.Parts["text/plain"], "me too") {
		t.Errorf("first reply mail to %s:\n%s", a.To, a.Parts["text/plain"])
	}
	got := b
	if got.To != "bob+blog@example.org" || got.Header.Get("Subject") != "Re: New comment posted on Hello World" {
		t.Fatalf("reply mail to %s, subject %q", got.To, got.Header.Get("Subject"))
	}
	link := fmt.Sprintf("https://comments.example/id/%d/unsubscribe/bob%%2Bblog%%40example.org/", parent.ID)
	if lu := got.Header.Get("List-Unsubscribe"); !strings.HasPrefix(lu, "<"+link) || !strings.HasSuffix(lu, ">") {
		t.Errorf("List-Unsubscribe = %q, want <%s…>", lu, link)
	}
	if p := got.Header.Get("List-Unsubscribe-Post"); p != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", p)
	}
	want := fmt.Sprintf("Carol wrote:\n\nAnswer.\n\nLink to comment: https://blog.example/post/#isso-%d\n\n---\n"+
		"Unsubscribe from this conversation: %s", reply.ID, link)
	if text := got.Parts["text/plain"]; !strings.HasPrefix(text, want) {
		t.Errorf("reply text:\n%s\nwant prefix\n%s", text, want)
	}
	unsubscribeFromMail(t, h, got.Header.Get("List-Unsubscribe"))
	h.post(comment.CreateInput{Input: comment.Input{Text: str("Another answer."), Email: str("dave@example.org")}, Parent: &parent.ID})
	ds := h.waitSettled(6) // stdout for 4 comments, 2 reply mails; none after unsubscribing
	mails := 0
	for _, d := range ds {
		if d.Channel == SMTP {
			mails++
		}
	}
	if mails != 2 || len(ms.Mails) != 0 {
		t.Errorf("%d reply mails queued, %d more received; want Bob's two", mails, len(ms.Mails))
	}
}

func unsubscribeFromMail(t *testing.T, h *harness, header string) {
	t.Helper()
	u, err := url.Parse(strings.Trim(header, "<>"))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(u.Path, "/") // "", id, <id>, unsubscribe, <email>, <key>
	var id int64
	fmt.Sscan(parts[2], &id)
	email, _ := url.PathUnescape(parts[4])
	if err := h.svc.Unsubscribe(context.Background(), id, email, parts[5]); err != nil {
		t.Fatalf("Unsubscribe(%d, %q): %v", id, email, err)
	}
}

// At start the worker logs in once without sending, as Isso does, and
// logs a refused login before any comment arrives.
func TestSMTP_ProbeAtStartLogsFailures(t *testing.T) {
	ms := startMailServer(t, "none")
	h := newHarness(t, strings.Replace(smtpConfig(ms, "none", ""), "password = s3cret", "password = wrong", 1), Deps{})
	h.start()
	waitFor(t, 10*time.Second, func() bool { return strings.Contains(h.logs.String(), "channel check failed") })
	if logs := h.logs.String(); !strings.Contains(logs, "smtp login: 454") || strings.Contains(logs, "wrong") {
		t.Errorf("log should show the refusal, not the password:\n%s", logs)
	}
}
