package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// validate checks values that need parsing beyond their type, or several
// values together, fixing up what Isso fixes up at load time.
func (l *loader) validate(c *Config) {
	l.checkHosts(c.General.Hosts)
	l.checkNotify(c)
	l.checkServer(&c.Server)
	l.check("smtp", "port", checkPort(c.SMTP.Port))
	l.check("hash", "algorithm", l.checkAlgorithm(c.Hash.Algorithm))
	l.check("natter", "database", checkDatabase(c.Natter.Database))
	if c.Natter.Database == "" {
		l.check("general", "dbpath", checkDatabase(c.General.DBPath))
	}
	if c.Natter.MaxConnections <= 0 {
		l.check("natter", "max-connections", errors.New("must be a positive number"))
	}
	if c.Natter.MaxConnectionsPerIP < 0 {
		l.check("natter", "max-connections-per-ip", errors.New("must not be negative (0 means no cap)"))
	}
	if c.Natter.BodyLimit <= 0 {
		l.check("natter", "body-limit", errors.New("must be a positive number of bytes"))
	}
	l.check("natter", "cache-budget", checkCacheBudget(c.Natter.CacheBudget))
	if c.Natter.Database == "" && c.General.DBPath == "" {
		l.check("general", "dbpath", errors.New("must not be empty when [natter] database is empty"))
	}
	if c.Admin.Enabled {
		l.check("admin", "password", checkAdminPassword(c.Admin.Password))
	}
	if pw := c.Natter.SitesAdminPassword; pw != "" && !looksHashed(pw) && utf8.RuneCountInString(pw) < minAdminPassword {
		l.check("natter", "sites-admin-password", fmt.Errorf("has %d characters; give at least %d, or a bcrypt ($2b$...) or argon2id ($argon2id$...) hash, or leave it empty to keep the sites panel off",
			utf8.RuneCountInString(pw), minAdminPassword))
	}
}

// issoDefaultPassword is the [admin] password Isso's documentation and
// default configuration publish: anyone can try it.
const issoDefaultPassword = "please_choose_a_strong_password"

// minAdminPassword is the shortest plain admin password accepted. The
// login limiter slows guessing, but a panel open to the internet should
// not depend on it alone.
const minAdminPassword = 12

// howToSetPassword tells the operator how to fix a refused password.
const howToSetPassword = "set [admin] password (or password-file, or NATTER_ADMIN_PASSWORD_FILE) to at least 12 characters, " +
	"or to a bcrypt ($2b$...) or argon2id ($argon2id$...) hash (e.g. htpasswd -nbBC 12 '' PASSWORD | cut -d: -f2)"

// checkAdminPassword refuses, for an enabled panel, an empty password,
// Isso's published default and short plain passwords. Hashes pass here;
// the panel checks their format when it starts.
func checkAdminPassword(pw string) error {
	switch {
	case looksHashed(pw):
		return nil
	case pw == "":
		return errors.New("the admin panel is enabled without a password; " + howToSetPassword)
	case pw == issoDefaultPassword:
		return errors.New("the admin panel is enabled with Isso's published default password; " + howToSetPassword)
	case utf8.RuneCountInString(pw) < minAdminPassword:
		return fmt.Errorf("the admin password has %d characters; %s", utf8.RuneCountInString(pw), howToSetPassword)
	}
	return nil
}

// looksHashed reports whether pw is written as a bcrypt or argon2id hash.
func looksHashed(pw string) bool {
	for _, p := range []string{"$2a$", "$2b$", "$2y$", "$argon2id$"} {
		if strings.HasPrefix(pw, p) {
			return true
		}
	}
	return false
}

// check records err, if any, at the key's origin, unless the key's value
// was already reported as unreadable (its zero value would be blamed twice).
func (l *loader) check(section, key string, err error) {
	if err != nil && !l.bad[id(section, key)] {
		l.fail(l.get(section, key).origin, section, key, "%v", err)
	}
}

// checkHosts requires at least one host, as Isso does, and that every entry
// parses as Isso would parse it (no scheme means http).
func (l *loader) checkHosts(hosts []string) {
	if len(hosts) == 0 {
		l.check("general", "host", errors.New("must list at least one site URL"))
	}
	o := l.get("general", "host").origin
	for _, h := range hosts {
		if err := checkHost(h); err != nil {
			l.fail(o, "general", "host", "%v", err)
		}
	}
}

// checkHost validates one host entry. Natter's ":*" port wildcard is
// replaced by a valid port for parsing only.
func checkHost(h string) error {
	s := h
	if strings.HasPrefix(s, "//") {
		s = "http:" + s
	} else if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(strings.Replace(s, ":*", ":1", 1))
	if err != nil {
		return fmt.Errorf("unparsable site URL %q: %w", h, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" {
		return fmt.Errorf("site URL %q must be http(s)://HOST[:PORT]", h)
	}
	return nil
}

// checkServer validates [server] and normalises public-endpoint and samesite.
func (l *loader) checkServer(s *Server) {
	l.check("server", "listen", checkListen(s.Listen))
	if trimmed := strings.TrimRight(s.PublicEndpoint, "/"); trimmed != s.PublicEndpoint {
		o := l.get("server", "public-endpoint").origin
		l.warn(o, "server", "public-endpoint", "trailing slash removed")
		s.PublicEndpoint = trimmed
	}
	// Browsers read SameSite case-insensitively and Isso writes it
	// verbatim, so "lax" worked with Isso and must keep working.
	for _, v := range []string{"", "None", "Lax", "Strict"} {
		if strings.EqualFold(s.SameSite, v) {
			s.SameSite = v
			return
		}
	}
	l.check("server", "samesite", fmt.Errorf("invalid value %q (want None, Lax, Strict or empty)", s.SameSite))
}

// checkListen accepts http://HOST:PORT[/] and unix:///absolute/path.
func checkListen(s string) error {
	if path, ok := strings.CutPrefix(s, "unix://"); ok {
		if !strings.HasPrefix(path, "/") {
			return fmt.Errorf("invalid value %q (want unix:///absolute/path)", s)
		}
		return nil
	}
	bad := fmt.Errorf("invalid value %q (want http://HOST:PORT or unix:///path)", s)
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" || u.Hostname() == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return bad
	}
	n, err := strconv.Atoi(u.Port())
	if err != nil || checkPort(n) != nil {
		return bad
	}
	return nil
}

// checkPort requires a TCP port number.
func checkPort(n int) error {
	if n < 1 || n > 65535 {
		return fmt.Errorf("port %d out of range 1-65535", n)
	}
	return nil
}
