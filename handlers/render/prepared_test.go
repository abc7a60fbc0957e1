package render

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestPrepareRoundTrip: a prepared body's gzip form decompresses to the
// body, below and above the size where Prepare switches to BestSpeed, and
// the default level makes markup smaller than Compress does.
func TestPrepareRoundTrip(t *testing.T) {
	item := `<li id="natter-item-%d" class="nt-item" data-testid="comment-item"><article class="nt-card">text</article></li>`
	for _, n := range []int{100, 5000} {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Replace(item, "%d", string(rune('a'+i%26)), 1))
		}
		body := []byte(b.String())
		p := Prepare(body)
		zr, err := gzip.NewReader(bytes.NewReader(p.Gzip))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("%d bytes: round trip differs (%v)", len(body), err)
		}
		if len(body) <= preparedLevelMax && len(p.Gzip) >= len(Compress(body)) {
			t.Errorf("%d bytes: prepared gzip %d, not smaller than BestSpeed's %d", len(body), len(p.Gzip), len(Compress(body)))
		}
	}
}
