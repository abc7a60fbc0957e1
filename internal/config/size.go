package config

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes of a size in bytes, binary multiples as in
// most server configurations: 64MB, 64M and 64MiB all mean 64×1024².
var sizeUnits = []struct {
	names []string
	shift uint
}{
	{[]string{"gib", "gb", "g"}, 30},
	{[]string{"mib", "mb", "m"}, 20},
	{[]string{"kib", "kb", "k"}, 10},
	{[]string{"b", ""}, 0},
}

// parseSize reads a number of bytes, optionally suffixed with B, K/KB/KiB,
// M/MB/MiB or G/GB/GiB (any case, a space allowed before the unit).
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	digits := leadingDigits(t)
	if digits == "" {
		return 0, fmt.Errorf("invalid size %q (a number of bytes, optionally with KB, MB or GB)", s)
	}
	unit := strings.TrimSpace(t[len(digits):])
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	for _, u := range sizeUnits {
		for _, name := range u.names {
			if unit != name {
				continue
			}
			if n > math.MaxInt64>>u.shift {
				return 0, fmt.Errorf("size %q is too large", s)
			}
			return n << u.shift, nil
		}
	}
	return 0, fmt.Errorf("invalid size unit in %q (use B, KB, MB or GB)", s)
}

// formatSize writes a size with the largest unit that divides it, so that
// WriteEffective's output reads back to the same value.
func formatSize(n int64) string {
	for _, u := range sizeUnits[:3] {
		if n > 0 && n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + strings.ToUpper(u.names[1])
		}
	}
	return strconv.FormatInt(n, 10)
}

// size reads a size option.
func (l *loader) size(section, key string) int64 {
	s := l.get(section, key)
	n, err := parseSize(s.text)
	if err != nil {
		l.fail(s.origin, section, key, "%v", err)
	}
	return n
}

// minCacheBudget keeps [natter] cache-budget from starving every cache:
// below it a thread of a few dozen comments no longer fits.
const minCacheBudget = 1 << 20

func checkCacheBudget(n int64) error {
	if n < minCacheBudget {
		return errors.New("must be at least 1MB (the default is 64MB)")
	}
	return nil
}
