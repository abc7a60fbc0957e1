package config

import (
	"bytes"
	"strings"
	"testing"
)

// One rule for both keys: a postgres:// or postgresql:// URL selects
// PostgreSQL, another scheme is refused, anything else is a SQLite path;
// the effective configuration masks the URL's password in both.
func TestDatabase_OneRuleForBothKeys(t *testing.T) {
	for _, key := range []string{"[general]\ndbpath", "[natter]\ndatabase"} {
		t.Run(strings.SplitN(key, "\n", 2)[1], func(t *testing.T) {
			text := func(v string) string {
				if strings.HasPrefix(key, "[general]") {
					return "[general]\nhost = http://example.org\ndbpath = " + v + "\n"
				}
				return minimal + "[natter]\ndatabase = " + v + "\n"
			}
			for _, ok := range []string{"postgres://u:secret@db/natter?sslmode=disable", "postgresql://db/natter", "/var/lib/natter.db"} {
				c, _ := mustLoad(t, text(ok))
				var b bytes.Buffer
				if err := c.WriteEffective(&b); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(b.String(), ":secret@") {
					t.Errorf("%s: effective configuration shows the password:\n%s", ok, b.String())
				}
			}
			if _, _, err := loadText(t, text("mysql://db/natter")); err == nil || !strings.Contains(err.Error(), "unsupported") {
				t.Errorf("mysql:// URL: err = %v, want unsupported scheme", err)
			}
		})
	}
}
