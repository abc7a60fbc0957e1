package config

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"67108864", 64 << 20, false},
		{"64MB", 64 << 20, false},
		{"64 mb", 64 << 20, false},
		{"64M", 64 << 20, false},
		{"64MiB", 64 << 20, false},
		{"512KB", 512 << 10, false},
		{"2G", 2 << 30, false},
		{"100B", 100, false},
		{"", 0, true},
		{"MB", 0, true},
		{"-1MB", 0, true},
		{"64TB", 0, true},
		{"1.5MB", 0, true},
		{"99999999999GB", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestFormatSize_RoundTrips(t *testing.T) {
	for _, n := range []int64{64 << 20, 1 << 30, 3 << 10, 1000, 1<<20 + 1} {
		got, err := parseSize(formatSize(n))
		if err != nil || got != n {
			t.Errorf("%d → %q → %d, %v", n, formatSize(n), got, err)
		}
	}
	if s := formatSize(64 << 20); s != "64MB" {
		t.Errorf("formatSize(64MiB) = %q", s)
	}
}

func TestCacheBudget(t *testing.T) {
	c, _ := mustLoad(t, minimal)
	if c.Natter.CacheBudget != 64<<20 {
		t.Errorf("default cache budget %d, want 64MB", c.Natter.CacheBudget)
	}
	c, _ = mustLoad(t, minimal+"[natter]\ncache-budget = 16MB\n")
	if c.Natter.CacheBudget != 16<<20 {
		t.Errorf("cache-budget = 16MB read as %d", c.Natter.CacheBudget)
	}
	for _, bad := range []string{"lots", "100KB"} {
		_, _, err := loadText(t, minimal+"[natter]\ncache-budget = "+bad+"\n")
		if err == nil || !strings.Contains(err.Error(), "cache-budget") {
			t.Errorf("cache-budget = %s: error %v", bad, err)
		}
	}
}
