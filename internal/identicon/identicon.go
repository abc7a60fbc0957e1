// Package identicon draws Isso's identicons on the server, as SVG, from the
// same identity hash Isso's client uses, so comments keep the faces they had
// under Isso (isso-compat §3.8). The arithmetic follows JavaScript's
// parseInt, Number and % exactly, including for hashes longer than 13 hex
// digits and for values that are not hex at all.
package identicon

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Isso's defaults (data-isso-avatar-bg, data-isso-avatar-fg).
const DefaultBackground = "#f0f0f0"

// DefaultForeground are Isso's default foreground colours, in order.
var DefaultForeground = []string{"#9abf88", "#5698c4", "#e279a3", "#9163b6", "#be5168", "#f19670", "#e4bf80", "#447c69"}

// Geometry of Isso's call generate(hash, 4, 48): 4 px padding, 48 px view
// box, 5×5 grid of 8 px squares, the left three columns mirrored.
const (
	padding = 4
	size    = 48
	square  = 8
	grid    = 5
)

// Bits returns the 18-character string Isso's client derives from hash:
// pad((parseInt(hash.substr(-16), 16) % 2**18).toString(2), 18). It may
// contain "NaN" or a minus sign, exactly as in the browser.
func Bits(hash string) string {
	if n := len([]rune(hash)); n > 16 {
		// substr(-16) counts UTF-16 code units; hashes are ASCII in practice,
		// runes are close enough for anything else.
		hash = string([]rune(hash)[n-16:])
	}
	f, ok := parseIntHex(hash)
	var s string
	if !ok {
		s = "NaN"
	} else {
		m := math.Mod(f, 1<<18) // JS % on doubles is fmod
		neg := m < 0
		v := int64(math.Abs(m))
		s = strconv.FormatInt(v, 2)
		if neg {
			s = "-" + s
		}
	}
	if len(s) < 18 {
		s = strings.Repeat("0", 18-len(s)) + s
	}
	return s
}

// parseIntHex is JavaScript's parseInt(s, 16): leading white space, an
// optional sign, an optional 0x prefix, then the longest run of hex digits,
// rounded to the nearest double.
func parseIntHex(s string) (float64, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r\u00a0\ufeff\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	end := 0
	for end < len(s) && isHex(s[end]) {
		end++
	}
	if end == 0 {
		return 0, false
	}
	n, _ := new(big.Int).SetString(s[:end], 16)
	f, _ := new(big.Float).SetInt(n).Float64() // nearest, ties to even
	if neg {
		f = -f
	}
	return f, true
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// Cell is one filled square, in grid coordinates.
type Cell struct{ X, Y int }

// Pattern returns the filled cells and the foreground colour Isso's client
// picks for hash. A hash without hex digits gives no cells (a blank avatar).
func Pattern(hash string, fg []string) ([]Cell, string) {
	return pattern(Bits(hash), fg)
}

// pattern is Pattern for the bits Isso's client derived from a hash.
func pattern(bits string, fg []string) ([]Cell, string) {
	if len(fg) == 0 {
		fg = DefaultForeground
	}
	color := ""
	if i, err := strconv.ParseInt(bits[len(bits)-3:], 2, 64); err == nil {
		if k := int(i) % len(fg); k >= 0 {
			color = fg[k]
		} else {
			color = "#000" // fg[negative] is undefined; an invalid fill paints black
		}
	}
	var cells []Cell
	index := 0
	for x := 0; x < (grid+1)/2; x++ {
		for y := 0; y < grid; y++ {
			if index < len(bits) && bits[index] == '1' {
				cells = append(cells, Cell{x, y})
				if x < grid/2 {
					cells = append(cells, Cell{grid - 1 - x, y})
				}
			}
			index++
		}
	}
	return cells, color
}

// SVG renders the identicon as an inline SVG element. bg and fg default to
// Isso's colours; colours are emitted only when they look like CSS colour
// values, so configuration cannot inject markup.
func SVG(hash, bg string, fg []string) string {
	return draw(Bits(hash), bg, fg)
}

// draw renders the identicon of bits as SVG, with bg and fg checked.
func draw(bits, bg string, fg []string) string {
	if !safeColor(bg) {
		bg = DefaultBackground
	}
	var safeFG []string
	for _, c := range fg {
		if safeColor(c) {
			safeFG = append(safeFG, c)
		}
	}
	cells, color := pattern(bits, safeFG)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 48 48" preserveAspectRatio="xMinYMin meet" shape-rendering="crispEdges" aria-hidden="true" focusable="false">`)
	b.WriteString(`<rect x="0" y="0" width="56" height="56" fill="` + bg + `"/>`)
	for _, c := range cells {
		b.WriteString(`<rect x="` + strconv.Itoa(padding+c.X*square) + `" y="` + strconv.Itoa(padding+c.Y*square) +
			`" width="8" height="8" fill="` + color + `"/>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// safeColor accepts #hex, rgb()/hsl() forms and colour names.
func safeColor(c string) bool {
	if c == "" || len(c) > 64 {
		return false
	}
	for _, r := range c {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("#(),.% ", r):
		default:
			return false
		}
	}
	return true
}

// KeyLen is the length of a Key: five hex digits hold the 18 bits.
const KeyLen = 5

// Key names the identicon of hash in Isso's default colours: the 18 bits
// it is drawn from, as five lower-case hex digits, so that one image
// serves every hash that draws alike and a URL carries no more than the
// drawing. ok is false when the bits are not a plain number (a hash
// without hex digits, a sign): such identicons are drawn inline.
func Key(hash string) (key string, ok bool) {
	n, err := strconv.ParseUint(Bits(hash), 2, 18)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%05x", n), true
}

// ForKey is the SVG of the identicon named by key, in Isso's default
// colours; ok is false unless key is exactly KeyLen lower-case hex digits
// below 2^18, so that only names Key makes are ever drawn.
func ForKey(key string) (svg string, ok bool) {
	if len(key) != KeyLen {
		return "", false
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", false
		}
	}
	n, err := strconv.ParseUint(key, 16, 18)
	if err != nil {
		return "", false
	}
	return draw(fmt.Sprintf("%018b", n), DefaultBackground, nil), true
}
