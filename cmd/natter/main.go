// Command natter is a self-hosted comment server, a successor of Isso.
package main

import (
	"os"

	"github.com/natter/natter/internal/cli"
)

// Set at link time: -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = ""
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Environ(), os.Stdout, os.Stderr, cli.Build{Version: version, Commit: commit}))
}
