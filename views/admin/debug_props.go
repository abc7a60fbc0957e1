package admin

import "strconv"

// Debug is the process page: what helps when tuning Natter (memory, the
// cache's budget, the database), and links to Go's profiles.
type Debug struct {
	Page
	Process  []Fact
	Cache    []Fact
	Spaces   []Space // this site's cache spaces, by name
	Database []Fact
	Profiles []Profile
}

// Fact is one labelled figure; ID names it for tests (data-testid
// "debug-<ID>").
type Fact struct {
	ID, Label, Value string
}

// Space is one cache space's share.
type Space struct {
	Name    string
	Bytes   int64
	Entries int
}

// Profile links to one of Go's profiles.
type Profile struct {
	Label, Path string
}

// ByteSize writes n bytes in binary units ("12.3 MiB"), which read the
// same in every language.
func ByteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	v, i := float64(n)/unit, 0
	for v >= unit && i < len(units)-1 {
		v /= unit
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + units[i]
}
