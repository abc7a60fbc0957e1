package notify

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/signed"
)

// The configuration of the isso-cn article loads and builds its channels:
// WeChat through sckey, and smtp (implicit TLS on 465) for reply mails.
func TestArticleConfig_BuildsChannels(t *testing.T) {
	cfg, _, err := config.Load("../config/testdata/article.cfg", nil)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	chans, err := buildChannels(cfg, channelDeps{log: log})
	if err != nil {
		t.Fatal(err)
	}
	if names := channelNames(cfg); !slices.Equal(names, []string{WeChat, SMTP}) {
		t.Errorf("channels = %v", names)
	}
	w, ok := chans[WeChat].(wechatChannel)
	if !ok || w.key != "xxx" || strings.Contains(logs.String(), "TalkAdmin") {
		t.Errorf("wechat = %+v, logs %q", chans[WeChat], logs.String())
	}
	s, ok := chans[SMTP].(smtpChannel)
	if !ok || s.cfg.Security != "ssl" || s.cfg.Port != 465 || s.cfg.Host != "smtp.exmail.qq.com" {
		t.Errorf("smtp = %+v", chans[SMTP])
	}
	n, err := New(cfg, Deps{Signer: signed.New("k"), Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if r := n.Recorder(); r.ownerMail || !r.replies {
		t.Errorf("owner mail %v, replies %v; the article lists only wechat, with reply-notifications", r.ownerMail, r.replies)
	}
}

// With only isso-cn's TalkAdmin key, WeChat pushes go through it and the
// owner is told once that TalkAdmin is gone.
func TestWeChat_TalkAdminKeyWarnsOnce(t *testing.T) {
	cfg := loadConfig(t, "[general]\nhost = https://blog.example\nnotify = wechat\n[wechat]\ntakey = SCTtalk\n")
	logs := &syncBuffer{}
	n, err := New(cfg, Deps{Signer: signed.New("k"), Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if w := n.worker.channels[WeChat].(wechatChannel); w.key != "SCTtalk" {
		t.Errorf("key = %q", w.key)
	}
	if c := strings.Count(logs.String(), "TalkAdmin no longer exists"); c != 1 {
		t.Errorf("%d warnings in %q", c, logs.String())
	}
}

// stdout logs Isso's lines for every change; the owner's pushes see only
// new comments.
func TestRoutes_ChangesReachTheRightChannels(t *testing.T) {
	rc := newReceiver(t, nil)
	h := newHarness(t, "[general]\nhost = https://blog.example\nnotify = stdout wecom\n[wecom]\nwebhook = "+rc.URL+
		"\n[moderation]\nenabled = true\n", Deps{})
	h.start()
	ctx := context.Background()
	c := postText(h, "hello there")
	if _, err := h.svc.Activate(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ModeratorEdit(ctx, c.ID, comment.Input{Text: str("changed text")}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ModeratorDelete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range h.waitSettled(5) {
		got = append(got, d.Channel+" "+string(d.Kind))
	}
	want := []string{"stdout comment.new", "wecom comment.new", "stdout comment.activated", "stdout comment.edited", "stdout comment.deleted"}
	if !slices.Equal(got, want) {
		t.Errorf("deliveries = %v, want %v", got, want)
	}
	logs := h.logs.String()
	for _, line := range []string{"Activate comment: ", "comment 1 activated", "comment 1 edited", "comment 1 deleted"} {
		if !strings.Contains(logs, line) {
			t.Errorf("log lacks %q", line)
		}
	}
	if !strings.Contains(logs, "https://comments.example/id/1/activate/") {
		t.Errorf("activate link not logged: %s", logs)
	}
}
