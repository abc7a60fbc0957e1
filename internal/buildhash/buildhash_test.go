package buildhash

import (
	"encoding/binary"
	"os/exec"
	"strings"
	"testing"
)

// Sum is the build ID the Go toolchain reports for the running binary.
func TestSumIsTheGoBuildID(t *testing.T) {
	h := New()
	h.Start()
	got := h.Sum()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to read the build ID with")
	}
	exe, err := executablePath()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if want := "go build ID " + strings.TrimSpace(string(out)); got != want {
		t.Fatalf("Sum = %q, want %q", got, want)
	}
	if again := New().Sum(); again != got {
		t.Fatalf("another Hasher gives %q", again)
	}
}

func TestNoteDesc(t *testing.T) {
	note := func(name, desc string) []byte {
		b := binary.LittleEndian.AppendUint32(nil, uint32(len(name)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(desc)))
		b = binary.LittleEndian.AppendUint32(b, 4)
		b = append(b, name...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return append(b, desc...)
	}
	for _, c := range []struct {
		note []byte
		want string
		ok   bool
	}{
		{note("Go\x00\x00", "abc/def"), "abc/def", true},
		{note("Go\x00", "id"), "id", true},
		{note("Go\x00\x00", ""), "", false},
		{note("Go\x00\x00", "abc")[:17], "", false},
		{[]byte{1, 2, 3}, "", false},
	} {
		got, ok := noteDesc(c.note, binary.LittleEndian)
		if got != c.want || ok != c.ok {
			t.Errorf("noteDesc(%q) = %q, %v; want %q, %v", c.note, got, ok, c.want, c.ok)
		}
	}
}
