// Package seedtext writes the comment texts of load-test databases
// (cmd/natter-seed, cmd/natter-bench): 8 to 90 words, with bold, a link or
// code in three comments of four, so rendering costs what real Markdown
// costs.
package seedtext

import (
	"math/rand/v2"
	"strings"
)

var words = strings.Fields(`the a comment thread blog post reply static site server markdown
	quick brown fox jumps over lazy dog natter isso works fine thanks for writing this
	really useful article I tried it and it worked great on my machine but not on the
	other one because of the proxy configuration`)

// Comment is the text of the i-th comment, drawn from rng.
func Comment(rng *rand.Rand, i int) string {
	n := 8 + rng.IntN(83)
	parts := make([]string, n)
	for j := range parts {
		parts[j] = words[rng.IntN(len(words))]
	}
	switch i % 4 {
	case 0:
		parts[0] = "**" + parts[0] + "**"
	case 1:
		parts[n/2] = "[link](https://example.org/" + parts[n/2] + ")"
	case 2:
		parts[n-1] = "`" + parts[n-1] + "`"
	}
	return strings.Join(parts, " ")
}
