package markup

import "testing"

// benchComment is a typical comment of about 90 words.
const benchComment = `Thanks for the **detailed** write-up! I tried the *second* approach on
my own server and it worked, though I had to tweak one thing:

> the cache needs to be cleared after the upgrade

Steps that helped me:

1. stop the service with ` + "`systemctl stop isso`" + `
2. back up the database file
3. run the migration, then start it again

See [the docs](https://example.org/docs/upgrade) for details, and
~~ignore~~ skip the old advice about H~2~O cooling. One more question:
does this also apply when running behind a reverse proxy on a sub-path?`

func BenchmarkRender(b *testing.B) {
	r := mustNew(b, mistuneDefaults)
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Render(benchComment)
	}
}
