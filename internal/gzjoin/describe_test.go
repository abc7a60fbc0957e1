package gzjoin

import (
	"encoding/binary"
	"fmt"
	"testing"
	"unsafe"
)

// TestDescribe_Unambiguous: two different sequences of parts never share
// a chunk key, whatever bytes the content parts hold (here, every
// sequence of up to three parts from a pool mixing content that looks
// like key bytes with kept parts).
func TestDescribe_Unambiguous(t *testing.T) {
	kept := []byte("kept-encoding-0123456789")
	type part struct {
		b    []byte
		kept bool
	}
	// mimic is content spelling "a" followed by kept[:11] the way a key
	// with lengths after the bytes would: the two must not collide.
	mimic := binary.LittleEndian.AppendUint64([]byte("a\x01k"), uint64(uintptr(unsafe.Pointer(unsafe.SliceData(kept)))))
	pool := []part{{[]byte(""), false}, {[]byte("a"), false}, {[]byte("c\x01"), false}, {[]byte("\x01k"), false},
		{mimic, false}, {kept, true}, {kept[:5], true}, {kept[:11], true}, {kept[1:], true}}
	seen := map[string]string{}
	var walk func(seq []part)
	walk = func(seq []part) {
		b := Body{}
		name := ""
		for _, p := range seq {
			b.Parts, b.Kept = append(b.Parts, p.b), append(b.Kept, p.kept)
			name += fmt.Sprintf("%q/%v/%p;", p.b, p.kept, p.b)
		}
		key := string(b.describe(nil, 0, len(seq)))
		if other, ok := seen[key]; ok && other != name {
			t.Fatalf("%s and %s share a key", other, name)
		}
		seen[key] = name
		if len(seq) < 3 {
			for _, p := range pool {
				walk(append(seq[:len(seq):len(seq)], p))
			}
		}
	}
	walk(nil)
}
