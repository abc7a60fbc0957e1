package notify

import (
	"strings"
	"testing"
)

func sampleMessage(kind Kind) Message {
	parent := int64(3)
	return Message{Kind: kind, Lang: "en",
		Comment: Comment{ID: 7, Parent: &parent, Mode: 2, Author: "Ann &amp; Bob", Email: "ann@example.org",
			Website: "https://ann.example", Text: "Nice *post*!\nSecond line.", RemoteAddr: "203.0.113.0"},
		Thread: Thread{ID: 1, URI: "/post/", Title: "Hello World"},
		Links: Links{Comment: "https://blog.example/post/#isso-7", Activate: "https://c.example/id/7/activate/K",
			Delete: "https://c.example/id/7/delete/K", Edit: "https://c.example/id/7/edit/K",
			Unsubscribe: "https://c.example/id/3/unsubscribe/bob%40example.org/U"}}
}

// The plain-text mails are Isso's, byte for byte (isso-compat §7.8).
func TestMailText_IssoExact(t *testing.T) {
	published := sampleMessage(KindNew)
	published.Comment.Mode, published.Comment.Author, published.Comment.Email, published.Comment.Website = 1, "", "", ""
	cases := []struct {
		name    string
		m       Message
		subject string
		body    string
	}{
		{"owner, pending", sampleMessage(KindNew), "New comment posted on Hello World",
			"Ann &amp; Bob <ann@example.org> wrote:\n\nNice *post*!\nSecond line.\n\n" +
				"User's URL: https://ann.example\nIP address: 203.0.113.0\n" +
				"Link to comment: https://blog.example/post/#isso-7\n\n---\n" +
				"Delete comment: https://c.example/id/7/delete/K\nActivate comment: https://c.example/id/7/activate/K\n"},
		{"owner, published, anonymous", published, "New comment posted on Hello World",
			"Anonymous wrote:\n\nNice *post*!\nSecond line.\n\nIP address: 203.0.113.0\n" +
				"Link to comment: https://blog.example/post/#isso-7\n\n---\nDelete comment: https://c.example/id/7/delete/K\n"},
		{"reply", sampleMessage(KindReply), "Re: New comment posted on Hello World",
			"Ann &amp; Bob wrote:\n\nNice *post*!\nSecond line.\n\nLink to comment: https://blog.example/post/#isso-7\n\n---\n" +
				"Unsubscribe from this conversation: https://c.example/id/3/unsubscribe/bob%40example.org/U\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mailSubject(c.m); got != c.subject {
				t.Errorf("subject = %q, want %q", got, c.subject)
			}
			if got := mailText(c.m); got != c.body {
				t.Errorf("body =\n%s\nwant\n%s", got, c.body)
			}
		})
	}
	untitled := sampleMessage(KindNew)
	untitled.Thread.Title = ""
	if got := mailSubject(untitled); got != "New comment posted" {
		t.Errorf("untitled subject = %q", got)
	}
}

// The HTML alternative speaks the owner's language, escapes the comment
// and offers the same links.
func TestMailHTML_Localised(t *testing.T) {
	m := sampleMessage(KindNew)
	m.Lang = "zh-CN"
	m.Comment.Text = "<script>alert(1)</script> 好文"
	got, err := mailHTML(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`lang="zh-CN"`, "Ann &amp; Bob 在《Hello World》发表了评论：", "这条评论正在等待你的审核。",
		`<a href="https://c.example/id/7/activate/K">通过</a>`, `<a href="https://c.example/id/7/delete/K">删除</a>`,
		"&lt;script&gt;alert(1)&lt;/script&gt; 好文", "IP 地址: 203.0.113.0"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script>") || strings.Contains(got, "&amp;amp;") {
		t.Errorf("HTML is not escaped exactly once:\n%s", got)
	}
}

// Isso percent-encodes the e-mail in unsubscribe links like Python's
// quote: "/" kept, "@" and "+" encoded.
func TestQuote(t *testing.T) {
	for in, want := range map[string]string{"a+b@x.org": "a%2Bb%40x.org", "a/b~c_d.e-f": "a/b~c_d.e-f", "é": "%C3%A9"} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %q, want %q", in, got, want)
		}
	}
}
