package buildhash

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
)

func TestSumIsTheExecutablesSHA256(t *testing.T) {
	path, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(b)
	h := New()
	h.Start()
	if got := h.Sum(); got != hex.EncodeToString(want[:]) {
		t.Fatalf("Sum = %q, want the SHA-256 of %s", got, path)
	}
	if again := New().Sum(); again != h.Sum() {
		t.Fatalf("another Hasher sums %q", again)
	}
}
