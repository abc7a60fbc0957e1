package config

import (
	"slices"
	"testing"
	"time"
)

func TestParseIssoInt(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"15m", 900, false},
		{"1h30m", 5400, false},
		{"1h 30m", 5400, false},
		{"3h45m12s", 13512, false},
		{"30d", 2592000, false},
		{"2w 3d", 1468800, false},
		{"90", 90, false},
		{"30m1h", 1800, false},
		{"0", 0, false},
		{"-5", -5, false},
		{"1h30", 3600, false}, // trailing text is ignored
		{"1y", 0, true},
		{"15M", 0, true},
		{"0m", 0, true}, // zero duration falls back to int("0m")
		{"", 0, true},
		{"abc", 0, true},
		{"99999999999999999999w", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseIssoInt(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseIssoInt(%q) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("parseIssoInt(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseSeconds_RejectsNegative(t *testing.T) {
	if _, err := parseSeconds("-1"); err == nil {
		t.Error("parseSeconds(-1) succeeded")
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{"1", true, false}, {"yes", true, false}, {"TRUE", true, false}, {"On", true, false},
		{"0", false, false}, {"no", false, false}, {"False", false, false}, {"OFF", false, false},
		{"", false, true}, {"y", false, true}, {"2", false, true}, {"enabled", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseBool(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseBool(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{" a , b,c ", []string{"a", "b", "c"}},
		{"a,,b", []string{"a", "b"}},
		{"a\nb", []string{"a\nb"}},
	}
	for _, tc := range tests {
		if got := splitList(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"http://a, http://b", []string{"http://a, http://b"}}, // commas do not split
		{"a\n\n  b  \n", []string{"a", "b"}},
	}
	for _, tc := range tests {
		if got := splitLines(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFormatSeconds_RoundTrips(t *testing.T) {
	tests := map[time.Duration]string{
		0: "0", 10 * time.Second: "10s", 15 * time.Minute: "15m",
		90 * time.Minute: "1h 30m", 30 * 24 * time.Hour: "30d", 14 * 24 * time.Hour: "2w",
	}
	for d, want := range tests {
		got := formatSeconds(d)
		if got != want {
			t.Errorf("formatSeconds(%v) = %q, want %q", d, got, want)
		}
		if back, err := parseSeconds(got); err != nil || back != d {
			t.Errorf("parseSeconds(%q) = %v, %v; want %v", got, back, err, d)
		}
	}
}
