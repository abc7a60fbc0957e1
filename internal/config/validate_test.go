package config

import (
	"strings"
	"testing"
)

func TestLoad_ValidValues(t *testing.T) {
	tests := []struct{ name, text string }{
		{"unix listen", "[server]\nlisten = unix:///run/natter.sock\n"},
		{"listen slash", "[server]\nlisten = http://[::1]:8080/\n"},
		{"host without scheme", "[general]\nhost =\n  example.org\n  //example.net\n"},
		{"port wildcard", "[general]\nhost = http://localhost:*\n"},
		{"ipv6 host", "[general]\nhost = https://[::1]:8443/\n"},
		{"pbkdf2 full", "[hash]\nalgorithm = pbkdf2:1000:6:sha1\n"},
		{"hash none", "[hash]\nalgorithm = none\n"},
		{"misaka", "[markup]\nrenderer = misaka\n"},
		{"postgres", "[natter]\ndatabase = postgresql://u:p@db/natter?sslmode=disable\n"},
		{"sqlite path", "[natter]\ndatabase = /var/lib/natter.db\n"},
		{"durations", "[natter]\nshutdown-timeout = 1m 30s\nbody-limit = 1048576\n[guard]\nratelimit = 2m\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mustLoad(t, withMinimal(tc.text))
		})
	}
}

func TestLoad_InvalidValues(t *testing.T) {
	tests := []struct {
		name, text, section, key, msg string
		line                          int
	}{
		{"bool", "[admin]\nenabled = maybe\n", "admin", "enabled", "invalid boolean", 4},
		{"empty bool", "[guard]\nenabled =\n", "guard", "enabled", "invalid boolean", 4},
		{"duration", minimal + "max-age = 1y\n", "general", "max-age", "invalid integer or duration", 3},
		{"int", "[smtp]\nport = 15M\n", "smtp", "port", "invalid integer", 4},
		{"port range", "[smtp]\nport = 70000\n", "smtp", "port", "out of range", 4},
		{"renderer", "[markup]\nrenderer = goldmark\n", "markup", "renderer", "invalid value", 4},
		{"security", "[smtp]\nsecurity = tls\n", "smtp", "security", "invalid value", 4},
		{"listen scheme", "[server]\nlisten = https://localhost:8080\n", "server", "listen", "want http://HOST:PORT", 4},
		{"listen no port", "[server]\nlisten = http://localhost\n", "server", "listen", "want http://HOST:PORT", 4},
		{"listen path", "[server]\nlisten = http://localhost:8080/isso\n", "server", "listen", "want http://HOST:PORT", 4},
		{"listen unix relative", "[server]\nlisten = unix://run/s\n", "server", "listen", "unix:///absolute/path", 4},
		{"samesite", "[server]\nsamesite = sometimes\n", "server", "samesite", "invalid value", 4},
		{"log-level", "[natter]\nlog-level = trace\n", "natter", "log-level", "invalid value", 4},
		{"log-format", "[natter]\nlog-format = xml\n", "natter", "log-format", "invalid value", 4},
		{"body-limit", "[natter]\nbody-limit = 0\n", "natter", "body-limit", "positive", 4},
		{"max-connections", "[natter]\nmax-connections = 0\n", "natter", "max-connections", "positive", 4},
		{"database scheme", "[natter]\ndatabase = mysql://db/x\n", "natter", "database", "unsupported", 4},
		{"shutdown negative", "[natter]\nshutdown-timeout = -3\n", "natter", "shutdown-timeout", "negative", 4},
		{"pbkdf2 iterations", "[hash]\nalgorithm = pbkdf2:many\n", "hash", "algorithm", "iterations", 4},
		{"pbkdf2 too long", "[hash]\nalgorithm = pbkdf2:1:2:sha1:x\n", "hash", "algorithm", "malformed", 4},
		{"pbkdf2 digest", "[hash]\nalgorithm = pbkdf2:1000:6:rot13\n", "hash", "algorithm", "unknown digest", 4},
		{"host url", "[general]\n\n\nhost = http://exa mple.org\n", "general", "host", "unparsable", 4},
		{"host scheme", "[general]\nhost =\n\n  http://ok.example\n  ftp://example.org\n", "general", "host", "http(s)", 2},
		{"unknown channel", "[general]\nhost = http://a.example\nnotify = stdout, carrier-pigeon\n", "general", "notify", `unknown notification channel "carrier-pigeon"`, 3},
		{"wechat without key", "[general]\nhost = http://a.example\nnotify = wechat\n", "general", "notify", `"wechat" needs [wechat] sckey`, 3},
		{"telegram without chat", "[general]\nhost = http://a.example\nnotify = telegram\n[telegram]\ntoken = t\n", "general", "notify", "chat-id", 3},
		{"webhook url", "[webhook]\nurl = ftp://x\n", "webhook", "url", "invalid URL", 4},
		{"sites-admin-password", "[natter]\nsites-admin-password = short\n", "natter", "sites-admin-password", "at least 12", 4},
		{"give-up", "[natter]\nnotify-give-up = 0\n", "natter", "notify-give-up", "positive", 4},
		{"wechat conflict", "[wechat]\ntckey = a\n\ntakey = b\n", "wechat", "tckey", "(written as takey) conflicts with tckey at line 4", 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := loadText(t, withMinimal(tc.text))
			probs := problems(t, err)
			if len(probs) != 1 {
				t.Fatalf("problems %v, want exactly one", probs)
			}
			p := probs[0]
			if p.Section != tc.section || p.Key != tc.key || p.Line != tc.line || !strings.Contains(p.Message, tc.msg) {
				t.Errorf("problem %q, want line %d [%s] %s containing %q", p, tc.line, tc.section, tc.key, tc.msg)
			}
		})
	}
}

// withMinimal adds the required host unless text is a [general] section.
func withMinimal(text string) string {
	if strings.HasPrefix(text, "[general]") {
		return text
	}
	return minimal + text
}
