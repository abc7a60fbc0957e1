package importer

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// writeDisqusExport writes a Disqus export of n comments over n/20 pages,
// a third of them replies, a few deleted or spam.
func writeDisqusExport(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, `<?xml version="1.0"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">`)
	for t := 0; t < n/20+1; t++ {
		fmt.Fprintf(bw, `<thread dsq:id="t%d"><link>https://example.org/posts/%d/</link><title>Post %d</title></thread>`, t, t, t)
	}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(bw, `<post dsq:id="%d"><message><![CDATA[<p>Comment %d: a sentence or two of text, `+
			`with <b>some</b> markup &amp; a <a href="https://example.org/">link</a>.</p>]]></message>`+
			`<createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>%t</isDeleted><isSpam>%t</isSpam>`+
			`<author><name>User %d</name><email>u%d@example.org</email></author>`+
			`<ipAddress>198.51.100.%d</ipAddress><thread dsq:id="t%d"/>%s</post>`,
			i, i, i%50 == 0, i%97 == 0, i%500, i%500, i%250, i/20, parentRef(i))
	}
	fmt.Fprint(bw, `</disqus>`)
	return bw.Flush()
}

// BenchmarkImportDisqus imports a generated 100,000-comment export into
// an empty database (docs/import.md records the figures). Set
// NATTER_BENCH_EXPORT to keep the generated file for a run of the binary.
func BenchmarkImportDisqus(b *testing.B) {
	path := os.Getenv("NATTER_BENCH_EXPORT")
	if path == "" {
		path = filepath.Join(b.TempDir(), "disqus.xml")
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("NATTER_BENCH_N")); err == nil {
		n = v
	}
	if err := writeDisqusExport(f, n); err != nil {
		b.Fatal(err)
	}
	f.Close()
	for b.Loop() {
		b.StopTimer()
		st := newStore(b)
		b.StartTimer()
		sum, err := Run(context.Background(), st, Options{Path: path})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Total()), "comments")
	}
}
