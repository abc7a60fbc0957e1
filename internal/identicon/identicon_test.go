package identicon

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
)

// Expected values computed with the browser expression
// (parseInt(h.substr(-16), 16) % Math.pow(2, 18)).toString(2).
func TestBits(t *testing.T) {
	cases := []struct{ hash, want string }{
		{"4505c1eeda98", pad18(0x4505c1eeda98 % (1 << 18))},
		{"0", "000000000000000000"},
		{"zz", "000000000000000NaN"},
		{"", "000000000000000NaN"},
		{"12zz", pad18(0x12)},
		{"-1", "0000000000000000-1"},
		// 16 hex digits exceed 2^53: rounded to a double first.
		{"ffffffffffffffff", "000000000000000000"},
		{"abcdef0123456789abc", bitsOfDouble("def0123456789abc")},
	}
	for _, c := range cases {
		if got := Bits(c.hash); got != c.want {
			t.Errorf("Bits(%q) = %s, want %s", c.hash, got, c.want)
		}
	}
}

func pad18(v int64) string {
	s := ""
	for i := 17; i >= 0; i-- {
		if v&(1<<i) != 0 {
			s += "1"
		} else {
			s += "0"
		}
	}
	return s
}

// bitsOfDouble: 0xdef0123456789abc as the nearest double is
// 0xdef0123456789800 (the low 11 bits are lost), mod 2^18 = 0x09800.
func bitsOfDouble(string) string { return pad18(0x09800) }

func TestPatternMirrorsAndColour(t *testing.T) {
	// bits 111110000000000011: first column full, colour index 3.
	hash := "3e003"
	cells, color := Pattern(hash, nil)
	if color != DefaultForeground[3] {
		t.Errorf("colour = %s", color)
	}
	want := map[Cell]bool{}
	for y := 0; y < 5; y++ {
		want[Cell{0, y}], want[Cell{4, y}] = true, true
	}
	if len(cells) != len(want) {
		t.Fatalf("cells = %v", cells)
	}
	for _, c := range cells {
		if !want[c] {
			t.Errorf("unexpected cell %v", c)
		}
	}
}

func TestSVG(t *testing.T) {
	svg := SVG("4505c1eeda98", "", nil)
	if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, `viewBox="0 0 48 48"`) || !strings.Contains(svg, DefaultBackground) {
		t.Errorf("svg = %s", svg)
	}
	if blank := SVG("not hex", "", nil); strings.Count(blank, "<rect") != 1 {
		t.Errorf("non-hex hash must give a blank avatar: %s", blank)
	}
	if s := SVG("0", `"><script>`, []string{`red"/>`}); strings.Contains(s, "script") || strings.Contains(s, `red"`) {
		t.Errorf("unsafe colours passed through: %s", s)
	}
}

// TestKeyDrawsTheSameIdenticon: the image a key names is the identicon of
// every hash that has that key, for hashes of every length Natter makes.
func TestKeyDrawsTheSameIdenticon(t *testing.T) {
	hashes := []string{"4505c1eeda98", "0", "ffffffffffffffff", "abcdef0123456789abc",
		"d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "0x1f", " 12zz", "3e003"}
	for i := 0; i < 500; i++ {
		hashes = append(hashes, fmt.Sprintf("%x", sha256.Sum256([]byte{byte(i), byte(i >> 8)}))[:2+i%60])
	}
	for _, h := range hashes {
		key, ok := Key(h)
		if !ok || len(key) != KeyLen {
			t.Fatalf("Key(%q) = %q, %v", h, key, ok)
		}
		svg, ok := ForKey(key)
		if !ok || svg != SVG(h, "", nil) {
			t.Errorf("ForKey(Key(%q)) draws another identicon than SVG:\n%s\n%s", h, svg, SVG(h, "", nil))
		}
	}
}

func TestKeyRefusesWhatIsNotANumber(t *testing.T) {
	for _, h := range []string{"", "zz", "-1", "not hex"} {
		if key, ok := Key(h); ok {
			t.Errorf("Key(%q) = %q, want none (drawn inline)", h, key)
		}
	}
}

func TestForKeyTakesOnlyKeys(t *testing.T) {
	if _, ok := ForKey("3ffff"); !ok {
		t.Error("ForKey(3ffff) refused")
	}
	for _, k := range []string{"", "0", "0000", "000000", "40000", "fffff", "3FFFF", "+1234", " 1234", "0x123", "1234g", "../..", "%2e%2e"} {
		if svg, ok := ForKey(k); ok {
			t.Errorf("ForKey(%q) drew %s", k, svg)
		}
	}
}
