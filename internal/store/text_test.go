package store

import (
	"errors"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
)

// TestCheckText: what PostgreSQL cannot hold is refused as invalid input
// (a clear 4xx), not a failed write (a 500); SQLite keeps it, as Isso's
// database does.
func TestCheckText(t *testing.T) {
	author := "Bo\x00b"
	cases := []struct {
		name    string
		d       dialect
		c       models.Comment
		invalid bool
	}{
		{"NUL in text, PostgreSQL", postgresDialect, models.Comment{Text: "a\x00b"}, true},
		{"invalid UTF-8, PostgreSQL", postgresDialect, models.Comment{Text: "a\xffb"}, true},
		{"NUL in author, PostgreSQL", postgresDialect, models.Comment{Text: "ok", Author: &author}, true},
		{"plain text, PostgreSQL", postgresDialect, models.Comment{Text: "你好 ok"}, false},
		{"NUL in text, SQLite", sqliteDialect, models.Comment{Text: "a\x00b"}, false},
	}
	for _, c := range cases {
		err := c.d.checkText(&c.c)
		var inv *comment.InvalidError
		if got := errors.As(err, &inv); got != c.invalid {
			t.Errorf("%s: invalid = %v (%v)", c.name, got, err)
		}
	}
}
