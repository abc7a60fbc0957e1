package static

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestThemeContrast keeps every theme of the widget at WCAG 2.1 AA: 4.5:1
// for text colours on the backgrounds they are used on, 3:1 for borders
// (non-text contrast). It reads the --natter-* defaults from the source
// stylesheet, so a palette change that breaks AA fails here.
func TestThemeContrast(t *testing.T) {
	src, err := os.ReadFile("src/app.css")
	if err != nil {
		t.Fatal(err)
	}
	themes := themeBlocks(string(src))
	if len(themes) != 3 { // light, dark by preference, dark forced
		t.Fatalf("found %d theme blocks, want 3", len(themes))
	}
	pairs := []struct {
		fg, bg string
		min    float64
	}{
		{"fg", "bg", 4.5}, {"fg", "surface", 4.5},
		{"muted", "bg", 4.5}, {"muted", "surface", 4.5},
		{"accent", "bg", 4.5}, {"accent", "surface", 4.5},
		{"danger", "bg", 4.5}, {"danger", "surface", 4.5},
		{"accent-fg", "accent", 4.5},
		{"border", "bg", 3}, {"border", "surface", 3},
	}
	for selector, vars := range themes {
		for _, p := range pairs {
			ratio := contrast(t, vars[p.fg], vars[p.bg])
			if ratio < p.min {
				t.Errorf("%s: %s %s on %s %s = %.2f:1, want at least %.1f:1", selector, p.fg, vars[p.fg], p.bg, vars[p.bg], ratio, p.min)
			}
		}
	}
}

// themeBlocks maps each innermost CSS block that sets --natter-fg to its
// colour variables (names without the --natter- prefix).
func themeBlocks(css string) map[string]map[string]string {
	block := regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	decl := regexp.MustCompile(`--natter-([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;`)
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	out := map[string]map[string]string{}
	for _, m := range block.FindAllStringSubmatch(css, -1) {
		vars := map[string]string{}
		for _, d := range decl.FindAllStringSubmatch(m[2], -1) {
			vars[d[1]] = d[2]
		}
		if vars["fg"] != "" {
			out[strings.TrimSpace(m[1])] = vars
		}
	}
	return out
}

// contrast is WCAG's contrast ratio of two #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var rgb [3]float64
	for i := range rgb {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

// TestAutoThemeSeeThrough: with data-natter-theme="auto" the loader lets
// the host page show through the widget only on backgrounds where every
// text colour of the chosen palette keeps AA: at most SEE_THROUGH[0]'s
// luminance for the dark palette, at least SEE_THROUGH[1]'s for the light.
func TestAutoThemeSeeThrough(t *testing.T) {
	js, err := os.ReadFile("src/js/embed.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`SEE_THROUGH = \[([\d.]+), ([\d.]+)\]`).FindStringSubmatch(string(js))
	if m == nil {
		t.Fatal("SEE_THROUGH not found in the loader")
	}
	darkMax, _ := strconv.ParseFloat(m[1], 64)
	lightMin, _ := strconv.ParseFloat(m[2], 64)
	src, err := os.ReadFile("src/app.css")
	if err != nil {
		t.Fatal(err)
	}
	for sel, vars := range themeBlocks(string(src)) {
		dark := strings.Contains(sel, "dark") || strings.Contains(sel, "system")
		for _, k := range []string{"fg", "muted", "accent", "danger"} {
			l := luminance(t, vars[k])
			ratio := (math.Max(l, lightMin) + 0.05) / (math.Min(l, lightMin) + 0.05)
			if dark {
				ratio = (math.Max(l, darkMax) + 0.05) / (math.Min(l, darkMax) + 0.05)
			}
			if ratio < 4.5 {
				t.Errorf("%s: %s %s on the page at the see-through bound is %.2f:1", sel, k, vars[k], ratio)
			}
		}
	}
}
