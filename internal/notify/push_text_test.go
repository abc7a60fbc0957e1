package notify

import (
	"strings"
	"testing"
)

// Pushes speak the owner's language and offer the links the kind needs.
func TestPushText_LanguageAndLinks(t *testing.T) {
	m := sampleMessage(KindNew)
	m.Lang = "zh-CN"
	p := newPushText(m)
	if p.Title != "Ann & Bob 在《Hello World》发表了评论：" || p.Pending != "这条评论正在等待你的审核。" {
		t.Errorf("title %q, pending %q", p.Title, p.Pending)
	}
	labels := []string{}
	for _, l := range p.Links {
		labels = append(labels, l.Label)
	}
	if strings.Join(labels, ",") != "通过,删除,查看评论" {
		t.Errorf("links %v", labels)
	}
	m.Kind = KindActivated
	if p := newPushText(m); len(p.Links) != 1 || p.Pending != "" || p.Title != "《Hello World》的评论已通过审核" {
		t.Errorf("activated push %+v", p)
	}
	plain := newPushText(sampleMessage(KindNew)).Plain()
	for _, want := range []string{"Ann & Bob commented on “Hello World”:\n", "Approve: https://c.example/id/7/activate/K\n",
		"Delete: https://c.example/id/7/delete/K\n", "View comment: https://blog.example/post/#isso-7\n"} {
		if !strings.Contains(plain, want) {
			t.Errorf("plain text lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "ann@example.org") || strings.Contains(plain, "203.0.113") {
		t.Errorf("plain text shows the e-mail or the address:\n%s", plain)
	}
}

func TestClean(t *testing.T) {
	cases := []struct {
		in        string
		max       int
		multiline bool
		want      string
	}{
		{"a\x00b\u202ec &lt;b&gt;", 20, false, "abc <b>"},
		{"one\n\n\n\ntwo", 20, true, "one\n\ntwo"},
		{"one\ntwo", 20, false, "one two"},
		{"长长长长长", 3, false, "长长…"},
	}
	for _, c := range cases {
		if got := clean(c.in, c.max, c.multiline); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
