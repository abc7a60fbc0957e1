package voters

import (
	"bytes"
	"testing"
)

func TestProbes(t *testing.T) {
	// Vectors from isso-compat.md §5.9.
	tests := []struct {
		addr string
		want [NumProbes]int
	}{
		{"192.168.1.0", [NumProbes]int{192, 1790, 751, 1682, 2026, 1934, 834, 485, 868, 891, 1286}},
		{"127.0.0.0", [NumProbes]int{142, 1559, 1687, 1944, 678, 139, 195, 413, 641, 1110, 1516}},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			if got := Probes(tc.addr); got != tc.want {
				t.Errorf("Probes(%q) = %v, want %v", tc.addr, got, tc.want)
			}
		})
	}
}

func TestFilter_Membership(t *testing.T) {
	author := New("192.168.1.0")
	tests := []struct {
		name string
		f    Filter
		addr string
		want bool
	}{
		{"author is in own filter", author, "192.168.1.0", true},
		{"other address is not", author, "127.0.0.0", false},
		{"empty BLOB is an empty filter", FromBytes(nil), "192.168.1.0", false},
		{"stored bytes round-trip", FromBytes(author.Bytes()), "192.168.1.0", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Contains(tc.addr); got != tc.want {
				t.Errorf("Contains(%q) = %v, want %v", tc.addr, got, tc.want)
			}
		})
	}
}

func TestFilter_BitLayout(t *testing.T) {
	// Probe p sets bit p%8 of byte p/8, as Isso's bytearray does.
	f := New("127.0.0.0")
	want := make([]byte, Size)
	for _, p := range Probes("127.0.0.0") {
		want[p/8] |= 1 << (p % 8)
	}
	if !bytes.Equal(f.Bytes(), want) {
		t.Error("bit layout differs from Isso's")
	}
	// Probes 142 and 139 both land in byte 17 (bits 6 and 3).
	if got := f.Bytes()[17]; got != 0b01001000 {
		t.Errorf("byte 17 = %08b, want 01001000", got)
	}
}

func TestFilter_AddThenContains(t *testing.T) {
	f := New("192.168.1.0")
	if f.Contains("127.0.0.0") {
		t.Fatal("127.0.0.0 unexpectedly present")
	}
	f.Add("127.0.0.0")
	for _, addr := range []string{"192.168.1.0", "127.0.0.0"} {
		if !f.Contains(addr) {
			t.Errorf("%s missing after Add", addr)
		}
	}
}

func TestFilter_BytesIsACopy(t *testing.T) {
	f := New("192.168.1.0")
	b := f.Bytes()
	clear(b)
	if !f.Contains("192.168.1.0") {
		t.Error("mutating Bytes() changed the filter")
	}
}

func TestFromBytes_ChainsWithoutVariable(t *testing.T) {
	// Stored BLOBs are usually checked in one expression.
	if !FromBytes(New("127.0.0.0").Bytes()).Contains("127.0.0.0") {
		t.Error("round trip through Bytes lost the address")
	}
}
