// Package origin matches request origins against the configured site hosts
// ([general] host), as Isso's CORS layer does.
package origin

import (
	"fmt"
	"net/url"
	"strings"
)

// site is a configured host reduced to what Isso compares.
type site struct {
	https    bool
	host     string
	port     string // "*" matches any port (a Natter extension)
	rendered string // scheme://host[:port]
}

// Matcher knows the configured sites; it is immutable after New.
type Matcher struct {
	sites []site
	// exact holds the sites' rendered origins: a browser's Origin header
	// is one of them nearly always, and is then allowed as it is, without
	// parsing (see Allowed).
	exact map[string]bool
}

// New parses the host list. A value without scheme means http://; path and
// trailing slash are ignored; the port defaults to the scheme's.
func New(hosts []string) (*Matcher, error) {
	m := &Matcher{exact: map[string]bool{}}
	for _, h := range hosts {
		s, err := parse(h)
		if err != nil {
			return nil, fmt.Errorf("origin: host %q: %w", h, err)
		}
		m.sites = append(m.sites, s)
		if s.port != "*" {
			m.exact[s.rendered] = true
		}
	}
	return m, nil
}

func parse(raw string) (site, error) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	wild := false
	if i := strings.Index(raw, ":*"); i > 0 {
		wild = true
		raw = raw[:i] + raw[i+2:]
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return site{}, fmt.Errorf("not a URL")
	}
	s := site{https: u.Scheme == "https", host: strings.ToLower(u.Hostname()), port: u.Port()}
	if s.port == "" {
		s.port = defaultPort(s.https)
	}
	if wild {
		s.port = "*"
	}
	s.rendered = render(s.https, s.host, s.port)
	return s, nil
}

func defaultPort(https bool) string {
	if https {
		return "443"
	}
	return "80"
}

func render(https bool, host, port string) string {
	scheme := "http"
	if https {
		scheme = "https"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port == defaultPort(https) || port == "*" || port == "" {
		return scheme + "://" + host
	}
	return scheme + "://" + host + ":" + port
}

// Allowed returns the configured origin equal to value (an Origin or
// Referer header), and whether there is one.
func (m *Matcher) Allowed(value string) (string, bool) {
	if value == "" {
		return "", false
	}
	if m.exact[value] {
		// What the loop below returns for it: the first site it parses to
		// renders as value, whether that site's port is value's or "*".
		return value, true
	}
	u, err := url.Parse(value)
	if err != nil || u.Hostname() == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	https := u.Scheme == "https"
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		port = defaultPort(https)
	}
	for _, s := range m.sites {
		if s.https == https && s.host == host && (s.port == port || s.port == "*") {
			if s.port == "*" {
				return render(https, host, port), true
			}
			return s.rendered, true
		}
	}
	return "", false
}

// Match is Isso's "matched origin": the configured site the Origin (else
// Referer) header names, else the first configured site.
func (m *Matcher) Match(originHeader, referer string) string {
	v := originHeader
	if v == "" {
		v = referer
	}
	if o, ok := m.Allowed(v); ok {
		return o
	}
	return m.Fallback()
}

// Fallback is the first configured site, or Isso's placeholder when none is.
func (m *Matcher) Fallback() string {
	if len(m.sites) == 0 {
		return "http://invalid.local"
	}
	if m.sites[0].port == "*" {
		return render(m.sites[0].https, m.sites[0].host, defaultPort(m.sites[0].https))
	}
	return m.sites[0].rendered
}
