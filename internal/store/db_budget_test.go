package store

import "testing"

func TestReaderCacheKiB(t *testing.T) {
	for _, c := range []struct {
		total   int64
		readers int
		want    int64
	}{
		{16 << 20, 4, (16<<10 - 2000 - 5*1024) / 4}, // the default budget's quarter
		{256 << 20, 4, (256<<10 - 2000 - 5*1024) / 4},
		{0, 4, 2000},       // no share: SQLite's default
		{4 << 20, 8, 2000}, // too small a share: never below the default
		{64 << 20, 2, (64<<10 - 2000 - 3*1024) / 2},
	} {
		if got := readerCacheKiB(c.total, c.readers); got != c.want {
			t.Errorf("readerCacheKiB(%d, %d) = %d, want %d", c.total, c.readers, got, c.want)
		}
	}
}
