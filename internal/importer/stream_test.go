package importer

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// TestStreaming_LargeExportIsNotHeldInMemory feeds a generated 50 MB
// export through a pipe (it never exists as a whole) and checks that the
// heap stays far below the export's size while the first pass reads it.
func TestStreaming_LargeExportIsNotHeldInMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 50 MB")
	}
	const size = 50 << 20
	tests := []struct {
		name string
		p    parser
		gen  func(w io.Writer, size int) error
	}{
		{"disqus", &disqus{}, genDisqus},
		{"artalk", artalk{}, genArtalk},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			go func() { pw.CloseWithError(tc.gen(pw, size)) }()
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			plan, peak, n := newPlanner(), uint64(0), 0
			err := tc.p.parse(pr, func(r *Record) error {
				n++
				plan.add(r, r.ID)
				if n%2000 == 0 {
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapAlloc)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			grown := int64(peak) - int64(base.HeapAlloc)
			t.Logf("%d records, heap grew by at most %.1f MB", n, float64(grown)/(1<<20))
			if n < 10000 || grown > size/4 {
				t.Errorf("%d records read; heap grew by %d bytes for a %d-byte export", n, grown, size)
			}
		})
	}
}

// body is a 2 kB comment, so 50 MB is about 25,000 of them.
var body = strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 36)

func genDisqus(w io.Writer, size int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, `<?xml version="1.0"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">`)
	fmt.Fprint(bw, `<thread dsq:id="1"><link>https://example.org/big/</link><title>Big</title></thread>`)
	for i, n := 1, 0; n < size; i++ {
		k, err := fmt.Fprintf(bw, `<post dsq:id="%d"><message><![CDATA[<p>%s</p>]]></message>`+
			`<createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>`+
			`<author><name>User %d</name><email>u%d@example.org</email></author><thread dsq:id="1"/>%s</post>`,
			i, body, i, i, parentRef(i))
		if err != nil {
			return err
		}
		n += k
	}
	fmt.Fprint(bw, `</disqus>`)
	return bw.Flush()
}

func parentRef(i int) string {
	if i%3 == 0 {
		return fmt.Sprintf(`<parent dsq:id="%d"/>`, i-1)
	}
	return ""
}

func genArtalk(w io.Writer, size int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, "[")
	for i, n := 1, 0; n < size; i++ {
		sep := ","
		if i == 1 {
			sep = ""
		}
		k, err := fmt.Fprintf(bw, `%s{"id":"%d","rid":"%d","content":%q,"nick":"User","created_at":"2021-10-28 20:50:15 +0800 +0800","page_key":"/big/"}`,
			sep, i, i/2, body)
		if err != nil {
			return err
		}
		n += k
	}
	fmt.Fprint(bw, "]")
	return bw.Flush()
}
