package notify

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
	"time"
)

// envelope is a mail's addressing.
type envelope struct {
	From, To string // header values ([smtp] from as written, recipient)
	Date     time.Time
	Domain   string // for the Message-ID
}

// buildMail writes a multipart/alternative mail: Isso's plain text first,
// the localised HTML second (clients show the last part they can).
// Reply mails carry List-Unsubscribe with RFC 8058 one-click.
func buildMail(m Message, env envelope) ([]byte, error) {
	htmlBody, err := mailHTML(m)
	if err != nil {
		return nil, err
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, part := range []struct{ typ, text string }{{"text/plain", mailText(m)}, {"text/html", htmlBody}} {
		if err := writePart(mw, part.typ, part.text); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, fmt.Errorf("notify: close mail body: %w", err)
	}
	var b bytes.Buffer
	header(&b, "From", env.From)
	header(&b, "To", env.To)
	header(&b, "Date", env.Date.Format(time.RFC1123Z))
	header(&b, "Subject", mime.BEncoding.Encode("utf-8", mailSubject(m)))
	header(&b, "Message-ID", messageID(env.Domain))
	if m.Kind == KindReply && m.Links.Unsubscribe != "" {
		header(&b, "List-Unsubscribe", "<"+m.Links.Unsubscribe+">")
		header(&b, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	header(&b, "MIME-Version", "1.0")
	header(&b, "Content-Type", `multipart/alternative; boundary="`+mw.Boundary()+`"`)
	b.WriteString("\r\n")
	b.Write(body.Bytes())
	return b.Bytes(), nil
}

// header writes one header line; values never contain line breaks here
// (subjects are encoded, addresses come from the configuration or a
// validated comment), but a stray one must not start a new header.
func header(b *bytes.Buffer, name, value string) {
	value = strings.NewReplacer("\r", " ", "\n", " ").Replace(value)
	b.WriteString(name + ": " + value + "\r\n")
}

// writePart adds a UTF-8, base64-encoded part (Isso's transfer encoding).
func writePart(mw *multipart.Writer, typ, text string) error {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", typ+"; charset=utf-8")
	h.Set("Content-Transfer-Encoding", "base64")
	w, err := mw.CreatePart(h)
	if err != nil {
		return fmt.Errorf("notify: mail part: %w", err)
	}
	enc := base64.StdEncoding.EncodeToString([]byte(text))
	for len(enc) > 76 {
		if _, err := w.Write([]byte(enc[:76] + "\r\n")); err != nil {
			return fmt.Errorf("notify: mail part: %w", err)
		}
		enc = enc[76:]
	}
	if _, err := w.Write([]byte(enc + "\r\n")); err != nil {
		return fmt.Errorf("notify: mail part: %w", err)
	}
	return nil
}

func messageID(domain string) string {
	if domain == "" {
		domain = "natter.invalid"
	}
	return "<" + rand.Text() + "@" + domain + ">"
}
