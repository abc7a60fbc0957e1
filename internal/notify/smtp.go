package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/natter/natter/internal/config"
)

// smtpChannel is Isso's [smtp] back-end: the owner's mail to [smtp] to,
// reply mails to the subscribed readers.
type smtpChannel struct {
	cfg  config.SMTP
	helo string      // this machine's name, as Python's smtplib says it
	tls  *tls.Config // nil: system roots, server name from [smtp] host
	now  func() time.Time
}

func (s smtpChannel) Name() string { return SMTP }

// Send delivers one mail in one SMTP session.
func (s smtpChannel) Send(ctx context.Context, m Message) (string, error) {
	to := m.To
	if m.Kind != KindReply {
		to = s.cfg.To
	}
	if to == "" {
		return "", Permanent(errors.New("no recipient ([smtp] to is empty)"))
	}
	from, err := s.sender()
	if err != nil {
		return "", Permanent(err)
	}
	raw, err := buildMail(m, envelope{From: from.String(), To: to, Date: s.now(), Domain: domainOf(from.Address)})
	if err != nil {
		return "", Permanent(err)
	}
	if err := s.deliver(ctx, from.Address, to, raw); err != nil {
		return err.Error(), smtpError(err)
	}
	return "accepted by " + s.addr(), nil
}

// sender is [smtp] from, or else the login name when it is an address
// (Isso would send from an empty address, which servers refuse).
func (s smtpChannel) sender() (*mail.Address, error) {
	from := s.cfg.From
	if from == "" {
		from = s.cfg.Username
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("[smtp] from %q: %w", from, err)
	}
	return a, nil
}

func (s smtpChannel) addr() string { return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)) }

// deliver runs the session: connect (implicit TLS for "ssl"), STARTTLS for
// "starttls", login when username and password are both set (as Isso),
// then MAIL, RCPT, DATA. [smtp] timeout bounds the whole session.
func (s smtpChannel) deliver(ctx context.Context, from, to string, raw []byte) error {
	return s.session(ctx, func(c *smtp.Client) error { return s.send(c, from, to, raw) })
}

// session runs fn on a secured, logged-in connection and quits.
func (s smtpChannel) session(ctx context.Context, fn func(*smtp.Client) error) error {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() }) // the timeout, or a probe's shutdown
	defer stop()
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello(s.helo); err != nil {
		return fmt.Errorf("smtp EHLO: %w", err)
	}
	if err := s.secure(c); err != nil {
		return err
	}
	if err := fn(c); err != nil {
		return err
	}
	return c.Quit()
}

// Probe connects, secures and logs in without sending, as Isso does at
// start, so a wrong password shows in the log before the first comment.
func (s smtpChannel) Probe(ctx context.Context) error {
	return s.session(ctx, func(*smtp.Client) error { return nil })
}

func (s smtpChannel) dial(ctx context.Context) (net.Conn, error) {
	if s.cfg.Security == "ssl" {
		d := tls.Dialer{Config: s.tlsConfig()}
		conn, err := d.DialContext(ctx, "tcp", s.addr())
		return conn, wrapErr(err, "smtp connect (ssl)")
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.addr())
	return conn, wrapErr(err, "smtp connect")
}

func (s smtpChannel) secure(c *smtp.Client) error {
	if s.cfg.Security == "starttls" {
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if s.cfg.Username == "" || s.cfg.Password == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
		return fmt.Errorf("smtp login: %w", err)
	}
	return nil
}

func (s smtpChannel) send(c *smtp.Client, from, to string, raw []byte) error {
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("smtp RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	return wrapErr(w.Close(), "smtp end of DATA")
}

func (s smtpChannel) tlsConfig() *tls.Config {
	if s.tls != nil {
		c := s.tls.Clone()
		if c.ServerName == "" {
			c.ServerName = s.cfg.Host
		}
		return c
	}
	return &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
}

// smtpError marks 5xx replies permanent: the server refused for good.
func smtpError(err error) error {
	var tp *textproto.Error
	if errors.As(err, &tp) && tp.Code >= 500 {
		return Permanent(err)
	}
	return err
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return ""
}

func wrapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
