package importer

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	in := &input{total: 3 << 20}
	in.read.Store(1536 << 10)
	p := newProgress(&b, in)
	p.stage = "reading"
	p.tick(1200)
	p.tick(1300) // within 200 ms of the last line: not shown
	p.done()
	if got := b.String(); got != "\rreading: 1200 records, 1.5 MB of 3.0 MB   \r\033[K" {
		t.Errorf("progress wrote %q", got)
	}
	quiet := newProgress(nil, in)
	quiet.tick(1)
	quiet.done() // must not panic or write anywhere
	for n, want := range map[int64]string{512: "512 B", 2048: "2.0 kB", 5 << 30: "5.0 GB"} {
		if got := byteSize(n); !strings.EqualFold(got, want) {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
