// Command natter-seed fills a database with realistic threads for load
// tests: every thread gets the given number of comments, a third of them
// replies, 8 to 90 words each with some Markdown. It writes through the
// comment service, so the rows are exactly what the API would store.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/seedtext"
	"github.com/natter/natter/internal/site"
)

func main() {
	db := flag.String("db", "bench.db", "SQLite database to fill")
	threads := flag.Int("threads", 20, "number of threads (/bench/0, /bench/1, ...)")
	per := flag.Int("comments", 200, "comments per thread")
	flag.Parse()
	if err := seed(*db, *threads, *per); err != nil {
		fmt.Fprintln(os.Stderr, "natter-seed:", err)
		os.Exit(1)
	}
}

func seed(db string, threads, per int) error {
	cfg, _, err := config.Embedded([]string{"NATTER_GENERAL_DBPATH=" + db, "NATTER_GUARD_ENABLED=false"})
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := site.Open(ctx, cfg, site.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	for t := range threads {
		uri := fmt.Sprintf("/bench/%d", t)
		var tops []int64
		for i := range per {
			in := comment.CreateInput{URI: uri, Title: "Bench " + uri, Input: input(rng, i)}
			if i%3 == 2 && len(tops) > 0 {
				p := tops[rng.IntN(len(tops))]
				in.Parent = &p
			}
			who := comment.Actor{IP: fmt.Sprintf("10.%d.%d.1", i%200, t%200)}
			c, err := st.Comments.Create(ctx, in, who)
			if err != nil {
				return fmt.Errorf("thread %s comment %d: %w", uri, i, err)
			}
			if in.Parent == nil {
				tops = append(tops, c.ID)
			}
		}
	}
	fmt.Printf("seeded %d threads × %d comments into %s\n", threads, per, db)
	return nil
}

func input(rng *rand.Rand, i int) comment.Input {
	text := seedtext.Comment(rng, i)
	author := fmt.Sprintf("Reader %d", i)
	email := fmt.Sprintf("reader%d@example.org", i%50)
	return comment.Input{Text: &text, Author: &author, Email: &email}
}
