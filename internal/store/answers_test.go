package store

import (
	"path/filepath"
	"testing"
)

// A rebuilt comments table loses its triggers; answers stored meanwhile
// may be stale. The next open recreates the triggers and drops them all.
func TestStoredAnswers_MissingTriggerRepaired(t *testing.T) {
	path := filepath.Join(t.TempDir(), "comments.db")
	first := openTest(t, path)
	if !first.answers {
		t.Fatal("stored answers are off on a new SQLite file")
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	execScript(t, raw, `INSERT INTO threads (uri, title) VALUES ('/t', 'T');
		INSERT INTO natter_answer (tid, key, until, stored, tag, body) VALUES (1, 'k', 9, 1, '', x'00');
		DROP TRIGGER natter_answer_comment_update;`)
	second := openTest(t, path)
	if !second.answers {
		t.Fatal("stored answers are off after the repair")
	}
	triggers := scalar[int](t, second.reader, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'natter_answer_%'`)
	answers := scalar[int](t, second.reader, `SELECT count(*) FROM natter_answer`)
	if triggers != len(answerTriggers) || answers != 0 {
		t.Errorf("after the repair: %d triggers (want %d), %d stored answers (want 0)", triggers, len(answerTriggers), answers)
	}
}

// A file opened read-only stores no answers.
func TestStoredAnswers_OffReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "comments.db")
	if err := openTest(t, path).Close(); err != nil {
		t.Fatal(err)
	}
	if s := openTest(t, "file:"+path+"?mode=ro"); s.answers {
		t.Error("stored answers are on for a read-only file")
	}
}
